/**
 * The default observation store: this process's memory. Behind several proxy instances, or across
 * a restart, each instance counts only the requests it saw itself, so the counts are lower bounds;
 * use redisStore() to share them (docs/server.md, "Running several instances").
 *
 * Bounded two ways, so a long-running server does not grow without limit:
 * - by time: a session's record is dropped `ttlSeconds` after its last observed request;
 * - by number: beyond `maxSessions` records, the least recently observed session is dropped,
 *   but sessions with nothing suspicious recorded go first. A record holding a spoof count, an
 *   inconsistency or evidence is dropped only when every record holds one, so requests for other,
 *   ordinary sessions cannot reset a session's count.
 */
import type { EvidenceId } from '../behavior/score.js';
import {
  assertTtlSeconds,
  DEFAULT_OBSERVATION_TTL_SECONDS,
  isSpoofed,
  noSignals,
  type ObservationStore,
  type RequestObservation,
  type SessionSignals,
} from './observation-store.js';
import type { UserAgentInconsistency } from '../behavior/user-agent.js';

export interface MemoryStoreOptions {
  /** Default 10 000 sessions. */
  maxSessions?: number;
  /** Default 48 hours after a session's last observed request. */
  ttlSeconds?: number;
  /** Milliseconds since the epoch (injectable for tests). */
  now?: () => number;
}

export const DEFAULT_MAX_TRACKED_SESSIONS = 10_000;

interface SessionRecord {
  /** Undefined until the session's first observe(): addInconsistencies() may come first. */
  firstFingerprint: string | undefined;
  /** Contradicting requests, per client token (a replayed token shows up under its own jti). */
  spoofedRequestsByToken: Map<string, number>;
  inconsistencies: Set<UserAgentInconsistency>;
  evidence: Set<EvidenceId>;
  expiresAt: number;
}

function isSuspicious(record: SessionRecord): boolean {
  return record.spoofedRequestsByToken.size > 0 || record.inconsistencies.size > 0 || record.evidence.size > 0;
}

export function memoryStore(options: MemoryStoreOptions = {}): ObservationStore {
  const maxSessions = options.maxSessions ?? DEFAULT_MAX_TRACKED_SESSIONS;
  if (!Number.isSafeInteger(maxSessions) || maxSessions < 1) throw new RangeError('memoryStore: maxSessions must be at least 1');
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_OBSERVATION_TTL_SECONDS;
  assertTtlSeconds(ttlSeconds, 'memoryStore');
  const ttlMs = ttlSeconds * 1000;
  const now = options.now ?? Date.now;

  // Two Maps in order of last write, which with one TTL for all is also the order of expiry:
  // expired records are found at the front, and eviction takes the front of `ordinary` first.
  const ordinary = new Map<string, SessionRecord>();
  const suspicious = new Map<string, SessionRecord>();

  function live(sid: string): SessionRecord | undefined {
    const record = ordinary.get(sid) ?? suspicious.get(sid);
    if (record && record.expiresAt <= now()) {
      ordinary.delete(sid);
      suspicious.delete(sid);
      return undefined;
    }
    return record;
  }

  /** The session's record for a write, created if absent. */
  function writable(sid: string): SessionRecord {
    return (
      live(sid) ?? {
        firstFingerprint: undefined,
        spoofedRequestsByToken: new Map(),
        inconsistencies: new Set(),
        evidence: new Set(),
        expiresAt: 0,
      }
    );
  }

  /** Files the record after a write: at the back of its Map, with a fresh expiry; then enforces the bounds. */
  function written(sid: string, record: SessionRecord): void {
    const at = now();
    record.expiresAt = at + ttlMs;
    ordinary.delete(sid);
    suspicious.delete(sid);
    (isSuspicious(record) ? suspicious : ordinary).set(sid, record);
    for (const map of [ordinary, suspicious]) dropExpired(map, at);
    while (ordinary.size + suspicious.size > maxSessions) {
      const from = ordinary.size > 0 ? ordinary : suspicious;
      from.delete(from.keys().next().value as string);
    }
  }

  function dropExpired(map: Map<string, SessionRecord>, at: number): void {
    for (const [sid, record] of map) {
      if (record.expiresAt > at) return;
      map.delete(sid);
    }
  }

  return {
    async observe(request: RequestObservation): Promise<void> {
      const record = writable(request.sid);
      record.firstFingerprint ??= request.fingerprint;
      if (isSpoofed(request, record.firstFingerprint)) {
        record.spoofedRequestsByToken.set(request.jti, (record.spoofedRequestsByToken.get(request.jti) ?? 0) + 1);
      }
      for (const id of request.inconsistencies) record.inconsistencies.add(id);
      for (const id of request.evidence) record.evidence.add(id);
      written(request.sid, record);
    },

    async addInconsistencies(sid: string, inconsistencies: readonly UserAgentInconsistency[]): Promise<void> {
      if (inconsistencies.length === 0) return;
      const record = writable(sid);
      for (const id of inconsistencies) record.inconsistencies.add(id);
      written(sid, record);
    },

    async read(sid: string): Promise<SessionSignals> {
      const record = live(sid);
      if (!record) return noSignals();
      let requestSpoofAttempts = 0;
      for (const count of record.spoofedRequestsByToken.values()) requestSpoofAttempts += count;
      return { requestSpoofAttempts, userAgentInconsistencies: [...record.inconsistencies], evidence: [...record.evidence] };
    },
  };
}
