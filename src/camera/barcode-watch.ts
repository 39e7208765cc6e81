/**
 * What the barcode reader's results mean for the side being captured. On the back of a North
 * American licence or ID card a PDF417 is expected: until it reads, the applicant is told the
 * barcode is being read, and after a while of good frames without it, that this may not be the
 * back. On a side with no barcode (a front), reading one means the card is the wrong way round.
 * Pure: time comes in as an argument.
 */
import type { BarcodeState } from '../frame/guidance.js';

export interface BarcodeWatchOptions {
  /** Whether this side carries a PDF417. */
  expected: boolean;
  /** Good frames without a read for this long: say it may be the wrong side. */
  missingAfterMs: number;
  /** A read counts as current for this long (decodes trail the frames by a few hundred ms). */
  freshMs: number;
  /** An unexpected read keeps the wrong-side advice up this long. */
  unexpectedHoldMs: number;
}

export const DEFAULT_BARCODE_WATCH: Omit<BarcodeWatchOptions, 'expected'> = { missingAfterMs: 8000, freshMs: 1500, unexpectedHoldMs: 4000 };

export class BarcodeWatch {
  private readonly options: BarcodeWatchOptions;
  private lastReadAt = -Infinity;
  private searchingSince: number | null = null;

  constructor(options: Partial<BarcodeWatchOptions> & { expected: boolean }) {
    this.options = { ...DEFAULT_BARCODE_WATCH, ...options };
  }

  get expected(): boolean {
    return this.options.expected;
  }

  /** A frame good enough that a barcode on it should read. */
  goodFrame(now: number): void {
    this.searchingSince ??= now;
  }

  read(now: number): void {
    this.lastReadAt = Math.max(this.lastReadAt, now);
    this.searchingSince = null;
  }

  /** Whether a read happened within `freshMs` of `now`. */
  isFresh(now: number): boolean {
    return now - this.lastReadAt <= this.options.freshMs;
  }

  state(now: number): BarcodeState {
    if (!this.options.expected) return now - this.lastReadAt <= this.options.unexpectedHoldMs ? 'unexpected' : 'not_expected';
    if (this.isFresh(now)) return 'read';
    if (this.searchingSince !== null && now - this.searchingSince >= this.options.missingAfterMs) return 'missing';
    return 'reading';
  }
}
