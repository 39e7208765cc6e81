/**
 * Gets one file's bytes to its presigned URL despite what mobile networks do: retries what can
 * succeed later (no connection, 5xx, 429) with exponential backoff and jitter, honours
 * `Retry-After`, swaps an expired URL for a fresh one, waits for the network to come back, and
 * stops at once on an abort or on a refusal that retrying cannot fix.
 *
 * Its waits share the API client's cap (api/waits.ts): a `Retry-After` longer than
 * `maxRetryAfterMs`, or a wait that would take the upload's waits together over it, is not
 * waited: the error is reported, and the flow offers "Try again".
 */
import { ApiError } from '../api/errors.js';
import { boundedWait, MAX_BACKOFF_MS, MAX_SERVER_WAIT_MS } from '../api/waits.js';
import { putPresigned, UploadError, type PutPresignedOptions, type PutPresignedResult, type UploadProgress } from './put-presigned.js';

export { UploadError };

export interface UploadFileOptions {
  url: string;
  body: Blob;
  contentType: string;
  signal?: AbortSignal;
  /** Progress of the current attempt; `loaded` starts again from 0 when an attempt is retried. */
  onProgress?: (progress: UploadProgress) => void;
  /** A fresh presigned URL for the same file (the add-file call), used when the current one expired. */
  refreshUrl: () => Promise<string>;
  /** Attempts after the first one. */
  retries?: number;
  baseDelayMs?: number;
  /** Upper bound for one backoff delay. */
  maxDelayMs?: number;
  /**
   * A `Retry-After` longer than this is not waited out, nor are waits that would add up to more:
   * the error is reported instead. Default MAX_SERVER_WAIT_MS, the API client's cap.
   */
  maxRetryAfterMs?: number;
  /** Injectable so tests need no real waiting. Must reject when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source in [0, 1); injectable for deterministic tests. */
  random?: () => number;
  /** Resolves when the device is back online; injectable for tests. */
  waitUntilOnline?: (signal?: AbortSignal) => Promise<void>;
  /** The single attempt; injectable for tests. */
  put?: (options: PutPresignedOptions) => Promise<PutPresignedResult>;
}

export interface UploadFileResult extends PutPresignedResult {
  /** The URL that finally accepted the bytes (differs from `url` after a refresh). */
  url: string;
  attempts: number;
}

export async function uploadFile(options: UploadFileOptions): Promise<UploadFileResult> {
  const {
    body,
    contentType,
    signal,
    onProgress,
    refreshUrl,
    retries = 4,
    baseDelayMs = 500,
    maxDelayMs = MAX_BACKOFF_MS,
    maxRetryAfterMs = MAX_SERVER_WAIT_MS,
    sleep = abortableSleep,
    random = Math.random,
    waitUntilOnline = waitForOnlineEvent,
    put = putPresigned,
  } = options;
  let url = options.url;
  let waited = 0;

  for (let attempt = 0; ; attempt++) {
    // An abort during a wait (or an injected sleep that ignores the signal) must not start an attempt.
    if (signal?.aborted) throw asAborted(undefined, signal);
    try {
      const result = await put({ url, body, contentType, signal, onProgress });
      return { ...result, url, attempts: attempt + 1 };
    } catch (error) {
      if (signal?.aborted) throw asAborted(error, signal);
      if (!(error instanceof UploadError) || !error.transient || attempt >= retries) throw error;

      if (error.kind === 'expired') {
        // A fresh signature makes the very next attempt valid: no reason to wait.
        url = await freshUrl(refreshUrl, error);
        continue;
      }
      if (error.retryAfterMs !== null && error.retryAfterMs > maxRetryAfterMs) throw error;

      if (error.kind === 'network' && isOffline()) {
        // Not a server's wait: the applicant's network is down, and the upload goes on once it is back.
        await waitUntilOnline(signal);
      } else {
        const wait = boundedWait(retryDelay(attempt, error.retryAfterMs, { baseDelayMs, maxDelayMs, random }), waited, maxRetryAfterMs);
        if (wait === null) throw error;
        waited += wait;
        await sleep(wait, signal);
      }
    }
  }
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so that many
 * widgets failing together do not retry together, yet none retries almost immediately.
 * The server's `Retry-After` wins when it asks for longer.
 */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | null,
  { baseDelayMs, maxDelayMs, random }: { baseDelayMs: number; maxDelayMs: number; random: () => number },
): number {
  const exponential = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.max(jittered, retryAfterMs ?? 0);
}

async function freshUrl(refreshUrl: () => Promise<string>, expired: UploadError): Promise<string> {
  try {
    return await refreshUrl();
  } catch (cause) {
    // The API's own failure says more than "expired" (a token that could not be renewed, a closed session).
    if (cause instanceof ApiError && cause.code !== 'aborted') throw cause;
    throw new UploadError('The upload link expired and a fresh one could not be obtained.', {
      kind: 'expired',
      status: expired.status,
      code: expired.code,
      cause,
    });
  }
}

function asAborted(error: unknown, signal: AbortSignal): UploadError {
  if (error instanceof UploadError && error.kind === 'aborted') return error;
  return new UploadError('The upload was aborted.', { kind: 'aborted', cause: signal.reason });
}

function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(asAborted(undefined, signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(asAborted(undefined, signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `navigator.onLine === false` is reliable (true is not): wait for the browser's `online` event. */
function waitForOnlineEvent(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(asAborted(undefined, signal));
      return;
    }
    const cleanup = (): void => {
      globalThis.removeEventListener('online', onOnline);
      signal?.removeEventListener('abort', onAbort);
    };
    const onOnline = (): void => {
      cleanup();
      resolve();
    };
    const onAbort = (): void => {
      cleanup();
      reject(asAborted(undefined, signal!));
    };
    globalThis.addEventListener('online', onOnline);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
