/**
 * When the live loop hands a frame to the barcode decoder. A decode of a frame with no barcode
 * on it is the dearest thing the loop does (it tries every variant until its budget runs out,
 * about 350 ms of a core at 1080p), so:
 *
 * - a frame with no edges at all (a dark room, a blank wall, a finger over the lens) is not
 *   decoded: a barcode is edges;
 * - after a decode that read nothing, an unchanged picture is not decoded again until a pause
 *   has passed, doubling from 0.5 s to 2 s while the picture stays the same. A picture that
 *   changes (the card moved, tilted, came closer) is decoded at once.
 *
 * Pure: time and the analysed frames come in as arguments.
 */
import { motionBetween } from '../frame/analysed-frame.js';

/** What the pacing needs of the last analysed frame. */
export interface PacedFrame {
  /** frame-quality.ts `FrameMetrics.sharpness`: null when the frame has no edges. */
  sharpness: number | null;
  thumbnail: Uint8Array;
}

/** Below this (motionBetween), the picture is the one already decoded: a hand-held phone held still stays under 0.02. */
export const UNCHANGED = 0.02;
export const FIRST_PAUSE_MS = 500;
export const LONGEST_PAUSE_MS = 2000;

export class DecodePacing {
  private missed: { thumbnail: Uint8Array; at: number } | null = null;
  private pause = FIRST_PAUSE_MS;

  /** Whether to decode now, given the last analysed frame (null before the first). */
  shouldDecode(now: number, last: PacedFrame | null): boolean {
    if (!last) return true;
    if (last.sharpness === null) return false;
    const missed = this.missed;
    if (!missed) return true;
    if (motionBetween(missed.thumbnail, last.thumbnail) >= UNCHANGED) {
      this.forget();
      return true;
    }
    if (now - missed.at < this.pause) return false;
    this.pause = Math.min(this.pause * 2, LONGEST_PAUSE_MS);
    return true;
  }

  /** A decode read nothing (or gave up) on a picture that looked like `frame` at `now`. */
  readNothing(now: number, frame: PacedFrame | null): void {
    if (frame) this.missed = { thumbnail: frame.thumbnail, at: now };
  }

  /** A decode read a barcode: the next frame is decoded as soon as the decoder is free. */
  read(): void {
    this.forget();
  }

  private forget(): void {
    this.missed = null;
    this.pause = FIRST_PAUSE_MS;
  }
}
