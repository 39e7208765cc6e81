/**
 * The flow's work once the photos are in: the document declared with its files, each photo sent to
 * its presigned URL, the document submitted and the verification created, then read until it is
 * decided. Loaded on demand (#16: the element's first download holds what the intro needs);
 * capture-parts.ts fetches it, with the uploads' code, while the applicant is still capturing.
 *
 * One per opened session: it keeps what only this work uses, the upload URLs the server gave and
 * the verification as created. What it reads and moves of the flow, the flow controller lends it.
 */
import { ApiError } from '../api/errors.js';
import type { BelticClient, CreatedVerification, VerificationState } from '../api/client.js';
import type { DeclaredFile, Side } from '../api/contract.js';
import { uploadFile, UploadError } from '../upload/upload-file.js';
import { FlowFailure } from './failure.js';
import type { CapturedImage, FlowEvent, FlowState, Outcome } from './machine.js';
import { outcomeForSession } from './outcome.js';

/** What the flow controller lends the submission. */
export interface SubmittingFlow {
  readonly client: BelticClient;
  readonly timing: FlowTiming;
  /** The flow's state now: the events below move it. */
  state(): FlowState;
  /** Dispatches `event` unless `signal` was aborted: a late answer never moves a later flow. */
  event(signal: AbortSignal, event: FlowEvent): void;
  /** The flow ends with the session's outcome (unless `signal` was aborted). */
  finish(outcome: Outcome, signal: AbortSignal): void;
  /** The document and its photos are in; the verification is being created. */
  submitting(): void;
  uploadProgress(side: Side, loaded: number, total: number): void;
  /** The bytes of a captured image, from storage. */
  imageBlob(image: CapturedImage): Promise<Blob | null>;
}

export interface FlowTiming {
  /** First poll delay; grows by half each poll up to `pollMaxMs`. */
  pollStartMs: number;
  pollMaxMs: number;
  /** Give up polling (retryable error) after this long. */
  pollLimitMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export class Submission {
  private uploadUrls = new Map<Side, string>();
  private createdVerification: CreatedVerification | null = null;

  constructor(private readonly flow: SubmittingFlow) {}

  /** The uploading step's work: whatever of it is not done yet (a reload resumes it), up to the verification created. */
  async upload(signal: AbortSignal): Promise<void> {
    const { flow } = this;
    let state = flow.state();
    if (!state.document) {
      const declared = Object.entries(state.captures).map(([side, image]) => declaredFile(side as Side, image!));
      const created = await flow.client.createDocument(state.sessionId, state.documentType!, state.issuingCountry!, declared, signal);
      const files: Partial<Record<Side, string>> = {};
      const urls = new Map<Side, string>();
      created.uploads.forEach((upload, index) => {
        // The server says which side each file is; the declaration order is the fallback.
        const side = (created.sides.get(upload.file_id) ?? declared[index]?.side) as Side;
        files[side] = upload.file_id;
        urls.set(side, upload.url);
      });
      this.uploadUrls = urls;
      flow.event(signal, { type: 'document_created', documentId: created.documentId, files });
      state = flow.state();
    }

    for (const side of Object.keys(state.document!.files) as Side[]) {
      if (signal.aborted) return;
      if (state.document!.files[side]!.uploaded) continue;
      await this.uploadSide(side, signal);
      state = flow.state();
    }

    if (!state.submitted) {
      await flow.client.submitDocument(state.document!.id, signal);
      flow.event(signal, { type: 'document_submitted' });
      state = flow.state();
    }
    flow.submitting();
    const created = await flow.client.createVerification(state.document!.id, state.sessionId, signal);
    this.createdVerification = created;
    flow.event(signal, { type: 'verification_created', verificationId: created.id });
  }

  /** The verifying step's work: reads the verification (and the session, which has the last word) until it is decided. */
  async poll(signal: AbortSignal): Promise<void> {
    const { flow } = this;
    const { step, sessionId } = flow.state();
    if (step.name !== 'verifying') return;
    const started = Date.now();
    let delay = flow.timing.pollStartMs;
    for (;;) {
      let verification: VerificationState | null;
      try {
        verification = this.createdAnswer(step.verificationId) ?? (await flow.client.verification(step.verificationId, sessionId, signal));
      } catch (error) {
        // The verification's read is refused for now (rate limited past the wait cap, the server
        // down): a session decided meanwhile still ends the poll; else the error stands ("Try again").
        if (!(error instanceof ApiError && (error.code === 'rate_limited' || error.code === 'server'))) throw error;
        const status = await flow.client.sessionStatus(sessionId, signal).catch(() => null);
        const outcome = status && outcomeForSession(status);
        if (outcome) return flow.finish(outcome, signal);
        throw error;
      }
      // The session has the last word: a passed check can still be routed to review.
      const sessionStatus = verification?.status === 'initiated' ? null : await flow.client.sessionStatus(sessionId, signal);
      const outcome = sessionStatus && outcomeForSession(sessionStatus);
      if (verification && verification.status !== 'initiated') {
        // A failed verification the session agrees with ends through the verification, which carries the reasons the result shows.
        const agreed = outcome === 'failed' && verification.status === 'failed';
        if (outcome && !agreed && verification.status !== 'requires_retry') return flow.finish(outcome, signal);
        flow.event(signal, { type: 'verification_finished', status: verification.status, reasons: verification.reasons });
        return;
      }
      // Where the API offers no read of the verification, the session tells: final is the outcome,
      // open again (no longer `pending`) means the document must be captured again.
      if (!verification && outcome) return flow.finish(outcome, signal);
      if (!verification && sessionStatus !== 'pending') {
        flow.event(signal, { type: 'verification_finished', status: 'requires_retry', reasons: [] });
        return;
      }
      if (Date.now() - started > flow.timing.pollLimitMs) {
        throw new FlowFailure({ code: 'verification_timeout', retryable: true }, 'The verification is taking longer than expected.');
      }
      await flow.timing.sleep(delay, signal);
      delay = Math.min(flow.timing.pollMaxMs, delay * 1.5);
    }
  }

  private async uploadSide(side: Side, signal: AbortSignal): Promise<void> {
    const { flow } = this;
    const state = flow.state();
    const image = state.captures[side];
    const blob = image ? await flow.imageBlob(image) : null;
    if (!image || !blob) throw new FlowFailure({ code: 'image_lost', retryable: false }, 'The photo could not be found on this device. Please take it again.');
    const declared = declaredFile(side, image);
    const documentId = state.document!.id;
    const freshUrl = async () => {
      const upload = await flow.client.addFile(documentId, declared, signal);
      flow.event(signal, { type: 'file_url_replaced', side, fileId: upload.file_id });
      return upload.url;
    };
    const url = this.uploadUrls.get(side) ?? (await freshUrl());
    try {
      await uploadFile({
        url,
        body: blob,
        contentType: image.contentType,
        signal,
        refreshUrl: freshUrl,
        onProgress: ({ loaded, total }) => flow.uploadProgress(side, loaded, total),
      });
    } catch (error) {
      throw error instanceof UploadError ? uploadFailure(error) : error;
    }
    this.uploadUrls.delete(side);
    flow.event(signal, { type: 'file_uploaded', side });
  }

  /** The verification as its creation answered, once, if it was already decided then (Beltic documents the call as synchronous). */
  private createdAnswer(verificationId: string): VerificationState | null {
    const created = this.createdVerification;
    this.createdVerification = null;
    return created?.id === verificationId && created.status !== 'initiated' ? created : null;
  }
}

function uploadFailure(error: UploadError): FlowFailure {
  const retryable = error.transient;
  return new FlowFailure({ code: retryable ? 'upload_failed' : 'upload_rejected', retryable }, error.message);
}

/** How a captured image is declared to the API, so the presigned URL is bound to its exact bytes. */
function declaredFile(side: Side, image: CapturedImage): DeclaredFile {
  const extension = image.contentType === 'image/png' ? 'png' : image.contentType === 'image/webp' ? 'webp' : 'jpg';
  return { filename: `${side}.${extension}`, content_type: image.contentType, byte_size: image.byteSize, checksum: image.checksum, side };
}
