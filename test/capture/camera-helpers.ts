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
import { waitUntil } from '../helpers/wait.js';
import type { BelticVerify } from '../../src/index.js';
import { captureAndAccept, chooseDocument, consent, createSession, currentStep, fixtureBlob, mount, shadow, waitForStep } from '../helpers/widget.js';
import { harness } from '../helpers/harness.js';
import type { LiveCapture } from '../../src/camera/live-capture.js';

/**
 * The stubs replace the methods on `MediaDevices.prototype` of the window concerned, not on its
 * `navigator.mediaDevices`: WebKit may collect a DOM object's wrapper and make a new one, and a
 * property set on the old wrapper (an iframe's, read from this window) silently goes with it.
 */
type Prototype = typeof MediaDevices.prototype;
const realMethods = { getUserMedia: MediaDevices.prototype.getUserMedia, enumerateDevices: MediaDevices.prototype.enumerateDevices };
const realGetUserMedia = (constraints?: MediaStreamConstraints) => realMethods.getUserMedia.call(navigator.mediaDevices, constraints);
const realEnumerate = () => realMethods.enumerateDevices.call(navigator.mediaDevices);
/** Windows (this one, test pages' iframes) whose MediaDevices methods a stub replaced, with their own originals. */
const stubbed = new Map<Prototype, Pick<Prototype, 'getUserMedia' | 'enumerateDevices'>>();

function stub<K extends 'getUserMedia' | 'enumerateDevices'>(win: Window, method: K, replacement: Prototype[K]): void {
  const prototype = (win as Window & typeof globalThis).MediaDevices.prototype;
  if (!stubbed.has(prototype)) stubbed.set(prototype, { getUserMedia: prototype.getUserMedia, enumerateDevices: prototype.enumerateDevices });
  prototype[method] = replacement;
}

/** Undoes every stub, in every window; call in afterEach. */
export function restoreCameras(): void {
  for (const [prototype, originals] of stubbed) Object.assign(prototype, originals);
  stubbed.clear();
}

function restoreCamerasOf(win: Window): void {
  const prototype = (win as Window & typeof globalThis).MediaDevices.prototype;
  const originals = stubbed.get(prototype);
  if (originals) Object.assign(prototype, originals);
  stubbed.delete(prototype);
}

export interface CameraLog {
  constraints: MediaStreamConstraints[];
  streams: MediaStream[];
}

/** Chromium's fake camera, recording what was asked for and what was opened. */
export function recordCameras(): CameraLog {
  const log: CameraLog = { constraints: [], streams: [] };
  stub(window, 'getUserMedia', async (constraints?: MediaStreamConstraints) => {
    log.constraints.push(constraints ?? {});
    const stream = await realGetUserMedia(constraints);
    log.streams.push(stream);
    return stream;
  });
  return log;
}

export function failingCamera(name: 'NotAllowedError' | 'NotFoundError' | 'NotReadableError'): CameraLog {
  const log: CameraLog = { constraints: [], streams: [] };
  stub(window, 'getUserMedia', async (constraints?: MediaStreamConstraints) => {
    log.constraints.push(constraints ?? {});
    throw new DOMException(`simulated ${name}`, name);
  });
  return log;
}

/** A device with microphones but no camera, as enumerateDevices reports it before any permission. */
export function noCameraListed(): void {
  stub(window, 'enumerateDevices', async () => (await realEnumerate()).filter((device) => device.kind !== 'videoinput'));
}

/**
 * A captured canvas yields frames only when drawn: it is redrawn steadily, as a camera delivers. At
 * 15 fps the widget's loop (8 frames a second at most, each on the next frame after 125 ms) measures
 * 7.5 a second; at 10 fps it would measure 5, and every test that holds a card steady takes longer
 * (Chromium's and Firefox's camera tests: 25% longer in one CI run). The same in every engine: WebKit
 * had 10 a second while it composited every frame in software (65 ms of a core each); painted without
 * compositing (web-test-runner.config.mjs), its camera tests cost 31 core-s at 15 against 29 at 10.
 */
const FRAME_INTERVAL_MS = 66;

export class CanvasCamera {
  readonly canvas: HTMLCanvasElement;
  readonly log: CameraLog = { constraints: [], streams: [] };
  private readonly context: CanvasRenderingContext2D;
  private source: ImageBitmap | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  /** What getSettings() reports as facingMode (a canvas track reports none). */
  facingMode: 'user' | 'environment' | null = null;
  /**
   * Every this many frames, one all black (0: none): what WebKit's createImageBitmap now and then
   * hands back for a frame of a live video, made to happen here in every engine.
   */
  blackEvery = 0;
  private drawn = 0;

  /** `win`: the window whose getUserMedia is replaced (a test page's iframe, for the built files). */
  constructor(
    width = 1280,
    height = 720,
    private readonly win: Window = window,
  ) {
    this.canvas = win.document.createElement('canvas');
    this.canvas.width = width;
    this.canvas.height = height;
    // A canvas kept in memory, not on the GPU: WebKitGTK's GPU is Mesa's software renderer here, and every
    // captured frame of a GPU canvas was read back through it.
    this.context = this.canvas.getContext('2d', { willReadFrequently: true })!;
    this.context.fillStyle = '#222';
    this.context.fillRect(0, 0, width, height);
  }

  install(): this {
    stub(this.win, 'getUserMedia', async (constraints?: MediaStreamConstraints) => {
      this.log.constraints.push(constraints ?? {});
      const stream = this.canvas.captureStream(30);
      const track = stream.getVideoTracks()[0]!;
      if (this.facingMode) {
        const settings = track.getSettings.bind(track);
        track.getSettings = () => ({ ...settings(), facingMode: this.facingMode! });
      }
      this.log.streams.push(stream);
      return stream;
    });
    this.timer = setInterval(() => this.draw(), FRAME_INTERVAL_MS);
    return this;
  }

  /** Shows a fixture frame, optionally out of focus by `blur` pixels (see `outOfFocus`). */
  async show(file: string, { blur = 0 } = {}): Promise<void> {
    const picture = await createImageBitmap(await fixtureBlob(file));
    const next = blur > 0 ? await outOfFocus(picture, blur) : picture;
    // Swapped before the old one is closed: the drawing timer never sees a closed bitmap.
    const previous = this.source;
    this.source = next;
    previous?.close();
    this.draw();
  }

  /** The track of the latest stream handed out. */
  get track(): MediaStreamTrack | null {
    return this.log.streams.at(-1)?.getVideoTracks()[0] ?? null;
  }

  dispose(): void {
    restoreCamerasOf(this.win);
    if (this.timer) clearInterval(this.timer);
    this.source?.close();
    for (const stream of this.log.streams) for (const track of stream.getTracks()) track.stop();
  }

  private draw(): void {
    if (!this.source) return;
    this.drawn++;
    if (this.blackEvery && this.drawn % this.blackEvery === 0) {
      this.context.fillStyle = '#000';
      this.context.fillRect(0, 0, this.canvas.width, this.canvas.height);
    } else {
      this.context.drawImage(this.source, 0, 0, this.canvas.width, this.canvas.height);
    }
  }
}

/**
 * The picture as a lens out of focus by `radius` pixels would give it: three box blurs, which add up
 * to a Gaussian, computed here rather than with a canvas `filter` (WebKit has none), so the frame is
 * the same in every engine.
 */
async function outOfFocus(picture: ImageBitmap, radius: number): Promise<ImageBitmap> {
  const { width, height } = picture;
  const context = new OffscreenCanvas(width, height).getContext('2d')!;
  context.drawImage(picture, 0, 0);
  picture.close();
  const image = context.getImageData(0, 0, width, height);
  const scratch = new Uint8ClampedArray(image.data.length);
  for (let pass = 0; pass < 3; pass++) {
    boxBlur(image.data, scratch, width, height, radius, 4, width * 4);
    boxBlur(scratch, image.data, height, width, radius, width * 4, 4);
  }
  return createImageBitmap(image);
}

/** One running-sum box blur along lines of `length` pixels `step` bytes apart, `lines` lines `lineStep` apart; from `source` into `target`. */
function boxBlur(source: Uint8ClampedArray, target: Uint8ClampedArray, length: number, lines: number, radius: number, step: number, lineStep: number): void {
  const window = 2 * radius + 1;
  for (let line = 0; line < lines; line++) {
    const start = line * lineStep;
    for (let channel = 0; channel < 3; channel++) {
      const at = (i: number) => source[start + Math.min(length - 1, Math.max(0, i)) * step + channel]!;
      let sum = 0;
      for (let i = -radius; i <= radius; i++) sum += at(i);
      for (let i = 0; i < length; i++) {
        target[start + i * step + channel] = sum / window;
        sum += at(i + radius + 1) - at(i - radius);
      }
    }
    for (let i = 0; i < length; i++) target[start + i * step + 3] = 255;
  }
}

/**
 * Simulates the camera going away mid-use (see the header): the track reads as ended, hears 'ended',
 * then really stops. (Firefox delivers no 'ended' dispatched by script to a track's listeners: the
 * tests that lose a track say so.)
 */
export function loseTrack(track: MediaStreamTrack): void {
  Object.defineProperty(track, 'readyState', { value: 'ended', configurable: true });
  track.dispatchEvent(new Event('ended'));
  track.stop();
}

/** The camera's state; 'not loaded' while the capture parts (which bring the camera) are on their way. */
export function cameraState(element: BelticVerify): string {
  let camera: LiveCapture;
  try {
    camera = harness(element).camera;
  } catch {
    return 'not loaded';
  }
  const status = camera.camera.status;
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
    ? `phase ${loop.phase}, ${stats.framesMeasured} frames measured, ${stats.decodes.length} decodes, ${stats.decodesSkipped} skipped, first read ${stats.firstReadAt}`
    : `phase ${loop.phase}, no scan loop`;
}

/**
 * Where the capture step stands, for a wait that ran out there: the scanning loop, and whether the
 * checks refused the photo it took (which disarms the camera, by design).
 */
export function captureState(element: BelticVerify): string {
  const stats = harness(element).camera.scanLoop?.stats;
  const refused = harness(element).flow.photoCheck?.problems.join(', ') ?? 'none';
  return `${scanStats(element)}, loop started at ${stats?.startedAt}, ready at ${stats?.readyAt ?? null}, now ${performance.now()}, photo refused: ${refused}`;
}

/** waitUntil, looking every 20 ms (a cue may show for a moment), its message built when it fails. */
export function until(predicate: () => boolean, describe: () => string, timeout = 10000): Promise<void> {
  return waitUntil(predicate, describe, { timeout, interval: 20 });
}

/** The animation of the document guide each time the "taken" cue shows. */
export function cueAnimations(element: BelticVerify): string[] {
  const seen: string[] = [];
  new MutationObserver(() => {
    const guide = element.shadowRoot!.querySelector('.viewfinder.taken .guide');
    if (guide) seen.push(getComputedStyle(guide).animationName);
  }).observe(element.shadowRoot!, { subtree: true, attributes: true, childList: true });
  return seen;
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
 * from a file, the back from a canvas camera showing a whole, readable back, taken by itself once
 * its barcode reads or, with `shutter`, by a press. Resolves with what the review says was read from
 * the back ('' when nothing was).
 */
export async function licenceBackByCamera(element: BelticVerify, win: Window, { shutter = false } = {}): Promise<string> {
  // The whole card in view: the camera takes a back by itself only then, and the checks before upload
  // let only that through. For the shutter, the card is far (the camera never takes it by itself,
  // with or without the barcode read live) in a 1080p frame, where the verification still reads it.
  const camera = shutter ? new CanvasCamera(1920, 1080, win).install() : new CanvasCamera(1280, 720, win).install();
  try {
    await consent(element);
    await chooseDocument(element, 'drivers_license', 'US');
    await captureAndAccept(element, await fixtureBlob('licence-front.jpg'));
    await waitUntil(() => currentStep(element) === 'capture', 'the back', { timeout: 10000 });
    await camera.show(shutter ? 'camera-1920x1080-skew0-scale35-normal.png' : 'scene-1280x720-dark-table-back-skew-2-scale72.png');
    if (shutter) {
      await waitUntil(() => (harness(element).camera.scanLoop?.stats.framesMeasured ?? 0) > 5, 'frames measured', { timeout: 10000 });
      shadow<HTMLButtonElement>(element, 'button.shutter').click();
    }
    // A 1080p frame, and where the workers cannot start (assets.browser) its checks on the main thread:
    // a minute in a loaded WebKit (doubled there).
    await waitForStep(element, 'review', shutter ? 60000 : 30000, () => captureState(element));
    // Taken by itself means its barcode was read: the review says what.
    if (!shutter) await waitUntil(() => element.shadowRoot!.querySelector('.reading'), 'what was read');
    return element.shadowRoot!.querySelector('.reading')?.textContent ?? '';
  } finally {
    camera.dispose();
  }
}
