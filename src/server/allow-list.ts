/**
 * What a client token may do: exactly the calls the widget makes for its own session
 * (beltic-api.md §3; the paths mirror `paths` in src/api/contract.ts). Everything else is refused.
 *
 * Two tables. ALLOWED says which calls pass and what must be true of them ("access"); REFUSED
 * names the real API calls a browser must never make, so they get a clear 403 rather than a 404.
 * A path matching neither is unknown (404); a known path with another method is 405.
 */

/** A resource whose owning session is checked upstream before the call is forwarded. */
export type OwnedResource = 'session_device' | 'document' | 'verification';

export type Access =
  /** `{id}` in the path is the token's session. */
  | 'own session'
  /** `data.relationships.session` in the body is the token's session. */
  | 'session in body'
  /** As above, and `data.relationships.document` belongs to the token's session. */
  | 'session and document in body'
  /** `{id}` in the path is a resource the token's session lists among its relationships. */
  | { owned: OwnedResource }
  /** A list narrowed to the token's session: the filter is set by the proxy, and every item checked. */
  | 'own session list';

export interface AllowedRoute {
  method: string;
  pattern: string;
  access: Access;
  /** Server-side work on the forwarded body (request-signals.ts, behavior-patch.ts; the integrator's verification options). */
  adds?: 'observed device' | 'server behavior signals' | 'verification options';
}

// prettier-ignore
export const ALLOWED: readonly AllowedRoute[] = [
  { method: 'GET',   pattern: '/identity/sessions/{id}',                 access: 'own session' },
  { method: 'PATCH', pattern: '/identity/sessions/{id}',                 access: 'own session', adds: 'server behavior signals' },
  { method: 'POST',  pattern: '/identity/sessions/{id}/start',           access: 'own session' },
  { method: 'POST',  pattern: '/identity/session-devices',               access: 'session in body', adds: 'observed device' },
  { method: 'GET',   pattern: '/identity/session-devices/{id}',          access: { owned: 'session_device' } },
  { method: 'POST',  pattern: '/identity/documents/idvs',                access: 'session in body' },
  { method: 'GET',   pattern: '/identity/documents/idvs/{id}',           access: { owned: 'document' } },
  { method: 'POST',  pattern: '/identity/documents/idvs/{id}/files',     access: { owned: 'document' } },
  { method: 'POST',  pattern: '/identity/documents/idvs/{id}/submit',    access: { owned: 'document' } },
  { method: 'POST',  pattern: '/identity/verifications',                 access: 'session and document in body', adds: 'verification options' },
  { method: 'GET',   pattern: '/identity/verifications',                 access: 'own session list' },
  { method: 'GET',   pattern: '/identity/verifications/{id}',            access: { owned: 'verification' } },
];

export interface RefusedRoute {
  /** '*' refuses every method. */
  method: string;
  pattern: string;
  reason: string;
}

// prettier-ignore
export const REFUSED: readonly RefusedRoute[] = [
  { method: '*',    pattern: '/identity/accounts/**',                reason: 'Accounts are managed by your backend, never by the browser.' },
  { method: 'GET',  pattern: '/identity/sessions',                   reason: 'A client token cannot list sessions.' },
  { method: 'POST', pattern: '/identity/sessions',                   reason: 'Sessions are created by your backend.' },
  { method: 'POST', pattern: '/identity/sessions/{id}/approve',      reason: 'Decisions are made by reviewers, never by the browser.' },
  { method: 'POST', pattern: '/identity/sessions/{id}/decline',      reason: 'Decisions are made by reviewers, never by the browser.' },
  { method: 'POST', pattern: '/identity/sessions/{id}/expire',       reason: 'Sessions are expired by your backend.' },
  { method: 'POST', pattern: '/identity/sessions/{id}/redact',       reason: 'Redaction is done by your backend.' },
  { method: 'GET',  pattern: '/identity/session-devices',            reason: 'A client token cannot list session devices.' },
  { method: 'GET',  pattern: '/identity/documents/idvs',             reason: 'A client token cannot list documents.' },
  { method: '*',    pattern: '/identity/documents/addresses/**',     reason: 'Address documents are not part of the widget.' },
];

/**
 * Attributes a client token may change with PATCH /identity/sessions/{id}: the behaviour signals
 * only. The applicant's identity is written from the verified document (auto_update_session) or by
 * the integrator's backend; a token that could write it could rewrite a verified identity.
 */
export const PATCHABLE_SESSION_ATTRIBUTES: readonly string[] = ['behavior_analysis'];

/** Session attributes that hold the applicant's identity: refused with their own code, so the reason is plain. */
export const IDENTITY_ATTRIBUTES: readonly string[] = ['person', 'business', 'contact', 'address', 'identity_numbers'];

export type RouteMatch =
  | { outcome: 'allowed'; route: AllowedRoute; id: string | undefined; path: string }
  | { outcome: 'refused'; reason: string }
  | { outcome: 'wrong method'; allow: string[] }
  | { outcome: 'unknown' };

/**
 * Matches a method and an API path (relative to the API base, e.g. `/identity/sessions/abc`).
 * The `path` of an allowed match is rebuilt from decoded segments, so what is forwarded is exactly
 * what was checked (no `%2F` or dot segments reach the upstream).
 */
export function matchRoute(method: string, rawPath: string): RouteMatch {
  const segments = decodeSegments(rawPath);
  if (!segments) return { outcome: 'unknown' };

  const allowedHere = ALLOWED.map((route) => ({ route, params: matchPattern(route.pattern, segments) })).filter((m) => m.params);
  const hit = allowedHere.find((m) => m.route.method === method);
  if (hit) {
    const path = '/' + segments.map(encodeURIComponent).join('/');
    return { outcome: 'allowed', route: hit.route, id: hit.params!.id, path };
  }
  const refused = REFUSED.find((r) => (r.method === '*' || r.method === method) && matchPattern(r.pattern, segments));
  if (refused) return { outcome: 'refused', reason: refused.reason };

  const knownElsewhere = allowedHere.length > 0 || REFUSED.some((r) => matchPattern(r.pattern, segments));
  if (knownElsewhere) return { outcome: 'wrong method', allow: allowedHere.map((m) => m.route.method) };
  return { outcome: 'unknown' };
}

function decodeSegments(rawPath: string): string[] | null {
  if (!rawPath.startsWith('/')) return null;
  const segments: string[] = [];
  for (const raw of rawPath.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '' || segment === '.' || segment === '..' || /[/\\]/.test(segment)) return null;
    segments.push(segment);
  }
  return segments;
}

/** `{name}` matches one segment, a trailing `**` any rest (including none). */
function matchPattern(pattern: string, segments: readonly string[]): Record<string, string> | null {
  const parts = pattern.slice(1).split('/');
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part === '**') return params;
    const segment = segments[i];
    if (segment === undefined) return null;
    if (part.startsWith('{') && part.endsWith('}')) params[part.slice(1, -1)] = segment;
    else if (part !== segment) return null;
  }
  return segments.length === parts.length ? params : null;
}
