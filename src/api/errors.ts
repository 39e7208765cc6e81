/** Errors the widget's API client raises. `code` is stable and safe to show in events; it never carries personal data. */

export type ApiErrorCode =
  | 'network' // the request never got an answer
  | 'malformed_response' // the answer is not the JSON:API shape we expect
  | 'unauthorized' // token missing, forged, or expired and not refreshable
  | 'forbidden'
  | 'not_found'
  | 'conflict' // e.g. the session is in a final state
  | 'invalid' // 400/413/415/422
  | 'rate_limited'
  | 'server'
  | 'aborted'
  | 'unsupported' // an ext endpoint the API does not offer (404/405)
  | 'token_refresh_failed'; // the token expired and the integrator's getClientToken failed (rejected or gave no token)

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly status = 0,
    /** The server's own error code (`errors[0].code`), when it sent one. */
    readonly serverCode: string | null = null,
    readonly retryAfterMs: number | null = null,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }

  /** Whether trying the same call again later can succeed. */
  get retryable(): boolean {
    return this.code === 'network' || this.code === 'rate_limited' || this.code === 'server' || this.code === 'token_refresh_failed';
  }
}

export function codeForStatus(status: number): ApiErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 405) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'invalid';
}

/** `Retry-After` as milliseconds: whole seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}
