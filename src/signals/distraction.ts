/**
 * Distraction episodes (signals.md): times the applicant left while the flow was running.
 *
 * An away span starts when the page becomes hidden or the window loses focus, and ends when the
 * page is visible and focused again; hidden and unfocused spans that touch are one span, so one
 * episode counts once even if both happen. A span is an episode when the page was hidden during
 * it, or when it lasted more than 1 s (a window blur shorter than that is a click into the browser's
 * own UI, not leaving).
 */
import type { AwaySpan } from './hesitation.js';

/** A window blur shorter than this is not leaving. */
export const MIN_FOCUS_LOSS_MS = 1000;

interface Span extends AwaySpan {
  hidden: boolean;
}

export class DistractionTracker {
  private readonly spans: Span[] = [];
  private isHidden = false;
  private isBlurred = false;

  /** Episodes counted before this page load (carried over a reload). */
  constructor(private readonly carried = 0) {}

  /**
   * The state when collection starts. A page that is already hidden or unfocused then has not been
   * left by the applicant: no span opens, but coming back must not close one either.
   */
  startedWhile(state: { hidden: boolean; blurred: boolean }): void {
    this.isHidden = state.hidden;
    this.isBlurred = state.blurred;
  }

  hidden(at: number): void {
    this.isHidden = true;
    this.open(at).hidden = true;
  }

  visible(at: number): void {
    this.isHidden = false;
    this.closeIfBack(at);
  }

  windowBlur(at: number): void {
    this.isBlurred = true;
    this.open(at);
  }

  windowFocus(at: number): void {
    this.isBlurred = false;
    this.closeIfBack(at);
  }

  /**
   * A trusted input event in the widget: the applicant is here, whatever focus events were missed
   * (a window that never reported its focus would otherwise keep a span open for good).
   */
  present(at: number): void {
    if (this.isHidden) return;
    this.isBlurred = false;
    this.closeIfBack(at);
  }

  /** Episodes so far; a span still open counts once it qualifies at `now`. */
  count(now: number): number {
    return this.carried + this.spans.filter((span) => isEpisode(span, now)).length;
  }

  /** The spans that are (or, still open, already are) episodes: for hesitation's overlap rule. */
  episodes(now: number): AwaySpan[] {
    return this.spans.filter((span) => isEpisode(span, now)).map(({ start, end }) => ({ start, end }));
  }

  private open(at: number): Span {
    const current = this.spans.at(-1);
    if (current && current.end === null) return current;
    const span: Span = { start: at, end: null, hidden: false };
    this.spans.push(span);
    return span;
  }

  private closeIfBack(at: number): void {
    const current = this.spans.at(-1);
    if (!current || current.end !== null || this.isHidden || this.isBlurred) return;
    current.end = Math.max(current.start, at);
  }
}

function isEpisode(span: Span, now: number): boolean {
  return span.hidden || (span.end ?? now) - span.start > MIN_FOCUS_LOSS_MS;
}
