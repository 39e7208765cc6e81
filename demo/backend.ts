/**
 * The demo's backend route: the part an integrator writes.
 *
 * With the secret key (server-side only) it creates an account and a session, then hands the page
 * a short-lived client token for that one session. The page never sees the key; the widget talks
 * to the proxy (createProxy) with the token.
 *
 *   POST /api/demo/session               { scenario?, document_type?, token_expires_in?, sandbox? }
 *                                        → { session_id, client_token }
 *   POST /api/demo/session/:id/token     { expires_in? } → { session_id, client_token }  (the widget's getClientToken)
 *   GET  /api/demo/session/:id           the session as the API holds it          (QA page only)
 *   GET  /api/demo/session/:id/devices   its session devices (signals.md §Device)  (QA page only)
 *   GET  /api/demo/verifications?session_id=…  its verifications                  (QA page only)
 *   POST /api/demo/session/:id/expire    expire it now                             (QA page only)
 *   POST /api/demo/session/:id/approve   a reviewer's decision: approve it         (QA page only)
 *   POST /api/demo/session/:id/decline   … or decline it (completed or marked_for_review sessions only)
 *
 * A real backend would check that the signed-in user owns the session before any of these; the
 * demo has no users, and the QA routes exist only to show what the sandbox holds.
 */
import { DOCUMENT_TYPES } from '../src/api/contract.js';
import { errorResponse, jsonResponse } from '../src/api/responses.js';
import { createClientToken } from '../src/server/index.js';

export interface DemoBackendOptions {
  /** The Beltic secret key (here: the sandbox's staging key). */
  apiKey: string;
  /** The secret client tokens are signed with; the proxy verifies with the same one. */
  tokenSecret: string;
  /** Default: Beltic's API. The dev backend points it at the in-process sandbox. */
  apiBase?: string;
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
}

export function createDemoBackend(options: DemoBackendOptions): (request: Request) => Promise<Response | null> {
  const { apiKey, tokenSecret, apiBase = 'https://api.beltic.com/v1', fetch = globalThis.fetch } = options;

  /** A call to the identity API with the secret key. */
  function beltic(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${apiBase}${path}`, {
      method,
      headers: { 'X-Api-Key': apiKey, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async function issueToken(sessionId: string, request: Request, expiresIn?: unknown) {
    const client_token = await createClientToken({
      sessionId,
      secret: tokenSecret,
      expiresIn: typeof expiresIn === 'number' ? expiresIn : undefined,
      // Binds the token to the browser asking for it: a replay from another browser is counted.
      device: { userAgent: request.headers.get('user-agent') ?? undefined },
    });
    return jsonResponse({ session_id: sessionId, client_token }, 201);
  }

  async function createSession(request: Request): Promise<Response> {
    const input = (await request.json().catch(() => ({}))) as Record<string, unknown>;
    if (input.document_type !== undefined && !(DOCUMENT_TYPES as readonly unknown[]).includes(input.document_type)) {
      return errorResponse(422, { code: 'invalid_document_type', title: 'Unknown document type', pointer: '/document_type' });
    }
    const account = await beltic('POST', '/identity/accounts', { data: { type: 'account', attributes: { entity_type: 'person' } } });
    if (!account.ok) return relay(account);
    const accountId = ((await account.json()) as { data: { id: string } }).data.id;

    // The sandbox reads its QA scenario from meta.sandbox; Beltic itself ignores unknown meta.
    const sandbox = { ...(input.sandbox as object | undefined), ...(input.scenario ? { scenario: input.scenario } : {}) };
    const session = await beltic('POST', '/identity/sessions', {
      data: { type: 'session', attributes: { entity_type: 'person' }, relationships: { account: { data: { type: 'account', id: accountId } } } },
      meta: { sandbox },
    });
    if (!session.ok) return relay(session);
    const sessionId = ((await session.json()) as { data: { id: string } }).data.id;
    return issueToken(sessionId, request, input.token_expires_in);
  }

  /** The API lists no devices by session: they are read one by one from the session's relationship. */
  async function listDevices(sessionPath: string): Promise<Response> {
    const session = await beltic('GET', sessionPath);
    if (!session.ok) return relay(session);
    const related = ((await session.json()) as { data: { relationships?: { session_devices?: { data?: { id: string }[] } } } }).data.relationships;
    const devices = [];
    for (const { id } of related?.session_devices?.data ?? []) {
      const device = await beltic('GET', `/identity/session-devices/${encodeURIComponent(id)}`);
      if (device.ok) devices.push(((await device.json()) as { data: unknown }).data);
    }
    return jsonResponse({ data: devices });
  }

  return async (request) => {
    const { pathname, searchParams } = new URL(request.url);
    const { method } = request;
    if (method === 'POST' && pathname === '/api/demo/session') return createSession(request);
    if (method === 'GET' && pathname === '/api/demo/verifications') {
      const query = new URLSearchParams({ session_id: searchParams.get('session_id') ?? '' });
      return relay(await beltic('GET', `/identity/verifications?${query}`));
    }
    const match = /^\/api\/demo\/session\/([^/]+)(?:\/(token|expire|approve|decline|devices))?$/.exec(pathname);
    const sessionId = match ? decodeSegment(match[1]!) : null;
    if (sessionId === null) return null;
    const sessionPath = `/identity/sessions/${encodeURIComponent(sessionId)}`;
    const action = match![2];
    if (method === 'GET' && !action) return relay(await beltic('GET', sessionPath));
    if (method === 'GET' && action === 'devices') return listDevices(sessionPath);
    // Session actions (Beltic's own: docs 002-sessions), relayed as the API answers them, refusals included.
    if (method === 'POST' && (action === 'expire' || action === 'approve' || action === 'decline'))
      return relay(await beltic('POST', `${sessionPath}/${action}`));
    if (method === 'POST' && action === 'token') {
      // Only sessions that exist get tokens (a real backend also checks that the user owns it).
      const session = await beltic('GET', sessionPath);
      if (!session.ok) return relay(session);
      const input = (await request.json().catch(() => ({}))) as { expires_in?: unknown };
      return issueToken(sessionId, request, input.expires_in);
    }
    return null;
  };
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The API's answer, status and JSON body only. */
async function relay(response: Response): Promise<Response> {
  return new Response(await response.text(), { status: response.status, headers: { 'Content-Type': 'application/json' } });
}
