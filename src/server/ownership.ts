/**
 * Which session a device, document or verification belongs to, as the upstream says.
 *
 * A client token names one session; ids of other resources come from the browser and prove
 * nothing. So before forwarding a call on one of them, the proxy reads the resource upstream (with
 * the secret key) and checks `relationships.session`. The answer never changes for a resource, so
 * it is cached for the proxy's lifetime (bounded), and resources created through the proxy are
 * remembered at creation, which makes the usual widget flow need no extra lookups at all.
 */
import { paths } from '../api/contract.js';
import { BoundedMap } from './bounded-map.js';
import type { OwnedResource } from './allow-list.js';
import type { UpstreamAnswer, UpstreamCall } from './upstream.js';

export const DEFAULT_MAX_CACHED_OWNERS = 50_000;

const LOOKUP_PATH: Record<OwnedResource, (id: string) => string> = {
  session_device: paths.sessionDevice,
  document: paths.document,
  verification: paths.verification,
};

/** The upstream answered the lookup with something other than the resource or a 404. */
export class OwnershipLookupFailed extends Error {
  override name = 'OwnershipLookupFailed';
  constructor(readonly answer: UpstreamAnswer) {
    super(`ownership lookup answered ${answer.status}`);
  }
}

export class Ownership {
  readonly #owners: BoundedMap<string, string>;

  constructor(
    private readonly callUpstream: (call: UpstreamCall) => Promise<UpstreamAnswer>,
    maxEntries = DEFAULT_MAX_CACHED_OWNERS,
  ) {
    this.#owners = new BoundedMap(maxEntries);
  }

  remember(kind: OwnedResource, id: string, sessionId: string): void {
    this.#owners.set(`${kind}:${id}`, sessionId);
  }

  /** The owning session id; null when the resource does not exist or belongs to no session. */
  async ownerOf(kind: OwnedResource, id: string): Promise<string | null> {
    const cached = this.#owners.get(`${kind}:${id}`);
    if (cached !== undefined) return cached;

    const answer = await this.callUpstream({ method: 'GET', path: LOOKUP_PATH[kind](id) });
    if (answer.status === 404) return null;
    if (answer.status < 200 || answer.status >= 300) throw new OwnershipLookupFailed(answer);
    const resource = parseData(answer.body);
    let owner = relatedId(resource, 'session');
    // A verification may name only its document (the session link is optional): the document's session counts.
    const documentId = relatedId(resource, 'document');
    if (owner === null && kind === 'verification' && documentId !== null) owner = await this.ownerOf('document', documentId);
    if (owner !== null) this.remember(kind, id, owner);
    return owner;
  }
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
  const relationships = (resource as { relationships?: Record<string, { data?: unknown }> } | null)?.relationships;
  const data = relationships?.[name]?.data as { id?: unknown } | null | undefined;
  return typeof data?.id === 'string' ? data.id : null;
}
