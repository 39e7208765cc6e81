/**
 * beltic-verify/server: what an integrator runs in their backend so that no secret key ever
 * reaches a browser. Fetch-standard only (Node, Bun, Deno, edge); the Node adapter is in ./node.js.
 */
export {
  createClientToken,
  verifyClientToken,
  ClientTokenError,
  type ClientTokenClaims,
  type ClientTokenErrorCode,
  type CreateClientTokenOptions,
} from './client-token.js';
export { createProxy, type ProxyOptions, type ProxyHandler, type ClientConnection } from './proxy.js';
export { DEFAULT_OBSERVATION_TTL_SECONDS, type ObservationStore, type RequestObservation, type SessionSignals } from './observation-store.js';
export { memoryStore, DEFAULT_MAX_TRACKED_SESSIONS, type MemoryStoreOptions } from './memory-store.js';
export { redisStore, RedisNotReady, DEFAULT_REDIS_PREFIX, type RedisScriptClient, type RedisStoreOptions } from './redis-store.js';
export { StoreTimeout } from './session-observations.js';
export { ALLOWED, REFUSED, PATCHABLE_SESSION_ATTRIBUTES, type AllowedRoute, type RefusedRoute } from './allow-list.js';
export { EVIDENCE, scoreEvidence, threatLevel, type Evidence, type EvidenceId, type EvidenceStrength, type ThreatInputs } from '../behavior/score.js';
export type { ObservedDevice } from './request-signals.js';
