/**
 * What the proxy must remember across requests, behind one small async interface, so that several
 * proxy instances (or one that restarts) can share it: today, what each session's requests revealed
 * about its device, the inputs of the server-only behaviour signals.
 *
 * Each method is meant to be one atomic operation in the backing store (for Redis, one script on
 * one hash per session), so two instances observing the same session at once cannot lose a count,
 * and every record expires on its own (a TTL per session), so no session's record depends on how
 * much traffic other sessions bring.
 *
 * Implementations: memoryStore() (memory-store.ts, one process) and redisStore() (redis-store.ts).
 */
import type { EvidenceId } from '../behavior/score.js';
import type { UserAgentInconsistency } from '../behavior/user-agent.js';

/** What one request revealed about its session's device. */
export interface RequestObservation {
  sid: string;
  /** The client token's id. */
  jti: string;
  /**
   * The request's device fingerprint (request-signals.ts). It holds header values: a store outside
   * the process keeps a digest of it, never the text.
   */
  fingerprint: string;
  /** False when the token was issued for another User-Agent; undefined when it names none. */
  matchesTokenDevice?: boolean;
  inconsistencies: readonly UserAgentInconsistency[];
  evidence: readonly EvidenceId[];
}

/** What a session's requests add up to: the server's inputs to the behavior_analysis PATCH. */
export interface SessionSignals {
  /**
   * Requests whose fingerprint differs from the session's first one, or whose User-Agent is not the
   * one the token was issued for: summed over the session's client tokens.
   */
  requestSpoofAttempts: number;
  /** Distinct inconsistencies: each kind once, however often it recurs. */
  userAgentInconsistencies: UserAgentInconsistency[];
  evidence: EvidenceId[];
}

export interface ObservationStore {
  /**
   * Records a request: the session's first fingerprint if it has none yet, one more spoofed request
   * for the token when the request contradicts it, and the request's inconsistencies and evidence.
   * Whether a request counts as spoofed is decided in the store, against the first fingerprint as
   * stored, so instances racing on a session's first requests agree on which one came first.
   */
  observe(request: RequestObservation): Promise<void>;
  /** Inconsistencies found outside observe(), e.g. a device's self-report against its headers. */
  addInconsistencies(sid: string, inconsistencies: readonly UserAgentInconsistency[]): Promise<void>;
  /** The session's signals; a session never seen (or expired) has none. */
  read(sid: string): Promise<SessionSignals>;
}

/** A session's record is forgotten this long after its last observed request (a sliding TTL). */
export const DEFAULT_OBSERVATION_TTL_SECONDS = 48 * 60 * 60;

export function noSignals(): SessionSignals {
  return { requestSpoofAttempts: 0, userAgentInconsistencies: [], evidence: [] };
}

/** Whether the request contradicts the session's first device (or the device its token names). */
export function isSpoofed(request: RequestObservation, firstFingerprint: string): boolean {
  return request.fingerprint !== firstFingerprint || request.matchesTokenDevice === false;
}

export function assertTtlSeconds(ttlSeconds: number, where: string): void {
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds < 1) throw new RangeError(`${where}: ttlSeconds must be a whole number of seconds, at least 1`);
}
