/**
 * How long the widget will wait when a server asks it to (`Retry-After`) or when it backs off
 * between retries. One cap for every caller (the API client, the uploads): a server asking for
 * longer is not waited out, the request fails at once with a retryable error, and the applicant
 * sees "Try again" instead of a spinner that never ends.
 */

/** The longest wait for one request: any single wait, and all of its waits together. */
export const MAX_SERVER_WAIT_MS = 120_000;

/** The longest single backoff between two attempts when the server named no wait. */
export const MAX_BACKOFF_MS = 30_000;

/**
 * The wait before the next attempt, or null when it must not be waited: the server asked for
 * longer than `capMs`, or waiting would take the request's waits together over `capMs`.
 */
export function boundedWait(requestedMs: number, waitedMs: number, capMs: number = MAX_SERVER_WAIT_MS): number | null {
  if (!(requestedMs >= 0) || requestedMs > capMs || waitedMs + requestedMs > capMs) return null;
  return requestedMs;
}
