// The worker client's start-up rules: created on the first request, answers matched by id, and a
// worker that cannot start told apart from a failed request (fallback to this thread, or a clear error).
import { expect } from '@open-wc/testing';
import { WorkerClient, WorkerUnavailableError, type RemoteError } from '../../src/workers/client.js';
import type { Handler, RpcMessage, RpcRequest } from '../../src/workers/rpc.js';

/** A worker whose script is missing: it fails before it can say it is ready (like one a CSP blocks). */
const missingWorker = () => new Worker(new URL('./no-such-file.worker.js', import.meta.url), { type: 'module' });

/** A stand-in worker the test speaks for: it keeps what it was sent and answers what the test tells it to. */
class ScriptedWorker extends EventTarget {
  readonly sent: RpcRequest<number>[] = [];
  terminated = false;
  postMessage(message: RpcRequest<number>): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(message: RpcMessage<number>): void {
    this.dispatchEvent(new MessageEvent('message', { data: message }));
  }
}

function scriptedClient(): { client: WorkerClient<number, number>; workers: ScriptedWorker[] } {
  const workers: ScriptedWorker[] = [];
  const client = new WorkerClient<number, number>({
    create: () => {
      workers.push(new ScriptedWorker());
      return workers.at(-1) as unknown as Worker;
    },
  });
  return { client, workers };
}

const settled = <T>(promise: Promise<T>) =>
  promise.then(
    (value) => ({ value }),
    (error: RemoteError) => ({ error }),
  );

describe('WorkerClient', () => {
  it('runs requests on this thread through the fallback when the worker cannot start', async () => {
    const double: Handler<number, number> = (n) => ({ body: n * 2 });
    const client = new WorkerClient<number, number>({ create: missingWorker, fallback: async () => double });
    expect(client.inWorker).to.equal(null);
    expect(await Promise.all([client.request(1), client.request(2)])).to.deep.equal([2, 4]);
    expect(client.inWorker).to.equal(false);
    expect(await client.request(21)).to.equal(42);
    client.terminate();
  });

  it('fails with WorkerUnavailableError when there is no fallback', async () => {
    const client = new WorkerClient<number, number>({ create: missingWorker });
    const error = await client.request(1).then(
      () => null,
      (e: Error) => e,
    );
    expect(error).to.be.instanceOf(WorkerUnavailableError);
    const next = await client.request(2).then(
      () => null,
      (e: Error) => e,
    );
    expect(next, 'and so do the next requests, at once').to.be.instanceOf(WorkerUnavailableError);
  });

  it('a constructor that throws (a CSP without worker-src) is the same as a worker that never starts', async () => {
    const client = new WorkerClient<number, number>({
      create: () => {
        throw new DOMException('refused', 'SecurityError');
      },
      fallback: async () => (n: number) => ({ body: n + 1 }),
    });
    expect(await client.request(1)).to.equal(2);
  });

  it('a failed request rejects with the name, message and string code the worker sent', async () => {
    const { client, workers } = scriptedClient();
    const coded = settled(client.request(1));
    const plain = settled(client.request(2));
    const [worker] = workers;
    worker!.answer({ type: 'ready' });
    const [first, second] = worker!.sent;
    worker!.answer({ type: 'failed', id: second!.id, name: 'TypeError', message: 'no good' });
    worker!.answer({ type: 'failed', id: first!.id, name: 'ImagePreparationError', message: 'damaged', code: 'unreadable_image' });

    const { error } = (await coded) as { error: RemoteError };
    expect([error.name, error.message, error.code]).to.deep.equal(['ImagePreparationError', 'damaged', 'unreadable_image']);
    const { error: other } = (await plain) as { error: RemoteError };
    expect([other.name, other.message]).to.deep.equal(['TypeError', 'no good']);
    expect(other, 'no code when the worker sent none').not.to.have.property('code');
    client.terminate();
  });

  it('an answer that cannot be received fails what was waiting, and the next request starts a fresh worker', async () => {
    const { client, workers } = scriptedClient();
    const waiting = settled(client.request(1));
    workers[0]!.answer({ type: 'ready' });
    workers[0]!.dispatchEvent(new MessageEvent('messageerror'));
    const { error } = (await waiting) as { error: Error };
    expect(error.message).to.equal('An answer from the worker could not be received.');
    expect(workers[0]!.terminated).to.equal(true);

    const next = client.request(20);
    expect(workers.length).to.equal(2);
    workers[1]!.answer({ type: 'ready' });
    workers[1]!.answer({ type: 'result', id: workers[1]!.sent[0]!.id, body: 21 });
    expect(await next).to.equal(21);
    client.terminate();
  });
});
