/**
 * Runs the flow: applies events to the pure machine, saves every new state, and performs the side
 * effect each state calls for (start the session, upload what is not uploaded yet, poll the
 * verification). Because the effect is chosen from the state alone, a reload resumes exactly
 * where the applicant was, and files already uploaded are never sent again.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DeclaredFile, Side } from '../api/contract.js';
import { ApiError } from '../api/errors.js';
import { sleep, type BelticClient, type CreatedVerification, type VerificationState } from '../api/client.js';
import { uploadFile } from '../upload/upload-file.js';
import { UploadError, type UploadProgress } from '../upload/put-presigned.js';
import type { FlowStore } from '../persistence/flow-store.js';
import {
  initialState,
  isFinished,
  liveBlobKeys,
  transition,
  type CapturedImage,
  type FlowError,
  type FlowEvent,
  type FlowState,
  type Outcome,
} from './machine.js';
import { outcomeForSession } from './outcome.js';

export interface FlowCallbacks {
  /** After every transition that changed the state. */
  changed(state: FlowState, previous: FlowState | null): void;
  uploadProgress(side: Side, progress: UploadProgress): void;
  failed(error: FlowError, message: string): void;
  /** When the session has started in this widget (first time or on resume). */
  sessionStarted?(): void;
  /** Right before the verification is created: the final submit. */
  submitting?(): void;
}

export interface FlowTiming {
  /** First poll delay; grows by half each poll up to `pollMaxMs`. */
  pollStartMs: number;
  pollMaxMs: number;
  /** Give up polling (retryable error) after this long. */
  pollLimitMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const DEFAULT_TIMING: FlowTiming = { pollStartMs: 800, pollMaxMs: 5000, pollLimitMs: 180_000, sleep };

/** Every key of a session starts with its prefix, so one `wipe(prefix)` removes all it stored. */
const sessionPrefix = (sessionId: string) => `${sessionId}:`;
const stateKey = (sessionId: string) => `${sessionPrefix(sessionId)}flow`;
const blobPrefix = (sessionId: string) => `${sessionPrefix(sessionId)}blob:`;

export class FlowController implements ReactiveController {
  state: FlowState | null = null;
  private effectKey: string | null = null;
  private effectAbort: AbortController | null = null;
  private connected = false;
  private readonly timing: FlowTiming;
  /** The create answer, used once by the poll: where Beltic answers synchronously it is the outcome. */
  private createdVerification: CreatedVerification | null = null;
  /** Presigned URLs live in memory only: after a reload a fresh one is asked for. */
  private uploadUrls = new Map<Side, string>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly client: BelticClient,
    private readonly store: FlowStore,
    private readonly callbacks: FlowCallbacks,
    timing: Partial<FlowTiming> = {},
  ) {
    this.timing = { ...DEFAULT_TIMING, ...timing };
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.runEffect();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stopEffect();
  }

  /** Loads the saved state for this session, or begins a fresh one. */
  async open(sessionId: string): Promise<void> {
    this.stopEffect();
    const saved = await this.store.load<FlowState>(stateKey(sessionId));
    const state = saved && saved.version === 1 && saved.sessionId === sessionId && !isFinished(saved) ? saved : initialState(sessionId);
    // A resumed flow re-runs its step's effect afresh: the error it may have stopped on is stale.
    this.commit({ ...state, error: null, step: resumeStep(state) }, null);
  }

  dispatch(event: FlowEvent): void {
    if (!this.state) return;
    const next = transition(this.state, event);
    if (next !== this.state) this.commit(next, this.state);
  }

  /** Keeps a chosen or captured image in IndexedDB and moves to its review. */
  async addImage(side: Side, blob: Blob, image: Omit<CapturedImage, 'blobKey'>): Promise<void> {
    if (!this.state) return;
    const blobKey = `${blobPrefix(this.state.sessionId)}${side}:${crypto.randomUUID()}`;
    await this.store.saveBlob(blobKey, blob);
    this.dispatch({ type: 'image_captured', side, image: { ...image, blobKey } });
  }

  imageBlob(image: CapturedImage): Promise<Blob | null> {
    return this.store.loadBlob(image.blobKey);
  }

  retry(): void {
    this.dispatch({ type: 'retry' });
    this.effectKey = null;
    this.runEffect();
  }

  /** Ends the flow here: stops work and wipes everything this session stored. */
  async close(outcome: Outcome): Promise<void> {
    this.stopEffect();
    this.dispatch({ type: 'session_closed', outcome });
    await this.saved();
  }

  /** Forgets this session's progress and starts over at the intro. */
  async reset(): Promise<void> {
    const sessionId = this.state?.sessionId;
    this.stopEffect();
    if (!sessionId) return;
    await this.saved();
    await this.store.wipe(sessionPrefix(sessionId));
    this.state = null;
    await this.open(sessionId);
  }

  // ------------------------------------------------------------ state

  private commit(next: FlowState, previous: FlowState | null): void {
    this.state = next;
    this.host.requestUpdate();
    this.callbacks.changed(next, previous);
    // Writes are chained so that a later state can never be overwritten by an earlier one.
    this.saving = this.saving
      .then(() => (isFinished(next) ? this.store.wipe(sessionPrefix(next.sessionId)) : this.persist(next, previous)))
      .catch(() => undefined);
    this.runEffect();
  }

  /** Resolves when every state so far is on disk (or wiped); tests and `close()` wait for it. */
  async saved(): Promise<void> {
    await this.saving;
  }

  private saving: Promise<unknown> = Promise.resolve();

  private async persist(next: FlowState, previous: FlowState | null): Promise<void> {
    await this.store.save(stateKey(next.sessionId), next);
    // Images leave the store as soon as no state refers to them (uploaded or retaken).
    if (previous) {
      const live = new Set(liveBlobKeys(next));
      for (const key of liveBlobKeys(previous)) if (!live.has(key)) await this.store.deleteBlob(key);
    }
  }

  // ------------------------------------------------------------ effects

  private runEffect(): void {
    const state = this.state;
    if (!this.connected || !state || state.error) return;
    const key = effectKeyOf(state);
    if (key === this.effectKey) return;
    this.stopEffect();
    if (!key) return;
    this.effectKey = key;
    const abort = new AbortController();
    this.effectAbort = abort;
    const work = key === 'starting' ? this.start(abort.signal) : key === 'uploading' ? this.upload(abort.signal) : this.poll(abort.signal);
    work
      .catch((error: unknown) => this.fail(error, abort.signal))
      .finally(() => {
        if (this.effectAbort === abort) {
          this.effectAbort = null;
          this.effectKey = null;
          // The effect may have dispatched while it was still the current one: pick up what is next.
          if (!abort.signal.aborted) this.runEffect();
        }
      });
  }

  private stopEffect(): void {
    this.effectAbort?.abort();
    this.effectAbort = null;
    this.effectKey = null;
  }

  private async start(signal: AbortSignal): Promise<void> {
    const state = this.state!;
    const status = await this.client.startSession(state.sessionId, signal);
    if (signal.aborted) return;
    const outcome = outcomeForSession(status);
    if (outcome) return this.finish(outcome, signal);
    this.callbacks.sessionStarted?.();
    this.dispatch({ type: 'session_started' });
  }

  private async upload(signal: AbortSignal): Promise<void> {
    let state = this.state!;
    if (!state.document) {
      const declared = Object.entries(state.captures).map(([side, image]) => declaredFile(side as Side, image!));
      const created = await this.client.createDocument(state.sessionId, state.documentType!, state.issuingCountry!, declared, signal);
      const files: Partial<Record<Side, string>> = {};
      const urls = new Map<Side, string>();
      created.uploads.forEach((upload, index) => {
        // The server says which side each file is; the declaration order is the fallback.
        const side = (created.sides.get(upload.file_id) ?? declared[index]?.side) as Side;
        files[side] = upload.file_id;
        urls.set(side, upload.url);
      });
      this.uploadUrls = urls;
      this.dispatch({ type: 'document_created', documentId: created.documentId, files });
      state = this.state!;
    }

    for (const side of Object.keys(state.document!.files) as Side[]) {
      if (signal.aborted) return;
      if (state.document!.files[side]!.uploaded) continue;
      await this.uploadSide(side, signal);
      state = this.state!;
    }

    if (!state.submitted) {
      await this.client.submitDocument(state.document!.id, signal);
      this.dispatch({ type: 'document_submitted' });
      state = this.state!;
    }
    this.callbacks.submitting?.();
    const created = await this.client.createVerification(state.document!.id, state.sessionId, signal);
    this.createdVerification = created;
    this.dispatch({ type: 'verification_created', verificationId: created.id });
  }

  private async uploadSide(side: Side, signal: AbortSignal): Promise<void> {
    const state = this.state!;
    const image = state.captures[side];
    const blob = image ? await this.store.loadBlob(image.blobKey) : null;
    if (!image || !blob) throw new FlowFailure({ code: 'image_lost', retryable: false }, 'The photo could not be found on this device. Please take it again.');
    const declared = declaredFile(side, image);
    const documentId = state.document!.id;
    const freshUrl = async () => {
      const upload = await this.client.addFile(documentId, declared, signal);
      this.dispatch({ type: 'file_url_replaced', side, fileId: upload.file_id });
      return upload.url;
    };
    const url = this.uploadUrls.get(side) ?? (await freshUrl());
    await uploadFile({
      url,
      body: blob,
      contentType: image.contentType,
      signal,
      refreshUrl: freshUrl,
      onProgress: (progress) => this.callbacks.uploadProgress(side, progress),
    });
    this.uploadUrls.delete(side);
    this.dispatch({ type: 'file_uploaded', side });
  }

  private async poll(signal: AbortSignal): Promise<void> {
    const step = this.state!.step;
    if (step.name !== 'verifying') return;
    const { sessionId } = this.state!;
    const started = Date.now();
    let delay = this.timing.pollStartMs;
    for (;;) {
      const verification = this.createdAnswer(step.verificationId) ?? (await this.client.verification(step.verificationId, sessionId, signal));
      // The session has the last word: a passed check can still be routed to review.
      const sessionStatus = verification?.status === 'initiated' ? null : await this.client.sessionStatus(sessionId, signal);
      const outcome = sessionStatus && outcomeForSession(sessionStatus);
      if (verification && verification.status !== 'initiated') {
        if (outcome && verification.status !== 'requires_retry') return this.finish(outcome, signal);
        this.dispatch({ type: 'verification_finished', status: verification.status, reasons: verification.reasons });
        return;
      }
      // Where the API offers no read of the verification, the session tells: final is the outcome,
      // open again (no longer `pending`) means the document must be captured again.
      if (!verification && outcome) return this.finish(outcome, signal);
      if (!verification && sessionStatus !== 'pending') {
        this.dispatch({ type: 'verification_finished', status: 'requires_retry', reasons: [] });
        return;
      }
      if (Date.now() - started > this.timing.pollLimitMs) {
        throw new FlowFailure({ code: 'verification_timeout', retryable: true }, 'The verification is taking longer than expected.');
      }
      await this.timing.sleep(delay, signal);
      delay = Math.min(this.timing.pollMaxMs, delay * 1.5);
    }
  }

  private createdAnswer(verificationId: string): VerificationState | null {
    const created = this.createdVerification;
    this.createdVerification = null;
    return created?.id === verificationId && created.status !== 'initiated' ? created : null;
  }

  private async finish(outcome: Outcome, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    this.dispatch({ type: 'session_closed', outcome });
  }

  private async fail(error: unknown, signal: AbortSignal): Promise<void> {
    if (signal.aborted || !this.state) return;
    // A 409 means the session closed under us (expired, decided): show why instead of an error.
    if (error instanceof ApiError && error.code === 'conflict') {
      const status = await this.client.sessionStatus(this.state.sessionId, signal).catch(() => null);
      const outcome = status ? outcomeForSession(status) : null;
      if (outcome) return this.finish(outcome, signal);
    }
    const failure = toFailure(error);
    this.dispatch({ type: 'failed', error: failure.error });
    this.callbacks.failed(failure.error, failure.message);
  }
}

/** A failure with the code and words the applicant and the host page will see. */
export class FlowFailure extends Error {
  constructor(
    readonly error: FlowError,
    message: string,
  ) {
    super(message);
  }
}

function toFailure(error: unknown): FlowFailure {
  if (error instanceof FlowFailure) return error;
  if (error instanceof ApiError) return new FlowFailure({ code: error.code, retryable: error.retryable || error.code === 'malformed_response' }, error.message);
  if (error instanceof UploadError) {
    const retryable = error.transient;
    return new FlowFailure({ code: retryable ? 'upload_failed' : 'upload_rejected', retryable }, error.message);
  }
  return new FlowFailure({ code: 'unexpected', retryable: true }, error instanceof Error ? error.message : String(error));
}

/** How a captured image is declared to the API, so the presigned URL is bound to its exact bytes. */
function declaredFile(side: Side, image: CapturedImage): DeclaredFile {
  const extension = image.contentType === 'image/png' ? 'png' : image.contentType === 'image/webp' ? 'webp' : 'jpg';
  return { filename: `${side}.${extension}`, content_type: image.contentType, byte_size: image.byteSize, checksum: image.checksum, side };
}

/** Which effect a state calls for; null when it waits for the applicant. */
function effectKeyOf(state: FlowState): string | null {
  switch (state.step.name) {
    case 'starting':
    case 'uploading':
      return state.step.name;
    case 'verifying':
      return `verifying:${state.step.verificationId}`;
    default:
      return null;
  }
}

/** A resumed flow starts by re-checking its session; steps with their own effect re-run it. */
function resumeStep(state: FlowState): FlowState['step'] {
  return state.step.name === 'intro' ? { name: 'starting' } : state.step;
}
