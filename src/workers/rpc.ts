/**
 * The message shapes between a worker client (client.ts) and the worker it drives, and the
 * worker side's loop. Each request carries an id so that answers can come back in any order and
 * a client can drop the answer to a request it gave up on. Used by all three workers: analysis
 * and barcode (camera/), image (upload/); analysis and image run the same script (picture.worker.ts).
 */

export interface RpcRequest<Body> {
  id: number;
  body: Body;
}

export type RpcMessage<Result> =
  /** Sent once the worker's module has loaded: a worker that never starts is told apart from a request that failed. */
  { type: 'ready' } | { type: 'result'; id: number; body: Result } | { type: 'failed'; id: number; name: string; message: string; code?: string };

/**
 * What survives of an error thrown in a worker: its name, its message and, when it has one, its
 * string `code` (ImagePreparationError's 'unreadable_image', say), for the caller to act on or to
 * rebuild its own error class from. Class, cause and stack stay behind.
 */
export interface RemoteError extends Error {
  code?: string;
}

/** What a handler returns: the answer, and the buffers or bitmaps to transfer with it. */
export interface Reply<Result> {
  body: Result;
  transfer?: Transferable[];
}

export type Handler<Body, Result> = (body: Body) => Reply<Result> | Promise<Reply<Result>>;

/** The bit of DedicatedWorkerGlobalScope used here (the project's `lib` is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** Runs in a worker: answers each request with `handler`, one at a time in arrival order. */
export function serveRequests<Body, Result>(handler: Handler<Body, Result>): void {
  const scope = self as unknown as WorkerScope;
  let queue: Promise<unknown> = Promise.resolve();
  scope.addEventListener('message', (event: MessageEvent<RpcRequest<Body>>) => {
    const { id, body } = event.data;
    queue = queue.then(async () => {
      try {
        const reply = await handler(body);
        scope.postMessage({ type: 'result', id, body: reply.body } satisfies RpcMessage<Result>, reply.transfer ?? []);
      } catch (error) {
        const { name, message } = error instanceof Error ? error : new Error(String(error));
        const code: unknown = (error as { code?: unknown } | null)?.code;
        scope.postMessage({
          type: 'failed',
          id,
          name,
          message,
          // A string only: DOMException's numeric legacy `code` is not an error code anyone acts on.
          ...(typeof code === 'string' ? { code } : {}),
        } satisfies RpcMessage<Result>);
      }
    });
  });
  scope.postMessage({ type: 'ready' } satisfies RpcMessage<Result>);
}
