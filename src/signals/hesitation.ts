/**
 * Hesitation (signals.md): pauses inside field visits, measured from entry events only.
 *
 * A visit runs from a text field's focus to its blur. Its entry events are the focus, each
 * text-editing keydown, each paste and each composition end; the intervals between consecutive
 * entry events are what is measured. Only durations are kept: never which key, never the field's
 * content.
 *
 *   baseline   = Σ intervals (ms, rounded)
 *   T          = max(2000 ms, 3 × median of the non-first intervals)   (first = the one starting at a focus)
 *   count      = intervals > T
 *   time       = Σ those intervals (ms, rounded)
 *   percentage = 100 × time / baseline, two decimals; null when the baseline is 0
 *
 * The median of an even number of intervals is the mean of the middle two; with no non-first
 * interval at all, T is 2000 ms.
 */

/** One measured interval: its length, and whether it is a visit's first (focus → first entry). */
export interface HesitationInterval {
  ms: number;
  first: boolean;
}

export interface HesitationFigures {
  hesitation_baseline: number;
  hesitation_count: number;
  hesitation_time: number;
  hesitation_percentage: number | null;
}

/** The floor of the threshold: pauses shorter than this are never hesitation, however fast the typing. */
export const MIN_HESITATION_MS = 2000;
/** A pause counts when it is this many times the applicant's own typical interval. */
export const HESITATION_MEDIAN_FACTOR = 3;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function hesitationThreshold(intervals: readonly HesitationInterval[]): number {
  const typical = median(intervals.filter((i) => !i.first).map((i) => i.ms));
  return Math.max(MIN_HESITATION_MS, HESITATION_MEDIAN_FACTOR * (typical ?? 0));
}

export function hesitationFigures(intervals: readonly HesitationInterval[]): HesitationFigures {
  const threshold = hesitationThreshold(intervals);
  const baseline = Math.round(intervals.reduce((sum, i) => sum + i.ms, 0));
  const long = intervals.filter((i) => i.ms > threshold);
  const time = Math.round(long.reduce((sum, i) => sum + i.ms, 0));
  return {
    hesitation_baseline: baseline,
    hesitation_count: long.length,
    hesitation_time: time,
    // From the reported integers, so that a reader can recompute it from the other fields.
    hesitation_percentage: baseline > 0 ? Math.round((10_000 * time) / baseline) / 100 : null,
  };
}

/** A span of time during which the applicant was away (signals.md: distraction episodes). */
export interface AwaySpan {
  start: number;
  /** null while still away. */
  end: number | null;
}

/**
 * Turns focus / entry / blur timestamps into intervals. The field is identified by the caller
 * (any object: the element itself); only one visit is open at a time, as only one element has focus.
 */
export class HesitationRecorder {
  private visit: { field: object; last: number; entries: number } | null = null;

  constructor(
    readonly intervals: HesitationInterval[] = [],
    /** The away spans so far, to drop intervals that overlap one. */
    private readonly away: () => readonly AwaySpan[] = () => [],
  ) {}

  focus(field: object, at: number): void {
    this.visit = { field, last: at, entries: 0 };
  }

  /** A text-editing keydown, a paste or a composition end in the focused field. */
  entry(field: object, at: number): void {
    const visit = this.visit;
    if (!visit || visit.field !== field) return;
    const interval = { start: visit.last, end: at };
    const first = visit.entries === 0;
    visit.last = at;
    visit.entries++;
    if (this.overlapsAway(interval)) return;
    this.intervals.push({ ms: Math.max(0, interval.end - interval.start), first });
  }

  blur(field: object): void {
    if (this.visit?.field === field) this.visit = null;
  }

  private overlapsAway({ start, end }: { start: number; end: number }): boolean {
    return this.away().some((span) => span.start < end && (span.end ?? Infinity) > start);
  }
}
