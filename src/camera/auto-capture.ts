/**
 * When to take the photo without the applicant pressing anything, and which frame to keep.
 *
 * The photo is taken once the frames have been good (no quality problem, a whole document in
 * view) for `steadyMs` without a break, and, on a side that carries a PDF417, once the barcode
 * has also read on a recent frame. The frame kept is the best of the last few: the sharpest good one,
 * and on a barcode side one whose barcode read. Pure: frames and time come in as arguments,
 * so the whole policy is tested with made-up metrics.
 */
import type { FrameMetrics } from '../frame/frame-quality.js';
import { isGoodFrame, looksLikeDocument } from '../frame/guidance.js';

export interface AutoCaptureOptions {
  /** The side carries a PDF417 that must read before the photo is taken. */
  needsBarcode: boolean;
  /** Good frames without a break for this long count as steady. */
  steadyMs: number;
  /** How many recent frames are candidates for keeping (the caller holds their pixels). */
  keep: number;
  /** A barcode read counts as current for this long. */
  barcodeFreshMs: number;
}

export const DEFAULT_AUTO_CAPTURE: Omit<AutoCaptureOptions, 'needsBarcode'> = { steadyMs: 700, keep: 4, barcodeFreshMs: 1500 };

export interface FrameSample {
  id: number;
  /** When the frame was grabbed (ms, any monotonic clock). */
  t: number;
  metrics: FrameMetrics;
  motion: number | null;
}

interface Candidate {
  id: number;
  t: number;
  good: boolean;
  sharpness: number;
  barcode: boolean;
}

export interface AutoCaptureDecision {
  /** Take the photo now. */
  ready: boolean;
  /** 0–1: how far along the steady period is (for the visible cue). */
  progress: number;
  /** The frame to keep, when ready. */
  frameId: number | null;
}

export class AutoCapture {
  private readonly options: AutoCaptureOptions;
  private candidates: Candidate[] = [];
  private steadySince: number | null = null;
  private lastBarcodeAt = -Infinity;
  private blocked = false;
  private waiting = false;

  constructor(options: Partial<AutoCaptureOptions> & { needsBarcode: boolean }) {
    this.options = { ...DEFAULT_AUTO_CAPTURE, ...options };
  }

  addFrame({ id, t, metrics, motion }: FrameSample): void {
    // The frame must show a whole document (so a face or a test pattern never triggers), on a
    // barcode side too: a barcode reads on a card whose top is out of the frame, and that photo
    // would fail the checks before upload (frame/photo-check.ts).
    const good = isGoodFrame(metrics, motion) && looksLikeDocument(metrics.document);
    if (!good) this.steadySince = null;
    else this.steadySince ??= t;
    this.candidates.push({ id, t, good, sharpness: metrics.sharpness ?? 0, barcode: false });
    if (this.candidates.length > this.options.keep) this.candidates.shift();
  }

  /** The barcode read on frame `id` (which may already have left the candidates). */
  barcodeRead(id: number, t: number): void {
    this.lastBarcodeAt = Math.max(this.lastBarcodeAt, t);
    const candidate = this.candidates.find((c) => c.id === id);
    if (candidate) candidate.barcode = true;
  }

  /** While blocked (the wrong side is shown) nothing is taken automatically, and no progress shows. */
  setBlocked(blocked: boolean): void {
    this.blocked = blocked;
  }

  /** While waiting (for a check still under way) nothing is taken, and progress stops halfway. */
  setWaiting(waiting: boolean): void {
    this.waiting = waiting;
  }

  decide(now: number): AutoCaptureDecision {
    const steadyFor = this.steadySince === null ? 0 : now - this.steadySince;
    const barcodeOk = !this.options.needsBarcode || now - this.lastBarcodeAt <= this.options.barcodeFreshMs;
    const clear = barcodeOk && !this.waiting;
    const progress = this.blocked ? 0 : Math.min(1, steadyFor / this.options.steadyMs) * (clear ? 1 : 0.5);
    const ready = !this.blocked && clear && steadyFor >= this.options.steadyMs;
    return { ready, progress, frameId: ready ? this.bestFrame() : null };
  }

  /**
   * The frame to keep among the recent ones (`among` those, where given: the frames whose pixels
   * the caller still holds): good before bad, with a read barcode before without (on a barcode
   * side), then the sharpest, then the latest. Null before any frame.
   */
  bestFrame(among?: ReadonlySet<number>): number | null {
    let best: Candidate | null = null;
    for (const candidate of this.candidates) {
      if (among && !among.has(candidate.id)) continue;
      if (!best || this.better(candidate, best)) best = candidate;
    }
    return best?.id ?? null;
  }

  private better(a: Candidate, b: Candidate): boolean {
    if (a.good !== b.good) return a.good;
    if (this.options.needsBarcode && a.barcode !== b.barcode) return a.barcode;
    if (a.sharpness !== b.sharpness) return a.sharpness > b.sharpness;
    return a.t > b.t;
  }
}
