/**
 * The widget's requests as its page sees them: every fetch and XMLHttpRequest made on this page
 * (the API calls through the proxy, the presigned uploads), with the status each got, or the network
 * error or abort: what the widget itself was answered, including what its retries recovered from. A
 * request following a failed one of the same method and path is a retry; one that then succeeds is
 * marked as having recovered.
 *
 * The demo's own calls (its backend, its panels) use `pageFetch`, the browser's fetch from before the
 * watch, so that they are not in the log. Paths only: no query (a presigned URL's signature), header
 * or body is kept.
 */
export type Outcome = { status: number; retryAfter: string | null } | { failure: 'network error' | 'aborted' };

export interface RequestEntry {
  id: number;
  at: Date;
  method: string;
  path: string;
  /** Null while the request is under way. */
  outcome: Outcome | null;
  ms: number | null;
  /** How many failures of the same request came just before this one (0: a first attempt). */
  retryOf: number;
  /** This request succeeded after `retryOf` failures. */
  recovered: boolean;
}

/** The browser's fetch, for the demo's own calls (not logged). */
export const pageFetch: typeof fetch = window.fetch.bind(window);

type Listener = (entry: RequestEntry) => void;

const listeners = new Set<Listener>();
/** Per `METHOD path`: how many attempts failed in a row. */
const failuresInARow = new Map<string, number>();
let nextId = 1;
let watching = false;

/** Calls `listener` with each request when it starts and again when it ends; returns the function that stops it. */
export function onRequest(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Starts watching this page's fetch and XMLHttpRequest (once). */
export function watchRequests(): void {
  if (watching) return;
  watching = true;
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const entry = begin(method, url);
    try {
      const response = await pageFetch(input, init);
      end(entry, { status: response.status, retryAfter: response.headers.get('Retry-After') });
      return response;
    } catch (error) {
      end(entry, { failure: (error as Error).name === 'AbortError' ? 'aborted' : 'network error' });
      throw error;
    }
  };

  const opened = new WeakMap<XMLHttpRequest, { method: string; url: string }>();
  const { open, send } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
    opened.set(this, { method, url: String(url) });
    return (open as (...args: unknown[]) => void).call(this, method, url, ...rest);
  } as typeof open;
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    const request = opened.get(this);
    if (request) {
      const entry = begin(request.method, request.url);
      let aborted = false;
      this.addEventListener('abort', () => (aborted = true));
      this.addEventListener('loadend', () =>
        end(
          entry,
          this.status ? { status: this.status, retryAfter: this.getResponseHeader('Retry-After') } : { failure: aborted ? 'aborted' : 'network error' },
        ),
      );
    }
    return send.call(this, body);
  };
}

function begin(method: string, url: string): RequestEntry {
  const path = new URL(url, location.href).pathname;
  const entry: RequestEntry = {
    id: nextId++,
    at: new Date(),
    method: method.toUpperCase(),
    path,
    outcome: null,
    ms: null,
    retryOf: failuresInARow.get(`${method.toUpperCase()} ${path}`) ?? 0,
    recovered: false,
  };
  emit(entry);
  return entry;
}

function end(entry: RequestEntry, outcome: Outcome): void {
  const key = `${entry.method} ${entry.path}`;
  entry.outcome = outcome;
  entry.ms = Math.round(Date.now() - entry.at.getTime());
  if (failed(outcome)) {
    failuresInARow.set(key, entry.retryOf + 1);
  } else {
    entry.recovered = entry.retryOf > 0;
    failuresInARow.delete(key);
  }
  emit(entry);
}

/** A network error or an error status (a 401 before a fresh token, a 429, a 503…); an abort was the widget's own choice. */
export function failed(outcome: Outcome | null): boolean {
  if (!outcome) return false;
  if ('failure' in outcome) return outcome.failure === 'network error';
  return outcome.status >= 400;
}

function emit(entry: RequestEntry): void {
  for (const listener of listeners) listener(entry);
}
