/**
 * What the proxy has seen of each session's requests (the first device, the requests that
 * contradicted it, header inconsistencies and automation evidence): the inputs of the server-only
 * signals (`request_spoof_attempts`, the server part of `user_agent_spoof_attempts`, header
 * evidence), kept in an ObservationStore (observation-store.ts).
 *
 * The store is never allowed to fail an applicant's request. Every call has a time limit; a write
 * that fails is skipped, a read that fails is answered from this instance's own memory. For that
 * the proxy mirrors each write into a bounded memory store when the configured store is another
 * one: a failed read then reports what this instance saw, a lower bound, exactly what a proxy
 * without a shared store would report. Failures go to `onError`, never into the answer.
 */
import type { ServerBehaviorSignals } from './behavior-patch.js';
import { memoryStore } from './memory-store.js';
import { noSignals, type ObservationStore, type RequestObservation, type SessionSignals } from './observation-store.js';
import type { UserAgentInconsistency } from '../behavior/user-agent.js';

export type { RequestObservation, SessionSignals } from './observation-store.js';

export interface SessionObservationsOptions {
  /** Milliseconds since the epoch, for the memory stores. */
  now?: () => number;
  /** Told of every store call that failed or ran out of time (the request carried on). */
  onError?: (error: unknown) => void;
  /** Per store call; default 500 ms. */
  timeoutMs?: number;
}

/** Redis on the same network answers in about a millisecond; this is for a store gone quiet. */
export const DEFAULT_STORE_TIMEOUT_MS = 500;

export class StoreTimeout extends Error {
  constructor(ms: number) {
    super(`the observation store did not answer within ${ms} ms`);
    this.name = 'StoreTimeout';
  }
}

export class SessionObservations {
  readonly #store: ObservationStore;
  /** This instance's own record, read when the store fails; null when the store is already memory. */
  readonly #local: ObservationStore | null;
  readonly #onError: (error: unknown) => void;
  readonly #timeoutMs: number;

  /** Without a store, this instance's memory is the store. */
  constructor(store: ObservationStore | undefined, options: SessionObservationsOptions = {}) {
    const local = memoryStore({ now: options.now });
    this.#store = store ?? local;
    this.#local = store ? local : null;
    this.#onError = options.onError ?? (() => {});
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_STORE_TIMEOUT_MS;
  }

  async observe(request: RequestObservation): Promise<void> {
    await Promise.all([this.#guarded(() => this.#store.observe(request)), this.#local?.observe(request)]);
  }

  async addInconsistencies(sid: string, inconsistencies: readonly UserAgentInconsistency[]): Promise<void> {
    await Promise.all([this.#guarded(() => this.#store.addInconsistencies(sid, inconsistencies)), this.#local?.addInconsistencies(sid, inconsistencies)]);
  }

  /** The session's signals as the behavior_analysis PATCH takes them (behavior-patch.ts). */
  async behaviorSignals(sid: string): Promise<ServerBehaviorSignals> {
    const signals = await this.#read(sid);
    return {
      requestSpoofAttempts: signals.requestSpoofAttempts,
      userAgentInconsistencies: signals.userAgentInconsistencies.length,
      headerEvidence: signals.evidence,
    };
  }

  async #read(sid: string): Promise<SessionSignals> {
    const shared = await this.#guarded(() => this.#store.read(sid));
    if (shared) return shared;
    return (await this.#local?.read(sid)) ?? noSignals();
  }

  /** The call's result, or undefined when it failed or ran out of time (reported to onError). */
  async #guarded<T>(call: () => Promise<T>): Promise<T | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreTimeout(this.#timeoutMs)), this.#timeoutMs);
    });
    try {
      return await Promise.race([Promise.resolve().then(call), timeout]);
    } catch (error) {
      try {
        this.#onError(error);
      } catch {
        // A failing error handler must not fail the request either.
      }
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}
