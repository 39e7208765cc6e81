// The reasons of a retry in the applicant's words (src/ui/reasons.ts), against the English table.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FailedCheck } from '../../src/api/parse.js';
import { initialState, type FlowState } from '../../src/flow/machine.js';
import { en } from '../../src/ui/i18n/en.js';
import { reasonText, retryAnnouncement, retryNotice } from '../../src/ui/reasons.js';

const SANDBOX_WORDING =
  'The photo of the front is blurry. Hold the document still and take the photo again (forced once by the sandbox scenario "requires_retry").';

const failed = (check: string, sides: FailedCheck['sides'] = [], text = `server words for ${check}`): FailedCheck => ({ check, sides, text });

function retryState(reasons: FailedCheck[], changes: Partial<FlowState> = {}): FlowState {
  return {
    ...initialState('sess_1'),
    documentType: 'drivers_license',
    issuingCountry: 'US',
    retries: 1,
    retryReasons: reasons,
    retryPending: true,
    step: { name: 'capture', side: 'back' },
    ...changes,
  };
}

describe('retry reasons in the applicant’s words', () => {
  it('a known check is the table’s sentence for the side it failed on, never the server’s words', () => {
    assert.equal(reasonText(en, failed('document_visible', ['back']), 'drivers_license'), en.reasons.document_visible.back);
    assert.equal(reasonText(en, failed('image_resolution', ['front']), 'national_id'), en.reasons.image_resolution.front);
    assert.equal(reasonText(en, failed('barcode_readable', ['back']), 'drivers_license'), en.reasons.barcode_readable);
    assert.equal(reasonText(en, failed('document_not_expired'), 'drivers_license'), en.reasons.document_not_expired);
  });

  it('a passport’s front is its photo page; no side, several sides or a side with no sentence of its own get the general sentence', () => {
    assert.equal(reasonText(en, failed('image_readable', ['front']), 'passport'), en.reasons.image_readable.photo_page);
    assert.equal(reasonText(en, failed('image_readable'), 'passport'), en.reasons.image_readable.any);
    assert.equal(reasonText(en, failed('document_visible', ['front', 'back']), 'drivers_license'), en.reasons.document_visible.any);
    assert.equal(reasonText(en, failed('document_visible', ['portrait']), 'drivers_license'), en.reasons.document_visible.any);
  });

  it('the sandbox’s forced retry reads as a photo not clear enough: its test wording never shows', () => {
    const text = reasonText(en, failed('sandbox_scenario', ['front'], SANDBOX_WORDING), 'drivers_license');
    assert.equal(text, en.reasons.photo_unclear.front);
    assert.doesNotMatch(text, /sandbox|forced/i);
    assert.equal(reasonText(en, failed('sandbox_scenario', ['front'], SANDBOX_WORDING), 'passport'), en.reasons.photo_unclear.photo_page);
  });

  it('an unknown check falls back to the server’s words, and to the general sentence where it gave none', () => {
    assert.equal(reasonText(en, failed('glare_detected', ['front'], 'There is glare on the front.'), 'drivers_license'), 'There is glare on the front.');
    assert.equal(reasonText(en, failed('glare_detected', [], ''), 'drivers_license'), en.reasons.photo_unclear.any);
    // Names inherited from Object.prototype are not checks the widget knows.
    assert.equal(reasonText(en, failed('toString', [], 'odd'), 'drivers_license'), 'odd');
  });
});

describe('the retry notice of a capture step', () => {
  it('shows the reasons about its side or about no side, each once, under a heading that says it is a retry', () => {
    const state = retryState([failed('barcode_readable', ['back']), failed('document_visible', ['back']), failed('sandbox_scenario', [])]);
    const notice = retryNotice(en, state, 'back');
    assert.deepEqual(notice, {
      heading: en.capture.retry.heading.photos,
      reasons: [en.reasons.barcode_readable, en.reasons.document_visible.back, en.reasons.photo_unclear.any],
      pending: true,
    });
    assert.deepEqual(
      retryNotice(en, { ...state, retryReasons: [failed('barcode_readable', ['back']), failed('barcode_readable', ['back'])] }, 'back')?.reasons,
      [en.reasons.barcode_readable],
    );
    assert.equal(retryNotice(en, { ...state, documentType: 'passport' }, 'front')?.heading, en.capture.retry.heading.onePhoto);
  });

  it('once acted on, another side’s step shows only what is about that side: nothing when nothing is', () => {
    const state = retryState([failed('barcode_readable', ['back'])], { retryPending: false, step: { name: 'capture', side: 'front' } });
    assert.equal(retryNotice(en, state, 'front'), null);
    assert.equal(retryAnnouncement(en, state), null);
  });

  it('while it waits it always shows: every reason if none is about this side, a general one if the server gave none', () => {
    assert.deepEqual(retryNotice(en, retryState([failed('barcode_readable', ['back'])]), 'front')?.reasons, [en.reasons.barcode_readable]);
    assert.deepEqual(retryNotice(en, retryState([]), 'front')?.reasons, [en.reasons.photo_unclear.any]);
  });

  it('no retry, no notice', () => {
    assert.equal(retryNotice(en, { ...retryState([]), retries: 0, retryPending: false }, 'front'), null);
  });

  it('is announced as its reasons, whole sentences one after the other', () => {
    const state = retryState([failed('barcode_readable', ['back']), failed('image_resolution', ['back'])]);
    assert.equal(retryAnnouncement(en, state), `${en.reasons.barcode_readable} ${en.reasons.image_resolution.back}`);
    assert.equal(retryAnnouncement(en, { ...state, step: { name: 'verifying', verificationId: 'v' } }), null);
  });
});
