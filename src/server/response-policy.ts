/**
 * What the proxy lets a browser read: exactly what the widget uses (statuses, check names and
 * reasons, ids, upload URLs), never the applicant's identity or what a document said.
 *
 * A client token is a bearer credential in a page: anyone who holds it (a script on the page, a
 * shoulder-surfed dev tools panel, a leaked log) can replay it until it expires. So the answers
 * it can obtain carry nothing worth stealing: no name, birth date, address, document number or
 * contact, no extracted data, no check metadata but the sides a check failed on (the rest may
 * quote the document), no behaviour scores (which would teach a bot what to change), no device
 * observations (the IP address).
 *
 * Allow-lists, not deny-lists: an attribute Beltic adds tomorrow stays behind until it is listed
 * here. Error documents pass as they are (they describe the request, not the applicant).
 */
import { FAILED_SIDES, SIDES } from '../api/contract.js';

type Json = Record<string, unknown>;

interface ResourcePolicy {
  attributes: readonly string[];
  relationships: readonly string[];
}

const TIMESTAMPS = ['created_at', 'updated_at'];

const POLICIES: Record<string, ResourcePolicy> = {
  session: {
    attributes: [
      'status',
      'entity_type',
      ...TIMESTAMPS,
      'started_at',
      'expires_at',
      'completed_at',
      'failed_at',
      'marked_for_review_at',
      'decisioned_at',
      'expired_at',
    ],
    relationships: ['documents', 'verifications'],
  },
  'document/idv': {
    attributes: ['status', 'document_type', 'issuing_country', 'files', 'front_side', 'back_side', 'portrait', 'created_at', 'submitted_at', 'processed_at'],
    relationships: ['session', 'files'],
  },
  file: { attributes: ['content_type', 'byte_size', 'status', 'side', 'created_at', 'uploaded_at'], relationships: ['document'] },
  'verification/idv': { attributes: ['status', 'checks', ...TIMESTAMPS, 'submitted_at', 'completed_at'], relationships: ['document', 'session'] },
  session_device: { attributes: ['created_at'], relationships: ['session'] },
};

/** Members of a declared file (inside a document's `files`): its name may be the applicant's. */
const FILE_MEMBERS = ['id', 'content_type', 'byte_size', 'status', 'side'];
/** Members of a check: its metadata may quote the document (a jurisdiction, an expiry date); only `checkView` takes from it. */
const CHECK_MEMBERS = ['name', 'status', 'reasons', 'requirement'];
/** Top-level `meta` members the widget reads: upload targets and the page of a list. */
const DOCUMENT_META = ['files', 'presigned_upload_url', 'presigned_upload_urls', 'expires_in', 'page'];

/** The JSON text of an answer as a browser may read it; non-JSON and error answers are returned as they are. */
export function browserView(text: string): string {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return text;
  }
  if (!isObject(document) || !('data' in document)) return text;
  const data = Array.isArray(document.data) ? document.data.map(resourceView) : resourceView(document.data);
  const view: Json = { data };
  const meta = isObject(document.meta) ? pick(document.meta, DOCUMENT_META) : null;
  if (meta && Object.keys(meta).length) view.meta = meta;
  // `included` never passes (a compound document could carry the account whole), nor `links`
  // (they point at the upstream API, which a browser cannot call).
  return JSON.stringify(view);
}

function resourceView(resource: unknown): unknown {
  if (!isObject(resource)) return resource;
  const policy = typeof resource.type === 'string' ? POLICIES[resource.type] : undefined;
  const view: Json = { type: resource.type, id: resource.id };
  const attributes = isObject(resource.attributes) ? pick(resource.attributes, policy?.attributes ?? []) : {};
  if (Array.isArray(attributes.files)) attributes.files = attributes.files.map((file) => (isObject(file) ? pick(file, FILE_MEMBERS) : file));
  if (Array.isArray(attributes.checks)) attributes.checks = attributes.checks.map((check) => (isObject(check) ? checkView(check) : check));
  view.attributes = attributes;
  if (isObject(resource.relationships)) view.relationships = pick(resource.relationships, policy?.relationships ?? []);
  return view;
}

/**
 * A check as a browser may read it: of its metadata, only the sides it failed on (the sandbox's
 * `failed_sides` extension, contract.ts FAILED_SIDES), and only as side names, so the widget can
 * send the applicant back to that photo; nothing that was read off the document.
 */
function checkView(check: Json): Json {
  const view = pick(check, CHECK_MEMBERS);
  const named = isObject(check.metadata) ? check.metadata[FAILED_SIDES] : undefined;
  const sides = Array.isArray(named) ? SIDES.filter((side) => named.includes(side)) : [];
  if (sides.length) view.metadata = { [FAILED_SIDES]: sides };
  return view;
}

function pick(object: Json, names: readonly string[]): Json {
  return Object.fromEntries(names.filter((name) => name in object).map((name) => [name, object[name]]));
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
