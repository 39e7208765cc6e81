/**
 * The live path from a licence's back in view to the photo taken, as on the widget's back step:
 * Chromium's fake camera plays a generated back (a .y4m; scripts/bench.mjs launches a browser of
 * its own for this page), a <video> shows it, and the scan loop (src/camera/scan-loop.ts, its
 * analysis and barcode workers) runs over it until it decides to take the photo, then encodes
 * it. Each trial is a new loop over the playing video, timed from the first frame the loop
 * copies (the card is in view from the first) to `ready()`. The first trial starts the workers;
 * the others find them running, as the back step does after the front.
 */
import { AnalysisClient } from '../../src/camera/analysis-client.js';
import { DEFAULT_AUTO_CAPTURE } from '../../src/camera/auto-capture.js';
import { BarcodeClient } from '../../src/camera/barcode-client.js';
import { ScanLoop } from '../../src/camera/scan-loop.js';
import { exposeBench } from '../shared/expose.js';

export interface CaptureBenchOptions {
  trials: number;
}

export interface CaptureTrial {
  /** First frame copied → the loop decides to take the photo, ms. */
  toReadyMs: number;
  /** First frame copied → the barcode read, ms. */
  toFirstReadMs: number | null;
  /** `takePhoto()`: the chosen frame encoded as a JPEG, ms. */
  encodeMs: number;
  framesMeasured: number;
  decodes: number;
}

export interface CaptureBenchResult {
  /** How long the frames must be steady before the photo (auto-capture.ts). */
  steadyMs: number;
  width: number;
  height: number;
  trials: CaptureTrial[];
}

const TRIAL_LIMIT_MS = 15_000;

async function run({ trials }: CaptureBenchOptions): Promise<CaptureBenchResult> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 1920 }, height: { ideal: 1080 } } });
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.style.cssText = 'width: 640px; height: auto; display: block;';
  video.srcObject = stream;
  document.body.append(video);
  await video.play();
  const analysis = new AnalysisClient();
  const barcodes = new BarcodeClient();
  try {
    const results: CaptureTrial[] = [];
    for (let i = 0; i < trials; i++) results.push(await trial(video, analysis, barcodes));
    return { steadyMs: DEFAULT_AUTO_CAPTURE.steadyMs, width: video.videoWidth, height: video.videoHeight, trials: results };
  } finally {
    for (const track of stream.getTracks()) track.stop();
    analysis.terminate();
    barcodes.terminate();
  }
}

async function trial(video: HTMLVideoElement, analysis: AnalysisClient, barcodes: BarcodeClient): Promise<CaptureTrial> {
  let ready!: () => void;
  const decided = new Promise<void>((resolve) => (ready = resolve));
  const loop = new ScanLoop(video, analysis, barcodes, { barcode: 'required' }, { changed() {}, announce() {}, ready: () => ready() });
  loop.start();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no automatic photo within ${TRIAL_LIMIT_MS} ms`)), TRIAL_LIMIT_MS);
  });
  try {
    await Promise.race([decided, limit]);
  } finally {
    clearTimeout(timer);
  }
  const { stats } = loop;
  const encodeStarted = performance.now();
  const photo = await loop.takePhoto();
  const encodeMs = performance.now() - encodeStarted;
  if (!photo) throw new Error('the loop decided, but no photo came out');
  const first = stats.firstFrameAt!;
  return {
    toReadyMs: stats.readyAt! - first,
    toFirstReadMs: stats.firstReadAt === null ? null : stats.firstReadAt - first,
    encodeMs,
    framesMeasured: stats.framesMeasured,
    decodes: stats.decodes.length,
  };
}

exposeBench({ run });
