/**
 * A request/response client for one module worker, created on the first request (so nothing
 * loads before it is needed) and ended with `terminate()`. Requests carry ids; answers may
 * arrive in any order; transferables move instead of being copied; an AbortSignal drops a
 * request the caller no longer wants (the worker finishes it, the answer is ignored).
 *
 * A worker that cannot start (blocked by a Content-Security-Policy, failed to load) is told
 * apart from a request that failed: with a `fallback` the requests then run on this thread
 * through the same handler, otherwise they fail with WorkerUnavailableError.
 *
 * A request the handler failed rejects with a RemoteError: the thrown error's name, message and
 * string `code` (rpc.ts). Through the fallback the handler's own error arrives as it was thrown.
 *
 * `create` is handed the Worker constructor to call: it starts the worker from the URL it is given
 * or, where the page set a folder for the worker files, from the same file in that folder
 * (assets.ts), through `TrustedWorker` (trusted-worker.ts), which passes a TrustedScriptURL where
 * the page enforces Trusted Types. A worker that cannot start is told to `onWorkerUnavailable`
 * listeners with what is lost (`lost`), unless the page's Trusted Types policy refused it
 * (`workers_blocked`, told by trusted-worker.ts).
 */
import { assetsBase, workerUnavailable, workerUrl } from './assets.js';
import type { Handler, RemoteError, RpcMessage, RpcRequest } from './rpc.js';
import { TrustedWorker, workersBlocked, type WorkerConstructor } from './trusted-worker.js';

export type { RemoteError } from './rpc.js';

export interface WorkerClientOptions<Body, Result> {
  /**
   * Must be the literal `(Worker) => new Worker(new URL('./x.worker.ts', import.meta.url), { type: 'module' })`:
   * bundlers find the worker by that text, and the `Worker` called is the one handed in (it makes
   * the URL trusted), not the global.
   */
  create: (Worker: WorkerConstructor) => Worker;
  /** The same handler, loaded on this thread, for when the worker cannot start. */
  fallback?: () => Promise<Handler<Body, Result>>;
  /** Which worker, for the page when it cannot start: `image`, `analysis`, `barcode`. */
  name?: string;
  /** What is lost when it cannot start, in a sentence: "the barcode cannot be read live". */
  lost?: string;
}

export interface RequestOptions {
  transfer?: Transferable[];
  signal?: AbortSignal;
}

/** The worker could not be started and there is no fallback. */
export class WorkerUnavailableError extends Error {
  override readonly name = 'WorkerUnavailableError';
}

interface Pending<Result> {
  resolve(result: Result): void;
  reject(error: Error): void;
}

export class WorkerClient<Body, Result> {
  private worker: Worker | null = null;
  private started = false;
  private unavailable = false;
  private fallbackHandler: Promise<Handler<Body, Result>> | null = null;
  private readonly pending = new Map<number, Pending<Result>>();
  /** Requests sent before the worker said it was ready: re-run on the fallback if it never does. */
  private readonly unsent = new Map<number, { body: Body; transfer: Transferable[] }>();
  private nextId = 1;

  constructor(private readonly options: WorkerClientOptions<Body, Result>) {}

  /** Whether requests run in a worker (true), on this thread (false), or nothing ran yet (null). */
  get inWorker(): boolean | null {
    if (this.fallbackHandler) return false;
    return this.started ? true : null;
  }

  request(body: Body, { transfer = [], signal }: RequestOptions = {}): Promise<Result> {
    if (signal?.aborted) return Promise.reject(abortError());
    const id = this.nextId++;
    const answer = new Promise<Result>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      signal?.addEventListener(
        'abort',
        () => {
          if (!this.pending.delete(id)) return;
          this.unsent.delete(id);
          reject(abortError());
        },
        { once: true },
      );
    });
    this.dispatch(id, body, transfer);
    return answer;
  }

  /** Starts the worker now, before the first request, so that its loading overlaps other work. */
  warm(): void {
    if (!this.worker && !this.fallbackHandler && !this.unavailable) this.spawn();
  }

  /** Stops the worker at once; requests still waiting fail with an AbortError. */
  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.started = false;
    for (const { reject } of this.pending.values()) reject(abortError());
    this.pending.clear();
    this.unsent.clear();
  }

  // ------------------------------------------------------------ internals

  private dispatch(id: number, body: Body, transfer: Transferable[]): void {
    if (this.fallbackHandler || this.unavailable) return this.runHere(id, body);
    const worker = this.worker ?? this.spawn();
    if (!worker) return this.runHere(id, body);
    if (!this.started) this.unsent.set(id, { body, transfer });
    worker.postMessage({ id, body } satisfies RpcRequest<Body>, transfer);
  }

  private spawn(): Worker | null {
    let worker: Worker;
    /** The URL the worker was started from (null if `create` threw before calling the constructor). */
    let started: string | null = null;
    const Located = function (url: URL, options?: WorkerOptions): Worker {
      const located = workerUrl(url);
      started = located.href;
      return new TrustedWorker(located, options);
    } as unknown as WorkerConstructor;
    try {
      worker = withFolderUrls(() => this.options.create(Located));
    } catch {
      this.giveUpOnWorker(started);
      return null;
    }
    this.worker = worker;
    worker.addEventListener('message', (event: MessageEvent<RpcMessage<Result>>) => this.onMessage(event.data));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      if (this.worker !== worker) return;
      if (!this.started) {
        worker.terminate();
        this.worker = null;
        this.giveUpOnWorker(started);
        return;
      }
      // A crash after start: what was waiting fails; the next request starts a fresh worker.
      this.abandon(worker, 'The worker stopped unexpectedly.');
    });
    // An answer that could not be deserialised belongs to no request we can name: rather than
    // leave one waiting forever, what was waiting fails and the next request starts afresh.
    worker.addEventListener('messageerror', () => {
      if (this.worker === worker) this.abandon(worker, 'An answer from the worker could not be received.');
    });
    return worker;
  }

  private abandon(worker: Worker, message: string): void {
    this.worker = null;
    this.started = false;
    worker.terminate();
    for (const { reject } of this.pending.values()) reject(new Error(message));
    this.pending.clear();
    this.unsent.clear();
  }

  private onMessage(message: RpcMessage<Result>): void {
    if (message.type === 'ready') {
      this.started = true;
      this.unsent.clear();
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.type === 'result') pending.resolve(message.body);
    else pending.reject(remoteError(message));
  }

  /** The worker will not start: requests it swallowed run here (or fail), and so will the next ones. */
  private giveUpOnWorker(url: string | null): void {
    if (this.options.fallback) this.fallbackHandler = this.options.fallback();
    else this.unavailable = true;
    // The page's Trusted Types policy refused it: trusted-worker.ts tells that (`workers_blocked`).
    if (!workersBlocked()) {
      const lost = this.options.lost ?? (this.options.fallback ? 'its work runs on the main thread' : 'its work is not done');
      workerUnavailable({ worker: this.options.name ?? '', url, lost });
    }
    const swallowed = [...this.unsent.entries()];
    this.unsent.clear();
    for (const [id, { body }] of swallowed) this.runHere(id, body);
  }

  private runHere(id: number, body: Body): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    if (!this.fallbackHandler) {
      this.pending.delete(id);
      pending.reject(new WorkerUnavailableError('The worker could not be started.'));
      return;
    }
    this.fallbackHandler
      .then((handler) => handler(body))
      .then(
        (reply) => {
          if (this.pending.delete(id)) pending.resolve(reply.body);
        },
        (error: unknown) => {
          if (this.pending.delete(id)) pending.reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
  }
}

/**
 * Runs `create` so that, where the page set a folder for the worker files, the call site's
 * `new URL('../assets/x.js', import.meta.url)` resolves even with no `import.meta.url`: a bundler
 * that outputs a classic script (esbuild's default iife format) empties `import.meta`, and the
 * relative file name then has nothing to resolve against. The file name goes to the folder, which
 * is where `workerUrl` would have put it anyway. Only while `create` runs (it is synchronous), and
 * only with a folder set; an absolute URL, or one that resolves, is left as it is.
 */
function withFolderUrls<T>(create: () => T): T {
  const folder = assetsBase();
  if (!folder) return create();
  const global = globalThis as { URL: typeof URL };
  const Native = global.URL;
  const resolve = (url: string | URL, base?: string | URL): string => {
    try {
      return new Native(url, base).href;
    } catch (error) {
      const text = String(url);
      if (/^[a-z][a-z\d+.-]*:/i.test(text)) return new Native(text).href;
      if (base !== undefined && !/^(undefined|null|)$/.test(String(base))) throw error;
      return new Native(text.slice(text.lastIndexOf('/') + 1), folder).href;
    }
  };
  global.URL = class URL extends Native {
    constructor(url: string | URL, base?: string | URL) {
      super(resolve(url, base));
    }
  };
  try {
    return create();
  } finally {
    global.URL = Native;
  }
}

function remoteError({ name, message, code }: Extract<RpcMessage<unknown>, { type: 'failed' }>): RemoteError {
  const error: RemoteError = Object.assign(new Error(message), { name });
  if (code !== undefined) error.code = code;
  return error;
}

function abortError(): Error {
  return new DOMException('The request was aborted.', 'AbortError');
}
