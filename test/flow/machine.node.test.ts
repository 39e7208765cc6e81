import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, transition, MAX_RETRIES, type CapturedImage, type FlowEvent, type FlowState } from '../../src/flow/machine.js';

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
    state = transition(state, { type: 'verification_finished', status: 'requires_retry', reasons: ['Too dark'] });
    assert.deepEqual(state.step, { name: 'capture', side: 'front' });
    assert.deepEqual(state.retryReasons, ['Too dark']);
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
