/**
 * Runs the flow: applies events to the pure machine, saves every new state, and performs the side
 * effect each state calls for (start the session, upload what is not uploaded yet, poll the
 * verification). Because the effect is chosen from the state alone, a reload resumes exactly
 * where the applicant was, and files already uploaded are never sent again.
 *
 * It owns what the flow needs: the session's storage scope (storage/), the preparation of every
 * image a capture source hands it (upload/prepare-image.ts), and the work once the photos are in
 * (the uploads and the verification: submission.ts, loaded then). Whoever follows the flow (the
 * element's rendering, the signals, the preview, the camera) listens to its notices.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Side } from '../api/contract.js';
import { ApiError } from '../api/errors.js';
import { sleep, type BelticClient } from '../api/client.js';
import type { PreparedImage } from '../upload/prepare-image.js';
import type { CheckedPhoto, PhotoExpectation } from '../upload/check-photo.js';
import { carriesAamvaBarcode } from '../document/barcode-rule.js';
import type { PhotoProblem } from '../frame/photo-check.js';
import type { SessionScope, WidgetStorage } from '../storage/widget-storage.js';
import {
  initialState,
  isFinished,
  liveBlobKeys,
  restoredState,
  transition,
  type CapturedImage,
  type FlowError,
  type FlowEvent,
  type FlowState,
  type Outcome,
} from './machine.js';
import { outcomeForSession } from './outcome.js';
import { SessionLock } from './session-lock.js';
import { SessionWatch } from './session-watch.js';
import { FlowFailure, toFailure } from './failure.js';
import type { FlowTiming, Submission, SubmittingFlow } from './submission.js';

/** What the flow tells those who follow it. */
export type FlowNotice =
  /** After every transition that changed the state. */
  | { type: 'changed'; state: FlowState; previous: FlowState | null }
  | { type: 'upload_progress'; side: Side; loaded: number; total: number; percent: number; previousPercent: number }
  /** The flow stopped on an error (shown with "Try again" or "Start over"). */
  | { type: 'failed'; error: FlowError; message: string }
  /** An image a capture source handed over could not be used (not a photo, unreadable); the step stays. */
  | { type: 'image_refused'; side: Side; code: string; message: string }
  /** A photo failed the checks before upload (`photoCheck` says why); the step stays. */
  | { type: 'photo_refused'; check: PhotoCheck }
  /** The session has started in this widget (first time, on resume, or after a start over). */
  | { type: 'session_started'; client: BelticClient; scope: SessionScope }
  /** Right before the verification is created: the final submit. */
  | { type: 'submitting' }
  /** The flow reached its result and nothing of it is left in this browser's storage. */
  | { type: 'finished'; sessionId: string; outcome: Outcome }
  /** Another tab holds the session: this one shows no step until it takes over (`elsewhere`). */
  | { type: 'elsewhere' }
  /**
   * The flow let go of its session for another one (`open` with another session id): its effects
   * stopped, its state is gone, and what it stored is wiped if this tab held it. What followed that
   * session (the camera, its workers, the preview) lets go too; the next `changed` is the new session's.
   */
  | { type: 'left'; sessionId: string };

export type FlowListener = (notice: FlowNotice) => void;

export interface FlowOptions {
  timing?: Partial<FlowTiming>;
  /**
   * Turns a chosen or captured image into the bytes to upload and checks them before they go
   * further; default upload/check-photo.ts (with the image preparation), loaded on first use.
   */
  checkPhoto?: (file: Blob, expectation: PhotoExpectation) => Promise<CheckedPhoto>;
}

/** Why the checks before upload refused the last photo of a side (frame/photo-check.ts). */
export interface PhotoCheck {
  side: Side;
  /** Most pressing first. */
  problems: PhotoProblem[];
  source: CapturedImage['source'];
  /** The second photo of the side in a row the checks refused: the applicant may send it anyway (`useRefusedPhoto`). */
  canUseAnyway: boolean;
}

/** Where a flow runs: the API and the storage of one session. */
export interface FlowSession {
  client: BelticClient;
  sessionId: string;
  storage: WidgetStorage;
}

const DEFAULT_TIMING: FlowTiming = { pollStartMs: 800, pollMaxMs: 5000, pollLimitMs: 180_000, sleep };

/** Loaded on demand: the uploads and the verification, once the photos are in (fetched ahead as a session's flow is loaded). */
const loadSubmission = () => import('./submission.js');

/** Loaded on demand: the image pipeline and the checks are only needed once a photo is chosen. */
const defaultCheckPhoto = async (file: Blob, expectation: PhotoExpectation) => (await import('../upload/check-photo.js')).checkPhoto(file, expectation);

export class FlowController implements ReactiveController {
  state: FlowState | null = null;
  /** An image is being prepared (decoded, resized, encoded): capture sources wait. */
  preparing = false;
  /** Why the last image handed over was refused (an error code), until the next image or step. */
  imageProblem: string | null = null;
  /** Why the checks before upload refused the last photo, until the next image or step. */
  photoCheck: PhotoCheck | null = null;
  /** Upload progress per side, in percent, for the uploading step. */
  progress: Partial<Record<Side, number>> = {};
  /** Another tab or window of this origin holds the session; this one waits and offers `continueHere()`. */
  elsewhere = false;

  private session: FlowSession | null = null;
  /** The session's storage scope, as handed to the flow's followers (closed when the flow lets go of it). */
  private scope: ClosableScope | null = null;
  /** One writer per session across tabs (session-lock.ts); only the holder runs effects and writes. */
  private lock: SessionLock | null = null;
  private effectKey: string | null = null;
  private effectAbort: AbortController | null = null;
  private connected = false;
  private readonly listeners = new Set<FlowListener>();
  private readonly timing: FlowTiming;
  private readonly checkPhoto: (file: Blob, expectation: PhotoExpectation) => Promise<CheckedPhoto>;
  /** The photo `photoCheck` is about, kept in memory for "Use this photo anyway" until another photo or step. */
  private refusedPhoto: { side: Side; image: PreparedImage; source: CapturedImage['source'] } | null = null;
  /** Photos of each side the checks refused in a row (a photo that goes on starts the count again). */
  private refusals: Partial<Record<Side, number>> = {};
  /**
   * The work once the photos are in, loaded when first needed, one per opened session: it keeps the presigned
   * URLs (in memory only: after a reload fresh ones are asked for) and the verification's create answer.
   */
  private submission: Promise<Submission> | null = null;
  private saving: Promise<unknown> = Promise.resolve();
  /** This element was removed and let go of the session; it asks for it again if put back. */
  private letGo = false;
  private letGoTimer: ReturnType<typeof setTimeout> | undefined;
  /** Counts the calls to `open`: an open overtaken by a later one stops where it is, holding nothing. */
  private openings = 0;
  /** The session being let go of (its writes, its wipe, its lock); the next one opens after. */
  private leaving: Promise<void> = Promise.resolve();
  /** An expired (or decided) session is noticed as a step is shown and on return to the tab, not at upload (session-watch.ts). */
  private readonly sessionWatch = new SessionWatch({
    current: () => {
      const step = this.state?.step.name;
      const quiet = step === 'intro' || step === 'document' || step === 'capture' || step === 'review';
      return quiet && this.connected && this.session && !this.state?.error && (this.lock?.held ?? false) ? this.session : null;
    },
    ended: (sessionId, outcome) => {
      if (this.session?.sessionId === sessionId && this.state && !isFinished(this.state)) this.dispatch({ type: 'session_closed', outcome });
    },
  });

  constructor(
    private readonly host: ReactiveControllerHost,
    options: FlowOptions = {},
  ) {
    this.timing = { ...DEFAULT_TIMING, ...options.timing };
    this.checkPhoto = options.checkPhoto ?? defaultCheckPhoto;
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.sessionWatch.start();
    clearTimeout(this.letGoTimer);
    if (this.letGo) return void this.reclaim();
    this.runEffect();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.sessionWatch.stop();
    this.stopEffect();
    // Removed from the page (not just moved, which reconnects at once): let another widget of this
    // session, remounted here or in another tab, take it over.
    this.letGoTimer = setTimeout(() => void this.letGoOfSession(), 0);
  }

  /** Follows the flow; returns the function that stops following. */
  listen(listener: FlowListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether a session is open (the flow has a state). */
  get opened(): boolean {
    return this.session !== null;
  }

  /** The session the flow is open on (or opening), or null. */
  get sessionId(): string | null {
    return this.session?.sessionId ?? null;
  }

  /**
   * Loads the saved state for this session, or begins a fresh one; when another tab holds the
   * session, waits (`elsewhere`) and loads once it lets go.
   *
   * Open on another session already, the flow first lets go of that one (`leave`): nothing of it
   * runs, is shown or is kept after. Resolves false when a later `open` overtook this one (it then
   * holds nothing: no lock, no state), true once this session is loaded or waited for.
   */
  async open(session: FlowSession): Promise<boolean> {
    this.stopEffect();
    if (this.session && this.session.sessionId !== session.sessionId) this.leave();
    const opening = ++this.openings;
    // A session let go of is wiped and unlocked before the next opens (it may be the same one again).
    await this.leaving;
    if (opening !== this.openings) return false;
    // The submission works through its session's client: another session object (even of the same id) gets its own.
    if (this.session !== session) this.submission = null;
    this.session = session;
    this.scope = closable(session.storage.scope(session.sessionId));
    this.lock ??= new SessionLock(session.sessionId, {
      yieldRequested: () => void this.handOver(),
      finished: (outcome) => this.endAsFollower(outcome),
    });
    const lock = this.lock;
    const acquired = await lock.tryAcquire();
    if (opening !== this.openings) {
      // Overtaken while asking: a lock another session's open no longer uses is given back.
      if (this.lock !== lock) lock.close();
      return false;
    }
    if (acquired) await this.load(opening);
    else this.waitForTurn();
    return opening === this.openings;
  }

  /**
   * Lets go of the session: stops its effects, forgets its state, and (after every write asked
   * for so far) wipes what it stored, if this tab holds it (a tab waiting for another one leaves
   * that tab's session alone), then releases its lock. Followers hear `left`. Nothing to do when
   * no session is open. `open` calls it for a session of another id; the element, for a
   * configuration it cannot run.
   */
  leave(): void {
    const session = this.session;
    if (!session) return;
    const scope = this.scope;
    const lock = this.lock;
    const wipe = lock?.held ?? false;
    ++this.openings;
    this.stopEffect();
    clearTimeout(this.letGoTimer);
    lock?.stopWaiting();
    this.session = null;
    this.scope = null;
    this.lock = null;
    this.state = null;
    this.elsewhere = false;
    this.letGo = false;
    this.preparing = false;
    this.imageProblem = null;
    this.forgetRefusedPhoto();
    this.refusals = {};
    this.progress = {};
    this.submission = null;
    // From now on a late write of anyone who was handed this scope (a signals update under way) is dropped.
    scope?.close();
    const writes = this.saving;
    this.leaving = this.leaving.then(async () => {
      await writes;
      if (wipe && scope) await scope.wipe().catch(() => undefined);
      lock?.close();
    });
    this.host.requestUpdate();
    this.notify({ type: 'left', sessionId: session.sessionId });
  }

  /** Resolves once the sessions let go of so far are wiped and unlocked (tests). */
  async left(): Promise<void> {
    await this.leaving;
  }

  /** "Continue here": asks the tab holding the session to hand it over to this one. */
  continueHere(): void {
    this.lock?.askToYield();
  }

  private async load(opening = this.openings): Promise<void> {
    const { sessionId } = this.session!;
    const saved = await this.scope!.loadState<unknown>();
    // Another session (or a start over) was opened meanwhile: this state is not to be shown.
    if (opening !== this.openings) return;
    // A state saved by an earlier version of the widget is upgraded (machine.ts); one it cannot read starts afresh.
    const state = restoredState(saved, sessionId) ?? initialState(sessionId);
    // A resumed flow re-runs its step's effect afresh: the error it may have stopped on is stale.
    this.commit({ ...state, error: null, step: resumeStep(state) }, null);
    // The code of the uploads and the verification, needed once the photos are in, is fetched now, with time to
    // spare: an upload never waits on it, nor fails on it when the network drops meanwhile.
    loadSubmission().catch(() => undefined);
  }

  dispatch(event: FlowEvent): void {
    if (!this.state) return;
    const next = transition(this.state, event);
    if (next !== this.state) this.commit(next, this.state);
  }

  /**
   * What a capture source calls with the image the applicant chose or took: prepared once (one
   * resize and encode, in a worker) and checked (a whole document, sharp and big enough, a back's
   * barcode: upload/check-photo.ts), kept in storage, then shown for review. Resolves true once the
   * flow moved on to the review; false when the image was refused (the step says why).
   */
  async takeImage(side: Side, file: Blob, source: CapturedImage['source']): Promise<boolean> {
    const scope = this.scope;
    if (!scope || this.preparing) return false;
    this.photoCheck = null;
    this.setPreparing(true, null);
    try {
      const { image, problems } = await this.checkPhoto(file, this.expectationFor(side));
      // The flow let go of this session while the image was prepared: it is neither kept nor shown.
      if (this.scope !== scope) return false;
      if (problems.length) {
        this.refusePhoto({ side, image, source }, problems);
        return false;
      }
      return await this.keepImage(scope, side, image, source);
    } catch (error) {
      return this.imageFailed(scope, side, error);
    }
  }

  /**
   * "Use this photo anyway": the photo the checks refused last (the second of its side in a row, or
   * later) goes on to the review as any other. Resolves as `takeImage`.
   */
  async useRefusedPhoto(): Promise<boolean> {
    const scope = this.scope;
    const refused = this.refusedPhoto;
    if (!scope || !refused || this.preparing || !this.photoCheck?.canUseAnyway) return false;
    this.photoCheck = null;
    this.setPreparing(true, null);
    try {
      return await this.keepImage(scope, refused.side, refused.image, refused.source);
    } catch (error) {
      return this.imageFailed(scope, refused.side, error);
    }
  }

  /** The photo a source handed over, once it may go on: stored, then the review. */
  private async keepImage(scope: ClosableScope, side: Side, image: PreparedImage, source: CapturedImage['source']): Promise<boolean> {
    const blobKey = await scope.addBlob(side, image.blob);
    if (this.scope !== scope) {
      await scope.deleteBlob(blobKey);
      return false;
    }
    const { contentType, byteSize, width, height, checksum } = image;
    delete this.refusals[side];
    this.forgetRefusedPhoto();
    this.dispatch({ type: 'image_captured', side, image: { blobKey, contentType, byteSize, width, height, checksum, source } });
    this.setPreparing(false, null);
    return true;
  }

  private imageFailed(scope: ClosableScope, side: Side, error: unknown): false {
    if (this.scope !== scope) return false;
    this.preparing = false;
    this.refuseImage(side, (error as { code?: string }).code ?? 'unreadable_image', error instanceof Error ? error.message : String(error));
    return false;
  }

  /** What the checks expect of a side: a barcode that reads on the back of a US or Canadian licence or ID card. */
  private expectationFor(side: Side): PhotoExpectation {
    const state = this.state;
    return { barcode: side === 'back' && state !== null && carriesAamvaBarcode(state.documentType, state.issuingCountry) };
  }

  /** A photo the checks refused: the step says why; from the second of its side in a row, it may be sent anyway. */
  private refusePhoto(refused: { side: Side; image: PreparedImage; source: CapturedImage['source'] }, problems: PhotoProblem[]): void {
    const count = (this.refusals[refused.side] ?? 0) + 1;
    this.refusals[refused.side] = count;
    this.refusedPhoto = refused;
    this.photoCheck = { side: refused.side, problems, source: refused.source, canUseAnyway: count >= 2 };
    this.setPreparing(false, null);
    this.notify({ type: 'photo_refused', check: this.photoCheck });
  }

  private forgetRefusedPhoto(): void {
    this.photoCheck = null;
    this.refusedPhoto = null;
  }

  /** An image that cannot be used: the capture step says why, and the applicant tries another. */
  refuseImage(side: Side, code: string, message: string): void {
    // One notice at a time: the checks' notice on an earlier photo gives way.
    this.photoCheck = null;
    this.setPreparing(this.preparing, code);
    this.notify({ type: 'image_refused', side, code, message });
  }

  /** The bytes of a captured image, from storage. */
  imageBlob(image: CapturedImage): Promise<Blob | null> {
    return this.scope?.loadBlob(image.blobKey) ?? Promise.resolve(null);
  }

  retry(): void {
    this.dispatch({ type: 'retry' });
    this.effectKey = null;
    this.runEffect();
  }

  /**
   * Ends the flow here: stops work and wipes everything this session stored. In a tab waiting for
   * another one, only this tab ends: what the other tab needs is left alone.
   */
  async close(outcome: Outcome): Promise<void> {
    this.stopEffect();
    if (this.elsewhere) this.endAsFollower(outcome);
    else this.dispatch({ type: 'session_closed', outcome });
    await this.saved();
  }

  /** Forgets this session's progress and starts over at the intro (in this tab only, if another holds it). */
  async reset(): Promise<void> {
    const session = this.session;
    const scope = this.scope;
    this.stopEffect();
    if (!session || !scope) return;
    await this.saved();
    // Another session was opened meanwhile: there is nothing of this one left to start over.
    if (this.session !== session) return;
    if (this.lock?.held) await scope.wipe();
    if (this.session !== session) return;
    this.state = null;
    this.progress = {};
    await this.open(session);
  }

  // ------------------------------------------------------------ tabs

  /** Another tab holds the session: show so, and take over when it lets go. */
  private waitForTurn(): void {
    const lock = this.lock!;
    this.elsewhere = true;
    this.state = null;
    this.host.requestUpdate();
    this.notify({ type: 'elsewhere' });
    void lock.waitForTurn().then(async (acquired) => {
      // The flow let go of this session while it waited: a turn given at that moment is given back.
      if (this.lock !== lock) {
        if (acquired) lock.close();
        return;
      }
      if (!acquired || !this.elsewhere) return;
      this.elsewhere = false;
      await this.load();
    });
  }

  private async letGoOfSession(): Promise<void> {
    const lock = this.lock;
    if (this.connected || !lock?.held) return;
    await this.saved();
    if (this.connected || this.lock !== lock) return;
    lock.unlock();
    this.letGo = true;
  }

  /** Put back after letting go: the session again, from storage (another widget may have moved it on). */
  private async reclaim(): Promise<void> {
    this.letGo = false;
    // An ended flow needs no session: it keeps showing its end.
    const lock = this.lock;
    if (!this.session || !lock || (this.state && isFinished(this.state))) return;
    const acquired = await lock.tryAcquire();
    if (this.lock !== lock) {
      if (acquired) lock.close();
      return;
    }
    if (acquired) await this.load();
    else this.waitForTurn();
  }

  /** Another tab asked for the session: stop, make sure storage holds everything, and let go. */
  private async handOver(): Promise<void> {
    const lock = this.lock;
    if (this.elsewhere || !lock) return;
    this.stopEffect();
    await this.saved();
    // Let go of for another session meanwhile: leave() releases the lock after its wipe.
    if (this.lock !== lock) return;
    lock.unlock();
    this.waitForTurn();
  }

  /** The tab holding the session ended its flow (or this waiting tab was cancelled): show the same end. */
  private endAsFollower(outcome: Outcome): void {
    this.lock?.stopWaiting();
    this.elsewhere = false;
    this.commit({ ...initialState(this.session!.sessionId), step: { name: 'result', outcome } }, null);
  }

  /** Resolves when every state so far is in storage (or wiped); tests and `close()` wait for it. */
  async saved(): Promise<void> {
    await this.saving;
  }

  // ------------------------------------------------------------ state

  private notify(notice: FlowNotice): void {
    for (const listener of this.listeners) listener(notice);
  }

  private setPreparing(preparing: boolean, problem: string | null): void {
    this.preparing = preparing;
    this.imageProblem = problem;
    this.host.requestUpdate();
  }

  private commit(next: FlowState, previous: FlowState | null): void {
    const scope = this.scope!;
    this.state = next;
    if (!previous || stepKey(previous) !== stepKey(next)) {
      this.imageProblem = null;
      this.forgetRefusedPhoto();
      // The session's status was just read where the step before was `starting`.
      if (previous?.step.name !== 'starting') this.sessionWatch.check();
    }
    // Photos of another document are no second attempt at this one's.
    if (previous && (previous.documentType !== next.documentType || previous.issuingCountry !== next.issuingCountry)) this.refusals = {};
    if (next.step.name === 'uploading' && previous?.step.name !== 'uploading') this.progress = {};
    this.host.requestUpdate();
    this.notify({ type: 'changed', state: next, previous });
    // Writes are chained so that a later state can never be overwritten by an earlier one.
    // Only the tab holding the session writes (a waiting tab's end must not wipe what the other needs).
    const writer = this.lock?.held ?? true;
    if (writer) this.saving = this.saving.then(() => (isFinished(next) ? scope.wipe() : this.persist(scope, next, previous))).catch(() => undefined);
    if (isFinished(next) && (!previous || !isFinished(previous))) {
      const { outcome } = next.step as { outcome: Outcome };
      void this.saving.then(() => {
        if (writer) this.lock?.announceFinished(outcome);
        this.notify({ type: 'finished', sessionId: next.sessionId, outcome });
      });
    }
    this.runEffect();
  }

  private async persist(scope: SessionScope, next: FlowState, previous: FlowState | null): Promise<void> {
    await scope.saveState(next);
    // Images leave storage as soon as no state refers to them (uploaded or retaken).
    if (previous) {
      const live = new Set(liveBlobKeys(next));
      for (const key of liveBlobKeys(previous)) if (!live.has(key)) await scope.deleteBlob(key);
    }
  }

  // ------------------------------------------------------------ effects

  private get client(): BelticClient {
    return this.session!.client;
  }

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
    const work =
      key === 'starting'
        ? this.start(abort.signal)
        : this.submitting().then((submission) => (key === 'uploading' ? submission.upload(abort.signal) : submission.poll(abort.signal)));
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

  /** An effect's event, unless the effect was stopped: a late answer never moves a later flow (another session's, or a start over). */
  private effectEvent(signal: AbortSignal, event: FlowEvent): void {
    if (!signal.aborted) this.dispatch(event);
  }

  private stopEffect(): void {
    this.effectAbort?.abort();
    this.effectAbort = null;
    this.effectKey = null;
  }

  /** The session's submission, loaded at its first use (a failed load is tried again at the next: "Try again"). */
  private submitting(): Promise<Submission> {
    if (this.submission) return this.submission;
    const flow: SubmittingFlow = {
      client: this.client,
      timing: this.timing,
      state: () => this.state!,
      event: (signal, event) => this.effectEvent(signal, event),
      finish: (outcome, signal) => void this.finish(outcome, signal),
      submitting: () => this.notify({ type: 'submitting' }),
      uploadProgress: (side, loaded, total) => this.onUploadProgress(side, loaded, total),
      imageBlob: (image) => this.imageBlob(image),
    };
    const loading = loadSubmission().then(
      ({ Submission }) => new Submission(flow),
      () => {
        // Offline, or the file blocked (a CSP missing it): said as the capture parts' failed load is, and "Try again" loads it again.
        throw new FlowFailure({ code: 'network', retryable: true }, 'The code of the uploads could not be loaded (dist/chunks): "Try again" loads it again.');
      },
    );
    loading.catch(() => {
      if (this.submission === loading) this.submission = null;
    });
    this.submission = loading;
    return loading;
  }

  private async start(signal: AbortSignal): Promise<void> {
    const state = this.state!;
    const status = await this.client.startSession(state.sessionId, signal);
    if (signal.aborted) return;
    const outcome = outcomeForSession(status);
    if (outcome) return this.finish(outcome, signal);
    this.notify({ type: 'session_started', client: this.client, scope: this.scope! });
    this.dispatch({ type: 'session_started' });
  }

  private onUploadProgress(side: Side, loaded: number, total: number): void {
    const percent = total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0;
    const previousPercent = this.progress[side] ?? 0;
    this.progress = { ...this.progress, [side]: percent };
    this.host.requestUpdate();
    this.notify({ type: 'upload_progress', side, loaded, total, percent, previousPercent });
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
    this.notify({ type: 'failed', error: failure.error, message: failure.message });
  }
}

/** A session's scope that can be closed: then what would write to it is dropped; reads, deletes and wipes still work. */
interface ClosableScope extends SessionScope {
  close(): void;
}

function closable(scope: SessionScope): ClosableScope {
  let closed = false;
  const unlessClosed =
    <A extends unknown[]>(write: (...args: A) => Promise<void>) =>
    (...args: A): Promise<void> =>
      closed ? Promise.resolve() : write(...args);
  return {
    sessionId: scope.sessionId,
    loadState: () => scope.loadState(),
    saveState: unlessClosed((state: unknown) => scope.saveState(state)),
    addBlob: (label, blob) => (closed ? Promise.reject(new Error('The session was let go of.')) : scope.addBlob(label, blob)),
    loadBlob: (key) => scope.loadBlob(key),
    deleteBlob: (key) => scope.deleteBlob(key),
    loadMark: () => scope.loadMark(),
    saveMark: unlessClosed((mark: unknown) => scope.saveMark(mark)),
    removeMark: () => scope.removeMark(),
    wipe: () => scope.wipe(),
    settled: () => scope.settled(),
    close: () => void (closed = true),
  };
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

/** A step and its side: a notice about an image belongs to the one it was given on. */
function stepKey({ step }: FlowState): string {
  return `${step.name}:${'side' in step ? step.side : ''}`;
}

/** A resumed flow starts by re-checking its session; steps with their own effect re-run it. */
function resumeStep(state: FlowState): FlowState['step'] {
  return state.step.name === 'intro' ? { name: 'starting' } : state.step;
}
