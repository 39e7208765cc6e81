// The camera source of the capture step, in every engine: the stream's owner (stop on removal and
// on a hidden page), the camera problems and their way to the file upload, live advice on chosen
// frames, the shutter, and the automatic photo on a readable back. What is real and what is
// simulated: see camera-helpers.ts. The constraints asked for, the frame callbacks and a whole flow
// by camera: camera.composited.test.ts (WebKit composites only there).
import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import '../../src/define.js';
import type { BelticVerify } from '../../src/index.js';
import { LICENCE } from '../fixtures/payload.js';
import { chooseFile, clearWidgetStorage, currentStep, expectAccessible, fixtureBlob, shadow, waitForStep, widgetDatabase } from '../helpers/widget.js';
import {
  CanvasCamera,
  atCapture,
  atLicenceBack,
  cueAnimations,
  cameraState,
  captureState,
  failingCamera,
  guidanceText,
  liveRegion,
  loseTrack,
  noCameraListed,
  recordCameras,
  restoreCameras,
  scanStats,
  until,
  waitForCamera,
} from './camera-helpers.js';
import { harness } from '../helpers/harness.js';
import { onlyIn, timeLimit } from '../helpers/engines.js';

const accessible = expectAccessible;

const videoTrackOf = (stream: MediaStream) => stream.getVideoTracks()[0]!;

/** Every event the element fires, as JSON, to check that none carries what the barcode said. */
function recordEvents(element: BelticVerify): string[] {
  const seen: string[] = [];
  for (const name of ['ready', 'step-change', 'upload-progress', 'complete', 'error', 'cancel']) {
    element.addEventListener(`beltic-verify-${name}`, (event) => seen.push(JSON.stringify((event as CustomEvent).detail)));
  }
  return seen;
}

/** Everything the widget's IndexedDB store holds, as JSON (blobs as their type and size). */
async function storedJson(): Promise<string> {
  const { entries } = await import('idb-keyval');
  const all = await entries(widgetDatabase());
  return JSON.stringify(all, (_key, value: unknown) => (value instanceof Blob ? `blob ${value.type} ${value.size}` : value));
}

const PERSONAL = [LICENCE.last_name, LICENCE.first_name, LICENCE.document_number, LICENCE.birth_date, LICENCE.address.line1];

describe('camera capture', function () {
  this.timeout(timeLimit(60000));
  let camera: CanvasCamera | null = null;

  beforeEach(clearWidgetStorage);

  afterEach(() => {
    camera?.dispose();
    camera = null;
    restoreCameras();
  });

  describe('the stream', () => {
    it('where the video never calls back for its frames (WebKitGTK without compositing), the loop goes over to a timer and goes on measuring frames', async () => {
      const prototype = HTMLVideoElement.prototype as { requestVideoFrameCallback?: unknown };
      const own = Object.getOwnPropertyDescriptor(prototype, 'requestVideoFrameCallback');
      Object.defineProperty(prototype, 'requestVideoFrameCallback', { configurable: true, writable: true, value: () => 0 });
      try {
        camera = new CanvasCamera().install();
        await camera.show('licence-front.jpg');
        const element = await atCapture('passport', 'FR');
        const stats = () => harness(element).camera.scanLoop?.stats;
        await waitUntil(
          () => (stats()?.framesMeasured ?? 0) >= 6,
          () => `frames measured (${scanStats(element)})`,
          { timeout: 15000 },
        );
        expect(stats()?.pacing).to.equal('timer');
      } finally {
        if (own) Object.defineProperty(prototype, 'requestVideoFrameCallback', own);
        else delete prototype.requestVideoFrameCallback;
      }
    });

    it('stops every track when the element is removed, and opens again if it is put back', async () => {
      const log = recordCameras();
      const element = await atCapture('passport', 'FR');
      await waitForCamera(element, 'live');
      const parent = element.parentElement!;
      element.remove();
      expect(videoTrackOf(log.streams[0]!).readyState).to.equal('ended');
      parent.append(element);
      await waitForCamera(element, 'live');
      expect(log.streams).to.have.length(2);
    });

    it('stops while the page is hidden and opens again when it is shown (visibility simulated)', async () => {
      const log = recordCameras();
      const element = await atCapture('passport', 'FR');
      await waitForCamera(element, 'live');
      // Headless pages are always visible: the document's visibilityState is overridden, then restored.
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      try {
        document.dispatchEvent(new Event('visibilitychange'));
        expect(videoTrackOf(log.streams[0]!).readyState).to.equal('ended');
        expect(cameraState(element)).to.equal('off');
      } finally {
        delete (document as unknown as { visibilityState?: string }).visibilityState;
      }
      document.dispatchEvent(new Event('visibilitychange'));
      await waitForCamera(element, 'live');
      expect(log.streams).to.have.length(2);
      expect(videoTrackOf(log.streams[1]!).readyState).to.equal('live');
    });

    it('mirrors the preview only for a front-facing camera', async () => {
      camera = new CanvasCamera().install();
      camera.facingMode = 'user';
      await camera.show('licence-front.jpg');
      const element = await atCapture('passport', 'FR');
      await waitForCamera(element, 'live');
      expect(shadow(element, '.viewfinder').classList.contains('mirrored')).to.equal(true);
      shadow<HTMLButtonElement>(element, '.actions button.secondary:not(.shutter)').click();
      await waitForStep(element, 'document');
      camera.facingMode = 'environment';
      shadow<HTMLButtonElement>(element, 'form button[type=submit]').click();
      await waitForCamera(element, 'live');
      expect(shadow(element, '.viewfinder').classList.contains('mirrored')).to.equal(false);
    });
  });

  describe('when the camera cannot be used', () => {
    it('denied: says so, offers another try, and the file upload is open and works', async () => {
      const log = failingCamera('NotAllowedError');
      const errors: string[] = [];
      const session = await atCapture('passport', 'FR');
      session.addEventListener('beltic-verify-error', (e) => errors.push(e.detail.code));
      await waitForCamera(session, 'problem:denied');
      expect(log.constraints.length).to.be.greaterThan(0);
      expect(shadow(session, '[part~=camera-problem]').textContent).to.match(/blocked/);
      expect(session.shadowRoot!.querySelector('.viewfinder')).to.equal(null);
      expect(session.shadowRoot!.querySelector('details.file-alternative'), 'the upload is not folded away').to.equal(null);
      expect(liveRegion(session)).to.match(/blocked/);
      await accessible(session, 'camera denied');
      await chooseFile(session, await fixtureBlob('passport.jpg'));
      await waitForStep(session, 'review');
      expect(harness(session).flow.state!.captures.front!.source).to.equal('file');
    });

    it('absent (no camera listed): upload first, and the applicant is never prompted', async () => {
      noCameraListed();
      const log = recordCameras();
      const element = await atCapture('passport', 'FR');
      await waitForCamera(element, 'problem:absent');
      expect(log.constraints, 'getUserMedia was not called').to.have.length(0);
      expect(element.shadowRoot!.querySelector('.viewfinder')).to.equal(null);
      expect(element.shadowRoot!.querySelector('.dropzone')).to.exist;
      expect(element.shadowRoot!.querySelector('details.file-alternative')).to.equal(null);
      expect(shadow(element, '.camera-note').textContent).to.match(/No camera/);
      await accessible(element, 'no camera');
    });

    it('absent (NotFoundError from getUserMedia) is the same', async () => {
      failingCamera('NotFoundError');
      const element = await atCapture('passport', 'FR');
      await waitForCamera(element, 'problem:absent');
      expect(element.shadowRoot!.querySelector('.dropzone')).to.exist;
    });

    it('busy: says another app has it, and "try again" opens it once it is free', async () => {
      failingCamera('NotReadableError');
      const element = await atCapture('passport', 'FR');
      await waitForCamera(element, 'problem:busy');
      expect(shadow(element, '[part~=camera-problem]').textContent).to.match(/another app/);
      await accessible(element, 'camera busy');
      restoreCameras();
      shadow<HTMLButtonElement>(element, '[part~=camera-problem] button').click();
      await waitForCamera(element, 'live');
    });

    onlyIn(
      ['chromium', 'webkit'],
      "a track's loss is simulated with an 'ended' event dispatched by script, which Firefox does not deliver to a track's listeners",
    )('lost mid-use (track ended): says so, falls back to the upload, and can open it again', async () => {
      camera = new CanvasCamera().install();
      await camera.show('licence-front.jpg');
      const element = await atCapture('passport', 'FR');
      await waitForCamera(element, 'live');
      loseTrack(camera.track!);
      await waitForCamera(element, 'problem:lost');
      expect(shadow(element, '[part~=camera-problem]').textContent).to.match(/stopped/);
      expect(element.shadowRoot!.querySelector('.dropzone')).to.exist;
      shadow<HTMLButtonElement>(element, '[part~=camera-problem] button').click();
      await waitForCamera(element, 'live');
      expect(camera.log.streams).to.have.length(2);
    });
  });

  describe('live advice', () => {
    for (const [label, file, blur, expected] of [
      ['dark', 'camera-1280x720-skew0-scale60-dark.png', 0, /Too dark/],
      ['blurry', 'camera-1280x720-skew0-scale60-normal.png', 5, /blurry/],
      ['small (too far)', 'camera-1280x720-skew0-scale35-normal.png', 0, /Move closer/],
      ['glare', 'camera-1280x720-skew0-scale60-glare.png', 0, /Glare/],
    ] as const) {
      it(`${label} frames get their advice, shown and then announced once`, async () => {
        camera = new CanvasCamera().install();
        await camera.show(file, { blur });
        const element = await atCapture('passport', 'FR');
        await waitForCamera(element, 'live');
        const announcements: string[] = [];
        const status = shadow(element, '[role=status]');
        new MutationObserver(() => announcements.push(status.textContent!.trim())).observe(status, { childList: true, subtree: true, characterData: true });
        await until(
          () => expected.test(guidanceText(element)),
          () => `advice ${expected} (shown: "${guidanceText(element)}"; ${scanStats(element)})`,
          8000,
        );
        await waitUntil(() => expected.test(liveRegion(element)), 'announced', { timeout: 8000 });
        await accessible(element, `advice: ${label}`);
        // Held for a few more seconds: not announced again.
        await new Promise((resolve) => setTimeout(resolve, 3000));
        expect(announcements.filter((text) => expected.test(text))).to.have.length(1);
        expect(currentStep(element), 'no photo is taken automatically').to.equal('capture');
      });
    }
  });

  describe('taking the photo', () => {
    it('a file chosen while the camera is live: the scanning rests while the photo is checked, and starts again when it is refused', async () => {
      camera = new CanvasCamera(1280, 720).install();
      // An empty table: nothing the camera would take by itself meanwhile.
      await camera.show('scene-1280x720-dark-table-empty.png');
      const element = await atCapture('passport', 'FR');
      await waitForCamera(element, 'live');
      const measured = () => harness(element).camera.scanLoop?.stats.framesMeasured ?? 0;
      await waitUntil(
        () => measured() > 0,
        () => `frames measured (${scanStats(element)})`,
      );
      const flow = harness(element).flow;
      let scannedWhileChecked = false;
      // Sampled every 10 ms while the photo is checked: no scanning loop under way.
      const watching = setInterval(() => {
        if (flow.preparing && harness(element).camera.scanLoop) scannedWhileChecked = true;
      }, 10);
      try {
        await chooseFile(element, await fixtureBlob('scene-1280x720-dark-table-empty.png'));
        await waitUntil(() => flow.photoCheck !== null, 'the photo refused');
      } finally {
        clearInterval(watching);
      }
      expect(scannedWhileChecked, 'a scanning loop ran while the photo was checked').to.equal(false);
      expect(flow.photoCheck!.problems).to.deep.equal(['no_document']);
      await waitUntil(
        () => measured() > 0,
        () => `scanning again (${scanStats(element)})`,
      );
      expect(harness(element).camera.phase).to.equal('scanning');
    });

    it('the shutter takes a photo at the camera\u2019s full resolution, through the same preparation as a file', async () => {
      camera = new CanvasCamera(1280, 720).install();
      // Far away: good enough for a manual photo, not for the automatic one.
      await camera.show('camera-1280x720-skew0-scale35-normal.png');
      const element = await atCapture('passport', 'FR');
      await waitForCamera(element, 'live');
      const shutter = shadow<HTMLButtonElement>(element, 'button.shutter');
      expect(shutter.textContent!.trim()).to.equal('Take photo');
      await waitUntil(() => !shutter.disabled);
      shutter.click();
      const state = () => {
        const notice = element.shadowRoot!.querySelector('.notice')?.textContent?.trim() ?? '';
        const live = harness(element).camera;
        return `at ${currentStep(element)}, phase ${live.phase}, camera ${cameraState(element)}, notice "${notice}", guidance "${guidanceText(element)}", ${scanStats(element)}`;
      };
      await until(
        () => currentStep(element) === 'review',
        () => `the photo reaches review (${state()})`,
        15000,
      );
      const capture = harness(element).flow.state!.captures.front!;
      expect(capture).to.include({ source: 'camera', width: 1280, height: 720, contentType: 'image/jpeg' });
      expect(liveRegion(element)).to.equal('Photo taken.');
      expect(camera.track!.readyState, 'the camera is off on the review step').to.equal('ended');
    });

    it('a press of the shutter that gives no photo says so, and the next press takes it', async () => {
      camera = new CanvasCamera(1280, 720).install();
      await camera.show('camera-1280x720-skew0-scale35-normal.png');
      const element = await atCapture('passport', 'FR');
      await waitForCamera(element, 'live');
      const shutter = shadow<HTMLButtonElement>(element, 'button.shutter');
      await waitUntil(() => !shutter.disabled);
      // The frame cannot be encoded once (as when the browser cannot allocate a copy of it).
      const analysis = harness(element).camera.workers.analysis!;
      const encode = analysis.encode.bind(analysis);
      analysis.encode = async (frame) => {
        analysis.encode = encode;
        frame.close();
        throw new DOMException('The ImageBitmap could not be allocated.', 'InvalidStateError');
      };
      shutter.click();
      await until(
        () => /could not be taken/.test(guidanceText(element)),
        () => `the failed press is said (shown: "${guidanceText(element)}")`,
      );
      expect(liveRegion(element)).to.equal('The photo could not be taken. Please press again.');
      expect(currentStep(element)).to.equal('capture');
      await waitUntil(() => !shutter.disabled);
      shutter.click();
      await waitForStep(element, 'review');
    });

    it('on a licence back, takes the photo by itself once the barcode reads, with a visible cue, and shows what it read', async () => {
      camera = new CanvasCamera(1280, 720).install();
      const element = await atLicenceBack();
      const events = recordEvents(element);
      const animations = cueAnimations(element);
      let cueSeen = false;
      new MutationObserver(() => {
        cueSeen ||= element.shadowRoot!.querySelector('.viewfinder.taken') !== null && /automatically/.test(guidanceText(element));
      }).observe(element.shadowRoot!, { subtree: true, attributes: true, childList: true, characterData: true });
      await camera.show('scene-1280x720-light-desk-back-skew-2-scale72.png');
      await waitForStep(element, 'review', 20000);
      expect(cueSeen, 'the viewfinder showed the automatic-photo cue').to.equal(true);
      expect(animations, 'the cue flashes').to.include('taken-flash');
      expect(liveRegion(element)).to.equal('Photo taken automatically.');
      const reading = shadow(element, '.reading').textContent!;
      expect(reading).to.include(`${LICENCE.first_name} ${LICENCE.last_name}`);
      expect(reading).to.include('2034');
      const back = harness(element).flow.state!.captures.back!;
      expect(back.source).to.equal('camera');
      await accessible(element, 'review with what was read');

      // What the barcode said stays in memory: not in any event, not in storage.
      await harness(element).flow.saved();
      const stored = await storedJson();
      for (const value of PERSONAL) {
        expect(stored, 'storage').to.not.include(value);
        expect(events.join('\n'), 'events').to.not.include(value);
      }
    });

    it('on a licence front showing its back: says to turn it over, and takes nothing by itself', async () => {
      camera = new CanvasCamera(1280, 720).install();
      await camera.show('camera-1280x720-skew0-scale60-normal.png');
      const element = await atCapture('drivers_license', 'US');
      await waitForCamera(element, 'live');
      await until(
        () => /back of your card/.test(guidanceText(element)),
        () => `wrong-side advice (at ${currentStep(element)}, shown: "${guidanceText(element)}"; ${scanStats(element)})`,
      );
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(currentStep(element)).to.equal('capture');
    });

    it('on a licence back showing no barcode for a while: asks whether it is the back', async () => {
      camera = new CanvasCamera(1280, 720).install();
      const element = await atLicenceBack();
      await camera.show('licence-front.jpg');
      await until(
        () => /Reading the barcode/.test(guidanceText(element)),
        () => `reading advice (shown: "${guidanceText(element)}"; ${scanStats(element)})`,
        8000,
      );
      await until(
        () => /cannot find the barcode/.test(guidanceText(element)),
        () => `missing-barcode advice (shown: "${guidanceText(element)}"; ${scanStats(element)})`,
        15000,
      );
      expect(currentStep(element)).to.equal('capture');
    });

    it('on a licence back, a picture that read nothing is decoded seldom until it changes; the card shown then is read', async () => {
      camera = new CanvasCamera(1280, 720).install();
      const element = await atLicenceBack();
      await camera.show('scene-1280x720-dark-table-empty.png');
      const stats = () => harness(element).camera.scanLoop?.stats;
      await until(
        () => (stats()?.decodesSkipped ?? 0) >= 5,
        () => `frames left undecoded (${scanStats(element)})`,
        timeLimit(15000),
      );
      const { decodes, decodesSkipped } = stats()!;
      expect(decodes.some((decode) => decode.found)).to.equal(false);
      expect(decodes.length, 'decodes of the empty table').to.be.below(decodesSkipped);
      await camera.show('scene-1280x720-dark-table-back-skew-2-scale72.png');
      await waitForStep(element, 'review', 30000, () => captureState(element));
      expect(shadow(element, '.reading').textContent).to.include(LICENCE.last_name);
    });

    it('a frame that comes all black is never the photo: pressed while the frames are black, or taken by itself, the photo shows the document', async () => {
      camera = new CanvasCamera(1280, 720).install();
      await camera.show('scene-1280x720-dark-table-front-skew2-scale68.png');
      for (const press of [true, false]) {
        camera.blackEvery = press ? 1 : 3;
        const element = await atCapture('passport', 'FR');
        await waitForCamera(element, 'live');
        if (press) {
          shadow<HTMLButtonElement>(element, 'button.shutter').click();
          // Black for a moment after the press, then one frame in three.
          setTimeout(() => (camera!.blackEvery = 3), 300);
        }
        const flow = harness(element).flow;
        await waitUntil(
          () => currentStep(element) === 'review' || flow.photoCheck !== null,
          () => `a photo (${captureState(element)})`,
          { timeout: 30000 },
        );
        expect(flow.photoCheck?.problems ?? [], press ? 'the pressed photo' : 'the photo taken by itself').to.deep.equal([]);
        element.remove();
      }
    });

    it('a frame measured fine that comes out black when it is encoded (as WebKit\u2019s copies of a video frame now and then do) gives way to the next one held', async () => {
      camera = new CanvasCamera(1280, 720).install();
      await camera.show('scene-1280x720-dark-table-front-skew2-scale68.png');
      // Made at the worker's door: the first frame sent to be encoded is swapped for a black one.
      const black = await createImageBitmap(new ImageData(1280, 720));
      let blackened = 0;
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (this: Worker, message: { body?: { type?: string; frame?: ImageBitmap } }, transfer?: Transferable[]) {
        if (message.body?.type !== 'encode' || blackened > 0) return post.call(this, message, { transfer: transfer ?? [] });
        blackened++;
        message.body.frame!.close();
        return post.call(this, { ...message, body: { ...message.body, frame: black } }, { transfer: [black] });
      } as typeof post;
      try {
        const element = await atCapture('passport', 'FR');
        await waitForCamera(element, 'live');
        const flow = harness(element).flow;
        await waitUntil(
          () => currentStep(element) === 'review' || flow.photoCheck !== null,
          () => `a photo (${captureState(element)})`,
          { timeout: 30000 },
        );
        expect(blackened, 'a frame was swapped').to.equal(1);
        expect(flow.photoCheck?.problems ?? []).to.deep.equal([]);
        expect(currentStep(element)).to.equal('review');
      } finally {
        Worker.prototype.postMessage = post;
      }
    });

    it('a passport page held steady is taken by itself (no barcode needed), with the flashing cue', async () => {
      camera = new CanvasCamera(1280, 720).install();
      // A document lying whole in view, on a table: a flat scan filling the frame has no edges to
      // see, and a region cut off by the frame is never taken for a document.
      await camera.show('scene-1280x720-dark-table-front-skew2-scale68.png');
      const element = await atCapture('passport', 'FR');
      const animations = cueAnimations(element);
      await waitForStep(element, 'review', 20000);
      // Under reduced motion the cue does not flash: camera.reduced-motion.test.ts, in browsers launched so.
      expect(animations, 'the taken cue flashed').to.include('taken-flash');
      expect(liveRegion(element)).to.equal('Photo taken automatically.');
      expect(element.shadowRoot!.querySelector('.reading'), 'nothing read').to.equal(null);
    });
  });

  describe('while the applicant is asked "Cancel the verification?"', () => {
    it('nothing is taken by itself, and no cue says a photo is coming; after "Keep going", the document held steady is taken', async () => {
      camera = new CanvasCamera(1280, 720).install();
      await camera.show('scene-1280x720-dark-table-empty.png');
      const element = await atCapture('passport', 'FR');
      await waitForCamera(element, 'live');
      shadow<HTMLButtonElement>(element, 'button.cancel').click();
      const dialog = shadow<HTMLDialogElement>(element, 'dialog.confirm');
      expect(dialog.open).to.equal(true);
      // A passport page lying whole and still in view, for twice as many frames as the photo needs.
      await camera.show('scene-1280x720-dark-table-front-skew2-scale68.png');
      const measured = () => harness(element).camera.scanLoop?.stats.framesMeasured ?? 0;
      const from = measured();
      await until(
        () => measured() >= from + 14,
        () => `frames measured while asked (${scanStats(element)})`,
        timeLimit(15000),
      );
      expect(currentStep(element), 'no photo behind the question').to.equal('capture');
      expect(dialog.open).to.equal(true);
      const viewfinder = shadow(element, '.viewfinder');
      expect(viewfinder.style.getPropertyValue('--_progress'), 'no cue says a photo is coming').to.equal('0');
      expect(viewfinder.classList.contains('steady')).to.equal(false);
      dialog.querySelector<HTMLButtonElement>('button[value=keep]')!.click();
      await waitForStep(element, 'review', 20000, () => captureState(element));
      expect(liveRegion(element)).to.equal('Photo taken automatically.');
    });
  });
});
