/**
 * The sandbox on its own thread for `npm run load` (proxy-load.ts), so that it does not share an
 * event loop with the proxy being measured: an HTTP server on a free loopback port, sessions made on
 * request. Posts `{ port, apiKey }` once listening, then `{ sessions }` for each `{ applicants }` asked.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort } from 'node:worker_threads';
import { createSandbox } from '../../src/sandbox/index.js';
import { toNodeHandler } from '../../src/server/node.js';

// Rate limiting off: the load test measures the proxy's cost, not the sandbox's limiter.
const sandbox = createSandbox({ processingDelayMs: 0, rateLimit: false });
const server = createServer(toNodeHandler((request) => sandbox.fetch(request)));

async function api(method: string, path: string, body: unknown): Promise<string> {
  const headers = { 'X-Api-Key': sandbox.apiKey, 'Content-Type': 'application/json' };
  const response = await sandbox.fetch(new Request(`http://sandbox.local/v1${path}`, { method, headers, body: JSON.stringify(body) }));
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { data: { id: string } }).data.id;
}

async function makeSessions(applicants: number): Promise<string[]> {
  const sessions: string[] = [];
  for (let i = 0; i < applicants; i++) {
    const account = await api('POST', '/identity/accounts', { data: { type: 'account', attributes: { external_id: `load-${i}` } } });
    sessions.push(
      await api('POST', '/identity/sessions', { data: { type: 'session', relationships: { account: { data: { type: 'account', id: account } } } } }),
    );
  }
  return sessions;
}

parentPort!.on('message', ({ applicants }: { applicants: number }) => {
  makeSessions(applicants).then(
    (sessions) => parentPort!.postMessage({ sessions }),
    // Thrown outside the promise: the worker ends, and proxy-load.ts sees the error as the worker's 'error' event.
    (error: unknown) =>
      process.nextTick(() => {
        throw error;
      }),
  );
});

server.listen(0, '127.0.0.1', () => parentPort!.postMessage({ port: (server.address() as AddressInfo).port, apiKey: sandbox.apiKey }));
