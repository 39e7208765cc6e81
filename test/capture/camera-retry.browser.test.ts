// The camera after a retry the check asked for, in every engine (a canvas camera showing a
// passport on a table, camera-helpers.ts): the camera would take the photo by itself within a
// second and the notice would go with it, unread. It waits for the notice's "Try again"; the
// shutter works meanwhile; after "Try again" the photo is taken by itself again.
import { aTimeout, expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import '../../src/define.js';
import type { BelticVerify } from '../../src/index.js';
import { en } from '../../src/ui/i18n/en.js';
import { clearWidgetStorage, consent, chooseDocument, createSession, currentStep, mount, mountAtState, shadow } from '../helpers/widget.js';
import { harness } from '../helpers/harness.js';
import { timeLimit } from '../helpers/engines.js';
import { CanvasCamera, captureState, liveRegion, restoreCameras, scanStats, until, waitForCamera } from './camera-helpers.js';

/** A passport lying whole on a table: taken by itself once held steady (camera.browser.test.ts). */
const PASSPORT_SCENE = 'scene-1280x720-dark-table-front-skew2-scale68.png';

const tryAgain = (element: BelticVerify) => element.shadowRoot!.querySelector<HTMLButtonElement>('.retry-notice button');
const retryReason = (element: BelticVerify) => element.shadowRoot!.querySelector('.retry-notice')?.textContent ?? '';

/** The scanning loop of the capture step has judged that the photo could be taken by itself. */
async function untilReadyToTake(element: BelticVerify): Promise<void> {
  await until(
    () => (harness(element).camera.scanLoop?.stats.readyAt ?? null) !== null,
    () => `the frames held steady long enough for the automatic photo (${scanStats(element)})`,
    timeLimit(20000),
  );
}

/** The photo taken (by itself or by the shutter) and accepted: the review. */
async function untilReview(element: BelticVerify): Promise<void> {
  await until(
    () => currentStep(element) === 'review',
    () => `the review (at ${currentStep(element)}, ${captureState(element)})`,
    timeLimit(20000),
  );
}

describe('the camera after a retry', function () {
  this.timeout(timeLimit(90000));
  let camera: CanvasCamera | null = null;

  beforeEach(clearWidgetStorage);
  afterEach(() => {
    camera?.dispose();
    camera = null;
    restoreCameras();
  });

  it('takes nothing by itself until "Try again" on the notice is pressed, however long the document is held steady; then it does', async () => {
    camera = new CanvasCamera(1280, 720).install();
    await camera.show(PASSPORT_SCENE);
    const session = await createSession({ scenario: 'requires_retry' });
    const element = await mount(session);
    await consent(element);
    await chooseDocument(element, 'passport', 'FR');
    // The first attempt: taken by itself, sent, and refused once by the scenario.
    await untilReview(element);
    shadow<HTMLButtonElement>(element, '.actions button:not(.secondary)').click();
    await waitUntil(() => harness(element).flow.state?.retryPending === true, 'requires_retry', { timeout: 20000 });
    await waitForCamera(element, 'live');

    const reason = en.reasons.photo_unclear.photo_page;
    expect(retryReason(element)).to.include(reason);
    expect(liveRegion(element)).to.equal(reason);
    // The loop saw a steady document (it would have taken it) and nothing was taken, for 3 s more at least.
    await untilReadyToTake(element);
    await aTimeout(3000);
    expect(currentStep(element), 'no photo taken by itself').to.equal('capture');
    expect(harness(element).camera.phase).to.equal('scanning');
    expect(element.shadowRoot!.querySelector('.viewfinder.steady') === null, 'no cue that a photo is coming').to.equal(true);
    expect(retryReason(element), 'the notice stays').to.include(reason);
    expect(liveRegion(element), 'no advice announced over the reason').to.equal(reason);
    expect(shadow<HTMLButtonElement>(element, 'button.shutter').disabled, 'the shutter works meanwhile').to.equal(false);

    // Pressed as a keyboard user would: focused, then activated.
    const button = tryAgain(element)!;
    button.focus();
    button.click();
    await element.updateComplete;
    expect(tryAgain(element) === null, 'pressed once, it goes').to.equal(true);
    expect(element.shadowRoot!.activeElement === shadow(element, 'button.shutter'), 'focus goes on to the shutter, not to the page').to.equal(true);
    await untilReview(element);
    expect(harness(element).flow.state!.captures.front!.source).to.equal('camera');
    expect(liveRegion(element)).to.equal(en.capture.camera.takenAutomatically);
  });

  it('resumed at a retry that still waits (a reload), the shutter takes the photo at once', async () => {
    camera = new CanvasCamera(1280, 720).install();
    await camera.show(PASSPORT_SCENE);
    const session = await createSession({ scenario: 'pass' });
    const element = await mountAtState(session, (state) => ({
      ...state,
      documentType: 'passport',
      issuingCountry: 'FR',
      retries: 1,
      retryReasons: [{ check: 'image_resolution', sides: ['front'], text: 'The photo of the front is too small (480 × 320 px).' }],
      retryPending: true,
      step: { name: 'capture', side: 'front' },
    }));
    await waitForCamera(element, 'live');
    expect(retryReason(element)).to.include(en.reasons.image_resolution.photo_page);
    await untilReadyToTake(element);
    expect(currentStep(element)).to.equal('capture');
    shadow<HTMLButtonElement>(element, 'button.shutter').click();
    await untilReview(element);
    expect(liveRegion(element)).to.equal(en.capture.camera.taken);
    expect(harness(element).flow.state!.retryPending, 'a photo taken is acting on the notice').to.equal(false);
  });
});
