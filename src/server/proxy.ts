/**
 * The proxy: the browser's only way to the identity API (beltic-api.md §3).
 *
 *   browser ──Bearer client token──▶ proxy ──X-Api-Key──▶ Beltic or the sandbox
 *
 * Per request: refuse secret keys, verify the client token, note what the request reveals about
 * the device, match the allow-list, check that every id the call touches belongs to the token's
 * session, add the server-only signals, forward, and relay a filtered answer.
 * A Fetch handler, so it mounts in Node (see node.ts), Bun, Deno, edge runtimes, Hono, Next.js.
 */
import { BodyTooLarge, readBodyBytes } from '../api/body.js';
import { jsonShapeProblem, MAX_JSON_DEPTH, MAX_JSON_VALUES } from '../api/json-shape.js';
import { errorResponse, type ErrorInit } from '../api/responses.js';
import { IDENTITY_ATTRIBUTES, matchRoute, PATCHABLE_SESSION_ATTRIBUTES, type AllowedRoute } from './allow-list.js';
import { applyServerBehaviorSignals } from './behavior-patch.js';
import { assertTokenSecret, ClientTokenError, createTokenVerifier, userAgentHash, type ClientTokenClaims } from './client-token.js';
import { browserView } from './response-policy.js';
import { OwnershipLookupFailed, relatedId, sessionOwns, sessionReader } from './ownership.js';
import { headerInconsistencies, reportedDeviceInconsistencies } from '../behavior/user-agent.js';
import { clientIp, deviceFingerprint, headerEvidence, isSecureContextRequest, observedDevice } from './request-signals.js';
import type { ObservationStore } from './observation-store.js';
import { SessionObservations } from './session-observations.js';
import { createUpstream, UpstreamUnavailable, type UpstreamAnswer, type UpstreamFetch } from './upstream.js';

export interface ProxyOptions {
  /** The Beltic secret key. Only ever sent upstream, never to the browser. */
  apiKey: string;
  /** HMAC secret for client tokens: random, at least 32 characters, not the API key. */
  tokenSecret: string;
  /** Default 'https://api.beltic.com/v1'. A function is an in-process upstream, e.g. the sandbox's fetch. */
  upstream?: string | UpstreamFetch;
  /** Where the proxy is mounted, e.g. '/beltic': stripped from the path before matching. */
  basePath?: string;
  /** Milliseconds since the epoch (injectable for tests). */
  now?: () => number;
  /** Read the client IP and scheme from X-Forwarded-For / X-Forwarded-Proto (only behind your own proxy). */
  trustProxy?: boolean;
  /** Upstream timeout; default 30 000 ms. */
  timeoutMs?: number;
  /**
   * Where session observations (the spoof counts' inputs) are kept across requests: default this
   * process's memory; a shared store such as redisStore() for several instances or restarts.
   */
  store?: ObservationStore;
  /** Told when the store failed or was slow; the request carried on without it (docs/server.md). */
  onStoreError?: (error: unknown) => void;
  /**
   * Whether a passed verification writes what the document says into the session
   * (`data.meta.auto_update_session` of the verification create call). Your choice, set here for
   * every verification a widget creates; whatever the browser sends is replaced. Default true.
   */
  autoUpdateSession?: boolean;
}

/** What the runtime knows about the connection and the Request does not carry. */
export interface ClientConnection {
  clientIp?: string | null;
}

export type ProxyHandler = (request: Request, connection?: ClientConnection) => Promise<Response>;

/** The widget's requests are small JSON documents; images go straight to presigned URLs. */
export const MAX_REQUEST_BODY_BYTES = 100_000;

type Json = Record<string, unknown>;

/** A finished response produced while checking a request: returned as is. */
class Refusal {
  constructor(readonly response: Response) {}
}

function refuse(status: number, init: ErrorInit, headers?: HeadersInit): never {
  throw new Refusal(errorResponse(status, init, headers));
}

const NOT_FOUND: ErrorInit = { code: 'not_found', title: 'Not found', detail: 'No such resource for this session.' };

export function createProxy(options: ProxyOptions): ProxyHandler {
  const { apiKey, tokenSecret } = options;
  if (typeof apiKey !== 'string' || apiKey.trim() === '') throw new TypeError('createProxy: apiKey is required');
  assertTokenSecret(tokenSecret);
  if (tokenSecret === apiKey) throw new TypeError('createProxy: tokenSecret must differ from apiKey');
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const trustProxy = options.trustProxy ?? false;
  const autoUpdateSession = options.autoUpdateSession ?? true;
  if (typeof autoUpdateSession !== 'boolean') throw new TypeError('createProxy: autoUpdateSession must be a boolean');

  const verifyToken = createTokenVerifier(tokenSecret);
  const callUpstream = createUpstream({ apiKey, upstream: options.upstream, timeoutMs: options.timeoutMs });
  const observations = new SessionObservations(options.store, { now, onError: options.onStoreError });
  const readSession = sessionReader(callUpstream);

  async function handle(request: Request, connection: ClientConnection | undefined): Promise<Response> {
    const url = new URL(request.url);
    const apiPath = stripBasePath(url.pathname, basePath);
    if (apiPath === null) refuse(404, { code: 'unknown_route', title: 'Not found' });

    refuseSecretKeys(request, url, null);
    const claims = await authenticate(request);
    const sid = claims.sid;
    await observeRequest(request, url, claims);

    const match = matchRoute(request.method, apiPath);
    if (match.outcome === 'refused') refuse(403, { code: 'forbidden', title: 'Not allowed for a client token', detail: match.reason });
    if (match.outcome === 'wrong method') {
      refuse(405, { code: 'method_not_allowed', title: 'Method not allowed' }, { Allow: match.allow.join(', ') });
    }
    if (match.outcome === 'unknown') refuse(404, { code: 'unknown_route', title: 'Not found' });
    const { route } = match;

    const text = request.method === 'GET' || request.method === 'HEAD' ? null : await readBody(request);
    refuseSecretKeys(request, url, text);
    // Bodies are parsed only where something in them is checked or added; others pass through as sent.
    const inspectsBody = route.adds !== undefined || route.access === 'session in body' || route.access === 'session and document in body';
    let body = text && inspectsBody ? parseJsonObject(text, request.headers) : null;
    await checkAccess(route, match.id, body, sid);
    if (route.adds) body = await addServerSignals(route.adds, body, request, sid, connection);

    const listsOwnSession = route.access === 'own session list';
    const answer = await callUpstream({
      method: request.method,
      path: match.path,
      search: listsOwnSession ? sessionListSearch(url, sid) : forwardedSearch(url),
      headers: scopedHeaders(request.headers, sid),
      body: body ? JSON.stringify(body) : text || null,
    });
    return relay(listsOwnSession ? onlySessionItems(answer, await readSession(sid)) : answer);
  }

  /** What this request says about the session's device: the input of the server-only signals. */
  async function observeRequest(request: Request, url: URL, claims: ClientTokenClaims): Promise<void> {
    const secure = isSecureContextRequest(url, request.headers, trustProxy);
    const tokenDevice = claims.uah;
    await observations.observe({
      sid: claims.sid,
      jti: claims.jti,
      fingerprint: deviceFingerprint(request.headers),
      matchesTokenDevice: tokenDevice === undefined ? undefined : tokenDevice === (await userAgentHash(request.headers.get('user-agent') ?? '')),
      inconsistencies: headerInconsistencies(request.headers, secure),
      evidence: headerEvidence(request.headers, secure),
    });
  }

  async function addServerSignals(
    adds: NonNullable<AllowedRoute['adds']>,
    body: Json | null,
    request: Request,
    sid: string,
    connection: ClientConnection | undefined,
  ): Promise<Json> {
    if (adds === 'verification options') return withVerificationOptions(body!, autoUpdateSession);
    if (adds === 'server behavior signals') {
      return applyServerBehaviorSignals(checkSessionPatch(body, sid), await observations.behaviorSignals(sid));
    }
    // 'observed device': checkAccess has ensured a body with a data object.
    const data = body!.data as Json;
    const attributes = isObject(data.attributes) ? data.attributes : {};
    await observations.addInconsistencies(sid, reportedDeviceInconsistencies(attributes, request.headers));
    // Whatever the page put under `observed` is replaced: only the server observes.
    const observed = observedDevice(request.headers, clientIp(request.headers, connection?.clientIp, trustProxy));
    return { ...body, data: { ...data, attributes: { ...attributes, observed } } };
  }

  /** A secret key anywhere in the request (a header, a query name or value, the body) is refused, never forwarded. */
  function refuseSecretKeys(request: Request, url: URL, body: string | null): void {
    const leaked =
      [...request.headers.values()].some(mentionsSecretKey) ||
      [...url.searchParams].some(([name, value]) => mentionsSecretKey(name) || mentionsSecretKey(value)) ||
      (body !== null && mentionsSecretKey(body));
    if (leaked) {
      refuse(401, {
        code: 'secret_key_refused',
        title: 'Secret keys are refused here',
        detail: 'A Beltic secret key must stay on your server. Send a client token (createClientToken) instead, and rotate the exposed key.',
      });
    }
  }

  async function authenticate(request: Request): Promise<ClientTokenClaims> {
    const challenge = { 'WWW-Authenticate': 'Bearer error="invalid_token"' }; // RFC 6750
    const authorization = request.headers.get('authorization');
    if (!authorization) {
      refuse(401, { code: 'missing_token', title: 'Client token required', header: 'Authorization' }, { 'WWW-Authenticate': 'Bearer' });
    }
    const bearer = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    try {
      if (!bearer) throw new ClientTokenError('malformed', 'not a Bearer credential');
      return await verifyToken(bearer, now);
    } catch (error) {
      if (!(error instanceof ClientTokenError)) throw error;
      if (error.code === 'expired') {
        refuse(
          401,
          { code: 'token_expired', title: 'Client token expired', detail: 'Ask your backend for a new client token.', header: 'Authorization' },
          challenge,
        );
      }
      refuse(401, { code: 'invalid_token', title: 'Invalid client token', header: 'Authorization' }, challenge);
    }
  }

  async function checkAccess(route: AllowedRoute, id: string | undefined, body: Json | null, sid: string): Promise<void> {
    const access = route.access;
    if (access === 'own session') {
      if (id !== sid) refuse(404, NOT_FOUND);
      return;
    }
    if (access === 'own session list') return;
    if (typeof access === 'object') {
      if (!sessionOwns(await readSession(sid), access.owned, id!)) refuse(404, NOT_FOUND);
      return;
    }
    const data = body?.data;
    const sessionId = relatedId(data, 'session');
    if (sessionId === null) {
      refuse(422, { code: 'session_required', title: 'Session required', pointer: '/data/relationships/session' });
    }
    if (sessionId !== sid) refuse(404, { ...NOT_FOUND, pointer: '/data/relationships/session' });
    if (access === 'session and document in body') {
      const documentId = relatedId(data, 'document');
      if (documentId === null) refuse(422, { code: 'document_required', title: 'Document required', pointer: '/data/relationships/document' });
      if (!sessionOwns(await readSession(sid), 'document', documentId)) refuse(404, { ...NOT_FOUND, pointer: '/data/relationships/document' });
    }
  }

  return async (request, connection) => {
    try {
      return await handle(request, connection);
    } catch (error) {
      if (error instanceof Refusal) return error.response;
      if (error instanceof OwnershipLookupFailed) return relay(error.answer);
      if (error instanceof UpstreamUnavailable) {
        return error.reason === 'timeout'
          ? errorResponse(504, { code: 'upstream_timeout', title: 'Identity service timeout', detail: error.message })
          : errorResponse(502, { code: 'upstream_unreachable', title: 'Identity service unreachable', detail: error.message });
      }
      // No error text: it could quote a request, and nothing personal or secret is ever echoed or logged.
      return errorResponse(500, { code: 'internal_error', title: 'Internal error' });
    }
  };

  /** The upstream's answer as the browser may see it. */
  function relay(answer: UpstreamAnswer): Response {
    if (answer.status === 401) {
      // The key was refused upstream: the integrator's configuration, not the client token. A 401 here
      // would send the widget into a token refresh loop.
      return errorResponse(502, { code: 'upstream_credentials_rejected', title: 'The identity service refused the server key' });
    }
    if (answer.body.includes(apiKey)) {
      return errorResponse(502, { code: 'upstream_response_withheld', title: 'The identity service answer was withheld' });
    }
    const headers = new Headers(answer.headers);
    headers.set('Cache-Control', 'no-store');
    const bodyless = answer.status === 204 || answer.status === 304;
    // The response policy (response-policy.ts): only what the widget uses, never the applicant's identity.
    const body = answer.status >= 200 && answer.status < 300 ? browserView(answer.body) : answer.body;
    return new Response(bodyless ? null : body, { status: answer.status, headers });
  }
}

function stripBasePath(pathname: string, basePath: string): string | null {
  if (basePath === '') return pathname;
  if (pathname === basePath || !pathname.startsWith(basePath + '/')) return null;
  return pathname.slice(basePath.length);
}

async function readBody(request: Request): Promise<string> {
  try {
    return new TextDecoder().decode(await readBodyBytes(request, MAX_REQUEST_BODY_BYTES));
  } catch (error) {
    if (error instanceof BodyTooLarge) refuse(413, { code: 'body_too_large', title: 'Request body too large', detail: error.message });
    throw error;
  }
}

function parseJsonObject(text: string, headers: Headers): Json {
  const type = headers.get('content-type');
  if (type !== null && !/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    refuse(415, { code: 'unsupported_media_type', title: 'Send application/json', header: 'Content-Type' });
  }
  const shape = jsonShapeProblem(new TextEncoder().encode(text));
  if (shape === 'too_deep') refuse(400, { code: 'json_too_deep', title: `The body nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep` });
  if (shape === 'too_many_values') refuse(400, { code: 'json_too_large', title: `The body holds more than ${MAX_JSON_VALUES} values` });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    refuse(400, { code: 'invalid_json', title: 'The body is not valid JSON' });
  }
  if (!isObject(value) || !isObject(value.data)) refuse(400, { code: 'invalid_document', title: 'Expected a JSON:API document', pointer: '/data' });
  return value;
}

/** PATCH /identity/sessions/{sid}: the behaviour signals only; never the identity, the status or links. */
function checkSessionPatch(body: Json | null, sid: string): Json {
  if (!body) refuse(400, { code: 'invalid_document', title: 'Expected a JSON:API document', pointer: '/data' });
  const data = body.data as Json;
  if (data.id !== undefined && data.id !== sid) refuse(409, { code: 'id_mismatch', title: 'The id does not match the URL', pointer: '/data/id' });
  if (data.relationships !== undefined) {
    refuse(403, { code: 'attribute_not_allowed', title: 'Relationships cannot be changed with a client token', pointer: '/data/relationships' });
  }
  const attributes = isObject(data.attributes) ? data.attributes : {};
  for (const name of Object.keys(attributes)) {
    if (IDENTITY_ATTRIBUTES.includes(name)) {
      refuse(403, {
        code: 'identity_not_writable',
        title: "The applicant's identity cannot be written with a client token",
        detail: `${name} is written from the verified document or by your backend with its API key, never from the browser.`,
        pointer: `/data/attributes/${name}`,
      });
    }
    if (!PATCHABLE_SESSION_ATTRIBUTES.includes(name)) {
      refuse(403, {
        code: 'attribute_not_allowed',
        title: 'Attribute not allowed for a client token',
        detail: `A client token may change only ${PATCHABLE_SESSION_ATTRIBUTES.join(', ')}.`,
        pointer: `/data/attributes/${name}`,
      });
    }
  }
  return body;
}

/** A Beltic secret key (`sk_…`) inside a header, a query string part or a body. */
function mentionsSecretKey(text: string): boolean {
  return /(?:^|[^A-Za-z0-9])sk_[A-Za-z0-9_]{6,}/.test(text);
}

/**
 * The verification create body with the integrator's options in `data.meta`, where Beltic reads
 * them (the sessions guide); the browser's choice, at either level, does not count.
 */
function withVerificationOptions(body: Json, autoUpdateSession: boolean): Json {
  const { meta: _ignored, ...rest } = body;
  const data = body.data as Json;
  const dataMeta = isObject(data.meta) ? data.meta : {};
  return { ...rest, data: { ...data, meta: { ...dataMeta, auto_update_session: autoUpdateSession } } };
}

/**
 * Request headers for the upstream, with the Idempotency-Key scoped to the session: the upstream
 * replays a stored answer for a repeated key, and one session must never be handed another's.
 */
function scopedHeaders(headers: Headers, sid: string): Headers {
  const scoped = new Headers(headers);
  const key = headers.get('idempotency-key');
  if (key) scoped.set('idempotency-key', `${sid}:${key}`);
  return scoped;
}

/**
 * The query string minus `include`: a compound document could pull related resources (the
 * account, other sessions' records) into an answer the token may otherwise read.
 */
function forwardedSearch(url: URL): string {
  const params = new URLSearchParams(url.search);
  params.delete('include');
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** Page parameters a session's list may carry; every other filter is the proxy's to set. */
const LIST_PAGE_PARAMETERS = ['page[size]', 'page[after]', 'page[before]'];

/** The list's query: the browser's page parameters and `session_id`, which is always the token's session. */
function sessionListSearch(url: URL, sid: string): string {
  const params = new URLSearchParams();
  for (const name of LIST_PAGE_PARAMETERS) {
    const value = url.searchParams.get(name);
    if (value !== null) params.set(name, value);
  }
  params.set('session_id', sid);
  return `?${params.toString()}`;
}

/**
 * A list answer with only the verifications the token's session lists: should the upstream ignore
 * the filter (some APIs silently ignore a filter they do not know), other sessions' items stay behind.
 */
function onlySessionItems(answer: UpstreamAnswer, session: Json | null): UpstreamAnswer {
  if (answer.status < 200 || answer.status >= 300) return answer;
  let document: unknown;
  try {
    document = JSON.parse(answer.body);
  } catch {
    refuse(502, { code: 'upstream_malformed', title: 'The identity service answered with something that is not JSON' });
  }
  if (!isObject(document) || !Array.isArray(document.data)) return answer;
  const data = document.data.filter((item) => isObject(item) && typeof item.id === 'string' && sessionOwns(session, 'verification', item.id));
  return { ...answer, body: JSON.stringify({ ...document, data }) };
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
