/**
 * Handlers throw `HttpError` for every expected refusal; the request pipeline turns it into a
 * JSON:API error response. Because handlers validate before they write, a thrown HttpError
 * never leaves a half-written record behind (the pipeline additionally rolls back on anything else).
 */
import { errorResponse, type ErrorInit } from '../api/responses.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly init: ErrorInit,
    readonly headers: Record<string, string> = {},
  ) {
    super(init.detail ?? init.title);
  }

  toResponse(extraHeaders?: Record<string, string>): Response {
    return errorResponse(this.status, this.init, { ...this.headers, ...extraHeaders });
  }
}

export const badRequest = (code: string, detail: string, where: Where = {}) => new HttpError(400, { code, title: 'Bad request', detail, ...where });

export const unauthorized = (detail: string) => new HttpError(401, { code: 'unauthorized', title: 'Unauthorized', detail, header: 'X-Api-Key' });

export const forbidden = (code: string, detail: string) => new HttpError(403, { code, title: 'Forbidden', detail });

export const notFound = (detail: string, where: Where = {}) => new HttpError(404, { code: 'not_found', title: 'Not found', detail, ...where });

export const conflict = (code: string, detail: string, where: Where = {}) => new HttpError(409, { code, title: 'Conflict', detail, ...where });

export const invalid = (detail: string, pointer: string, code = 'invalid_attribute') =>
  new HttpError(422, { code, title: 'Invalid attribute', detail, pointer });

export const unsupportedMediaType = (code: string, detail: string, where: Where = {}) =>
  new HttpError(415, { code, title: 'Unsupported media type', detail, ...where });

export const tooLarge = (detail: string) => new HttpError(413, { code: 'too_large', title: 'Payload too large', detail });

interface Where {
  pointer?: string;
  parameter?: string;
  header?: string;
}
