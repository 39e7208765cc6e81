/**
 * What the proxy has seen of each session's requests, kept in memory for the proxy's lifetime
 * (bounded): the first device, the requests that contradicted it, and the header inconsistencies
 * and automation evidence observed. These are the inputs of the server-only signals
 * (`request_spoof_attempts`, the server part of `user_agent_spoof_attempts`, header evidence).
 *
 * One process's memory: behind several proxy instances without sticky sessions each instance
 * counts only the requests it saw, so the counts are a lower bound.
 */
import { BoundedMap } from './bounded-map.js';
import type { EvidenceId } from './behavior-score.js';
import type { UserAgentInconsistency } from './request-signals.js';

export interface RequestObservation {
  sid: string;
  /** The client token's id. */
  jti: string;
  fingerprint: string;
  /** False when the token was issued for another User-Agent; undefined when it names none. */
  matchesTokenDevice?: boolean;
  inconsistencies: readonly UserAgentInconsistency[];
  evidence: readonly EvidenceId[];
}

interface SessionRecord {
  firstFingerprint: string;
  /** Contradicting requests, per client token (a replayed token shows up under its own jti). */
  spoofedRequestsByToken: Map<string, number>;
  inconsistencies: Set<UserAgentInconsistency>;
  evidence: Set<EvidenceId>;
}

export const DEFAULT_MAX_TRACKED_SESSIONS = 10_000;

export class SessionObservations {
  readonly #sessions: BoundedMap<string, SessionRecord>;

  constructor(maxSessions = DEFAULT_MAX_TRACKED_SESSIONS) {
    this.#sessions = new BoundedMap(maxSessions);
  }

  observe(request: RequestObservation): void {
    const record = this.#sessions.getOrCreate(request.sid, () => ({
      firstFingerprint: request.fingerprint,
      spoofedRequestsByToken: new Map(),
      inconsistencies: new Set(),
      evidence: new Set(),
    }));
    if (request.fingerprint !== record.firstFingerprint || request.matchesTokenDevice === false) {
      record.spoofedRequestsByToken.set(request.jti, (record.spoofedRequestsByToken.get(request.jti) ?? 0) + 1);
    }
    this.addInconsistencies(request.sid, request.inconsistencies);
    for (const id of request.evidence) record.evidence.add(id);
  }

  /** Inconsistencies found outside observe(), e.g. a device's self-report against its headers. */
  addInconsistencies(sid: string, inconsistencies: readonly UserAgentInconsistency[]): void {
    const record = this.#sessions.get(sid);
    if (record) for (const id of inconsistencies) record.inconsistencies.add(id);
  }

  requestSpoofAttempts(sid: string): number {
    const record = this.#sessions.get(sid);
    let total = 0;
    for (const count of record?.spoofedRequestsByToken.values() ?? []) total += count;
    return total;
  }

  /** Distinct inconsistencies seen for the session: each kind counts once, however often it recurs. */
  userAgentInconsistencies(sid: string): UserAgentInconsistency[] {
    return [...(this.#sessions.get(sid)?.inconsistencies ?? [])];
  }

  evidence(sid: string): EvidenceId[] {
    return [...(this.#sessions.get(sid)?.evidence ?? [])];
  }
}
