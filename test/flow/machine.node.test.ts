import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FailedCheck } from '../../src/api/parse.js';
import {
  captureOrder,
  initialState,
  restoredState,
  transition,
  MAX_RETRIES,
  type CapturedImage,
  type FlowEvent,
  type FlowState,
} from '../../src/flow/machine.js';

const image = (side: string): CapturedImage => ({
  blobKey: `k-${side}`,
  contentType: 'image/jpeg',
  byteSize: 10,
  width: 1600,
  height: 1000,
  checksum: 'ab',
  source: 'file',
});

function run(state: FlowState, ...events: FlowEvent[]): FlowState {
  return events.reduce(transition, state);
}

const toLicenceUpload = (): FlowState =>
  run(
    initialState('sess_1'),
    { type: 'session_started' },
    { type: 'consented' },
    { type: 'document_chosen', documentType: 'drivers_license', issuingCountry: 'US' },
    { type: 'image_captured', side: 'front', image: image('front') },
    { type: 'image_accepted' },
    { type: 'image_captured', side: 'back', image: image('back') },
    { type: 'image_accepted' },
  );

describe('flow machine', () => {
  it('walks a passport from start to passed', () => {
    const end = run(
      initialState('sess_1'),
      { type: 'session_started' },
      { type: 'consented' },
      { type: 'document_chosen', documentType: 'passport', issuingCountry: 'FR' },
      { type: 'image_captured', side: 'front', image: image('front') },
      { type: 'image_accepted' },
      { type: 'document_created', documentId: 'doc_1', files: { front: 'file_1' } },
      { type: 'file_uploaded', side: 'front' },
      { type: 'document_submitted' },
      { type: 'verification_created', verificationId: 'ver_1' },
      { type: 'verification_finished', status: 'passed', reasons: [] },
    );
    assert.deepEqual(end.step, { name: 'result', outcome: 'passed' });
  });

  it('asks for both sides of a licence, in order, before uploading', () => {
    const state = toLicenceUpload();
    assert.equal(state.step.name, 'uploading');
    assert.deepEqual(Object.keys(state.captures).sort(), ['back', 'front']);
  });

  it('retake drops the image and returns to capture of the same side', () => {
    const state = run(
      initialState('s'),
      { type: 'session_started' },
      { type: 'consented' },
      { type: 'document_chosen', documentType: 'national_id', issuingCountry: 'DE' },
      { type: 'image_captured', side: 'front', image: image('front') },
      { type: 'retake' },
    );
    assert.deepEqual(state.step, { name: 'capture', side: 'front' });
    assert.equal(state.captures.front, undefined);
  });

  it('marks files uploaded one by one and keeps the others pending (resume skips uploaded files)', () => {
    const state = run(
      toLicenceUpload(),
      { type: 'document_created', documentId: 'doc_1', files: { front: 'f1', back: 'f2' } },
      { type: 'file_uploaded', side: 'front' },
    );
    assert.deepEqual(state.document?.files, { front: { fileId: 'f1', uploaded: true }, back: { fileId: 'f2', uploaded: false } });
    const roundTripped = JSON.parse(JSON.stringify(state)) as FlowState;
    assert.deepEqual(roundTripped, state, 'the state is plain serializable data');
  });

  it('requires_retry starts a new attempt with the reasons, and is capped', () => {
    let state = run(
      toLicenceUpload(),
      { type: 'document_created', documentId: 'd', files: { front: 'a', back: 'b' } },
      { type: 'verification_created', verificationId: 'v' },
    );
    const tooDark: FailedCheck[] = [{ check: 'image_quality', sides: [], text: 'Too dark' }];
    state = transition(state, { type: 'verification_finished', status: 'requires_retry', reasons: tooDark });
    assert.deepEqual(state.step, { name: 'capture', side: 'front' });
    assert.deepEqual(state.retryReasons, tooDark);
    assert.equal(state.retryPending, true);
    assert.equal(state.document, null);
    assert.deepEqual(state.captures, {});
    for (let i = 1; i <= MAX_RETRIES; i++) {
      state = run(
        state,
        { type: 'image_captured', side: 'front', image: image('front') },
        { type: 'image_accepted' },
        { type: 'image_captured', side: 'back', image: image('back') },
        { type: 'image_accepted' },
        { type: 'verification_created', verificationId: `v${i}` },
        { type: 'verification_finished', status: 'requires_retry', reasons: [] },
      );
    }
    assert.deepEqual(state.step, { name: 'result', outcome: 'failed' });
  });

  it('ignores events that make no sense in the current step', () => {
    const start = initialState('s');
    assert.equal(transition(start, { type: 'image_accepted' }), start);
    assert.equal(transition(start, { type: 'file_uploaded', side: 'front' }), start);
  });

  it('a finished flow stays finished', () => {
    const closed = transition(initialState('s'), { type: 'session_closed', outcome: 'expired' });
    assert.equal(transition(closed, { type: 'session_closed', outcome: 'passed' }), closed);
    assert.equal(transition(closed, { type: 'session_started' }), closed);
  });

  it('errors are kept until retried, and back goes to the previous side review', () => {
    const failed = transition(toLicenceUpload(), { type: 'failed', error: { code: 'network', retryable: true } });
    assert.equal(failed.error?.code, 'network');
    assert.equal(transition(failed, { type: 'retry' }).error, null);
    const atBack = run(
      initialState('s'),
      { type: 'session_started' },
      { type: 'consented' },
      { type: 'document_chosen', documentType: 'drivers_license', issuingCountry: 'US' },
      { type: 'image_captured', side: 'front', image: image('front') },
      { type: 'image_accepted' },
      { type: 'back' },
    );
    assert.deepEqual(atBack.step, { name: 'review', side: 'front' });
  });
});

/** A licence at verifying, then the verdict `requires_retry` with `reasons`. */
function retriedLicence(reasons: FailedCheck[]): FlowState {
  return run(
    toLicenceUpload(),
    { type: 'document_created', documentId: 'd', files: { front: 'a', back: 'b' } },
    { type: 'verification_created', verificationId: 'v' },
    { type: 'verification_finished', status: 'requires_retry', reasons },
  );
}

const failed = (check: string, ...sides: FailedCheck['sides']): FailedCheck => ({ check, sides, text: `${check} failed` });

describe('flow machine: a retry returns to the side that failed', () => {
  it('starts at the back when only the back failed, then takes the front again, then uploads both', () => {
    let state = retriedLicence([failed('barcode_readable', 'back')]);
    assert.deepEqual(state.step, { name: 'capture', side: 'back' });
    assert.deepEqual(captureOrder(state), ['back', 'front']);
    state = run(state, { type: 'image_captured', side: 'back', image: image('back') }, { type: 'image_accepted' });
    assert.deepEqual(state.step, { name: 'capture', side: 'front' }, 'every side is taken again: a new attempt is a new document');
    assert.deepEqual(transition(state, { type: 'back' }).step, { name: 'review', side: 'back' }, 'back goes to the side taken before, the back');
    state = run(state, { type: 'image_captured', side: 'front', image: image('front') }, { type: 'image_accepted' });
    assert.equal(state.step.name, 'uploading');
    assert.deepEqual(Object.keys(state.captures).sort(), ['back', 'front']);
  });

  it('back from the first side of a back-first attempt goes to the document choice (nothing was taken before it)', () => {
    const state = retriedLicence([failed('document_visible', 'back'), failed('barcode_readable', 'back')]);
    assert.deepEqual(state.step, { name: 'capture', side: 'back' }, 'several checks, all about the back');
    assert.deepEqual(transition(state, { type: 'back' }).step, { name: 'document' });
  });

  it('starts at the first side when unsure: both sides failed, a check named no side, the server gave no reason, or named a side the document lacks', () => {
    for (const reasons of [
      [failed('document_visible', 'front', 'back')],
      [failed('document_visible', 'front'), failed('barcode_readable', 'back')],
      [failed('barcode_readable', 'back'), failed('image_quality')],
      [],
      [failed('sandbox_scenario', 'portrait')],
    ]) {
      const state = retriedLicence(reasons);
      assert.deepEqual(state.step, { name: 'capture', side: 'front' }, JSON.stringify(reasons));
      assert.deepEqual(captureOrder(state), ['front', 'back']);
    }
  });

  it('the notice waits for the applicant: "Try again" or a photo taken ends the wait, nothing else does', () => {
    const state = retriedLicence([failed('barcode_readable', 'back')]);
    assert.equal(state.retryPending, true);
    const acknowledged = transition(state, { type: 'retry_acknowledged' });
    assert.equal(acknowledged.retryPending, false);
    assert.deepEqual(acknowledged.step, state.step);
    assert.deepEqual(acknowledged.retryReasons, state.retryReasons, 'the reasons stay shown');
    assert.equal(transition(acknowledged, { type: 'retry_acknowledged' }), acknowledged, 'once is enough');
    const taken = transition(state, { type: 'image_captured', side: 'back', image: image('back') });
    assert.equal(taken.retryPending, false);
    assert.equal(transition(initialState('s'), { type: 'retry_acknowledged' }).retryPending, false);
  });

  it('choosing the same document again keeps the reasons and the side that failed; another document starts without them', () => {
    const atDocument = transition(retriedLicence([failed('barcode_readable', 'back')]), { type: 'back' });
    assert.deepEqual(atDocument.step, { name: 'document' });
    const same = transition(atDocument, { type: 'document_chosen', documentType: 'drivers_license', issuingCountry: 'US' });
    assert.deepEqual(same.step, { name: 'capture', side: 'back' });
    assert.equal(same.retryReasons.length, 1);
    const other = transition(atDocument, { type: 'document_chosen', documentType: 'national_id', issuingCountry: 'US' });
    assert.deepEqual(other.step, { name: 'capture', side: 'front' });
    assert.deepEqual(other.retryReasons, []);
    assert.equal(other.retries, 1, 'the cap still counts');
  });
});

describe('flow machine: saved states', () => {
  it('a state of this version is resumed as it was; another session, a finished flow or an unknown shape is not', () => {
    const state = retriedLicence([failed('barcode_readable', 'back')]);
    const saved = JSON.parse(JSON.stringify(state)) as unknown;
    assert.deepEqual(restoredState(saved, 'sess_1'), state);
    assert.equal(restoredState(saved, 'sess_other'), null);
    assert.equal(restoredState(transition(state, { type: 'session_closed', outcome: 'expired' }), 'sess_1'), null);
    assert.equal(restoredState({ ...state, version: 3 }, 'sess_1'), null);
    assert.equal(restoredState(null, 'sess_1'), null);
    assert.equal(restoredState('state', 'sess_1'), null);
  });

  it('a state saved by version 1 (reasons in the server words) loads: the words become a general reason, and a retry not yet acted on still waits', () => {
    const current = retriedLicence([failed('sandbox_scenario', 'front')]);
    const { retryPending: _pending, ...rest } = current;
    const v1 = { ...rest, version: 1, retryReasons: ['The photo of the front is blurry (forced once by the sandbox scenario "requires_retry").'] };
    const restored = restoredState(JSON.parse(JSON.stringify(v1)), 'sess_1');
    assert.ok(restored);
    assert.equal(restored.version, 2);
    assert.deepEqual(restored.retryReasons, [{ check: '', sides: [], text: '' }], 'the server words (here, the sandbox test wording) are not kept');
    assert.equal(restored.retryPending, true);
    assert.deepEqual(restored.step, { name: 'capture', side: 'front' });

    const firstAttempt = { ...toLicenceUpload(), version: 1, retryReasons: [] } as unknown as Record<string, unknown>;
    delete firstAttempt.retryPending;
    const resumed = restoredState(firstAttempt, 'sess_1');
    assert.ok(resumed);
    assert.deepEqual(resumed.retryReasons, []);
    assert.equal(resumed.retryPending, false);
    assert.equal(resumed.step.name, 'uploading');
    // Once upgraded, the flow runs on: the machine takes it like any state of this version.
    assert.equal(transition(resumed, { type: 'document_created', documentId: 'd', files: { front: 'a', back: 'b' } }).document?.id, 'd');
  });
});

describe('flow machine: a failed verification', () => {
  it('keeps the checks it failed on the result step, for the result screen to say why; none when it gave none', () => {
    const expired = { check: 'document_not_expired', sides: [], text: 'The document expired on 2020-01-15.' };
    const atVerifying = run(
      toLicenceUpload(),
      { type: 'document_created', documentId: 'd', files: { front: 'a', back: 'b' } },
      { type: 'verification_created', verificationId: 'v' },
    );
    assert.deepEqual(transition(atVerifying, { type: 'verification_finished', status: 'failed', reasons: [expired] }).step, {
      name: 'result',
      outcome: 'failed',
      reasons: [expired],
    });
    assert.deepEqual(transition(atVerifying, { type: 'verification_finished', status: 'failed', reasons: [] }).step, { name: 'result', outcome: 'failed' });
  });
});
