/**
 * When to show a piece of advice and when to say it out loud. Advice computed several times a
 * second flickers (a hand shakes, the light changes), and a screen reader that announced every
 * change would drown the applicant. So: a message is shown once it has held for a moment, and
 * announced (politely) only once it has held for longer, differs from the last one announced,
 * and some seconds have passed since then. Pure: time comes in as an argument.
 */
import type { GuidanceCode } from '../frame/guidance.js';

export interface TimelineOptions {
  /** A message (or the lack of one) shows once it has held this long. */
  showAfterMs: number;
  /** A shown message is announced once it has held this long... */
  announceAfterMs: number;
  /** ...and at least this long after the previous announcement. */
  announceGapMs: number;
}

export const DEFAULT_TIMELINE: TimelineOptions = { showAfterMs: 300, announceAfterMs: 1500, announceGapMs: 4000 };

export interface TimelineStep {
  /** What the viewfinder shows now. */
  shown: GuidanceCode | null;
  /** What to announce now, if anything. */
  announce: GuidanceCode | null;
}

export class GuidanceTimeline {
  private candidate: GuidanceCode | null = null;
  private since = -Infinity;
  private shown: GuidanceCode | null = null;
  private lastAnnounced: GuidanceCode | null = null;
  private lastAnnouncedAt = -Infinity;
  private readonly options: TimelineOptions;

  constructor(options: Partial<TimelineOptions> = {}) {
    this.options = { ...DEFAULT_TIMELINE, ...options };
  }

  update(code: GuidanceCode | null, now: number): TimelineStep {
    if (code !== this.candidate) {
      this.candidate = code;
      this.since = now;
    }
    const held = now - this.since;
    if (held >= this.options.showAfterMs) this.shown = code;
    // Once all is well for a while, the same advice may be worth saying again later.
    if (code === null && held >= this.options.announceAfterMs) this.lastAnnounced = null;
    let announce: GuidanceCode | null = null;
    if (
      code !== null &&
      code === this.shown &&
      code !== this.lastAnnounced &&
      held >= this.options.announceAfterMs &&
      now - this.lastAnnouncedAt >= this.options.announceGapMs
    ) {
      announce = code;
      this.lastAnnounced = code;
      this.lastAnnouncedAt = now;
    }
    return { shown: this.shown, announce };
  }
}
