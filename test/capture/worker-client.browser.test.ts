// The worker client's start-up rules: created on the first request, answers matched by id, and a
// worker that cannot start told apart from a failed request (fallback to this thread, or a clear error).
import { expect } from '@open-wc/testing';
import { WorkerClient, WorkerUnavailableError } from '../../src/workers/client.js';
import type { Handler } from '../../src/workers/rpc.js';

/** A worker whose script is missing: it fails before it can say it is ready (like one a CSP blocks). */
const missingWorker = () => new Worker(new URL('./no-such-file.worker.js', import.meta.url), { type: 'module' });

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
    const error = await client.request(1).then(() => null, (e: Error) => e);
    expect(error).to.be.instanceOf(WorkerUnavailableError);
    const next = await client.request(2).then(() => null, (e: Error) => e);
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
});
