/**
 * The scanning loop on its own, with the real analysis and barcode workers and a canvas for a camera:
 * what the loop decides from decodes that ran out of time. On a slow phone or a busy core a watching
 * decode can run out of its budget on the back shown for the front; that must not count as "no barcode".
 */
import { expect } from '@open-wc/testing';
import { AnalysisClient } from '../../src/camera/analysis-client.js';
import { BarcodeClient } from '../../src/camera/barcode-client.js';
import { ScanLoop } from '../../src/camera/scan-loop.js';
import type { GuidanceCode } from '../../src/frame/guidance.js';
import { timeLimit } from '../helpers/engines.js';
import { CanvasCamera, restoreCameras, until } from './camera-helpers.js';

describe('the scanning loop', function () {
  this.timeout(timeLimit(40000));
  let camera: CanvasCamera | null = null;
  let video: HTMLVideoElement | null = null;
  let loop: ScanLoop | null = null;
  const clients: Array<{ terminate(): void }> = [];

  afterEach(() => {
    loop?.stop();
    for (const client of clients.splice(0)) client.terminate();
    video?.remove();
    camera?.dispose();
    restoreCameras();
    loop = video = camera = null;
  });

  it('watching a front, a decode that ran out of time clears nothing: the back shown is not taken, and once a longer decode reads it the applicant is told', async () => {
    camera = new CanvasCamera(1280, 720).install();
    await camera.show('camera-1280x720-skew0-scale60-normal.png');
    video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.srcObject = await navigator.mediaDevices.getUserMedia({ video: true });
    document.body.append(video);
    await video.play();

    const analysis = new AnalysisClient();
    const barcodes = new BarcodeClient();
    clients.push(analysis, barcodes);
    let takenAt: number | null = null;
    const shown: GuidanceCode[] = [];
    // A first budget of 1 ms: no decode of this back fits in it, as none fitted in 200 ms on a loaded machine.
    loop = new ScanLoop(
      video,
      analysis,
      barcodes,
      { barcode: 'watch', decodeBudgetMs: 1, watchIntervalMs: 100 },
      {
        changed: ({ guidance }) => {
          if (guidance && guidance !== shown.at(-1)) shown.push(guidance);
        },
        announce: () => undefined,
        ready: () => {
          takenAt ??= performance.now();
        },
      },
    );
    loop.start();
    const stats = loop.stats;
    const decodes = () => stats.decodes.map(({ found, gaveUp, ms }) => `${found ? 'read' : gaveUp ? 'gave up' : 'nothing'} ${ms.toFixed(0)} ms`).join(', ');

    await until(
      () => stats.decodes.some((decode) => decode.found),
      () => `a decode that reads the back (decodes: ${decodes()})`,
      timeLimit(20000),
    );
    const firstRead = stats.decodes.findIndex((decode) => decode.found);
    expect(firstRead, `decodes that gave up before the first read (${decodes()})`).to.be.above(0);
    expect(
      stats.decodes.slice(0, firstRead).every((decode) => decode.gaveUp),
      decodes(),
    ).to.equal(true);
    await until(
      () => shown.includes('wrong_side_front'),
      () => `the wrong-side advice (shown: ${shown.join(', ')})`,
    );
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(takenAt, `the back was taken for the front (decodes: ${decodes()})`).to.equal(null);
  });
});
