/**
 * The applicant's flow as a pure, serializable state machine: no DOM, no fetch, no timers.
 *
 * The state doubles as the program counter of the side effects: the controller looks at a
 * state and knows what to do next (start the session, upload the files not yet uploaded, poll
 * the verification). Persisting the state after every transition is therefore all that
 * resume-after-reload needs.
 */
import { REQUIRED_SIDES, type DocumentType, type Side, type VerificationStatus } from '../api/contract.js';
import type { FailedCheck } from '../api/parse.js';

/** An image the applicant chose or captured, kept in IndexedDB under `blobKey` until it is uploaded. */
export interface CapturedImage {
  blobKey: string;
  contentType: string;
  byteSize: number;
  width: number;
  height: number;
  checksum: string;
  source: 'file' | 'camera';
}

export interface UploadedFile {
  fileId: string;
  uploaded: boolean;
}

/** How the flow ended for the applicant. `cancelled` is the applicant's or the host page's choice. */
export type Outcome = 'passed' | 'review' | 'failed' | 'expired' | 'cancelled';

/** A failure the applicant can see. `retryable` errors keep the step and offer "Try again". */
export interface FlowError {
  code: string;
  retryable: boolean;
}

export type Step =
  | { name: 'starting' }
  | { name: 'intro' }
  | { name: 'document' }
  | { name: 'capture'; side: Side }
  | { name: 'review'; side: Side }
  | { name: 'uploading' }
  | { name: 'verifying'; verificationId: string }
  /** `reasons`: the checks a failed verification failed, where it gave any (the result screen says why, ui/result-reason.ts). */
  | { name: 'result'; outcome: Outcome; reasons?: FailedCheck[] };

export type StepName = Step['name'];

export interface FlowState {
  /** 2 since the retry reasons became checks (version 1 states load through `restoredState`). */
  version: 2;
  sessionId: string;
  step: Step;
  documentType: DocumentType | null;
  issuingCountry: string | null;
  captures: Partial<Record<Side, CapturedImage>>;
  /** The document being uploaded for the current attempt, once created. */
  document: { id: string; files: Partial<Record<Side, UploadedFile>> } | null;
  submitted: boolean;
  /** Capture attempts that ended in `requires_retry`. */
  retries: number;
  /**
   * The checks the last `requires_retry` failed: they say which side the new attempt starts at
   * (`captureOrder`) and, in the applicant's words (ui/reasons.ts), why. Kept for the whole attempt.
   */
  retryReasons: FailedCheck[];
  /**
   * The retry's notice waits for the applicant to act on it (its "Try again", a photo taken or
   * chosen, a document chosen): until then the camera takes no photo by itself, which would take
   * the notice away before it was read.
   */
  retryPending: boolean;
  error: FlowError | null;
}

export type FlowEvent =
  | { type: 'session_started' }
  | { type: 'session_closed'; outcome: Outcome }
  | { type: 'consented' }
  | { type: 'document_chosen'; documentType: DocumentType; issuingCountry: string }
  | { type: 'image_captured'; side: Side; image: CapturedImage }
  | { type: 'image_accepted' }
  | { type: 'retake' }
  | { type: 'back' }
  | { type: 'document_created'; documentId: string; files: Partial<Record<Side, string>> }
  | { type: 'file_uploaded'; side: Side }
  | { type: 'file_url_replaced'; side: Side; fileId: string }
  | { type: 'document_submitted' }
  | { type: 'verification_created'; verificationId: string }
  | { type: 'verification_finished'; status: VerificationStatus; reasons: FailedCheck[] }
  | { type: 'retry_acknowledged' }
  | { type: 'failed'; error: FlowError }
  | { type: 'retry' };

/** How many `requires_retry` rounds the applicant gets before the attempt counts as failed. */
export const MAX_RETRIES = 3;

export function initialState(sessionId: string): FlowState {
  return {
    version: 2,
    sessionId,
    step: { name: 'starting' },
    documentType: null,
    issuingCountry: null,
    captures: {},
    document: null,
    submitted: false,
    retries: 0,
    retryReasons: [],
    retryPending: false,
    error: null,
  };
}

export function requiredSides(state: Pick<FlowState, 'documentType'>): readonly Side[] {
  return state.documentType ? REQUIRED_SIDES[state.documentType] : [];
}

/**
 * The order this attempt asks for the sides in: the document's own, except after a retry whose
 * failed checks all name the same one side (the back's barcode, say), which then comes first.
 * Every side is still taken again: a new attempt is a new document.
 */
export function captureOrder(state: Pick<FlowState, 'documentType' | 'retryReasons'>): readonly Side[] {
  const sides = requiredSides(state);
  const first = onlyFailedSide(state.retryReasons);
  return first && sides.includes(first) ? [first, ...sides.filter((side) => side !== first)] : sides;
}

/** The one side every failed check names, or null when unsure (a check that names none is about every side). */
function onlyFailedSide(reasons: readonly FailedCheck[]): Side | null {
  if (reasons.length === 0 || reasons.some((reason) => reason.sides.length === 0)) return null;
  const named = new Set(reasons.flatMap((reason) => reason.sides));
  return named.size === 1 ? [...named][0]! : null;
}

/** The next side without an accepted capture (after `after`, else from the start), or null when every side is captured. */
function nextSideToCapture(state: FlowState, after?: Side): Side | null {
  const sides = captureOrder(state);
  const start = after ? sides.indexOf(after) + 1 : 0;
  return sides.slice(start).find((side) => !state.captures[side]) ?? null;
}

export function isFinished(state: FlowState): boolean {
  return state.step.name === 'result';
}

/** Applies an event. Events that make no sense in the current step leave the state unchanged. */
export function transition(state: FlowState, event: FlowEvent): FlowState {
  if (isFinished(state)) return state;
  const step = state.step;
  const ok = { ...state, error: null };

  switch (event.type) {
    case 'session_started':
      return step.name === 'starting' ? { ...ok, step: { name: 'intro' } } : state;

    case 'session_closed':
      return { ...ok, step: { name: 'result', outcome: event.outcome } };

    case 'consented':
      return step.name === 'intro' ? { ...ok, step: { name: 'document' } } : state;

    case 'document_chosen': {
      if (step.name !== 'document') return state;
      // The last retry's reasons were about that document: another one (or another country) starts without them.
      const same = event.documentType === state.documentType && event.issuingCountry === state.issuingCountry;
      const chosen = {
        ...ok,
        documentType: event.documentType,
        issuingCountry: event.issuingCountry,
        captures: {},
        retryReasons: same ? state.retryReasons : [],
        retryPending: false,
      };
      return { ...chosen, step: { name: 'capture', side: captureOrder(chosen)[0]! } };
    }

    case 'image_captured':
      if (step.name !== 'capture' || step.side !== event.side) return state;
      return {
        ...ok,
        captures: { ...state.captures, [event.side]: event.image },
        retryPending: false,
        step: { name: 'review', side: event.side },
      };

    case 'retry_acknowledged':
      return step.name === 'capture' && state.retryPending ? { ...ok, retryPending: false } : state;

    case 'image_accepted': {
      if (step.name !== 'review') return state;
      const next = nextSideToCapture(state, step.side) ?? nextSideToCapture(state);
      return { ...ok, step: next ? { name: 'capture', side: next } : { name: 'uploading' } };
    }

    case 'retake': {
      if (step.name !== 'review') return state;
      const captures = { ...state.captures };
      delete captures[step.side];
      return { ...ok, captures, step: { name: 'capture', side: step.side } };
    }

    case 'back':
      return goBack(state);

    case 'document_created': {
      if (step.name !== 'uploading') return state;
      const files: Partial<Record<Side, UploadedFile>> = {};
      for (const [side, fileId] of Object.entries(event.files) as [Side, string][]) files[side] = { fileId, uploaded: false };
      return { ...ok, document: { id: event.documentId, files } };
    }

    case 'file_uploaded':
    case 'file_url_replaced': {
      const file = state.document?.files[event.side];
      if (step.name !== 'uploading' || !state.document || !file) return state;
      const updated = event.type === 'file_uploaded' ? { ...file, uploaded: true } : { fileId: event.fileId, uploaded: false };
      return { ...ok, document: { ...state.document, files: { ...state.document.files, [event.side]: updated } } };
    }

    case 'document_submitted':
      return step.name === 'uploading' ? { ...ok, submitted: true } : state;

    case 'verification_created':
      return step.name === 'uploading' ? { ...ok, step: { name: 'verifying', verificationId: event.verificationId } } : state;

    case 'verification_finished':
      return step.name === 'verifying' ? finishVerification(ok, event.status, event.reasons) : state;

    case 'failed':
      return { ...state, error: event.error };

    case 'retry':
      return { ...state, error: null };
  }
}

function goBack(state: FlowState): FlowState {
  const step = state.step;
  const ok = { ...state, error: null };
  if (step.name === 'document') return { ...ok, step: { name: 'intro' } };
  if (step.name === 'capture') {
    const sides = captureOrder(state);
    const previous = sides[sides.indexOf(step.side) - 1];
    return previous && state.captures[previous] ? { ...ok, step: { name: 'review', side: previous } } : { ...ok, step: { name: 'document' } };
  }
  return state;
}

function finishVerification(state: FlowState, status: VerificationStatus, reasons: FailedCheck[]): FlowState {
  switch (status) {
    case 'initiated':
      return state;
    case 'passed':
      return { ...state, step: { name: 'result', outcome: 'passed' } };
    case 'requires_retry': {
      const retries = state.retries + 1;
      if (retries > MAX_RETRIES) return { ...state, retries, step: { name: 'result', outcome: 'failed' } };
      // A new attempt is a new document: the old captures and upload state go; the side that failed comes first.
      const next = { ...state, retries, retryReasons: reasons, retryPending: true, captures: {}, document: null, submitted: false };
      return { ...next, step: { name: 'capture', side: captureOrder(next)[0] ?? 'front' } };
    }
    case 'failed':
      return { ...state, step: reasons.length ? { name: 'result', outcome: 'failed', reasons } : { name: 'result', outcome: 'failed' } };
    case 'canceled':
      return { ...state, step: { name: 'result', outcome: 'failed' } };
  }
}

/**
 * Blob keys of the images a state still needs, so the controller can delete the others: a capture
 * needs its bytes until its upload is confirmed, never after (nothing personal stays at rest longer).
 */
export function liveBlobKeys(state: FlowState): string[] {
  return Object.entries(state.captures).flatMap(([side, image]) => (image && !state.document?.files[side as Side]?.uploaded ? [image.blobKey] : []));
}

/** A state saved by version 1: its retry reasons were the server's words. */
type FlowStateV1 = Omit<FlowState, 'version' | 'retryReasons' | 'retryPending'> & { version: 1; retryReasons: string[] };

/**
 * A saved state of `sessionId` as this version runs it, or null when there is none to resume
 * (another session's, a finished one, a shape this version does not know). Version 1 states load:
 * their reasons were the server's words, which are never shown (they may be in another language,
 * or the sandbox's test wording), so they become one generic reason.
 */
export function restoredState(saved: unknown, sessionId: string): FlowState | null {
  if (typeof saved !== 'object' || saved === null) return null;
  const candidate = saved as { version?: unknown; sessionId?: unknown };
  if (candidate.sessionId !== sessionId) return null;
  const state = candidate.version === 2 ? (saved as FlowState) : candidate.version === 1 ? fromVersion1(saved as FlowStateV1) : null;
  return state && !isFinished(state) ? state : null;
}

function fromVersion1({ retryReasons, ...state }: FlowStateV1): FlowState {
  const reasons: FailedCheck[] = retryReasons.length ? [{ check: '', sides: [], text: '' }] : [];
  // Back at a retry's first capture, nothing taken yet: its notice still waits for the applicant.
  const pending = state.retries > 0 && state.step.name === 'capture' && Object.keys(state.captures).length === 0;
  return { ...state, version: 2, retryReasons: reasons, retryPending: pending };
}
