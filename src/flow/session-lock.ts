/**
 * One writer per session across this origin's tabs and windows. The tab holding the session's Web
 * Lock runs the flow's effects and writes its storage; the others wait ("continuing in another
 * tab") and take over when the lock is released: that tab finished, was closed, or handed over
 * because the applicant chose "Continue here" elsewhere. What cannot travel through a lock (please
 * hand over; the flow ended) travels over a BroadcastChannel of the same name.
 *
 * Without Web Locks (browsers before 2022) every tab is a writer, as before this existed; without
 * BroadcastChannel a waiting tab learns the outcome when it takes over and reads the session.
 */
import type { Outcome } from './machine.js';

export type LockMessage = { type: 'yield_please' } | { type: 'finished'; outcome: Outcome };

export interface SessionLockEvents {
  /** Another tab asks this one to hand the session over. */
  yieldRequested(): void;
  /** The writer's flow ended (including a cancel): every tab shows the same end. */
  finished(outcome: Outcome): void;
}

export class SessionLock {
  private release: (() => void) | null = null;
  private waiting: AbortController | null = null;
  private readonly channel: BroadcastChannel | null;
  private readonly name: string;

  constructor(
    sessionId: string,
    private readonly events: SessionLockEvents,
  ) {
    this.name = `beltic-verify:${sessionId}`;
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(this.name) : null;
    this.channel?.addEventListener('message', (event: MessageEvent<LockMessage>) => this.onMessage(event.data));
  }

  /** Whether this tab holds the session (always, where the browser has no Web Locks). */
  get held(): boolean {
    return this.release !== null;
  }

  /** Takes the session if no other tab holds it; resolves whether this tab now holds it. */
  async tryAcquire(): Promise<boolean> {
    if (this.held) return true;
    if (!locks()) {
      this.release = () => undefined;
      return true;
    }
    return this.request({ ifAvailable: true });
  }

  /** Waits in line for the session; resolves true once this tab holds it, false if the wait was stopped. */
  async waitForTurn(): Promise<boolean> {
    if (this.held) return true;
    this.stopWaiting();
    const waiting = (this.waiting = new AbortController());
    const acquired = await this.request({ signal: waiting.signal }).catch(() => false);
    if (this.waiting === waiting) this.waiting = null;
    return acquired;
  }

  stopWaiting(): void {
    this.waiting?.abort();
    this.waiting = null;
  }

  /** Lets the next tab in line take the session. */
  unlock(): void {
    const release = this.release;
    this.release = null;
    release?.();
  }

  /** Asks the tab holding the session to hand it over (this tab is already in line). */
  askToYield(): void {
    this.post({ type: 'yield_please' });
  }

  /** Tells the other tabs the flow ended. */
  announceFinished(outcome: Outcome): void {
    this.post({ type: 'finished', outcome });
  }

  close(): void {
    this.stopWaiting();
    this.unlock();
    this.channel?.close();
  }

  private request(options: LockOptions): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      locks()!
        .request(this.name, options, (lock) => {
          if (!lock) return resolve(false);
          // Held until unlock(): the callback's promise is the lock's lifetime.
          return new Promise<void>((released) => {
            this.release = released;
            resolve(true);
          });
        })
        .catch(reject);
    });
  }

  private post(message: LockMessage): void {
    this.channel?.postMessage(message);
  }

  private onMessage(message: LockMessage): void {
    if (message.type === 'yield_please' && this.held) this.events.yieldRequested();
    if (message.type === 'finished' && !this.held) this.events.finished(message.outcome);
  }
}

function locks(): LockManager | null {
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;
}
