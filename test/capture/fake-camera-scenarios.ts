/**
 * What the widget does with Chromium's fake camera playing a generated video (real getUserMedia,
 * a real capture device fed from a .y4m file; web-test-runner.config.mjs starts one browser per
 * video). Each test file camera-<video>.y4m.test.ts runs the scenarios that fit its video and
 * prints what a person would feel: the time from the camera opening to the automatic photo.
 */
import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import type { BelticVerify } from '../../src/index.js';
import type { ScanStats } from '../../src/camera/scan-loop.js';
import { LICENCE } from '../fixtures/payload.js';
import { currentStep, shadow, waitForStep } from '../helpers/widget.js';
import { atCapture, atLicenceBack, guidanceText, recordCameras, until, waitForCamera } from './camera-helpers.js';
import { harness } from '../helpers/harness.js';

interface CaptureFigures {
  /** From the stream opening to the review step, ms. */
  toReviewMs: number;
  stats: ScanStats | null;
  width: number;
  height: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

function scanLoopOf(element: BelticVerify): { stats: ScanStats } | null {
  return harness(element).camera.scanLoop;
}

/** Waits for the automatic photo, keeping the scanning loop's figures (the loop is gone at the review). */
async function untilAutoCaptured(element: BelticVerify, timeout = 30000): Promise<CaptureFigures> {
  await waitForCamera(element, 'live');
  const opened = performance.now();
  let stats: ScanStats | null = null;
  const advice: string[] = [];
  await until(
    () => {
      stats = scanLoopOf(element)?.stats ?? stats;
      const shown = guidanceText(element);
      if (shown !== advice.at(-1)?.replace(/^\d+ ms: /, '')) advice.push(`${(performance.now() - opened).toFixed(0)} ms: ${shown}`);
      return currentStep(element) === 'review';
    },
    () => `the automatic photo (at ${currentStep(element)}, advice "${guidanceText(element)}", ${stats?.framesMeasured ?? 0} frames measured)`,
    timeout,
  );
  const toReviewMs = performance.now() - opened;
  console.log(`advice over time: ${advice.join(' | ')}`);
  const side = harness(element).flow.state!;
  const capture = side.step.name === 'review' ? side.captures[side.step.side]! : null;
  if (!capture) throw new Error(`not on a review step (at ${side.step.name})`);
  expect(capture.source).to.equal('camera');
  return { toReviewMs, stats, width: capture.width, height: capture.height };
}

function report(label: string, figures: CaptureFigures): void {
  const stats = figures.stats;
  const decodes = stats?.decodes ?? [];
  const reads = decodes.filter((d) => d.found);
  console.log(
    `${label}: automatic photo ${figures.toReviewMs.toFixed(0)} ms after the camera opened` +
      (stats ? `; ${stats.framesMeasured} frames measured (analysis median ${median(stats.measureMs).toFixed(1)} ms in the worker)` : '') +
      (decodes.length
        ? `; ${decodes.length} live decodes at ${decodes[0]!.width}x${decodes[0]!.height}, ${reads.length} read, worker ms per frame median ${median(decodes.map((d) => d.ms)).toFixed(0)}` +
          (stats?.firstReadAt != null ? `, first read ${(stats.firstReadAt - stats.startedAt).toFixed(0)} ms after the loop started` : '')
        : ''),
  );
}

/** The back of a US licence in front of the camera: the photo takes itself once the barcode reads. */
export async function backIsTakenWhenTheBarcodeReads(size: { width: number; height: number }, label: string): Promise<void> {
  const cameras = recordCameras();
  const element = await atLicenceBack('US');
  const figures = await untilAutoCaptured(element);
  report(label, figures);
  expect(figures.stats?.firstReadAt, 'the barcode was read live').to.be.a('number');
  expect([figures.width, figures.height], 'the photo has the camera\u2019s full resolution').to.deep.equal([size.width, size.height]);
  const track = cameras.streams.at(-1)!.getVideoTracks()[0]!;
  expect(track.readyState, 'the camera is off on the review step').to.equal('ended');
  await waitUntil(() => element.shadowRoot!.querySelector('.reading'), 'what was read is shown');
  const reading = shadow(element, '.reading').textContent!;
  expect(reading).to.include(`${LICENCE.first_name} ${LICENCE.last_name}`);
  expect(reading).to.include(LICENCE.expiry_date.slice(0, 4));
}

/** The back shown for the front of a US licence: the applicant is told, and nothing is taken. */
export async function backShownForTheFrontIsRefused(): Promise<void> {
  const element = await atCapture('drivers_license', 'US');
  await waitForCamera(element, 'live');
  await until(
    () => /back of your card/.test(guidanceText(element)),
    () => `wrong-side advice (shown: "${guidanceText(element)}")`,
    15000,
  );
  await new Promise((resolve) => setTimeout(resolve, 2500));
  expect(currentStep(element), 'no automatic photo of the wrong side').to.equal('capture');
}

/** The front of a US licence: taken by itself once steady and checked for a barcode (none). */
export async function frontIsTakenWhenSteady(size: { width: number; height: number }, label: string): Promise<void> {
  recordCameras();
  const element = await atCapture('drivers_license', 'US');
  const figures = await untilAutoCaptured(element);
  report(label, figures);
  expect([figures.width, figures.height]).to.deep.equal([size.width, size.height]);
  expect(element.shadowRoot!.querySelector('.reading'), 'nothing read from a front').to.equal(null);
}

/** The front shown for the back: no barcode ever reads, and after a while the applicant is asked. */
export async function frontShownForTheBackIsQuestioned(): Promise<void> {
  const element = await atLicenceBack('US');
  await waitForCamera(element, 'live');
  await until(
    () => /cannot find the barcode/.test(guidanceText(element)),
    () => `missing-barcode advice (shown: "${guidanceText(element)}")`,
    20000,
  );
  expect(currentStep(element)).to.equal('capture');
  await waitForStep(element, 'capture');
}
