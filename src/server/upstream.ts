/**
 * Talking to Beltic (or the sandbox) with the secret key: the one place the key is attached.
 *
 * Only an allow-list of request headers leaves for the upstream, so the browser's Authorization,
 * cookies, hop-by-hop headers and anything else it sent stay behind; only an allow-list of response
 * headers comes back, so nothing the upstream says about credentials reaches the browser.
 */
import { API_KEY_HEADER } from '../api/contract.js';

export const DEFAULT_UPSTREAM = 'https://api.beltic.com/v1';
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 30_000;
/**
 * The base of the Requests handed to an in-process upstream function: never dialed (`.invalid`),
 * with the real API's `/v1` path layout, which is also the sandbox's default basePath, so
 * `upstream: sandbox.fetch` works as is.
 */
export const IN_PROCESS_BASE = 'http://upstream.invalid/v1';

/** Request headers worth forwarding: content negotiation, idempotency and conditional requests. */
const FORWARDED_REQUEST_HEADERS = ['accept', 'content-type', 'idempotency-key', 'if-match', 'if-none-match'];
/** Response headers the widget needs; everything else (Set-Cookie, Server, custom ones) stays behind. */
const RETURNED_RESPONSE_HEADERS = ['content-type', 'retry-after', 'etag'];

export type UpstreamFetch = (request: Request) => Promise<Response>;

export class UpstreamUnavailable extends Error {
  override name = 'UpstreamUnavailable';
  constructor(readonly reason: 'unreachable' | 'timeout') {
    super(reason === 'timeout' ? 'The identity service did not answer in time.' : 'The identity service could not be reached.');
  }
}

export interface UpstreamCall {
  method: string;
  /** API path, already checked and canonical, e.g. `/identity/sessions/abc`. */
  path: string;
  /** `?a=b` or ''. */
  search?: string;
  /** The browser's request headers; only FORWARDED_REQUEST_HEADERS are read. */
  headers?: Headers;
  body?: string | null;
}

/** The upstream's answer, read whole: bodies on this API are small JSON documents. */
export interface UpstreamAnswer {
  status: number;
  headers: Headers;
  body: string;
}

export interface UpstreamOptions {
  apiKey: string;
  upstream?: string | UpstreamFetch;
  timeoutMs?: number;
}

export function createUpstream(options: UpstreamOptions): (call: UpstreamCall) => Promise<UpstreamAnswer> {
  const { apiKey } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS;
  const target = options.upstream ?? DEFAULT_UPSTREAM;
  const base = typeof target === 'string' ? target.replace(/\/+$/, '') : IN_PROCESS_BASE;
  const send: UpstreamFetch = typeof target === 'string' ? (request) => fetch(request) : target;

  return async (call) => {
    const headers = new Headers();
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = call.headers?.get(name);
      if (value !== null && value !== undefined) headers.set(name, value);
    }
    if (call.body != null && !headers.has('content-type')) headers.set('content-type', 'application/json');
    headers.set(API_KEY_HEADER, apiKey);

    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Raced as well as signalled: an in-process function may ignore the abort signal.
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new UpstreamUnavailable('timeout'));
      }, timeoutMs);
    });
    try {
      const request = new Request(base + call.path + (call.search ?? ''), {
        method: call.method,
        headers,
        body: call.body ?? null,
        signal: controller.signal,
        // A redirect would carry X-Api-Key to wherever it points (fetch drops only Authorization).
        redirect: 'error',
      });
      const response = await Promise.race([send(request), timedOut]);
      const body = await Promise.race([response.text(), timedOut]);
      const returned = new Headers();
      for (const name of RETURNED_RESPONSE_HEADERS) {
        const value = response.headers.get(name);
        if (value !== null) returned.set(name, value);
      }
      return { status: response.status, headers: returned, body };
    } catch (error) {
      if (error instanceof UpstreamUnavailable) throw error;
      if (isTimeout(error)) throw new UpstreamUnavailable('timeout');
      throw new UpstreamUnavailable('unreachable');
    } finally {
      clearTimeout(timer);
    }
  };
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown; cause?: { name?: unknown; code?: unknown } } | null)?.name;
  const cause = (error as { cause?: { name?: unknown; code?: unknown } } | null)?.cause;
  return (
    name === 'TimeoutError' ||
    cause?.name === 'ConnectTimeoutError' ||
    cause?.code === 'UND_ERR_CONNECT_TIMEOUT' ||
    cause?.code === 'UND_ERR_HEADERS_TIMEOUT' ||
    cause?.code === 'ETIMEDOUT'
  );
}
