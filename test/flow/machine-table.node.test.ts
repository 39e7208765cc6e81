/**
 * The flow machine as a table: one row per representative state, one column per event, and in
 * every cell what `transition(row, column)` must give:
 *
 * - `same`: the very same object (`===`), as the machine promises for events that make no sense
 *   in the current step (the controller commits, saves and re-renders only when `next !== state`);
 * - `to(step, changes)`: a new object whose step is `step`;
 * - `stay(changes)`: a new object with the row's step.
 *
 * `changes` lists EVERY field that differs from the row's state; the test compares the whole new
 * state with `{ ...row, step, ...changes }`, so captures kept or dropped, the document reset,
 * retries counted and the error set or cleared are all checked, and anything not listed must be
 * untouched. `stay()` with no changes is a new object equal to the old one.
 *
 * Completeness: the columns are a record keyed by `FlowEvent['type']` and the rows a record keyed
 * by `StepName` (result rows by `Outcome`, the verification_finished columns by
 * `VerificationStatus`), so adding an event type, a step, an outcome or a status without filling
 * its cells is a type error (`npm run typecheck`); at run time the test checks that every row has
 * exactly one cell per column, and that every step a cell leads to has rows of its own.
 *
 * Cells where the current behaviour looks questionable are written to that behaviour and marked
 * `// QUESTION: Qn`:
 *
 * Q1  An event that changes nothing still returns a NEW, equal object (not `===`): `retry` with no
 *     error, `verification_finished` 'initiated', `file_uploaded` for a file already uploaded,
 *     `document_submitted` when already submitted. The machine's own rule is "events that make no
 *     sense leave the state unchanged", and the controller then saves and re-renders for nothing.
 * Q2  `retry` clears a non-retryable (fatal) error: the machine never looks at `retryable`, though
 *     only retryable errors offer "Try again" (a fatal one offers "Start over").
 * Q3  `document_created` while the attempt already has a document replaces it: the uploaded flags
 *     are lost, and `submitted` is kept, so after submission the controller would skip submitting
 *     the new document and create the verification on a document never submitted.
 * Q4  `document_submitted` is accepted before every file is uploaded, even before the document
 *     exists (`submitted: true` with `document: null`: the controller would then never submit the
 *     document it creates next).
 * Q5  `file_url_replaced` after submission puts a file of the submitted document back to pending
 *     while `submitted` stays true.
 * Q6  `verification_created` is accepted on the uploading step before the document is submitted
 *     (no document yet, files pending, or a fatal error showing): the flow moves to verifying.
 *
 * (Q7, `document_chosen` keeping the previous document's `retryReasons`, is answered: another
 * document or country starts without them.)
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { VERIFICATION_STATUSES, type Side, type VerificationStatus } from '../../src/api/contract.js';
import type { FailedCheck } from '../../src/api/parse.js';
import {
  initialState,
  transition,
  MAX_RETRIES,
  type CapturedImage,
  type FlowError,
  type FlowEvent,
  type FlowState,
  type Outcome,
  type Step,
  type StepName,
} from '../../src/flow/machine.js';

// ------------------------------------------------------------------ cells

type Changes = Partial<Omit<FlowState, 'step' | 'version' | 'sessionId'>>;
type Cell = { kind: 'same' } | { kind: 'new'; step: Step | null; changes: Changes };

/** The very same object comes back. */
const same: Cell = { kind: 'same' };
/** A new state at `step`, differing from the row in exactly `changes` besides the step. */
const to = (step: Step, changes: Changes = {}): Cell => ({ kind: 'new', step, changes });
/** A new state at the row's own step, differing in exactly `changes`. */
const stay = (changes: Changes = {}): Cell => ({ kind: 'new', step: null, changes });

const intro: Step = { name: 'intro' };
const documentStep: Step = { name: 'document' };
const capture = (side: Side): Step => ({ name: 'capture', side });
const review = (side: Side): Step => ({ name: 'review', side });
const uploading: Step = { name: 'uploading' };
const verifying = (verificationId: string): Step => ({ name: 'verifying', verificationId });
const result = (outcome: Outcome): Step => ({ name: 'result', outcome });

// ------------------------------------------------------------------ columns

type EventType = FlowEvent['type'];
type EventOf<T extends EventType> = Extract<FlowEvent, { type: T }>;
/** The one event whose payload decides the step: a column per status. */
type SplitColumn = 'verification_finished';
type Cells = { [T in EventType]: T extends SplitColumn ? Record<VerificationStatus, Cell> : Cell };
type Columns = { [T in EventType]: T extends SplitColumn ? Record<VerificationStatus, EventOf<T>> : EventOf<T> };

const image = (blobKey: string): CapturedImage => ({
  blobKey,
  contentType: 'image/jpeg',
  byteSize: 120_000,
  width: 1600,
  height: 1000,
  checksum: `sha-${blobKey}`,
  source: 'camera',
});

const FRONT = image('sess_table:blob:front:1');
const BACK = image('sess_table:blob:back:1');
const NEW_FRONT = image('sess_table:blob:front:2');
const NETWORK: FlowError = { code: 'network', retryable: true };
const TIMEOUT: FlowError = { code: 'verification_timeout', retryable: true };
const IMAGE_LOST: FlowError = { code: 'image_lost', retryable: false };
const UNEXPECTED: FlowError = { code: 'unexpected', retryable: true };
/** A retry about no side in particular: the new attempt starts at the first side. */
const BLURRED: FailedCheck[] = [{ check: 'sandbox_scenario', sides: [], text: 'The photo is blurred.' }];
/** A retry about the back only: the new attempt starts there. */
const BARCODE: FailedCheck[] = [{ check: 'barcode_readable', sides: ['back'], text: 'The barcode could not be read.' }];
const TOO_DARK: FailedCheck[] = [{ check: 'image_quality', sides: [], text: 'The photo is too dark.' }];

/** One representative payload per event type. */
const COLUMNS: Columns = {
  session_started: { type: 'session_started' },
  session_closed: { type: 'session_closed', outcome: 'cancelled' },
  consented: { type: 'consented' },
  document_chosen: { type: 'document_chosen', documentType: 'passport', issuingCountry: 'FR' },
  image_captured: { type: 'image_captured', side: 'front', image: NEW_FRONT },
  image_accepted: { type: 'image_accepted' },
  retake: { type: 'retake' },
  back: { type: 'back' },
  document_created: { type: 'document_created', documentId: 'doc_new', files: { front: 'file_front_new', back: 'file_back_new' } },
  file_uploaded: { type: 'file_uploaded', side: 'back' },
  file_url_replaced: { type: 'file_url_replaced', side: 'back', fileId: 'file_back_fresh' },
  document_submitted: { type: 'document_submitted' },
  verification_created: { type: 'verification_created', verificationId: 'ver_new' },
  retry_acknowledged: { type: 'retry_acknowledged' },
  verification_finished: {
    initiated: { type: 'verification_finished', status: 'initiated', reasons: [] },
    passed: { type: 'verification_finished', status: 'passed', reasons: [] },
    failed: { type: 'verification_finished', status: 'failed', reasons: [] },
    requires_retry: { type: 'verification_finished', status: 'requires_retry', reasons: BLURRED },
    canceled: { type: 'verification_finished', status: 'canceled', reasons: [] },
  },
  failed: { type: 'failed', error: UNEXPECTED },
  retry: { type: 'retry' },
};

/** What `document_created` (the column's payload) makes of the document. */
const NEW_DOCUMENT: FlowState['document'] = {
  id: 'doc_new',
  files: { front: { fileId: 'file_front_new', uploaded: false }, back: { fileId: 'file_back_new', uploaded: false } },
};

/** Flattens a record keyed by event type into `column id → value`, split columns as `type:status`. */
function byColumn<V>(record: { [T in EventType]: T extends SplitColumn ? Record<VerificationStatus, V> : V }): Map<string, V> {
  const out = new Map<string, V>();
  for (const [type, value] of Object.entries(record) as [EventType, V | Record<VerificationStatus, V>][]) {
    if (type === 'verification_finished') {
      for (const [status, inner] of Object.entries(value as Record<VerificationStatus, V>)) out.set(`${type}:${status}`, inner);
    } else out.set(type, value as V);
  }
  return out;
}

const EVENTS = byColumn<FlowEvent>(COLUMNS);

// ------------------------------------------------------------------ rows (every one reached by real transitions)

/** Applies events one by one; each must change the state, so a row is never built by accident. */
function run(state: FlowState, ...events: FlowEvent[]): FlowState {
  return events.reduce((current, event) => {
    const next = transition(current, event);
    assert.notEqual(next, current, `building a row: ${event.type} was ignored at ${JSON.stringify(current.step)}`);
    return next;
  }, state);
}

const accepted: FlowEvent = { type: 'image_accepted' };
const captured = (side: Side, img: CapturedImage): FlowEvent => ({ type: 'image_captured', side, image: img });
const failedWith = (error: FlowError): FlowEvent => ({ type: 'failed', error });
const requiresRetry = (reasons: FailedCheck[]): FlowEvent => ({ type: 'verification_finished', status: 'requires_retry', reasons });

const fresh = initialState('sess_table');
const atIntro = run(fresh, { type: 'session_started' });
const atDocument = run(atIntro, { type: 'consented' });
const licenceFront = run(atDocument, { type: 'document_chosen', documentType: 'drivers_license', issuingCountry: 'US' });
const licenceFrontReview = run(licenceFront, captured('front', FRONT));
const licenceBack = run(licenceFrontReview, accepted);
const licenceBackReview = run(licenceBack, captured('back', BACK));
const uploadingFresh = run(licenceBackReview, accepted);
const documentCreated = run(uploadingFresh, { type: 'document_created', documentId: 'doc_1', files: { front: 'file_front_1', back: 'file_back_1' } });
const uploadingPartway = run(documentCreated, { type: 'file_uploaded', side: 'front' });
const uploadingLost = run(documentCreated, failedWith(IMAGE_LOST));
const uploadingDone = run(uploadingPartway, { type: 'file_uploaded', side: 'back' }, { type: 'document_submitted' });
const atVerifying = run(uploadingDone, { type: 'verification_created', verificationId: 'ver_1' });
const verifyingTimedOut = run(atVerifying, failedWith(TIMEOUT));
const secondAttempt = run(atVerifying, requiresRetry(TOO_DARK));
const documentAgain = run(secondAttempt, { type: 'back' });
const backFirst = run(atVerifying, requiresRetry(BARCODE));
const backFirstReview = run(backFirst, captured('back', image('sess_table:blob:back:2')));
const frontAfterBack = run(backFirstReview, accepted);
const passportFront = run(atDocument, { type: 'document_chosen', documentType: 'passport', issuingCountry: 'FR' });
const passportReview = run(passportFront, captured('front', FRONT));

/** From the capture of a licence's front to verifying, uploading both sides. */
function attempt(state: FlowState): FlowState {
  const n = state.retries + 1;
  return run(
    state,
    captured('front', image(`sess_table:blob:front:${n}0`)),
    accepted,
    captured('back', image(`sess_table:blob:back:${n}0`)),
    accepted,
    { type: 'document_created', documentId: `doc_${n}0`, files: { front: `file_front_${n}0`, back: `file_back_${n}0` } },
    { type: 'file_uploaded', side: 'front' },
    { type: 'file_uploaded', side: 'back' },
    { type: 'document_submitted' },
    { type: 'verification_created', verificationId: `ver_${n}0` },
  );
}
let lastAttempt = secondAttempt;
while (lastAttempt.retries < MAX_RETRIES) lastAttempt = run(attempt(lastAttempt), requiresRetry(TOO_DARK));
const verifyingLast = attempt(lastAttempt);

/** How each outcome is reached, so the finished rows hold what a real finished flow holds. */
const FINISHED_STATES: Record<Outcome, FlowState> = {
  passed: run(atVerifying, { type: 'verification_finished', status: 'passed', reasons: [] }),
  review: run(atVerifying, { type: 'session_closed', outcome: 'review' }),
  failed: run(verifyingLast, requiresRetry(TOO_DARK)),
  expired: run(licenceBack, { type: 'session_closed', outcome: 'expired' }),
  cancelled: run(licenceFrontReview, { type: 'session_closed', outcome: 'cancelled' }),
};

// ------------------------------------------------------------------ the table

/** No verification verdict applies outside the verifying step. */
const NO_VERDICT: Record<VerificationStatus, Cell> = { initiated: same, passed: same, failed: same, requires_retry: same, canceled: same };

/** A finished flow stays finished: nothing moves it, nothing copies it. */
const FINISHED: Cells = {
  session_started: same,
  session_closed: same,
  consented: same,
  document_chosen: same,
  image_captured: same,
  image_accepted: same,
  retake: same,
  back: same,
  document_created: same,
  file_uploaded: same,
  file_url_replaced: same,
  document_submitted: same,
  verification_created: same,
  verification_finished: NO_VERDICT,
  retry_acknowledged: same,
  failed: same,
  retry: same,
};

interface Row {
  name: string;
  state: FlowState;
  cells: Cells;
}
type NonEmpty<T> = readonly [T, ...T[]];
function nonEmpty<T>(items: T[]): NonEmpty<T> {
  const [first, ...rest] = items;
  assert.ok(first !== undefined, 'a step with no rows');
  return [first, ...rest];
}

const ROWS: Record<StepName, NonEmpty<Row>> = {
  starting: [
    {
      name: 'fresh session',
      state: fresh,
      cells: {
        session_started: to(intro),
        session_closed: to(result('cancelled')),
        consented: same,
        document_chosen: same,
        image_captured: same,
        image_accepted: same,
        retake: same,
        back: same,
        document_created: same,
        file_uploaded: same,
        file_url_replaced: same,
        document_submitted: same,
        verification_created: same,
        verification_finished: NO_VERDICT,
        retry_acknowledged: same,
        failed: stay({ error: UNEXPECTED }),
        retry: stay(), // QUESTION: Q1 (retry with no error)
      },
    },
    {
      name: 'starting the session failed (retryable)',
      state: run(fresh, failedWith(NETWORK)),
      cells: {
        session_started: to(intro, { error: null }),
        session_closed: to(result('cancelled'), { error: null }),
        consented: same,
        document_chosen: same,
        image_captured: same,
        image_accepted: same,
        retake: same,
        back: same,
        document_created: same,
        file_uploaded: same,
        file_url_replaced: same,
        document_submitted: same,
        verification_created: same,
        verification_finished: NO_VERDICT,
        retry_acknowledged: same,
        failed: stay({ error: UNEXPECTED }),
        retry: stay({ error: null }),
      },
    },
  ],
  intro: [
    {
      name: 'consent asked',
      state: atIntro,
      cells: {
        session_started: same,
        session_closed: to(result('cancelled')),
        consented: to(documentStep),
        document_chosen: same,
        image_captured: same,
        image_accepted: same,
        retake: same,
        back: same,
        document_created: same,
        file_uploaded: same,
        file_url_replaced: same,
        document_submitted: same,
        verification_created: same,
        verification_finished: NO_VERDICT,
        retry_acknowledged: same,
        failed: stay({ error: UNEXPECTED }),
        retry: stay(), // QUESTION: Q1 (retry with no error)
      },
    },
  ],
  document: [
    {
      name: 'first choice',
      state: atDocument,
      cells: {
        session_started: same,
        session_closed: to(result('cancelled')),
        consented: same,
        document_chosen: to(capture('front'), { documentType: 'passport', issuingCountry: 'FR' }),
        image_captured: same,
        image_accepted: same,
        retake: same,
        back: to(intro),
        document_created: same,
        file_uploaded: same,
        file_url_replaced: same,
        document_submitted: same,
        verification_created: same,
        verification_finished: NO_VERDICT,
        retry_acknowledged: same,
        failed: stay({ error: UNEXPECTED }),
        retry: stay(), // QUESTION: Q1 (retry with no error)
      },
    },
    {
      name: 'back from the second attempt at a licence (choice, retries and reasons kept)',
      state: documentAgain,
      cells: {
        session_started: same,
        session_closed: to(result('cancelled')),
        consented: same,
        // The licence's reasons go with it; retries stay, which is the cap working. Choosing is acting on the notice.
        document_chosen: to(capture('front'), { documentType: 'passport', issuingCountry: 'FR', retryReasons: [], retryPending: false }),
        image_captured: same,
        image_accepted: same,
        retake: same,
        back: to(intro),
        document_created: same,
        file_uploaded: same,
        file_url_replaced: same,
        document_submitted: same,
        verification_created: same,
        verification_finished: NO_VERDICT,
        retry_acknowledged: same,
        failed: stay({ error: UNEXPECTED }),
        retry: stay(), // QUESTION: Q1 (retry with no error)
      },
    },
  ],
  capture: [
    {
      name: 'licence front',
      state: licenceFront,
      cells: {
        session_started: same,
        session_closed: to(result('cancelled')),
        consented: same,
        document_chosen: same,
        image_captured: to(review('front'), { captures: { front: NEW_FRONT } }),
        image_accepted: same,
        retake: same,
        back: to(documentStep),
        document_created: same,
        file_uploaded: same,
        file_url_replaced: same,
        document_submitted: same,
        verification_created: same,
        verification_finished: NO_VERDICT,
        retry_acknowledged: same,
        failed: stay({ error: UNEXPECTED }),
        retry: stay(), // QUESTION: Q1 (retry with no error)
      },
    },
    {
      name: 'licence back, front accepted',
      state: licenceBack,
      cells: {
        session_started: same,
        session_closed: to(result('cancelled')),
        consented: same,
        document_chosen: same,
        image_captured: same, // a photo of the front while the back is asked for is ignored
        image_accepted: same,
        retake: same,
        back: to(review('front')), // the front photo is kept and shown again
        document_created: same,
        file_uploaded: same,
        file_url_replaced: same,
        document_submitted: same,
        verification_created: same,
        verification_finished: NO_VERDICT,
        retry_acknowledged: same,
        failed: stay({ error: UNEXPECTED }),
        retry: stay(), // QUESTION: Q1 (retry with no error)
      },
    },
    {
      name: 'passport photo page',
      state: passportFront,
      cells: {
        session_started: same,
        session_closed: to(result('cancelled')),
        consented: same,
        document_chosen: same,
        image_captured: to(review('front'), { captures: { front: NEW_FRONT } }),
        image_accepted: same,
        retake: same,
        back: to(documentStep),
        document_created: same,
        file_uploaded: same,
        file_url_replaced: same,
        document_submitted: same,
        verification_created: same,
        verification_finished: NO_VERDICT,
        retry_acknowledged: same,
        failed: stay({ error: UNEXPECTED }),
        retry: stay(), // QUESTION: Q1 (retry with no error)
      },
    },
    {
      name: 'licence front, second attempt (retries 1, reasons shown)',
      state: secondAttempt,
      cells: {
        session_started: same,
        session_closed: to(result('cancelled')),
        consented: same,
        document_chosen: same,
        // The reasons stay for the whole attempt; a photo taken is acting on the notice.
        image_captured: to(review('front'), { captures: { front: NEW_FRONT }, retryPending: false }),
        image_accepted: same,
        retake: same,
        back: to(documentStep), // retries and reasons kept: going back does not reset the cap
        document_created: same,
        file_uploaded: same,
        file_url_replaced: same,
        document_submitted: same,
        verification_created: same,
        verification_finished: NO_VERDICT,
        retry_acknowledged: stay({ retryPending: false }), // "Try again" on the notice: the camera may take the photo by itself
        failed: stay({ error: UNEXPECTED }),
        retry: stay(), // QUESTION: Q1 (retry with no error)
      },
    },
    {
      name: 'licence back first, second attempt (only the back failed)',
      state: backFirst,
      cells: {
        session_started: same,
        session_closed: to(result('cancelled')),
        consented: same,
        document_chosen: same,
        image_captured: same, // a photo of the front while the back is asked for is ignored
        image_accepted: same,
        retake: same,
        back: to(documentStep), // nothing was taken before the back in this attempt
        document_created: same,
        file_uploaded: same,
        file_url_replaced: same,
        document_submitted: same,
        verification_created: same,
        verification_finished: NO_VERDICT,
        retry_acknowledged: stay({ retryPending: false }),
        failed: stay({ error: UNEXPECTED }),
        retry: stay(), // QUESTION: Q1 (retry with no error)
      },
    },
    {
      name: 'licence front after the back, second attempt',
      state: frontAfterBack,
      cells: {
        session_started: same,
        session_closed: to(result('cancelled')),
        consented: same,
        document_chosen: same,
        image_captured: to(review('front'), { captures: { back: frontAfterBack.captures.back!, front: NEW_FRONT } }),
        image_accepted: same,
        retake: same,
        back: to(review('back')), // the side taken before this one in this attempt
        document_created: same,
        file_uploaded: same,
        file_url_replaced: same,
        document_submitted: same,
        verification_created: same,
        verification_finished: NO_VERDICT,
        retry_acknowledged: same, // the notice was acted on (the back was taken)
        failed: stay({ error: UNEXPECTED }),
        retry: stay(), // QUESTION: Q1 (retry with no error)
      },
    },
  ],
  review: [
    {
      name: 'licence front',
      state: licenceFrontReview,
      cells: {
        session_started: same,
        session_closed: to(result('cancelled')),
        consented: same,
        document_chosen: same,
        image_captured: same,
        image_accepted: to(capture('back')),
        retake: to(capture('front'), { captures: {} }),
        back: same, // the review offers Retake and Continue, no Back
        document_created: same,
        file_uploaded: same,
        file_url_replaced: same,
        document_submitted: same,
        verification_created: same,
        verification_finished: NO_VERDICT,
        retry_acknowledged: same,
        failed: stay({ error: UNEXPECTED }),
        retry: stay(), // QUESTION: Q1 (retry with no error)
      },
    },
    {
      name: 'licence back',
      state: licenceBackReview,
      cells: {
        session_started: same,
        session_closed: to(result('cancelled')),
        consented: same,
        document_chosen: same,
        image_captured: same,
        image_accepted: to(uploading),
        retake: to(capture('back'), { captures: { front: FRONT } }), // only the back is dropped
        back: same,
        document_created: same,
        file_uploaded: same,
        file_url_replaced: same,
        document_submitted: same,
        verification_created: same,
        verification_finished: NO_VERDICT,
        retry_acknowledged: same,
        failed: stay({ error: UNEXPECTED }),
        retry: stay(), // QUESTION: Q1 (retry with no error)
      },
    },
    {
      name: 'licence back first, second attempt (only the back failed)',
      state: backFirstReview,
      cells: {
        session_started: same,
        session_closed: to(result('cancelled')),
        consented: same,
        document_chosen: same,
        image_captured: same,
        image_accepted: to(capture('front')), // then the other side: a new attempt is a new document
        retake: to(capture('back'), { captures: {} }),
        back: same,
        document_created: same,
        file_uploaded: same,
        file_url_replaced: same,
        document_submitted: same,
        verification_created: same,
        verification_finished: NO_VERDICT,
        retry_acknowledged: same,
        failed: stay({ error: UNEXPECTED }),
        retry: stay(), // QUESTION: Q1 (retry with no error)
      },
    },
    {
      name: 'passport photo page',
      state: passportReview,
      cells: {
        session_started: same,
        session_closed: to(result('cancelled')),
        consented: same,
        document_chosen: same,
        image_captured: same,
        image_accepted: to(uploading), // one side is all a passport needs
        retake: to(capture('front'), { captures: {} }),
        back: same,
        document_created: same,
        file_uploaded: same,
        file_url_replaced: same,
        document_submitted: same,
        verification_created: same,
        verification_finished: NO_VERDICT,
        retry_acknowledged: same,
        failed: stay({ error: UNEXPECTED }),
        retry: stay(), // QUESTION: Q1 (retry with no error)
      },
    },
  ],
  uploading: [
    {
      name: 'licence, before the document exists',
      state: uploadingFresh,
      cells: {
        session_started: same,
        session_closed: to(result('cancelled')),
        consented: same,
        document_chosen: same,
        image_captured: same,
        image_accepted: same,
        retake: same,
        back: same, // no going back while uploading
        document_created: stay({ document: NEW_DOCUMENT }),
        file_uploaded: same, // no document, no file to mark
        file_url_replaced: same,
        document_submitted: stay({ submitted: true }), // QUESTION: Q4 (submitted with no document)
        verification_created: to(verifying('ver_new')), // QUESTION: Q6 (verifying with no document)
        verification_finished: NO_VERDICT,
        retry_acknowledged: same,
        failed: stay({ error: UNEXPECTED }),
        retry: stay(), // QUESTION: Q1 (retry with no error)
      },
    },
    {
      name: 'licence, front uploaded, back pending',
      state: uploadingPartway,
      cells: {
        session_started: same,
        session_closed: to(result('cancelled')),
        consented: same,
        document_chosen: same,
        image_captured: same,
        image_accepted: same,
        retake: same,
        back: same,
        document_created: stay({ document: NEW_DOCUMENT }), // QUESTION: Q3 (the front's upload is forgotten)
        file_uploaded: stay({
          document: { id: 'doc_1', files: { front: { fileId: 'file_front_1', uploaded: true }, back: { fileId: 'file_back_1', uploaded: true } } },
        }),
        file_url_replaced: stay({
          document: { id: 'doc_1', files: { front: { fileId: 'file_front_1', uploaded: true }, back: { fileId: 'file_back_fresh', uploaded: false } } },
        }),
        document_submitted: stay({ submitted: true }), // QUESTION: Q4 (the back is not uploaded)
        verification_created: to(verifying('ver_new')), // QUESTION: Q6 (not submitted)
        verification_finished: NO_VERDICT,
        retry_acknowledged: same,
        failed: stay({ error: UNEXPECTED }),
        retry: stay(), // QUESTION: Q1 (retry with no error)
      },
    },
    {
      name: 'licence, a photo was lost (fatal error)',
      state: uploadingLost,
      cells: {
        session_started: same,
        session_closed: to(result('cancelled'), { error: null }),
        consented: same,
        document_chosen: same,
        image_captured: same,
        image_accepted: same,
        retake: same,
        back: same, // the error offers Start over
        document_created: stay({ document: NEW_DOCUMENT, error: null }), // QUESTION: Q3 (replaces the document)
        file_uploaded: stay({
          document: { id: 'doc_1', files: { front: { fileId: 'file_front_1', uploaded: false }, back: { fileId: 'file_back_1', uploaded: true } } },
          error: null,
        }),
        file_url_replaced: stay({
          document: { id: 'doc_1', files: { front: { fileId: 'file_front_1', uploaded: false }, back: { fileId: 'file_back_fresh', uploaded: false } } },
          error: null,
        }),
        document_submitted: stay({ submitted: true, error: null }), // QUESTION: Q4 (nothing uploaded)
        verification_created: to(verifying('ver_new'), { error: null }), // QUESTION: Q6 (nothing uploaded, fatal error dropped)
        verification_finished: NO_VERDICT,
        retry_acknowledged: same,
        failed: stay({ error: UNEXPECTED }),
        retry: stay({ error: null }), // QUESTION: Q2 (a fatal error is retried away)
      },
    },
    {
      name: 'licence, both uploaded and submitted',
      state: uploadingDone,
      cells: {
        session_started: same,
        session_closed: to(result('cancelled')),
        consented: same,
        document_chosen: same,
        image_captured: same,
        image_accepted: same,
        retake: same,
        back: same,
        document_created: stay({ document: NEW_DOCUMENT }), // QUESTION: Q3 (submitted stays true for the new document)
        file_uploaded: stay(), // QUESTION: Q1 (already uploaded)
        file_url_replaced: stay({
          document: { id: 'doc_1', files: { front: { fileId: 'file_front_1', uploaded: true }, back: { fileId: 'file_back_fresh', uploaded: false } } },
        }), // QUESTION: Q5 (pending again after submission)
        document_submitted: stay(), // QUESTION: Q1 (already submitted)
        verification_created: to(verifying('ver_new')),
        verification_finished: NO_VERDICT,
        retry_acknowledged: same,
        failed: stay({ error: UNEXPECTED }),
        retry: stay(), // QUESTION: Q1 (retry with no error)
      },
    },
  ],
  verifying: [
    {
      name: 'first attempt',
      state: atVerifying,
      cells: {
        session_started: same,
        session_closed: to(result('cancelled')),
        consented: same,
        document_chosen: same,
        image_captured: same,
        image_accepted: same,
        retake: same,
        back: same,
        document_created: same,
        file_uploaded: same,
        file_url_replaced: same,
        document_submitted: same,
        verification_created: same, // one verification per attempt
        verification_finished: {
          initiated: stay(), // QUESTION: Q1 (still running, yet a new object)
          passed: to(result('passed')),
          failed: to(result('failed')),
          // A new attempt is a new document: captures, document and submission go; the reasons are shown.
          requires_retry: to(capture('front'), { retries: 1, retryReasons: BLURRED, retryPending: true, captures: {}, document: null, submitted: false }),
          canceled: to(result('failed')), // 'cancelled' is kept for the applicant's or host page's choice
        },
        retry_acknowledged: same,
        failed: stay({ error: UNEXPECTED }),
        retry: stay(), // QUESTION: Q1 (retry with no error)
      },
    },
    {
      name: 'first attempt, polling timed out (retryable error)',
      state: verifyingTimedOut,
      cells: {
        session_started: same,
        session_closed: to(result('cancelled'), { error: null }),
        consented: same,
        document_chosen: same,
        image_captured: same,
        image_accepted: same,
        retake: same,
        back: same,
        document_created: same,
        file_uploaded: same,
        file_url_replaced: same,
        document_submitted: same,
        verification_created: same,
        verification_finished: {
          initiated: stay({ error: null }), // an answer, even "still running", ends the timeout
          passed: to(result('passed'), { error: null }),
          failed: to(result('failed'), { error: null }),
          requires_retry: to(capture('front'), {
            retries: 1,
            retryReasons: BLURRED,
            retryPending: true,
            captures: {},
            document: null,
            submitted: false,
            error: null,
          }),
          canceled: to(result('failed'), { error: null }),
        },
        retry_acknowledged: same,
        failed: stay({ error: UNEXPECTED }),
        retry: stay({ error: null }),
      },
    },
    {
      name: `last allowed attempt (retries ${MAX_RETRIES})`,
      state: verifyingLast,
      cells: {
        session_started: same,
        session_closed: to(result('cancelled')),
        consented: same,
        document_chosen: same,
        image_captured: same,
        image_accepted: same,
        retake: same,
        back: same,
        document_created: same,
        file_uploaded: same,
        file_url_replaced: same,
        document_submitted: same,
        verification_created: same,
        verification_finished: {
          initiated: stay(), // QUESTION: Q1 (still running, yet a new object)
          passed: to(result('passed')),
          failed: to(result('failed')),
          requires_retry: to(result('failed'), { retries: MAX_RETRIES + 1 }), // one retry too many: the attempt fails
          canceled: to(result('failed')),
        },
        retry_acknowledged: same,
        failed: stay({ error: UNEXPECTED }),
        retry: stay(), // QUESTION: Q1 (retry with no error)
      },
    },
  ],
  result: nonEmpty(Object.entries(FINISHED_STATES).map(([outcome, state]): Row => ({ name: outcome, state, cells: FINISHED }))),
};

// ------------------------------------------------------------------ checking

const stepLabel = (step: Step): string =>
  step.name === 'capture' || step.name === 'review' ? `${step.name}(${step.side})` : step.name === 'result' ? `result(${step.outcome})` : step.name;

const ALL_ROWS: { group: StepName; row: Row }[] = (Object.entries(ROWS) as [StepName, NonEmpty<Row>][]).flatMap(([group, rows]) =>
  rows.map((row) => ({ group, row })),
);
const label = (group: StepName, row: Row) => `${group}: ${row.name}`;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
for (const { row } of ALL_ROWS) deepFreeze(row.state);

/** The outcome of one cell: the state the machine returned, or a description of the mismatch. */
function check(state: FlowState, event: FlowEvent, cell: Cell): { next: FlowState; problem: string | null } {
  const before = JSON.stringify(state);
  let next: FlowState;
  try {
    next = transition(state, event);
  } catch (error) {
    // A frozen row makes any mutation throw: the machine must build new objects.
    return { next: state, problem: `threw ${String(error)}` };
  }
  if (JSON.stringify(state) !== before) return { next, problem: 'the input state was modified' };
  if (cell.kind === 'same') {
    return { next, problem: next === state ? null : `expected the same object, got ${stepLabel(next.step)} ${JSON.stringify(diff(state, next))}` };
  }
  if (next === state) return { next, problem: `expected a new state at ${stepLabel(cell.step ?? state.step)}, got the same object` };
  const expected: FlowState = { ...state, step: cell.step ?? state.step, ...cell.changes };
  try {
    assert.deepStrictEqual(next, expected);
    return { next, problem: null };
  } catch {
    return {
      next,
      problem: `expected ${stepLabel(expected.step)} ${JSON.stringify(diff(state, expected))}, got ${stepLabel(next.step)} ${JSON.stringify(diff(state, next))}`,
    };
  }
}

/** The fields of `after` that differ from `before` (for failure messages). */
function diff(before: FlowState, after: FlowState): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof FlowState>) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = after[key];
  }
  return out;
}

describe('flow machine: every step × every event', () => {
  it('has one cell for every row and every column, and a row for every step a cell leads to', () => {
    // The split columns are exactly the statuses the API defines.
    assert.deepEqual(Object.keys(COLUMNS.verification_finished).sort(), [...VERIFICATION_STATUSES].sort());
    for (const [id, event] of EVENTS) assert.equal(id.split(':')[0], event.type, `column ${id} carries a ${event.type} event`);
    for (const [status, event] of Object.entries(COLUMNS.verification_finished)) assert.equal(event.status, status);

    const columns = [...EVENTS.keys()].sort();
    const shapes = new Set(ALL_ROWS.map(({ row }) => stepLabel(row.state.step)));
    const problems: string[] = [];
    for (const [group, rows] of Object.entries(ROWS) as [StepName, readonly Row[]][]) {
      if (rows.length === 0) problems.push(`step ${group} has no row`);
    }
    for (const { group, row } of ALL_ROWS) {
      if (row.state.step.name !== group) problems.push(`${label(group, row)} is at ${stepLabel(row.state.step)}`);
      const cells = [...byColumn(row.cells).keys()].sort();
      for (const id of columns) if (!cells.includes(id)) problems.push(`${label(group, row)} has no cell for ${id}`);
      for (const id of cells) if (!columns.includes(id)) problems.push(`${label(group, row)} has a cell for unknown column ${id}`);
      for (const [id, cell] of byColumn(row.cells)) {
        if (cell.kind === 'new' && cell.step && !shapes.has(stepLabel(cell.step))) {
          problems.push(`${label(group, row)} × ${id} leads to ${stepLabel(cell.step)}, which has no row`);
        }
      }
    }
    for (const outcome of Object.keys(FINISHED_STATES)) if (!shapes.has(`result(${outcome})`)) problems.push(`no row for result(${outcome})`);
    assert.deepEqual(problems, []);
  });

  for (const { group, row } of ALL_ROWS) {
    it(`${label(group, row)} (${stepLabel(row.state.step)})`, () => {
      const cells = byColumn(row.cells);
      const problems: string[] = [];
      for (const [id, event] of EVENTS) {
        const cell = cells.get(id);
        if (!cell) {
          problems.push(`${id}: no cell`);
          continue;
        }
        const { problem } = check(row.state, event, cell);
        if (problem) problems.push(`${id}: ${problem}`);
      }
      assert.deepEqual(problems, [], `cells that do not hold for ${label(group, row)}`);
    });
  }

  it('every state in the table survives structuredClone and a JSON round trip unchanged', () => {
    const reached: { where: string; state: FlowState }[] = [];
    for (const { group, row } of ALL_ROWS) {
      reached.push({ where: label(group, row), state: row.state });
      const cells = byColumn(row.cells);
      for (const [id, event] of EVENTS) reached.push({ where: `${label(group, row)} × ${id}`, state: check(row.state, event, cells.get(id) ?? same).next });
    }
    for (const { where, state } of reached) {
      assert.deepStrictEqual(structuredClone(state), state, `${where}: structuredClone`);
      assert.deepStrictEqual(JSON.parse(JSON.stringify(state)), state, `${where}: JSON`);
    }
  });

  it('counts its cells', (t) => {
    let changed = 0;
    let copies = 0;
    let unchanged = 0;
    for (const { row } of ALL_ROWS) {
      for (const cell of byColumn(row.cells).values()) {
        if (cell.kind === 'same') unchanged++;
        else if (cell.step === null && Object.keys(cell.changes).length === 0) copies++;
        else changed++;
      }
    }
    const rows = ALL_ROWS.length;
    const columns = EVENTS.size;
    assert.equal(changed + copies + unchanged, rows * columns);
    t.diagnostic(
      `${rows} rows × ${columns} columns = ${rows * columns} cells: ${changed} change the state, ${copies} return a new but equal state, ${unchanged} return the same object`,
    );
  });
});
