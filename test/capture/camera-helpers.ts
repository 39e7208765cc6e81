/**
 * Camera doubles for the browser tests. What is real and what is simulated:
 * - `recordCameras()` keeps Chromium's own fake camera (--use-fake-device-for-media-stream: a
 *   real getUserMedia, a real track) and only records the constraints and streams asked for.
 * - `CanvasCamera` replaces getUserMedia with `canvas.captureStream()` of a canvas showing a
 *   chosen fixture frame, so each test picks what the camera sees (dark, blurred, far, a readable
 *   back). Its tracks are real MediaStreamTracks; only the source is a canvas.
 * - `failingCamera(name)` makes getUserMedia reject with the DOMException a browser gives when
 *   access is denied (NotAllowedError), no camera exists (NotFoundError) or it is busy
 *   (NotReadableError); `noCameraListed()` makes enumerateDevices list no videoinput.
 * - A camera lost mid-use is simulated by stopping the track and dispatching 'ended' on it:
 *   `track.stop()` alone fires no event, while an unplugged camera ends its track and fires it.
 */
import { waitUntil } from '@open-wc/testing';
import type { BelticVerify } from '../../src/index.js';
import { captureAndAccept, chooseDocument, consent, createSession, currentStep, fixtureBlob, mount, shadow, waitForStep } from '../helpers/widget.js';
import { harness } from '../helpers/harness.js';

type GetUserMedia = MediaDevices['getUserMedia'];
const devices = () => navigator.mediaDevices;
const realGetUserMedia: GetUserMedia = devices().getUserMedia.bind(devices());
const realEnumerate = devices().enumerateDevices.bind(devices());

/** Undoes every stub; call in afterEach. */
export function restoreCameras(): void {
  devices().getUserMedia = realGetUserMedia;
  devices().enumerateDevices = realEnumerate;
}

export interface CameraLog {
  constraints: MediaStreamConstraints[];
  streams: MediaStream[];
}

/** Chromium's fake camera, recording what was asked for and what was opened. */
export function recordCameras(): CameraLog {
  const log: CameraLog = { constraints: [], streams: [] };
  devices().getUserMedia = async (constraints?: MediaStreamConstraints) => {
    log.constraints.push(constraints ?? {});
    const stream = await realGetUserMedia(constraints);
    log.streams.push(stream);
    return stream;
  };
  return log;
}

export function failingCamera(name: 'NotAllowedError' | 'NotFoundError' | 'NotReadableError'): CameraLog {
  const log: CameraLog = { constraints: [], streams: [] };
  devices().getUserMedia = async (constraints?: MediaStreamConstraints) => {
    log.constraints.push(constraints ?? {});
    throw new DOMException(`simulated ${name}`, name);
  };
  return log;
}

/** A device with microphones but no camera, as enumerateDevices reports it before any permission. */
export function noCameraListed(): void {
  devices().enumerateDevices = async () => (await realEnumerate()).filter((device) => device.kind !== 'videoinput');
}

export class CanvasCamera {
  readonly canvas: HTMLCanvasElement;
  readonly log: CameraLog = { constraints: [], streams: [] };
  private readonly context: CanvasRenderingContext2D;
  private source: ImageBitmap | null = null;
  private filter = 'none';
  private timer: ReturnType<typeof setInterval> | null = null;
  /** What getSettings() reports as facingMode (a canvas track reports none). */
  facingMode: 'user' | 'environment' | null = null;

  /** `win`: the window whose getUserMedia is replaced (a test page's iframe, for the built files). */
  constructor(
    width = 1280,
    height = 720,
    private readonly win: Window = window,
  ) {
    this.canvas = win.document.createElement('canvas');
    this.canvas.width = width;
    this.canvas.height = height;
    this.context = this.canvas.getContext('2d')!;
    this.context.fillStyle = '#222';
    this.context.fillRect(0, 0, width, height);
  }

  install(): this {
    this.win.navigator.mediaDevices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
      this.log.constraints.push(constraints ?? {});
      const stream = this.canvas.captureStream(30);
      const track = stream.getVideoTracks()[0]!;
      if (this.facingMode) {
        const settings = track.getSettings.bind(track);
        track.getSettings = () => ({ ...settings(), facingMode: this.facingMode! });
      }
      this.log.streams.push(stream);
      return stream;
    };
    // A captured canvas yields frames only when drawn: redraw steadily, as a camera delivers.
    this.timer = setInterval(() => this.draw(), 33);
    return this;
  }

  /** Shows a fixture frame (optionally through a CSS filter, e.g. 'blur(6px)' or 'brightness(0.3)'). */
  async show(file: string, filter = 'none'): Promise<void> {
    const next = await createImageBitmap(await fixtureBlob(file));
    // Swapped before the old one is closed: the drawing timer never sees a closed bitmap.
    const previous = this.source;
    this.source = next;
    previous?.close();
    this.filter = filter;
    this.draw();
  }

  /** The track of the latest stream handed out. */
  get track(): MediaStreamTrack | null {
    return this.log.streams.at(-1)?.getVideoTracks()[0] ?? null;
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.source?.close();
    for (const stream of this.log.streams) for (const track of stream.getTracks()) track.stop();
  }

  private draw(): void {
    if (!this.source) return;
    this.context.filter = this.filter;
    this.context.drawImage(this.source, 0, 0, this.canvas.width, this.canvas.height);
    this.context.filter = 'none';
  }
}

/** Simulates the camera going away mid-use (see the header). */
export function loseTrack(track: MediaStreamTrack): void {
  track.stop();
  track.dispatchEvent(new Event('ended'));
}

export function cameraState(element: BelticVerify): string {
  const status = harness(element).camera.camera.status;
  return status.state === 'problem' ? `problem:${status.problem}` : status.state;
}

export async function waitForCamera(element: BelticVerify, state: string, timeout = 10000): Promise<void> {
  await waitUntil(() => cameraState(element) === state, `camera ${state} (is ${cameraState(element)})`, { timeout, interval: 20 });
  await element.updateComplete;
}

/** The scanning loop's figures (frames measured, decodes), for failure messages and measurements. */
export function scanStats(element: BelticVerify): string {
  const loop = harness(element).camera;
  const stats = loop.scanLoop?.stats;
  return stats
    ? `phase ${loop.phase}, ${stats.framesMeasured} frames measured, ${stats.decodes.length} decodes, first read ${stats.firstReadAt}`
    : `phase ${loop.phase}, no scan loop`;
}

/** waitUntil, with the failure message built when it fails (so it tells the state at that time). */
export async function until(predicate: () => boolean, describe: () => string, timeout = 10000): Promise<void> {
  for (const end = performance.now() + timeout; !predicate();) {
    if (performance.now() > end) throw new Error(`Timeout: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function guidanceText(element: BelticVerify): string {
  return element.shadowRoot!.querySelector('.guidance')?.textContent?.trim() ?? '';
}

export function liveRegion(element: BelticVerify): string {
  return element.shadowRoot!.querySelector('[role=status]')?.textContent?.trim() ?? '';
}

/** A fresh session at the capture step of `documentType` (front side). */
export async function atCapture(documentType = 'drivers_license', country = 'US'): Promise<BelticVerify> {
  const session = await createSession({ scenario: 'pass' });
  const element = await mount(session);
  await consent(element);
  await chooseDocument(element, documentType, country);
  return element;
}

/** A fresh licence session at the capture step of the back, the front taken from a file. */
export async function atLicenceBack(country = 'US'): Promise<BelticVerify> {
  const element = await atCapture('drivers_license', country);
  await captureAndAccept(element, await fixtureBlob('licence-front.jpg'));
  await waitForStep(element, 'capture');
  return element;
}

/**
 * A US licence up to the review of its back, in `win` (a frame's window, or this one): the front
 * from a file, the back from a canvas camera showing a readable back, taken by itself once its
 * barcode reads or, with `shutter`, by a press. Resolves with what the review says was read from
 * the back ('' when nothing was).
 */
export async function licenceBackByCamera(element: BelticVerify, win: Window, { shutter = false } = {}): Promise<string> {
  const camera = new CanvasCamera(1280, 720, win).install();
  try {
    await consent(element);
    await chooseDocument(element, 'drivers_license', 'US');
    await captureAndAccept(element, await fixtureBlob('licence-front.jpg'));
    await waitUntil(() => currentStep(element) === 'capture', 'the back', { timeout: 10000 });
    await camera.show('camera-1280x720-skew0-scale60-normal.png');
    if (shutter) {
      await waitUntil(() => (harness(element).camera.scanLoop?.stats.framesMeasured ?? 0) > 5, 'frames measured', { timeout: 10000 });
      shadow<HTMLButtonElement>(element, 'button.shutter').click();
    }
    await waitForStep(element, 'review', 30000);
    // Taken by itself means its barcode was read: the review says what.
    if (!shutter) await waitUntil(() => element.shadowRoot!.querySelector('.reading'), 'what was read');
    return element.shadowRoot!.querySelector('.reading')?.textContent ?? '';
  } finally {
    camera.dispose();
  }
}
