/**
 * Whether a device, document or verification belongs to the token's session, from documented data.
 *
 * A client token names one session; ids of other resources come from the browser and prove
 * nothing. The session resource lists its own documents, verifications and devices (Beltic's
 * sessions list page shows these relationships), so the proxy reads the session upstream (with the
 * secret key) and looks the id up there. It remembers nothing between requests: any instance of
 * the proxy, a new one or one just restarted, proves the same thing the same way, and no read of an
 * undocumented endpoint is needed.
 */
import { paths } from '../api/contract.js';
import type { OwnedResource } from './allow-list.js';
import type { UpstreamAnswer, UpstreamCall } from './upstream.js';

/** The session's relationships that list each kind of resource (the guide also shows a to-one `session_device`). */
const RELATIONSHIPS: Record<OwnedResource, readonly string[]> = {
  session_device: ['session_devices', 'session_device'],
  document: ['documents'],
  verification: ['verifications'],
};

/** The upstream answered the session read with something other than the session. */
export class OwnershipLookupFailed extends Error {
  override name = 'OwnershipLookupFailed';
  constructor(readonly answer: UpstreamAnswer) {
    super(`session read answered ${answer.status}`);
  }
}

export type SessionReader = (sessionId: string) => Promise<Record<string, unknown> | null>;

/** Reads a session upstream: its resource object, or null when it does not exist. One read per call. */
export function sessionReader(callUpstream: (call: UpstreamCall) => Promise<UpstreamAnswer>): SessionReader {
  return async (sessionId) => {
    const answer = await callUpstream({ method: 'GET', path: paths.session(sessionId) });
    if (answer.status === 404) return null;
    if (answer.status < 200 || answer.status >= 300) throw new OwnershipLookupFailed(answer);
    return parseData(answer.body);
  };
}

/** Whether the session resource lists `id` among its resources of `kind`. */
export function sessionOwns(session: Record<string, unknown> | null, kind: OwnedResource, id: string): boolean {
  return RELATIONSHIPS[kind].some((name) => relatedIds(session, name).includes(id));
}

/** `data` of a JSON:API document, or null when the text is not one. */
export function parseData(text: string): Record<string, unknown> | null {
  try {
    const parsed = JSON.parse(text) as { data?: unknown };
    return typeof parsed?.data === 'object' && parsed.data !== null ? (parsed.data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The id of a to-one relationship of a resource object, or null. */
export function relatedId(resource: unknown, name: string): string | null {
  const ids = relatedIds(resource, name);
  return ids.length === 1 && !Array.isArray(relationshipData(resource, name)) ? ids[0]! : null;
}

/** The ids a relationship names, to-one or to-many. */
function relatedIds(resource: unknown, name: string): string[] {
  const data = relationshipData(resource, name);
  const identifiers = Array.isArray(data) ? data : [data];
  return identifiers.flatMap((identifier) => {
    const id = (identifier as { id?: unknown } | null | undefined)?.id;
    return typeof id === 'string' ? [id] : [];
  });
}

function relationshipData(resource: unknown, name: string): unknown {
  const relationships = (resource as { relationships?: Record<string, { data?: unknown }> } | null)?.relationships;
  return relationships?.[name]?.data;
}
