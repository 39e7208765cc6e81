// The camera in a composited page, in every engine (the 'composited' group of web-test-runner.config.mjs): WebKit
// runs its other groups without accelerated compositing, where its video never calls requestVideoFrameCallback back
// and the scanning loop paces itself by a timer. Here it composites, as Safari always does: the stream asked for,
// the loop paced by the video's own frames, and a licence taken by itself on them, to the result.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import '../../src/define.js';
import { clearWidgetStorage, currentStep, expectAccessible, shadow, untilComplete, useSandboxProfile, waitForStep } from '../helpers/widget.js';
import { CanvasCamera, atCapture, cameraState, recordCameras, restoreCameras, scanStats, until, waitForCamera } from './camera-helpers.js';
import { harness } from '../helpers/harness.js';
import { timeLimit } from '../helpers/engines.js';

const videoTrackOf = (stream: MediaStream) => stream.getVideoTracks()[0]!;

describe('camera capture, composited', function () {
  this.timeout(timeLimit(60000));
  let camera: CanvasCamera | null = null;

  beforeEach(clearWidgetStorage);

  afterEach(() => {
    camera?.dispose();
    camera = null;
    restoreCameras();
  });

  it('asks for the rear camera at 1080p with preferences only, shows it live, and stops every track on leaving the step', async () => {
    const log = recordCameras();
    const element = await atCapture('passport', 'FR');
    await waitForCamera(element, 'live');
    expect(log.constraints).to.have.length(1);
    expect(JSON.stringify(log.constraints[0])).to.not.include('exact');
    expect(log.constraints[0]!.video).to.deep.equal({ facingMode: { ideal: 'environment' }, width: { ideal: 1920 }, height: { ideal: 1080 } });
    const video = shadow<HTMLVideoElement>(element, '.viewfinder video');
    expect(video.srcObject).to.equal(log.streams[0]);
    expect(video.getAttribute('aria-hidden')).to.equal('true');
    expect(video.tabIndex, 'out of the tab order (Firefox would put a <video> in it)').to.equal(-1);
    // iOS Safari plays a camera preview inline and without a tap only when it is muted and playsinline.
    expect(video.muted && video.autoplay && video.hasAttribute('playsinline')).to.equal(true);
    // WebKit's mock camera starts in a second or so, under software rendering.
    await waitUntil(() => video.videoWidth > 0, 'the video plays', { timeout: 10000 });
    expect(videoTrackOf(log.streams[0]!).getSettings().width, 'the fake camera (each engine has one) gives the 1080p asked for').to.equal(1920);
    const stats = () => harness(element).camera.scanLoop?.stats;
    await waitUntil(
      () => (stats()?.framesMeasured ?? 0) >= 3,
      () => `frames measured (${scanStats(element)})`,
      { timeout: 10000 },
    );
    expect(stats()?.pacing, "the loop waits for the video's own frames (requestVideoFrameCallback)").to.equal('video');
    await expectAccessible(element, 'camera live');

    shadow<HTMLButtonElement>(element, '.actions button.secondary:not(.shutter)').click();
    await waitForStep(element, 'document');
    for (const track of log.streams[0]!.getTracks()) expect(track.readyState).to.equal('ended');
    expect(cameraState(element)).to.equal('off');
  });

  describe('against a sandbox that answers only what Beltic documents', () => {
    before(() => useSandboxProfile('docs'));
    after(() => useSandboxProfile('default'));

    it('a licence taken with the camera, both sides by themselves, reaches the result', async () => {
      camera = new CanvasCamera(1280, 720).install();
      await camera.show('scene-1280x720-dark-table-front-skew2-scale68.png');
      const element = await atCapture('drivers_license', 'US');
      const complete = untilComplete(element);
      await waitForStep(element, 'review', 20000);
      shadow<HTMLButtonElement>(element, '.actions button:not(.secondary)').click();
      await waitForStep(element, 'capture');
      await camera.show('scene-1280x720-dark-table-back-skew-2-scale72.png');
      await until(
        () => currentStep(element) === 'review',
        () => `the back taken by itself (${scanStats(element)})`,
        20000,
      );
      const { workers } = harness(element).camera;
      expect(workers.analysis && workers.barcode, 'the workers last through the review').to.not.equal(null);
      shadow<HTMLButtonElement>(element, '.actions button:not(.secondary)').click();
      expect((await complete).detail.status).to.equal('passed');
      // Capture is over: its workers ended with it.
      expect(harness(element).camera.workers).to.deep.equal({ analysis: null, barcode: null });
    });
  });
});
