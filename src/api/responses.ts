/**
 * Building JSON:API responses, for the two server-side parts (sandbox and proxy).
 * Fetch-standard only, so it runs in Node, Bun, Deno, edge runtimes and the test runner.
 */
import type { ErrorDocument, JsonApiErrorObject } from './contract.js';

export const JSON_API_MEDIA_TYPE = 'application/json';

export function jsonResponse(body: unknown, status = 200, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set('Content-Type', JSON_API_MEDIA_TYPE);
  return new Response(JSON.stringify(body), { status, headers: h });
}

export interface ErrorInit {
  code: string;
  title: string;
  detail?: string;
  pointer?: string;
  parameter?: string;
  header?: string;
}

export function errorDocument(status: number, init: ErrorInit): ErrorDocument {
  const error: JsonApiErrorObject = { status: String(status), code: init.code, title: init.title };
  if (init.detail) error.detail = init.detail;
  if (init.pointer || init.parameter || init.header) {
    error.source = {};
    if (init.pointer) error.source.pointer = init.pointer;
    if (init.parameter) error.source.parameter = init.parameter;
    if (init.header) error.source.header = init.header;
  }
  return { errors: [error] };
}

export function errorResponse(status: number, init: ErrorInit, headers?: HeadersInit): Response {
  return jsonResponse(errorDocument(status, init), status, headers);
}
