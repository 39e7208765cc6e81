/** Camera error kinds and which sides carry a barcode: the small tables the camera code decides by. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cameraProblemFor, PREFERRED_CONSTRAINTS } from '../../src/camera/camera-controller.js';
import { barcodeModeFor } from '../../src/camera/capture-plan.js';

describe('cameraProblemFor', () => {
  it('maps getUserMedia failures to what the applicant can do about them', () => {
    const named = (name: string) => Object.assign(new Error(name), { name });
    assert.equal(cameraProblemFor(named('NotAllowedError')), 'denied');
    assert.equal(cameraProblemFor(named('SecurityError')), 'denied');
    assert.equal(cameraProblemFor(named('NotFoundError')), 'absent');
    assert.equal(cameraProblemFor(named('OverconstrainedError')), 'absent');
    assert.equal(cameraProblemFor(named('NotReadableError')), 'busy');
    assert.equal(cameraProblemFor(named('AbortError')), 'busy');
    assert.equal(cameraProblemFor(named('TypeError')), 'failed');
    assert.equal(cameraProblemFor(null), 'failed');
  });

  it('asks for the rear camera at 1080p with preferences only, never `exact`', () => {
    const json = JSON.stringify(PREFERRED_CONSTRAINTS);
    assert.ok(!json.includes('exact'));
    assert.deepEqual(PREFERRED_CONSTRAINTS.video, { facingMode: { ideal: 'environment' }, width: { ideal: 1920 }, height: { ideal: 1080 } });
    assert.equal(PREFERRED_CONSTRAINTS.audio, false);
  });
});

describe('barcodeModeFor', () => {
  it('requires the PDF417 on the back of North American licences and ID cards, and watches their front', () => {
    assert.equal(barcodeModeFor('drivers_license', 'US', 'back'), 'required');
    assert.equal(barcodeModeFor('national_id', 'ca', 'back'), 'required');
    assert.equal(barcodeModeFor('drivers_license', 'US', 'front'), 'watch');
  });

  it('leaves barcodes out elsewhere', () => {
    assert.equal(barcodeModeFor('drivers_license', 'FR', 'back'), 'off');
    assert.equal(barcodeModeFor('passport', 'US', 'front'), 'off');
    assert.equal(barcodeModeFor('residence_permit', 'US', 'back'), 'off');
    assert.equal(barcodeModeFor(null, null, 'back'), 'off');
  });
});
