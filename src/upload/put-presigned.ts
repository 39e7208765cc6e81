/**
 * One PUT of raw bytes to a presigned upload URL (beltic-api.md §"Upload to a presigned URL").
 *
 * XMLHttpRequest rather than fetch: only XHR reports upload progress. This module makes exactly one
 * attempt and says precisely why it failed; deciding whether to try again is upload-file.ts's job.
 */

import { parseRetryAfter } from '../api/errors.js';

export type UploadErrorKind =
  /** The URL's signature has expired: get a fresh URL and try again. */
  | 'expired'
  /** The target refused these bytes or this URL for good (bad signature, type, size, checksum). */
  | 'rejected'
  /** No HTTP answer at all: offline, connection reset, DNS, a CORS refusal. */
  | 'network'
  /** The target failed (5xx, 408): the same request may well succeed later. */
  | 'server'
  /** 429: slow down, see `retryAfterMs`. */
  | 'rate_limited'
  /** The caller aborted. Never retried. */
  | 'aborted';

export interface UploadErrorInit {
  kind: UploadErrorKind;
  /** HTTP status, 0 when there was no HTTP answer. */
  status?: number;
  /** Machine-readable code from the error body (JSON:API `errors[0].code`, or S3/GCS XML `<Code>`). */
  code?: string | null;
  /** How long the target asked us to wait (from `Retry-After`), in milliseconds. */
  retryAfterMs?: number | null;
  cause?: unknown;
}

export class UploadError extends Error {
  override readonly name = 'UploadError';
  readonly kind: UploadErrorKind;
  readonly status: number;
  readonly code: string | null;
  readonly retryAfterMs: number | null;

  constructor(message: string, init: UploadErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status ?? 0;
    this.code = init.code ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
  }

  /** Whether trying the same request again (possibly with a fresh URL) can help. */
  get transient(): boolean {
    return this.kind !== 'rejected' && this.kind !== 'aborted';
  }
}

export function isUploadError(error: unknown): error is UploadError {
  return error instanceof UploadError;
}

export interface UploadProgress {
  /** Bytes sent so far in this attempt. */
  loaded: number;
  /** Bytes to send (the body's size). */
  total: number;
}

export interface PutPresignedOptions {
  url: string;
  body: Blob;
  /** Must equal the `content_type` declared when the URL was issued, or the target answers 415. */
  contentType: string;
  signal?: AbortSignal;
  onProgress?: (progress: UploadProgress) => void;
  /** Clock for HTTP-date `Retry-After` values; injectable for tests. */
  now?: () => number;
}

export interface PutPresignedResult {
  /** The target's `ETag`, or null when it sent none (or CORS does not expose it). */
  etag: string | null;
}

export function putPresigned(options: PutPresignedOptions): Promise<PutPresignedResult> {
  const { url, body, contentType, signal, onProgress, now = Date.now } = options;

  return new Promise<PutPresignedResult>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortedError(signal));
      return;
    }

    const xhr = new XMLHttpRequest();
    const onAbort = (): void => xhr.abort();
    const settle = (): void => signal?.removeEventListener('abort', onAbort);

    xhr.open('PUT', url);
    // Raw bytes with the declared type: a multipart body or a browser-guessed type would not match
    // what the URL was signed for.
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.responseType = 'text';

    if (onProgress) {
      const total = body.size;
      xhr.upload.addEventListener('progress', (event) => {
        onProgress({ loaded: event.loaded, total });
      });
    }

    xhr.addEventListener('load', () => {
      settle();
      if (xhr.status >= 200 && xhr.status < 300) {
        const total = body.size;
        onProgress?.({ loaded: total, total });
        resolve({ etag: xhr.getResponseHeader('ETag') });
      } else {
        reject(classifyHttpFailure(xhr.status, xhr.responseText, xhr.getResponseHeader('Retry-After'), now()));
      }
    });
    xhr.addEventListener('error', () => {
      settle();
      reject(new UploadError('The upload could not reach the server.', { kind: 'network' }));
    });
    xhr.addEventListener('timeout', () => {
      settle();
      reject(new UploadError('The upload timed out.', { kind: 'network' }));
    });
    xhr.addEventListener('abort', () => {
      settle();
      reject(abortedError(signal));
    });

    signal?.addEventListener('abort', onAbort, { once: true });
    xhr.send(body);
  });
}

function abortedError(signal?: AbortSignal): UploadError {
  return new UploadError('The upload was aborted.', { kind: 'aborted', cause: signal?.reason });
}

/** Turns an HTTP error answer into an UploadError. Exported for unit tests of the rules. */
export function classifyHttpFailure(status: number, responseText: string, retryAfterHeader: string | null, nowMs: number): UploadError {
  const { code, message } = readErrorBody(responseText);
  const retryAfterMs = parseRetryAfter(retryAfterHeader, nowMs);
  const detail = message ? `: ${message}` : '';

  if (status === 403 && isExpiryCode(code, message)) {
    return new UploadError(`The upload link has expired${detail}`, { kind: 'expired', status, code, retryAfterMs });
  }
  if (status === 429) {
    return new UploadError(`Too many uploads, slow down${detail}`, { kind: 'rate_limited', status, code, retryAfterMs });
  }
  if (status >= 500 || status === 408) {
    return new UploadError(`The upload server failed (${status})${detail}`, { kind: 'server', status, code, retryAfterMs });
  }
  return new UploadError(`The upload was refused (${status})${detail}`, { kind: 'rejected', status, code, retryAfterMs });
}

/**
 * The sandbox (and a future Beltic target) answers JSON:API errors; real object storage behind a
 * presigned URL answers XML (`<Error><Code>AccessDenied</Code><Message>Request has expired…`).
 */
function readErrorBody(text: string): { code: string | null; message: string | null } {
  if (!text) return { code: null, message: null };
  try {
    const parsed = JSON.parse(text) as { errors?: { code?: unknown; detail?: unknown; title?: unknown }[] };
    const first = parsed.errors?.[0];
    if (first) {
      const message = typeof first.detail === 'string' ? first.detail : typeof first.title === 'string' ? first.title : null;
      return { code: typeof first.code === 'string' ? first.code : null, message };
    }
  } catch {
    // Not JSON: maybe XML from object storage.
  }
  const xmlCode = /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1] ?? null;
  const xmlMessage = /<Message>([^<]{1,300})<\/Message>/.exec(text)?.[1] ?? null;
  return { code: xmlCode, message: xmlMessage };
}

function isExpiryCode(code: string | null, message: string | null): boolean {
  if (code === 'expired' || code === 'ExpiredToken' || code === 'RequestExpired') return true;
  // S3 says AccessDenied for both a bad signature and an expired one; only the message tells.
  return code === 'AccessDenied' && message !== null && /expired/i.test(message);
}
