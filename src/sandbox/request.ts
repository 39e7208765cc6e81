/**
 * Reading JSON:API request documents. Everything here throws an HttpError with a `source.pointer`
 * (or `parameter`/`header`) naming what is wrong, before any handler writes anything.
 */
import { BodyTooLarge, readBodyBytes } from '../api/body.js';
import { badRequest, conflict, HttpError, invalid, tooLarge, unsupportedMediaType } from './errors.js';
import { jsonShapeProblem, MAX_JSON_DEPTH, MAX_JSON_VALUES } from '../api/json-shape.js';

export const MAX_JSON_BYTES = 1024 * 1024;

export type Json = Record<string, unknown>;

/**
 * The request body as bytes; a 413 past `limit`, from Content-Length before anything is read, else
 * while streaming, where reading stops at the limit.
 */
export async function readBytes(request: Request, limit: number, tooLargeDetail = `The body is larger than ${limit} bytes.`): Promise<Uint8Array> {
  try {
    return await readBodyBytes(request, limit);
  } catch (error) {
    if (error instanceof BodyTooLarge) throw tooLarge(tooLargeDetail);
    throw error;
  }
}

/** `image/JPEG; charset=x` → `image/jpeg`. */
export function mediaType(header: string | null): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Parses a JSON request body; an empty body reads as `null`. */
export function parseJson(request: Request, bytes: Uint8Array): unknown {
  if (bytes.byteLength === 0) return null;
  const type = mediaType(request.headers.get('content-type'));
  if (type && type !== 'application/json' && type !== 'application/vnd.api+json') {
    throw unsupportedMediaType('unsupported_media_type', `Send JSON with Content-Type: application/json (got ${type}).`, {
      header: 'Content-Type',
    });
  }
  const problem = jsonShapeProblem(bytes);
  if (problem === 'too_deep') throw badRequest('json_too_deep', `The body nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep.`);
  if (problem === 'too_many_values') {
    throw badRequest('json_too_large', `The body holds more than ${MAX_JSON_VALUES} values (object members and array items).`);
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    // The parser's message names its own internals (tokens, positions, engine wording), not the
    // request's terms; a client needs to know only that the body is not JSON.
    throw badRequest('malformed_json', 'The body is not valid JSON.');
  }
}

export interface ResourceInput {
  /** `data.id`, which only a PATCH carries. */
  id: string | null;
  attributes: Json;
  relationships: Json;
  /** The document's top-level `meta` (where a session's `sandbox` QA options go). */
  meta: Json;
  /** The resource's own `data.meta` (where the sessions guide puts a verification's `auto_update_session`). */
  dataMeta: Json;
}

/** `{ data: { type, attributes?, relationships?, meta? }, meta? }` with `type` one of `types`. */
export function resourceInput(body: unknown, types: readonly string[]): ResourceInput {
  if (!isObject(body)) throw badRequest('invalid_document', 'The body must be a JSON:API document: { "data": { "type": … } }.');
  const data = body.data;
  if (!isObject(data)) throw badRequest('invalid_document', 'The document needs a "data" object.', { pointer: '/data' });
  if (typeof data.type !== 'string') throw badRequest('invalid_document', 'data.type is required.', { pointer: '/data/type' });
  if (!types.includes(data.type)) {
    throw conflict('type_mismatch', `data.type must be "${types.join('" or "')}" here, not "${data.type}".`, { pointer: '/data/type' });
  }
  if (data.id !== undefined && typeof data.id !== 'string') throw badRequest('invalid_document', 'data.id must be a string.', { pointer: '/data/id' });
  return {
    id: typeof data.id === 'string' ? data.id : null,
    attributes: optionalObject(data.attributes, '/data/attributes'),
    relationships: optionalObject(data.relationships, '/data/relationships'),
    meta: optionalObject(body.meta, '/meta'),
    dataMeta: optionalObject(data.meta, '/data/meta'),
  };
}

function optionalObject(value: unknown, pointer: string): Json {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw badRequest('invalid_document', `${pointer.slice(1).replace(/\//g, '.')} must be an object.`, { pointer });
  return value;
}

/** The id of a to-one relationship `{ data: { type, id } }`, or null when absent and optional. */
export function relationshipId(relationships: Json, name: string, type: string, required: boolean): string | null {
  const pointer = `/data/relationships/${name}`;
  const rel = relationships[name];
  if (rel === undefined || rel === null) {
    if (required)
      throw new HttpError(422, { code: 'missing_relationship', title: 'Missing relationship', detail: `relationships.${name} is required.`, pointer });
    return null;
  }
  if (!isObject(rel) || !isObject(rel.data)) throw invalid(`relationships.${name} must be { "data": { "type": "${type}", "id": "…" } }.`, pointer);
  if (rel.data.type !== type) throw invalid(`relationships.${name}.data.type must be "${type}".`, `${pointer}/data/type`);
  if (typeof rel.data.id !== 'string' || rel.data.id === '') throw invalid(`relationships.${name}.data.id must be a string.`, `${pointer}/data/id`);
  return rel.data.id;
}

/** Refuses attributes this endpoint does not know, so that a typo is an error rather than silence. */
export function rejectUnknown(object: Json, allowed: readonly string[], pointer: string, readOnly: readonly string[] = []): void {
  for (const key of Object.keys(object)) {
    if (readOnly.includes(key)) throw invalid(`${key} is read-only.`, `${pointer}/${key}`, 'read_only_attribute');
    if (!allowed.includes(key)) throw invalid(`Unknown attribute "${key}". Allowed: ${allowed.join(', ')}.`, `${pointer}/${key}`, 'unknown_attribute');
  }
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Query filters are accepted both bare (`status=`) and JSON:API-style (`filter[status]=`). */
export function filterParam(query: URLSearchParams, name: string): string | null {
  return query.get(`filter[${name}]`) ?? query.get(name);
}

/** The spellings `filterParam` reads, for a route's declaration of the parameters it accepts. */
export function filterParameters(...names: string[]): string[] {
  return names.flatMap((name) => [name, `filter[${name}]`]);
}

/**
 * One filter under several names (`filter[account]` in the reference, `filter[account_id]` in the
 * sessions guide): either may be given, both only with the same value.
 */
export function aliasedParam(query: URLSearchParams, names: readonly string[]): string | null {
  let found: { name: string; value: string } | null = null;
  for (const name of names) {
    const value = query.get(name);
    if (value === null) continue;
    if (found && found.value !== value) {
      throw badRequest('conflicting_parameters', `${found.name} and ${name} name the same filter with different values; send one.`, { parameter: name });
    }
    found ??= { name, value };
  }
  return found?.value ?? null;
}

/** A filter over a fixed vocabulary, comma-separated (`status=started,pending`); an unknown value is a 400, not an empty list. */
export function enumFilter<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[]): T[] | null {
  const raw = filterParam(query, name);
  if (raw === null) return null;
  const values = raw.split(',').map((v) => v.trim());
  for (const v of values) {
    if (!(allowed as readonly string[]).includes(v)) {
      throw badRequest('invalid_parameter', `${name} must be among ${allowed.join(', ')}.`, { parameter: name });
    }
  }
  return values as T[];
}
