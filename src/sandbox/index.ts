/**
 * The Beltic sandbox: an in-process emulator of Beltic's Identity API (../shared/beltic-api.md)
 * behind one Fetch-standard handler, so it mounts anywhere: the standalone bin, a Vite dev server,
 * the test runner, an integrator's CI.
 *
 * Every request runs alone against the store (requests are queued once their body is read), so a
 * handler can validate, then write, without interleaving; time-driven moves are applied first
 * (lifecycle.ts). What a request costs does not grow with what the sandbox holds:
 *
 * - Lookups are by id; what belongs to a record is found through relations kept on write
 *   (relations.ts); time-driven moves come from a queue ordered by time (due.ts).
 * - Rollback: handlers refuse (HttpError) before they write, so a refusal needs no undoing. An
 *   unexpected failure part-way through is undone from a journal of the records that request
 *   touched, copied as it first reached them (journal.ts), not from a copy of the whole state.
 * - Persistence (`dataDir` only) writes state.json after a request that may have changed
 *   something, never after a read that changed nothing.
 * - Idempotency keys expire after 24 h and are capped (idempotency.ts); each key is rate-limited
 *   (rate-limit.ts); bodies are capped in size, depth and count before they are parsed (request.ts).
 */
import { timingSafeEqual } from 'node:crypto';
import { resolve } from 'node:path';
import { API_KEY_HEADER } from '../api/contract.js';
import { errorResponse } from '../api/responses.js';
import type { Ctx, Env, ResolvedOptions } from './context.js';
import { rememberingVerifier } from './engine/remembered.js';
import { HttpError, unauthorized } from './errors.js';
import { fingerprint, idempotencyKey, remember, replay } from './idempotency.js';
import { createIdFactory, randomHex } from './ids.js';
import { settle } from './lifecycle.js';
import { liveState } from './live-state.js';
import { UPLOAD_PATH_PREFIX } from './presign.js';
import { MAX_JSON_BYTES, parseJson, readBytes } from './request.js';
import { documentedAnswer, documentedRequest, isExtCall, SANDBOX_PROFILES, type SandboxProfile } from './profile.js';
import { RateLimiter, resolveRateLimit, type RateLimit } from './rate-limit.js';
import { assertKnownQuery, matchRoute } from './router.js';
import { accountRoutes } from './routes/accounts.js';
import { documentRoutes } from './routes/documents.js';
import { sessionDeviceRoutes } from './routes/session-devices.js';
import { sessionRoutes } from './routes/sessions.js';
import { handleUpload } from './routes/uploads.js';
import { verificationRoutes } from './routes/verifications.js';
import { diskPersistence, emptyState, memoryPersistence } from './store.js';

export interface SandboxOptions {
  /**
   * `default`: Beltic's documented API plus our extensions. `docs`: only what Beltic's pages
   * document (ext calls answer 404, ext attributes are refused, ext hints ignored; see profile.ts).
   */
  profile?: SandboxProfile;
  /** Staging secret key accepted in X-Api-Key; default: a random `sk_staging_…` (kept in `dataDir` if set). */
  apiKey?: string;
  /** Prefix the handler is mounted under, stripped from incoming URLs. Default `/v1`. */
  basePath?: string;
  /**
   * Where clients reach the sandbox, for presigned URLs and links; default: each request's own origin.
   * An origin (`https://qa.example.com`) gets the base path appended; a URL with a path
   * (`https://qa.example.com/sandbox`) is taken as the public base as it is, for mounts behind a path-rewriting proxy.
   */
  publicUrl?: string;
  /** If set, records and image bytes persist in this directory across restarts. */
  dataDir?: string;
  /** Delay before a verification leaves `initiated` (default 1000 ms; scenario `slow` overrides). */
  processingDelayMs?: number;
  /** Lifetime of presigned upload URLs (default 3600 s). */
  uploadUrlTtlSeconds?: number;
  /** Upload size cap (default 15 MiB). */
  maxUploadBytes?: number;
  /**
   * Requests per second and burst allowed per API key, answered 429 with Retry-After beyond them
   * (default 100 per second, bursts of 200); `false` turns the limit off. Uploads are not counted.
   */
  rateLimit?: RateLimit | false;
  /** Clock in epoch ms, injectable for tests. */
  now?: () => number;
}

export interface Sandbox {
  readonly apiKey: string;
  readonly profile: SandboxProfile;
  fetch(request: Request): Promise<Response>;
  close(): Promise<void>;
}

export const DEFAULT_PROCESSING_DELAY_MS = 1000;
export const DEFAULT_UPLOAD_URL_TTL_SECONDS = 3600;
export const DEFAULT_MAX_UPLOAD_BYTES = 15 * 1024 * 1024;
export { DEFAULT_RATE_LIMIT, type RateLimit } from './rate-limit.js';

const ROUTES = [...accountRoutes, ...sessionRoutes, ...sessionDeviceRoutes, ...documentRoutes, ...verificationRoutes];

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const profile = options.profile ?? 'default';
  if (!SANDBOX_PROFILES.includes(profile)) throw new TypeError(`profile must be one of ${SANDBOX_PROFILES.join(', ')}, got "${String(profile)}"`);
  const documentedOnly = profile === 'docs';
  const resolved: ResolvedOptions = {
    basePath: normalizeBasePath(options.basePath ?? '/v1'),
    publicUrl: options.publicUrl ? publicBase(options.publicUrl, normalizeBasePath(options.basePath ?? '/v1')) : null,
    processingDelayMs: nonNegative(options.processingDelayMs, DEFAULT_PROCESSING_DELAY_MS, 'processingDelayMs'),
    uploadUrlTtlSeconds: nonNegative(options.uploadUrlTtlSeconds, DEFAULT_UPLOAD_URL_TTL_SECONDS, 'uploadUrlTtlSeconds'),
    maxUploadBytes: nonNegative(options.maxUploadBytes, DEFAULT_MAX_UPLOAD_BYTES, 'maxUploadBytes'),
    rateLimit: resolveRateLimit(options.rateLimit),
    now: options.now ?? Date.now,
  };
  const persistence = options.dataDir ? diskPersistence(resolve(options.dataDir)) : memoryPersistence();
  const live = liveState(persistence.load() ?? emptyState(`sk_staging_${randomHex(24)}`, randomHex(32)));
  const { state, journal } = live;
  if (options.apiKey !== undefined) {
    if (!options.apiKey) throw new TypeError('apiKey must not be empty');
    state.apiKey = options.apiKey;
  }
  const env: Env = {
    state,
    relations: live.relations,
    due: live.due,
    persistence,
    options: resolved,
    newId: createIdFactory(resolved.now),
    verify: rememberingVerifier(),
  };
  const limiter = resolved.rateLimit ? new RateLimiter(resolved.rateLimit) : null;

  // Set by anything that may have changed the records; state.json is written only then.
  let dirty = true;
  const persist = () => {
    if (!options.dataDir || !dirty) return;
    persistence.save(JSON.stringify(live.stored()));
    dirty = false;
  };
  persist();

  let queue: Promise<unknown> = Promise.resolve();
  /**
   * Runs `fn` alone against a settled store, then persists. A writing request is journaled and
   * undone on anything but an HttpError (journal.ts); a read changes at most a scenario's failure
   * counter, which the transient error it answers shows.
   */
  function exclusive(writes: boolean, fn: (now: number) => Response | Promise<Response>): Promise<Response> {
    const run = queue.then(async () => {
      const now = resolved.now();
      if (settle(env, now) > 0) dirty = true;
      if (writes) {
        dirty = true;
        journal.begin();
      }
      try {
        const response = await fn(now);
        if (response.status >= 429) dirty = true;
        journal.end();
        return response;
      } catch (error) {
        const touched = journal.end();
        if (!(error instanceof HttpError)) live.undo(touched);
        dirty = true;
        throw error;
      } finally {
        persist();
      }
    });
    queue = run.catch(() => {});
    return run;
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = stripBasePath(url.pathname, resolved.basePath);
    if (path === null) return routeNotFound(request.method, url.pathname);
    if (path.startsWith(UPLOAD_PATH_PREFIX)) {
      const rawQuery = url.search.startsWith('?') ? url.search.slice(1) : url.search;
      return handleUpload({ request, path, rawQuery, env, withStore: (fn) => exclusive(true, fn) });
    }
    const match = matchRoute(ROUTES, request.method, path);
    // In the docs profile an ext call is indistinguishable from a route that does not exist.
    if (match.kind === 'not_found' || (documentedOnly && match.kind === 'found' && isExtCall(match.route.method, match.route.pattern))) {
      return routeNotFound(request.method, path);
    }
    if (match.kind === 'method_not_allowed') {
      return errorResponse(
        405,
        { code: 'method_not_allowed', title: 'Method not allowed', detail: `${path} answers ${match.allow.join(', ')}, not ${request.method}.` },
        { Allow: match.allow.join(', ') },
      );
    }
    const apiKey = authenticate(request, state.apiKey);
    // Before the body is read: a client over its rate costs the sandbox nothing more.
    limiter?.take(apiKey, resolved.now());
    assertKnownQuery(match.route, url.searchParams);
    const key = documentedOnly ? null : idempotencyKey(request);
    const bytes = request.method === 'GET' ? new Uint8Array(0) : await readBytes(request, MAX_JSON_BYTES);
    const parsed = parseJson(request, bytes);
    const body = documentedOnly ? documentedRequest(match.route.method, match.route.pattern, parsed) : parsed;
    const print = key === null ? '' : fingerprint(request.method, path, bytes);
    return exclusive(request.method !== 'GET', async (now) => {
      if (key !== null) {
        const previous = replay(live.idempotency, key, print, now);
        if (previous) return previous;
      }
      const ctx: Ctx = {
        env,
        request,
        path,
        params: match.params,
        query: url.searchParams,
        body,
        now,
        baseUrl: resolved.publicUrl ?? `${url.origin}${resolved.basePath}`,
      };
      let response: Response;
      try {
        response = await match.route.handler(ctx);
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        response = error.toResponse();
      }
      if (key !== null) await remember(live.idempotency, key, print, response, now);
      return documentedOnly ? withoutExtMembers(response) : response;
    });
  }

  return {
    get apiKey() {
      return state.apiKey;
    },
    profile,
    async fetch(request: Request): Promise<Response> {
      try {
        return await handle(request);
      } catch (error) {
        if (error instanceof HttpError) return error.toResponse();
        // The client went away mid-request (a cancelled upload): nobody to answer, nothing to report.
        if (request.signal?.aborted) return new Response(null, { status: 499 });
        // The detail is for whoever runs the sandbox, on its console; the client learns only that it failed.
        console.error('[beltic-sandbox] internal error:', error);
        return errorResponse(500, {
          code: 'internal_error',
          title: 'Internal server error',
          detail: 'The sandbox failed on this request and changed nothing. Its console shows why.',
        });
      }
    },
    async close() {
      await queue;
      persist();
    },
  };
}

/** A JSON answer as the docs profile gives it: the resources it carries without their ext members. */
async function withoutExtMembers(response: Response): Promise<Response> {
  if (!(response.headers.get('content-type') ?? '').includes('json') || response.status >= 400) return response;
  const body = (await response.json()) as Record<string, unknown>;
  return new Response(JSON.stringify(documentedAnswer(body)), { status: response.status, headers: response.headers });
}

/** The key the request authenticated with. */
function authenticate(request: Request, apiKey: string): string {
  const given = request.headers.get(API_KEY_HEADER);
  if (!given) throw unauthorized(`Send the sandbox's staging key in ${API_KEY_HEADER}.`);
  const a = Buffer.from(given);
  const b = Buffer.from(apiKey);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw unauthorized(
      given.startsWith('sk_production_')
        ? 'A production key was sent to the sandbox; use the staging key it printed at start.'
        : `The key in ${API_KEY_HEADER} is not this sandbox's key.`,
    );
  }
  return given;
}

function routeNotFound(method: string, path: string): Response {
  return errorResponse(404, { code: 'route_not_found', title: 'Not found', detail: `No route for ${method} ${path}.` });
}

function publicBase(publicUrl: string, basePath: string): string {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new TypeError(`publicUrl must be an absolute URL, got "${publicUrl}"`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  return path ? `${url.origin}${path}` : `${url.origin}${basePath}`;
}

function normalizeBasePath(basePath: string): string {
  const trimmed = basePath.trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** The path relative to the base path, or null when the request is not for the sandbox. */
function stripBasePath(pathname: string, basePath: string): string | null {
  if (!basePath) return pathname || '/';
  if (pathname === basePath) return '/';
  return pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : null;
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new TypeError(`${name} must be a non-negative number`);
  return value;
}
