// The camera and the checks before upload, in every engine, with chosen frames fed through
// canvas.captureStream() (camera-helpers.ts): a licence back whose top is out of the frame reads
// its barcode but is not taken by itself (the camera asks for the whole card), and a press of the
// shutter on it is refused by the checks, with advice; shown whole, the back is taken by itself.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import '../../src/define.js';
import type { BelticVerify } from '../../src/index.js';
import { clearWidgetStorage, currentStep, shadow, waitForStep } from '../helpers/widget.js';
import { harness } from '../helpers/harness.js';
import { timeLimit } from '../helpers/engines.js';
import { CanvasCamera, atLicenceBack, guidanceText, restoreCameras, scanStats, until, waitForCamera } from './camera-helpers.js';

/** The back centred on its barcode: the barcode reads, the top of the card is out of the frame. */
const CUT_OFF_BACK = 'camera-1280x720-skew0-scale60-normal.png';
const WHOLE_BACK = 'scene-1280x720-dark-table-back-skew-2-scale72.png';

const noticeText = (element: BelticVerify) => element.shadowRoot!.querySelector('[part~=photo-check]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Presses the shutter once it can be pressed, and waits until the checks refused the photo (a new refusal). */
async function pressAndRefuse(element: BelticVerify): Promise<void> {
  const before = harness(element).flow.photoCheck;
  const shutter = () => element.shadowRoot!.querySelector<HTMLButtonElement>('button.shutter');
  await waitUntil(() => shutter() && !shutter()!.disabled, 'the shutter can be pressed', { timeout: 15000 });
  // A few frames measured since the scene was shown: the preview shows it (a loaded engine delivers
  // the canvas's frames late, and a press before then would take the last scene, or none).
  const measured = () => harness(element).camera.scanLoop?.stats.framesMeasured ?? 0;
  const from = measured();
  await until(
    () => measured() >= from + 2,
    () => `frames of the scene measured (${scanStats(element)})`,
    20000,
  );
  shutter()!.click();
  await until(
    () => harness(element).flow.photoCheck !== null && harness(element).flow.photoCheck !== before,
    () => `the checks refuse the photo (at ${currentStep(element)}, ${scanStats(element)})`,
    20000,
  );
  await element.updateComplete;
}

describe('camera capture and the checks before upload', function () {
  this.timeout(timeLimit(90000));
  let camera: CanvasCamera | null = null;

  beforeEach(clearWidgetStorage);
  afterEach(() => {
    camera?.dispose();
    camera = null;
    restoreCameras();
  });

  it('a back with its top cut off: the barcode reads, the camera asks for the whole card and takes nothing; shown whole, it is taken', async () => {
    camera = new CanvasCamera(1280, 720).install();
    const element = await atLicenceBack();
    await camera.show(CUT_OFF_BACK);
    await waitForCamera(element, 'live');
    await until(
      () => typeof harness(element).camera.scanLoop?.stats.firstReadAt === 'number',
      () => `the barcode reads live (${scanStats(element)})`,
      20000,
    );
    await until(
      () => /all four corners are in the frame/.test(guidanceText(element)),
      () => `the whole card is asked for (shown: "${guidanceText(element)}"; ${scanStats(element)})`,
      10000,
    );
    // The barcode keeps reading for a few seconds more: no photo is taken by itself.
    const reads = () => harness(element).camera.scanLoop?.stats.decodes.filter((decode) => decode.found).length ?? 0;
    const readsBefore = reads();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(reads(), 'the barcode went on reading').to.be.greaterThan(readsBefore);
    expect(currentStep(element)).to.equal('capture');
    expect(harness(element).camera.phase).to.equal('scanning');
    expect(harness(element).flow.photoCheck, 'no photo was taken (and refused by the checks)').to.equal(null);

    await camera.show(WHOLE_BACK);
    await until(
      () => currentStep(element) === 'review',
      () => `the whole back is taken by itself (${scanStats(element)})`,
      timeLimit(30000),
    );
    expect(harness(element).flow.state!.captures.back!.source).to.equal('camera');
  });

  it('the shutter on a cut-off back: refused with advice; pressed again, "Use this photo anyway" sends it to the review', async () => {
    camera = new CanvasCamera(1280, 720).install();
    const element = await atLicenceBack();
    await camera.show(CUT_OFF_BACK);
    await waitForCamera(element, 'live');
    await pressAndRefuse(element);
    expect(harness(element).flow.photoCheck).to.deep.include({ side: 'back', problems: ['cut_off'], source: 'camera', canUseAnyway: false });
    expect(noticeText(element)).to.include('Part of your document is cut off.');
    expect(currentStep(element)).to.equal('capture');
    await waitForCamera(element, 'live');

    await pressAndRefuse(element);
    expect(noticeText(element)).to.include('you can use it anyway');
    shadow<HTMLButtonElement>(element, 'button.use-anyway').click();
    await waitForStep(element, 'review');
    expect(harness(element).flow.state!.captures.back).to.include({ source: 'camera', width: 1280, height: 720 });
  });

  it('after a refused press, the camera still takes the back by itself once it is shown whole', async () => {
    camera = new CanvasCamera(1280, 720).install();
    const element = await atLicenceBack();
    await camera.show(CUT_OFF_BACK);
    await waitForCamera(element, 'live');
    await pressAndRefuse(element);
    await camera.show(WHOLE_BACK);
    await until(
      () => currentStep(element) === 'review',
      () => `the whole back is taken by itself (${scanStats(element)}, notice "${noticeText(element)}")`,
      timeLimit(30000),
    );
  });
});
