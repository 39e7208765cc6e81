/**
 * Sandbox profiles. `default` emulates Beltic plus our extensions (beltic-api.md marks them
 * "ext"); `docs` answers only what Beltic's pages document, so a client proven against it does not
 * lean on anything the real API may lack:
 *
 * - an ext call answers 404 exactly as an unknown route does;
 * - an ext request attribute is refused as any unknown attribute is (422 `unknown_attribute`);
 * - ext hints in `meta` are ignored, as a strict server ignores members of `meta` it does not know;
 * - ext attributes are left out of answers, and the `Idempotency-Key` header is not honoured.
 *
 * Everything else (validation, statuses, the verification engine, scenarios) is the same in both.
 * This table is the one place that says what is ext; docs/sandbox.md renders it for people.
 */
import { invalid } from './errors.js';
import { isObject, type Json } from './request.js';

export const SANDBOX_PROFILES = ['default', 'docs'] as const;
export type SandboxProfile = (typeof SANDBOX_PROFILES)[number];

export interface ExtCall {
  method: 'GET' | 'POST' | 'PATCH';
  /** As in the route table (`:id` for a path parameter). */
  pattern: string;
}

/** Calls Beltic's pages do not document. */
export const EXT_CALLS: readonly ExtCall[] = [
  { method: 'POST', pattern: '/identity/sessions/:id/start' },
  { method: 'POST', pattern: '/identity/session-devices' },
  { method: 'GET', pattern: '/identity/session-devices/:id' },
  { method: 'GET', pattern: '/identity/documents/idvs/:id' },
  { method: 'POST', pattern: '/identity/documents/idvs/:id/submit' },
  { method: 'GET', pattern: '/identity/verifications/:id' },
];

interface ExtMembers {
  /** Request attributes refused in the docs profile; `*` stands for every item of an array. */
  attributes: readonly string[];
  /** Request `meta` hints (paths from the body's root) that the docs profile ignores. */
  meta: readonly string[];
}

/** Per call (`METHOD pattern`): the undocumented members of its request body. */
const EXT_REQUEST_MEMBERS: Record<string, ExtMembers> = {
  'POST /identity/documents/idvs': {
    attributes: ['document_type', 'issuing_country', 'files/*/side'],
    meta: ['data/meta/document_type', 'data/meta/issuing_country', 'data/meta/sides'],
  },
  'POST /identity/documents/idvs/:id/files': { attributes: ['side'], meta: ['data/meta/side'] },
  'PATCH /identity/sessions/:id': { attributes: [], meta: ['meta/evidence', 'meta/camera'] },
};

/**
 * Per resource type: the undocumented members of its answer (paths from the resource object).
 * `links` goes where its `self` would name a read that is itself an extension.
 */
const EXT_RESPONSE_MEMBERS: Record<string, readonly string[]> = {
  'document/idv': ['attributes/document_type', 'attributes/issuing_country', 'attributes/files/*/side', 'links'],
  file: ['attributes/side', 'links'],
  'verification/idv': ['attributes/extracted', 'attributes/checks/*/metadata/failed_sides', 'links'],
  session_device: ['links'],
  session: ['meta/evidence'],
};

export function isExtCall(method: string, pattern: string): boolean {
  return EXT_CALLS.some((call) => call.method === method && call.pattern === pattern);
}

/**
 * The body as the docs profile lets a handler see it: an ext attribute is a 422, an ext hint in
 * `meta` is dropped. `body` is changed in place and returned.
 */
export function documentedRequest(method: string, pattern: string, body: unknown): unknown {
  const members = EXT_REQUEST_MEMBERS[`${method} ${pattern}`];
  if (!members || !isObject(body)) return body;
  // The add-file call also takes the bare declaration, whose attributes sit at the root.
  const data = isObject(body.data) ? body.data : null;
  const attributes = data ? (isObject(data.attributes) ? data.attributes : null) : body;
  const attributesPointer = data ? '/data/attributes' : '';
  for (const path of members.attributes) {
    const found = locate(attributes, path.split('/'), attributesPointer)[0];
    if (found) {
      throw invalid(`Unknown attribute "${path.split('/').pop()}": Beltic documents no such attribute here.`, found, 'unknown_attribute');
    }
  }
  for (const path of members.meta) remove(body, path.split('/'));
  return body;
}

/** An answer's JSON without the ext members of the resources it carries (as `data`, one or a list). */
export function documentedAnswer(body: Json): Json {
  const resources = Array.isArray(body.data) ? body.data : [body.data];
  for (const resource of resources) {
    if (!isObject(resource) || typeof resource.type !== 'string') continue;
    for (const path of EXT_RESPONSE_MEMBERS[resource.type] ?? []) remove(resource, path.split('/'));
  }
  // A single resource's answer repeats its self link at the top: it goes with the resource's.
  if (isObject(body.data) && !('links' in body.data)) delete body.links;
  return body;
}

/** JSON pointers of every member at `path` under `value` (`*` walks an array). */
function locate(value: unknown, path: string[], pointer: string): string[] {
  if (path.length === 0) return [pointer];
  const [head, ...rest] = path as [string, ...string[]];
  if (head === '*') return Array.isArray(value) ? value.flatMap((item, i) => locate(item, rest, `${pointer}/${i}`)) : [];
  if (!isObject(value) || !(head in value)) return [];
  return locate(value[head], rest, `${pointer}/${head}`);
}

function remove(value: unknown, path: string[]): void {
  const [head, ...rest] = path as [string, ...string[]];
  if (head === '*') {
    if (Array.isArray(value)) for (const item of value) remove(item, rest);
    return;
  }
  if (!isObject(value)) return;
  if (rest.length === 0) delete value[head];
  else remove(value[head], rest);
}
