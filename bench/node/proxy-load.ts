/**
 * `npm run load`: many applicants' calls through the proxy to the sandbox, on loopback, against the
 * same calls sent to the sandbox alone in the same run, so the proxy's own cost shows as the
 * difference. A third run goes through a bare relay (fetch() with the key added, nothing checked),
 * which tells the cost of the HTTP hop itself from the cost of what the proxy checks. The sandbox
 * runs on its own thread (sandbox-worker.ts), the proxies and the load generator on this one. Each applicant is a session with its own client token; each request picks one at
 * random and makes the widget's steady calls: reading its session (the flow's start and the
 * poll's last word, 45%), polling its verifications through the documented list (45%), and
 * sending its behaviour signals (10%).
 *
 * Usage: node --import tsx bench/node/proxy-load.ts [--seconds 10] [--connections 32] [--applicants 500]
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';
import { createClientToken, createProxy } from '../../src/server/index.js';
import { toNodeHandler } from '../../src/server/node.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    applicants: { type: 'string', default: '500' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const applicants = Number(values.applicants);
const TOKEN_SECRET = 'load-test-token-secret-0123456789abcdef0123';
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

// A worker's entry is loaded before `--import` hooks apply: register tsx in the worker, then load the TypeScript.
const entry = new URL('./sandbox-worker.ts', import.meta.url).href;
const worker = new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`, { eval: true });
const next = <T>() => new Promise<T>((resolve, reject) => (worker.once('message', resolve), worker.once('error', reject)));
const sandbox = await next<{ port: number; apiKey: string }>();
worker.postMessage({ applicants });
const { sessions } = await next<{ sessions: string[] }>();
const sandboxUrl = `http://127.0.0.1:${sandbox.port}`;
const proxy = createProxy({ apiKey: sandbox.apiKey, tokenSecret: TOKEN_SECRET, upstream: `${sandboxUrl}/v1`, basePath: '/beltic' });
const proxyServer = await listen(toNodeHandler(proxy));
/** The same hop with nothing checked: what any fetch()-based relay costs. */
const relayServer = await listen(
  toNodeHandler(async (request) => {
    const url = new URL(request.url);
    const path = url.pathname.replace(/^\/relay/, '/v1') + url.search;
    const body = request.method === 'GET' ? undefined : await request.text();
    const answer = await fetch(sandboxUrl + path, {
      method: request.method,
      headers: { 'X-Api-Key': sandbox.apiKey, 'Content-Type': 'application/json' },
      body,
    });
    return new Response(await answer.text(), { status: answer.status, headers: { 'Content-Type': 'application/json' } });
  }),
);

interface Applicant {
  id: string;
  token: string;
}

const people: Applicant[] = await Promise.all(
  sessions.map(async (id) => ({ id, token: await createClientToken({ sessionId: id, secret: TOKEN_SECRET, expiresIn: 3600 }) })),
);

const behaviour = JSON.stringify({ data: { type: 'session', attributes: { behavior_analysis: { completion_time_seconds: 42, distraction_events: 1 } } } });

/** One request of the mix, for `person`, addressed to the sandbox or to the proxy. */
type Via = 'sandbox' | 'relay' | 'proxy';

function call(person: Applicant, via: Via): { method: 'GET' | 'PATCH'; path: string; headers: Record<string, string>; body?: string } {
  const headers: Record<string, string> =
    via === 'proxy' ? { Authorization: `Bearer ${person.token}`, 'User-Agent': USER_AGENT } : { 'X-Api-Key': sandbox.apiKey, 'User-Agent': USER_AGENT };
  const prefix = { sandbox: '/v1', relay: '/relay', proxy: '/beltic' }[via];
  const roll = Math.random();
  if (roll < 0.45) return { method: 'GET', path: `${prefix}/identity/sessions/${person.id}`, headers };
  if (roll < 0.9) return { method: 'GET', path: `${prefix}/identity/verifications?session_id=${person.id}&page%5Bsize%5D=100`, headers };
  const body = behaviour.replace('"type":"session"', `"type":"session","id":"${person.id}"`);
  return { method: 'PATCH', path: `${prefix}/identity/sessions/${person.id}`, headers: { ...headers, 'Content-Type': 'application/json' }, body };
}

async function run(label: string, url: string, via: Via) {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, ...call(people[Math.floor(Math.random() * people.length)]!, via) }) }],
  });
  const errors = result.errors + result.timeouts + result.non2xx;
  return { label, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total, errors };
}

const alone = await run('sandbox alone', sandboxUrl, 'sandbox');
const relayed = await run('through a bare fetch() relay', `http://127.0.0.1:${port(relayServer)}`, 'relay');
const through = await run('through the proxy', `http://127.0.0.1:${port(proxyServer)}`, 'proxy');

console.log(`\n${applicants} applicants, ${connections} connections, ${seconds} s each, loopback; the sandbox on its own thread`);
console.log('| Path | Requests/s | p50 ms | p99 ms | Requests | Errors |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of [alone, relayed, through]) console.log(`| ${r.label} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.total} | ${r.errors} |`);
console.log(
  `Proxy's added latency: p50 +${(through.p50 - alone.p50).toFixed(1)} ms, p99 +${(through.p99 - alone.p99).toFixed(1)} ms (a bare relay adds p50 +${(relayed.p50 - alone.p50).toFixed(1)} ms, p99 +${(relayed.p99 - alone.p99).toFixed(1)} ms)`,
);

proxyServer.close();
relayServer.close();
await worker.terminate();
process.exit(alone.errors + relayed.errors + through.errors === 0 ? 0 : 1);

function listen(handler: ReturnType<typeof toNodeHandler>): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function port(server: Server): number {
  return (server.address() as AddressInfo).port;
}
