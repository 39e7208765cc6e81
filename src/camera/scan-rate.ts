/**
 * How often the live loop analyses a frame. Each analysed frame costs a phone's core about a
 * tenth of a second (copying and scaling the frame, measuring it), so at the full rate a
 * capture screen keeps a core busy for as long as it is shown, even with the phone put down on
 * a desk. So: the full rate while anything is going on (a document in view, the picture
 * changing), and a low one once the picture has stayed the same, with no document in it, for a
 * moment. The first frame that differs brings the full rate back.
 *
 * Pure: time and what each analysed frame showed come in as arguments.
 */
import { MOVING } from '../frame/guidance.js';

export interface RateOptions {
  /** Frames analysed per second while something is going on. */
  rate: number;
  /** Frames analysed per second while nothing is. */
  idleRate: number;
}

/** What the rate needs of an analysed frame. */
export interface ObservedFrame {
  /** Change since the previous analysed frame (analysed-frame.ts `motionBetween`); null for the first. */
  motion: number | null;
  /** A whole document is in view (guidance.ts `looksLikeDocument`). */
  document: boolean;
}

/** A quiet picture for this long before the rate drops: a hand about to bring a card in pauses as long. */
export const SETTLE_MS = 1000;

export class ScanRate {
  private quietSince: number | null = null;

  constructor(private readonly options: RateOptions) {}

  observe(t: number, { motion, document }: ObservedFrame): void {
    const quiet = !document && motion !== null && motion < MOVING;
    if (!quiet) this.quietSince = null;
    else this.quietSince ??= t;
  }

  /** Whether the loop is at its low rate. */
  idle(now: number): boolean {
    return this.quietSince !== null && now - this.quietSince >= SETTLE_MS;
  }

  /** The pause between the starts of two analysed frames, ms. */
  intervalMs(now: number): number {
    return 1000 / (this.idle(now) ? this.options.idleRate : this.options.rate);
  }
}
