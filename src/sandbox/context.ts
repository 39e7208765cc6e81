/** What every handler receives: the request, read once, and the sandbox it runs in. */
import type { DueQueue } from './due.js';
import type { Verify } from './engine/remembered.js';
import type { IdPrefix } from './ids.js';
import type { RateLimit } from './rate-limit.js';
import type { Relations } from './relations.js';
import type { Persistence, State } from './store.js';

export interface ResolvedOptions {
  basePath: string;
  /** The public base (origin and path) when configured; otherwise derived per request. */
  publicUrl: string | null;
  processingDelayMs: number;
  uploadUrlTtlSeconds: number;
  maxUploadBytes: number;
  /** Null when requests are not rate-limited. */
  rateLimit: RateLimit | null;
  now: () => number;
}

export interface Env {
  state: State;
  /** Who belongs to whom, by id (relations.ts). */
  relations: Relations;
  /** What comes due when (due.ts), for `settle`. */
  due: DueQueue;
  persistence: Persistence;
  options: ResolvedOptions;
  newId: (prefix: IdPrefix) => string;
  /** The engine's checks, each outcome computed once (engine/remembered.ts). */
  verify: Verify;
}

export interface Ctx {
  env: Env;
  request: Request;
  /** The path without the base path, e.g. `/identity/sessions/sess_…`. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body, or null when there was none. */
  body: unknown;
  /** One clock reading per request, so that every timestamp a request writes agrees. */
  now: number;
  /** Origin and base path, for `links` and presigned URLs. */
  baseUrl: string;
}

export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
