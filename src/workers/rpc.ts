/**
 * The message shapes between a worker client (worker-client.ts) and the worker it drives, and
 * the worker side's loop. Each request carries an id so that answers can come back in any
 * order and a client can drop the answer to a request it gave up on.
 */

export interface RpcRequest<Body> {
  id: number;
  body: Body;
}

export type RpcMessage<Result> =
  /** Sent once the worker's module has loaded: a worker that never starts is told apart from a request that failed. */
  | { type: 'ready' }
  | { type: 'result'; id: number; body: Result }
  | { type: 'failed'; id: number; name: string; message: string };

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
        scope.postMessage({ type: 'failed', id, name, message } satisfies RpcMessage<Result>);
      }
    });
  });
  scope.postMessage({ type: 'ready' } satisfies RpcMessage<Result>);
}
