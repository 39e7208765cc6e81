/**
 * Notices a session that ended on the server while the applicant is on a step that makes no call
 * of its own (the intro, the choice of document, a capture, a review): above all one that expired
 * while they looked for their document, which was otherwise found only at upload, after every
 * photo was taken. The session's status is asked at each such step as it is shown, and when the
 * applicant comes back to the tab (`visibilitychange`); a final status ends the flow at once on its
 * result (`expired`, or the decision the integrator took meanwhile).
 *
 * One question at a time: one asked while another is on its way is asked again after it. A failed
 * question (offline, refused) changes nothing: the steps that call the API find out and say so.
 */
import type { BelticClient } from '../api/client.js';
import type { Outcome } from './machine.js';
import { outcomeForSession } from './outcome.js';

export interface WatchedFlow {
  /** The session to ask about now; null when there is nothing to ask (no session, a step with calls of its own, another tab's turn). */
  current(): { client: BelticClient; sessionId: string } | null;
  /** The session is final on the server: the flow ends with `outcome`, if it is still on `sessionId`. */
  ended(sessionId: string, outcome: Outcome): void;
}

export class SessionWatch {
  private asking = false;
  private askAgain = false;
  private readonly onVisibility = () => {
    if (document.visibilityState === 'visible') this.check();
  };

  constructor(private readonly flow: WatchedFlow) {}

  /** Follows the tab's visibility (the element is in the page). */
  start(): void {
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  stop(): void {
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  /** Asks the session's status now, if the flow has one to ask about. */
  check(): void {
    const target = this.flow.current();
    if (!target) return;
    if (this.asking) {
      this.askAgain = true;
      return;
    }
    this.asking = true;
    void target.client
      .sessionStatus(target.sessionId)
      .then(
        (status) => {
          const outcome = outcomeForSession(status);
          if (outcome) this.flow.ended(target.sessionId, outcome);
        },
        () => undefined,
      )
      .finally(() => {
        this.asking = false;
        if (!this.askAgain) return;
        this.askAgain = false;
        this.check();
      });
  }
}
