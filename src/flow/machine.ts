/**
 * The applicant's flow as a pure, serializable state machine: no DOM, no fetch, no timers.
 *
 * The state doubles as the program counter of the side effects: the controller looks at a
 * state and knows what to do next (start the session, upload the files not yet uploaded, poll
 * the verification). Persisting the state after every transition is therefore all that
 * resume-after-reload needs.
 */
import { REQUIRED_SIDES, type DocumentType, type Side, type VerificationStatus } from '../api/contract.js';

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
  | { name: 'result'; outcome: Outcome };

export type StepName = Step['name'];

export interface FlowState {
  version: 1;
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
  /** Reasons the server gave for the last `requires_retry`, shown on the capture step. */
  retryReasons: string[];
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
  | { type: 'verification_finished'; status: VerificationStatus; reasons: string[] }
  | { type: 'failed'; error: FlowError }
  | { type: 'retry' };

/** How many `requires_retry` rounds the applicant gets before the attempt counts as failed. */
export const MAX_RETRIES = 3;

export function initialState(sessionId: string): FlowState {
  return {
    version: 1,
    sessionId,
    step: { name: 'starting' },
    documentType: null,
    issuingCountry: null,
    captures: {},
    document: null,
    submitted: false,
    retries: 0,
    retryReasons: [],
    error: null,
  };
}

export function requiredSides(state: Pick<FlowState, 'documentType'>): readonly Side[] {
  return state.documentType ? REQUIRED_SIDES[state.documentType] : [];
}

/** The next side without an accepted capture, or null when every side is captured. */
function nextSideToCapture(state: FlowState, after?: Side): Side | null {
  const sides = requiredSides(state);
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
      const chosen = { ...ok, documentType: event.documentType, issuingCountry: event.issuingCountry, captures: {} };
      return { ...chosen, step: { name: 'capture', side: REQUIRED_SIDES[event.documentType][0]! } };
    }

    case 'image_captured':
      if (step.name !== 'capture' || step.side !== event.side) return state;
      return { ...ok, captures: { ...state.captures, [event.side]: event.image }, step: { name: 'review', side: event.side } };

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
    const sides = requiredSides(state);
    const previous = sides[sides.indexOf(step.side) - 1];
    return previous ? { ...ok, step: { name: 'review', side: previous } } : { ...ok, step: { name: 'document' } };
  }
  return state;
}

function finishVerification(state: FlowState, status: VerificationStatus, reasons: string[]): FlowState {
  switch (status) {
    case 'initiated':
      return state;
    case 'passed':
      return { ...state, step: { name: 'result', outcome: 'passed' } };
    case 'requires_retry': {
      const retries = state.retries + 1;
      if (retries > MAX_RETRIES) return { ...state, retries, step: { name: 'result', outcome: 'failed' } };
      // A new attempt is a new document: the old captures and upload state go.
      return {
        ...state,
        retries,
        retryReasons: reasons,
        captures: {},
        document: null,
        submitted: false,
        step: { name: 'capture', side: requiredSides(state)[0] ?? 'front' },
      };
    }
    case 'failed':
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
