/**
 * The live scanning loop over a playing <video>: several times a second (fewer while nothing
 * happens: scan-rate.ts) it has a small copy of the current frame measured in the analysis
 * worker, turns the figures into advice and into the auto-capture decision, and feeds frames
 * to the barcode worker when it is free. While a document is in view it keeps the last few
 * frames at full resolution, so that the photo taken is the best of them.
 *
 * The main thread's share of a frame is a createImageBitmap call or two (the copy shrunk for
 * the analysis; the full frame, when it may become the photo or be decoded); every pixel is
 * read in a worker. `stats` holds what a bench needs to measure the loop.
 */
import { AutoCapture } from './auto-capture.js';
import type { AnalysisClient } from './analysis-client.js';
import type { BarcodeClient, BarcodeReading } from './barcode-client.js';
import { BarcodeWatch } from './barcode-watch.js';
import { DecodePacing, type PacedFrame } from './decode-pacing.js';
import type { Quad } from '../frame/perspective.js';
import { FrameClock, type FramePacing } from './frame-clock.js';
import { ANALYSIS_SIZE, motionBetween } from '../frame/analysed-frame.js';
import { guidanceFor, isGoodFrame, looksLikeDocument, type GuidanceCode } from '../frame/guidance.js';
import { GuidanceTimeline } from './guidance-timeline.js';
import { ScanRate } from './scan-rate.js';
import type { AamvaFields } from '../document/aamva.js';

/**
 * - required: the side carries a PDF417 that must read before the photo is taken automatically.
 * - watch: the side has none; a PDF417 that reads means the card is the wrong way round.
 * - off: barcodes play no part.
 */
export type BarcodeMode = 'required' | 'watch' | 'off';

export interface ScanOptions {
  barcode: BarcodeMode;
  /** Frames analysed per second, at most. */
  rate: number;
  /** Frames analysed per second while the picture stays the same with no document in it (scan-rate.ts). */
  idleRate: number;
  /** Longest a live decode may take in the worker before it gives up on the frame, ms. */
  decodeBudgetMs: number;
  /** In `watch` mode, one decode per this many ms (the front only needs an occasional look). */
  watchIntervalMs: number;
  now: () => number;
}

export const DEFAULT_SCAN: Omit<ScanOptions, 'barcode'> = { rate: 8, idleRate: 2, decodeBudgetMs: 350, watchIntervalMs: 1000, now: () => performance.now() };

/** What the viewfinder shows. */
export interface ScanView {
  guidance: GuidanceCode | null;
  /** 0–1 towards the automatic photo. */
  progress: number;
}

export interface ScanCallbacks {
  changed(view: ScanView): void;
  /** Advice worth announcing to screen readers (already rate-limited). */
  announce(code: GuidanceCode): void;
  /** The conditions for the automatic photo are met: call `takePhoto()`. */
  ready(): void;
  /** A PDF417 read on a side that carries one; `fields` null when it is not an AAMVA payload. */
  barcode?(fields: AamvaFields | null): void;
}

export interface ScanStats {
  startedAt: number;
  /** When the loop copied its first frame: the moment what the camera shows was first looked at. */
  firstFrameAt: number | null;
  framesMeasured: number;
  /** Worker time per analysed frame, ms. */
  measureMs: number[];
  /** Per live decode: worker time (pixels out + decode), ms, whether it read, and whether it ran out of its budget first. */
  decodes: Array<{ ms: number; found: boolean; gaveUp: boolean; width: number; height: number }>;
  /** Frames not decoded while the decoder was free: no edges, or the picture a decode just missed. */
  decodesSkipped: number;
  firstReadAt: number | null;
  readyAt: number | null;
  /** How the loop waits for frames (frame-clock.ts): the video's frame callbacks, or a timer. */
  pacing: FramePacing | null;
}

export interface KeptFrame {
  blob: Blob;
  width: number;
  height: number;
}

interface HeldFrame {
  id: number;
  t: number;
  bitmap: ImageBitmap;
}

/** Frames kept at full resolution (GPU memory: ~8 MB each at 1080p). */
const KEEP = 4;
/** A no-barcode check on a frame older than this no longer clears the front for the automatic photo. */
const WATCH_CLEAR_MS = 2500;
/** Watching, a decode's first budget (ms); doubled after each decode that ran out of it, up to the longest. */
const WATCH_BUDGET_MS = 200;
const WATCH_LONGEST_BUDGET_MS = 1000;
/** The shutter pressed before the video showed anything waits this long for a first frame. */
const FIRST_FRAME_WAIT_MS = 3000;

export class ScanLoop {
  readonly stats: ScanStats;
  private readonly options: ScanOptions;
  private running = false;
  private held: HeldFrame[] = [];
  private nextId = 1;
  private previousThumbnail: Uint8Array | null = null;
  private auto: AutoCapture;
  private watch: BarcodeWatch;
  private readonly timeline = new GuidanceTimeline();
  private decoding = false;
  private lastDecodeAt = -Infinity;
  /** When decodes are worth their cost (decode-pacing.ts). */
  private readonly pacing = new DecodePacing();
  private readonly rate: ScanRate;
  private lastAnalysed: (PacedFrame & { outline: Quad | null; document: boolean }) | null = null;
  /** In watch mode: when a frame last came back from the barcode worker with no barcode on it, or was not worth a decode. */
  private lastClearAt = -Infinity;
  /**
   * In watch mode, the budget of the next decode. A decode that ran out of it said nothing about the side (a slow
   * phone, a busy core): it clears nothing, and the next one gets twice as long.
   */
  private watchBudgetMs: number;
  private readyFired = false;
  /** Frames measured all black in a row (see `step`). */
  private blackInARow = 0;
  private mode: BarcodeMode;
  private readonly abort = new AbortController();

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly analysis: AnalysisClient,
    private readonly barcodes: BarcodeClient | null,
    options: Partial<ScanOptions> & { barcode: BarcodeMode },
    private readonly callbacks: ScanCallbacks,
  ) {
    this.options = { ...DEFAULT_SCAN, ...options };
    this.rate = new ScanRate(this.options);
    this.mode = barcodes ? this.options.barcode : 'off';
    this.auto = new AutoCapture({ needsBarcode: this.mode === 'required' });
    this.watch = new BarcodeWatch({ expected: this.mode === 'required' });
    this.watchBudgetMs = Math.min(WATCH_BUDGET_MS, this.options.decodeBudgetMs);
    this.stats = {
      startedAt: this.options.now(),
      firstFrameAt: null,
      framesMeasured: 0,
      measureMs: [],
      decodes: [],
      decodesSkipped: 0,
      firstReadAt: null,
      readyAt: null,
      pacing: null,
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.run();
  }

  /** Stops grabbing and lets go of every frame held. Idempotent. */
  stop(): void {
    this.running = false;
    this.abort.abort();
    for (const frame of this.held) frame.bitmap.close();
    this.held = [];
  }

  /**
   * Stops the loop and encodes the photo: the best of the last few frames (the one the
   * auto-capture chose; for the shutter, a press of the button shakes the phone a little, so
   * the sharpest of the moments before it). A frame that comes out all black (WebKit's copy of a
   * video frame now and then does, even one whose downscaled copy was measured fine) gives way
   * to the next held frame, latest first, then to a fresh one. Null when the video has no frame
   * that is not black.
   */
  async takePhoto(): Promise<KeptFrame | null> {
    this.running = false;
    const chosenId = this.auto.bestFrame(new Set(this.held.map((frame) => frame.id)));
    const rank = (frame: HeldFrame) => (frame.id === chosenId ? Infinity : frame.id);
    const candidates = this.held.sort((a, b) => rank(b) - rank(a)).map((frame) => frame.bitmap);
    this.held = [];
    this.stop();
    try {
      for (let bitmap = candidates.shift(); bitmap; bitmap = candidates.shift()) {
        const photo = await this.analysis.encode(bitmap);
        if (photo) return photo;
      }
    } finally {
      for (const bitmap of candidates) bitmap.close();
    }
    // Pressed before the first frame was grabbed, or every one held was black: a fresh one, briefly.
    for (const until = performance.now() + FIRST_FRAME_WAIT_MS; performance.now() < until; await delay(50)) {
      const bitmap = await grab(this.video, until - performance.now());
      if (!bitmap) return null;
      const photo = await this.analysis.encode(bitmap);
      if (photo) return photo;
    }
    return null;
  }

  // ------------------------------------------------------------ the loop

  private async run(): Promise<void> {
    const clock = new FrameClock(this.video);
    let last = -Infinity;
    while (this.running) {
      await clock.next();
      this.stats.pacing = clock.pacing;
      if (!this.running) return;
      const wait = last + this.rate.intervalMs(this.options.now()) - this.options.now();
      if (wait > 0) await delay(wait);
      if (!this.running) return;
      last = this.options.now();
      try {
        await this.step();
      } catch (error) {
        // A frame that could not be grabbed or measured (the stream just ended, a detached
        // bitmap) is skipped; the camera owner reports real problems.
        if ((error as Error).name === 'AbortError') return;
      }
    }
  }

  private async step(): Promise<void> {
    const t = this.options.now();
    const decode = this.decodeDue(t);
    // The full-resolution frame is copied only when it may be used: as the photo, once the last
    // frame showed a document (whole or cut off); for the barcode worker, when a decode is due. Otherwise the
    // analysis copy is scaled straight from the video, and nothing else is copied.
    const keep = this.lastAnalysed?.document === true;
    const copies = await copyFrame(this.video, keep || decode);
    if (!copies) return;
    const { full, small } = copies;
    this.stats.firstFrameAt ??= t;
    if (!this.running) return closeAll(full, small);
    const id = this.nextId++;
    const frame: HeldFrame | null = full && keep ? { id, t, bitmap: full } : null;
    if (frame) this.hold(frame);
    if (full && decode) this.decode({ id, t }, frame ? await createImageBitmap(full) : full);

    const { metrics, ms } = await this.analysis.measure(small, this.abort.signal);
    if (!this.running) return;
    this.stats.framesMeasured++;
    this.stats.measureMs.push(ms);
    // WebKit now and then hands back an all-black bitmap for a frame of a playing video (1 grab in
    // 40 from a canvas stream here): never the photo, and a glitch rather than the view, unless
    // the next frame is black too (a covered lens), when it is judged as any other.
    const black = metrics.brightness === 0;
    this.blackInARow = black ? this.blackInARow + 1 : 0;
    if (black && frame) this.release(frame);
    if (this.blackInARow === 1) return;
    this.lastAnalysed = {
      sharpness: metrics.sharpness,
      thumbnail: metrics.thumbnail,
      outline: metrics.document?.corners ?? null,
      document: metrics.document !== null,
    };

    const motion = this.previousThumbnail ? motionBetween(this.previousThumbnail, metrics.thumbnail) : null;
    this.previousThumbnail = metrics.thumbnail;
    this.rate.observe(t, { motion, document: looksLikeDocument(metrics.document) });
    const now = this.options.now();
    if (isGoodFrame(metrics, motion)) this.watch.goodFrame(now);
    this.auto.addFrame({ id, t, metrics, motion });
    // On a side that must have no barcode, the photo waits until a recent frame was checked
    // for one: a card shown the wrong way round is otherwise taken before the check reads it.
    this.auto.setBlocked(this.watch.state(now) === 'unexpected');
    this.auto.setWaiting(this.mode === 'watch' && now - this.lastClearAt > WATCH_CLEAR_MS);

    const code = guidanceFor({ metrics, motion, barcode: this.watch.state(now) });
    const { shown, announce } = this.timeline.update(code, now);
    if (announce) this.callbacks.announce(announce);
    const decision = this.auto.decide(now);
    this.callbacks.changed({ guidance: shown, progress: decision.progress });
    if (decision.ready && !this.readyFired) {
      this.readyFired = true;
      this.stats.readyAt = now;
      this.callbacks.ready();
    }
  }

  private hold(frame: HeldFrame): void {
    this.held.push(frame);
    while (this.held.length > KEEP) this.held.shift()!.bitmap.close();
  }

  private release(frame: HeldFrame): void {
    if (!this.held.includes(frame)) return;
    this.held = this.held.filter((held) => held !== frame);
    frame.bitmap.close();
  }

  /**
   * Whether the barcode worker gets this frame: only when it is free, and then when watching,
   * not too often; in either mode, as the pacing allows (no edges, or the picture a decode just missed).
   */
  private decodeDue(t: number): boolean {
    if (!this.barcodes || this.mode === 'off' || this.decoding) return false;
    if (this.mode === 'watch' && t - this.lastDecodeAt < this.options.watchIntervalMs) return false;
    if (!this.pacing.shouldDecode(t, this.lastAnalysed)) {
      this.stats.decodesSkipped++;
      // Watching, a frame not worth a decode has no barcode as far as can be told (no edges, or the
      // picture a decode just missed): it clears the side as that decode did.
      if (this.mode === 'watch') this.lastClearAt = Math.max(this.lastClearAt, t);
      return false;
    }
    return true;
  }

  /** Hands `bitmap` (a copy of frame `id`, transferred) to the barcode worker. */
  private decode(frame: { id: number; t: number }, bitmap: ImageBitmap): void {
    // The outline the last analysis traced: one frame before this one, near enough for a card held to a camera.
    const seen = this.lastAnalysed;
    this.decoding = true;
    this.lastDecodeAt = frame.t;
    const watching = this.mode === 'watch';
    const budgetMs = watching ? this.watchBudgetMs : this.options.decodeBudgetMs;
    this.barcodes!.read(bitmap, { budgetMs, signal: this.abort.signal, ...(seen?.outline ? { outline: seen.outline } : {}) })
      .then((reading) => {
        if (watching && reading.gaveUp) this.watchBudgetMs = Math.min(this.watchBudgetMs * 2, WATCH_LONGEST_BUDGET_MS);
        if (reading.found) this.pacing.read();
        // Watching, a decode that ran out of time is not a picture that read nothing: the next one due looks again.
        else if (!(watching && reading.gaveUp)) this.pacing.readNothing(frame.t, seen);
        this.onReading(frame, reading);
      })
      .catch((error: Error) => {
        // No worker (a strict CSP): carry on without live barcode reading.
        if (error.name === 'WorkerUnavailableError') this.dropBarcodes();
      })
      .finally(() => {
        this.decoding = false;
      });
  }

  private onReading(frame: { id: number; t: number }, reading: BarcodeReading): void {
    const { found, gaveUp, width, height } = reading;
    this.stats.decodes.push({ ms: reading.prepareMs + reading.decodeMs, found, gaveUp, width, height });
    // Only a decode that tried every variant clears the front: one that ran out of time might have read the back.
    if (!found && !gaveUp) this.lastClearAt = Math.max(this.lastClearAt, frame.t);
    if (!this.running || !reading.found) return;
    const now = this.options.now();
    this.stats.firstReadAt ??= now;
    this.watch.read(now);
    if (this.mode === 'required') {
      this.auto.barcodeRead(frame.id, now);
      this.callbacks.barcode?.(reading.fields);
    }
  }

  private dropBarcodes(): void {
    this.mode = 'off';
    this.auto = new AutoCapture({ needsBarcode: false });
    this.watch = new BarcodeWatch({ expected: false });
  }
}

/**
 * The frame the video shows now; with `waitMs`, waits that long for one when it has none yet, or
 * when the browser cannot copy it at once (Chromium's "The ImageBitmap could not be allocated",
 * seen under memory pressure: the next frame usually can be).
 */
async function grab(video: HTMLVideoElement, waitMs = 0): Promise<ImageBitmap | null> {
  for (const until = performance.now() + waitMs; ; await delay(50)) {
    const last = performance.now() >= until;
    if (!hasFrame(video)) {
      if (last) return null;
      continue;
    }
    try {
      return await createImageBitmap(video);
    } catch (error) {
      if (last || (error as Error).name !== 'InvalidStateError') throw error;
    }
  }
}

/**
 * The frame the video shows now, scaled down for the analysis and, with `full`, also at full
 * resolution: both copies are taken in the same task, so they are of the same frame. Null
 * while the video has no frame.
 */
async function copyFrame(video: HTMLVideoElement, full: boolean): Promise<{ full: ImageBitmap | null; small: ImageBitmap } | null> {
  if (!hasFrame(video)) return null;
  const { width, height } = fitWithin(video.videoWidth, video.videoHeight, ANALYSIS_SIZE);
  const settled = await Promise.allSettled([
    full ? createImageBitmap(video) : Promise.resolve(null),
    createImageBitmap(video, { resizeWidth: width, resizeHeight: height, resizeQuality: 'medium' }),
  ]);
  const [big = null, small = null] = settled.map((copy) => (copy.status === 'fulfilled' ? copy.value : null));
  const failure = settled.find((copy): copy is PromiseRejectedResult => copy.status === 'rejected');
  if (failure || !small) {
    closeAll(big, small);
    throw failure?.reason;
  }
  return { full: big, small };
}

function hasFrame(video: HTMLVideoElement): boolean {
  return video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0 && video.videoHeight > 0;
}

function closeAll(...bitmaps: Array<ImageBitmap | null>): void {
  for (const bitmap of bitmaps) bitmap?.close();
}

function fitWithin(width: number, height: number, size: number): { width: number; height: number } {
  const scale = Math.min(1, size / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
