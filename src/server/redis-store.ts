/**
 * The observation store on Redis, shared by every proxy instance that uses the same server.
 *
 * One hash per session, `<prefix><sid>`:
 *   fp          digest of the first device fingerprint (HSETNX: the first writer wins)
 *   s:<jti>     spoofed requests made with that client token (HINCRBY)
 *   i:<id>      an inconsistency seen (a set, kept as hash fields so the session stays one key)
 *   e:<id>      evidence seen
 * and an EXPIRE on every write: the record goes `ttlSeconds` after the session's last request,
 * whatever other sessions do. No global index or LRU exists that another session's traffic could
 * evict from.
 *
 * Each write is one Lua script (EVAL): atomic, so two instances seeing a session's first requests
 * at once still agree on which device came first, and one round trip per request. One key per
 * script, so it also runs on Redis Cluster.
 *
 * The client is the integrator's, typed by the one command used, so `beltic-verify/server` imports
 * no Redis library: node-redis (`redis`, `@redis/client`) fits as is; others through a small
 * wrapper (docs/server.md).
 */
import { isEvidenceId } from '../behavior/score.js';
import { assertTtlSeconds, DEFAULT_OBSERVATION_TTL_SECONDS, type ObservationStore, type RequestObservation, type SessionSignals } from './observation-store.js';
import type { UserAgentInconsistency } from '../behavior/user-agent.js';

/** What the adapter needs of a Redis client: node-redis's `eval` and, if present, `isReady`. */
export interface RedisScriptClient {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  /**
   * False while the client is not connected. The store then fails at once instead of queueing the
   * command until a reconnect, which would hold up the applicant's request.
   */
  readonly isReady?: boolean;
}

export interface RedisStoreOptions {
  /** Prepended to every key; default 'beltic-verify:observations:'. */
  prefix?: string;
  /** Default 48 hours after a session's last observed request. */
  ttlSeconds?: number;
}

export const DEFAULT_REDIS_PREFIX = 'beltic-verify:observations:';

/** Raised when the client reports it is not connected. */
export class RedisNotReady extends Error {
  constructor() {
    super('redisStore: the Redis client is not connected');
    this.name = 'RedisNotReady';
  }
}

// ARGV: ttl seconds, fingerprint digest, jti, '1' when the token names another device, then hash
// fields to set. HGET after HSETNX reads whichever fingerprint won, this request's or an earlier one.
const OBSERVE = `
local key = KEYS[1]
redis.call('HSETNX', key, 'fp', ARGV[2])
if ARGV[4] == '1' or redis.call('HGET', key, 'fp') ~= ARGV[2] then
  redis.call('HINCRBY', key, 's:' .. ARGV[3], 1)
end
for i = 5, #ARGV do redis.call('HSET', key, ARGV[i], '1') end
redis.call('EXPIRE', key, ARGV[1])
return 1
`;

// ARGV: ttl seconds, then hash fields to set.
const MARK = `
for i = 2, #ARGV do redis.call('HSET', KEYS[1], ARGV[i], '1') end
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1
`;

const READ = `return redis.call('HGETALL', KEYS[1])`;

const SPOOFS = 's:';
const INCONSISTENCY = 'i:';
const EVIDENCE = 'e:';

export function redisStore(client: RedisScriptClient, options: RedisStoreOptions = {}): ObservationStore {
  const prefix = options.prefix ?? DEFAULT_REDIS_PREFIX;
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_OBSERVATION_TTL_SECONDS;
  assertTtlSeconds(ttlSeconds, 'redisStore');
  const ttl = String(ttlSeconds);

  async function run(script: string, sid: string, args: string[]): Promise<unknown> {
    if (client.isReady === false) throw new RedisNotReady();
    return client.eval(script, { keys: [prefix + sid], arguments: args });
  }

  return {
    async observe(request: RequestObservation): Promise<void> {
      const fields = [...request.inconsistencies.map((id) => INCONSISTENCY + id), ...request.evidence.map((id) => EVIDENCE + id)];
      const mismatch = request.matchesTokenDevice === false ? '1' : '0';
      await run(OBSERVE, request.sid, [ttl, await fingerprintDigest(request.fingerprint), request.jti, mismatch, ...fields]);
    },

    async addInconsistencies(sid: string, inconsistencies: readonly UserAgentInconsistency[]): Promise<void> {
      if (inconsistencies.length === 0) return;
      await run(MARK, sid, [ttl, ...inconsistencies.map((id) => INCONSISTENCY + id)]);
    },

    async read(sid: string): Promise<SessionSignals> {
      return signalsFromHash(await run(READ, sid, []));
    },
  };
}

/** HGETALL as a script reply: [field, value, field, value, …]. */
function signalsFromHash(reply: unknown): SessionSignals {
  if (!Array.isArray(reply) || reply.length % 2 !== 0) throw new TypeError('redisStore: unexpected reply to HGETALL');
  const signals: SessionSignals = { requestSpoofAttempts: 0, userAgentInconsistencies: [], evidence: [] };
  for (let i = 0; i < reply.length; i += 2) {
    const field = String(reply[i]);
    if (field.startsWith(SPOOFS)) {
      const count = Number(String(reply[i + 1]));
      if (Number.isSafeInteger(count) && count > 0) signals.requestSpoofAttempts += count;
    } else if (field.startsWith(INCONSISTENCY)) {
      signals.userAgentInconsistencies.push(field.slice(INCONSISTENCY.length) as UserAgentInconsistency);
    } else if (field.startsWith(EVIDENCE)) {
      // Only ids this version scores: a record written by another version may know more.
      const id = field.slice(EVIDENCE.length);
      if (isEvidenceId(id)) signals.evidence.push(id);
    }
  }
  return signals;
}

/** The fingerprint holds header values; Redis gets a digest, enough to tell devices apart. */
async function fingerprintDigest(fingerprint: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(fingerprint)));
  return Array.from(digest.subarray(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
