import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { toNodeHandler, toNodeMiddleware } from '../../src/server/node.js';
import { relationshipTo, setup } from './helpers.js';

async function listen(listener: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test('toNodeHandler serves the proxy over node:http, with the socket address as client IP', async () => {
  const { proxy, token, upstream } = setup();
  const server = await listen(toNodeHandler(proxy));
  try {
    const body = { data: { type: 'session_device', attributes: {}, relationships: { session: relationshipTo('session', 'sess_A') } } };
    const response = await fetch(`${server.url}/beltic/identity/session-devices`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await token('sess_A')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 201);
    assert.equal(JSON.parse(upstream.requests[0]!.body).data.attributes.observed.ip, '127.0.0.1');
    const refused = await fetch(`${server.url}/beltic/identity/sessions`);
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get('content-type'), 'application/json');
  } finally {
    await server.close();
  }
});

test('toNodeMiddleware answers what the handler answers and passes the rest on, body unread', async () => {
  const middleware = toNodeMiddleware(async (request) => (new URL(request.url).pathname === '/mine' ? new Response('handled', { status: 200 }) : null));
  const server = await listen((req, res) => {
    middleware(req, res, () => {
      let received = '';
      req.on('data', (chunk) => (received += chunk));
      req.on('end', () => res.end(`next saw ${req.method} ${req.url} ${received}`));
    });
  });
  try {
    assert.equal(await (await fetch(`${server.url}/mine`)).text(), 'handled');
    const passed = await fetch(`${server.url}/static/app.js?v=1`, { method: 'POST', body: 'payload' });
    assert.equal(await passed.text(), 'next saw POST /static/app.js?v=1 payload');
  } finally {
    await server.close();
  }
});

test('only the Node adapter imports Node APIs: the rest of the server helper is Fetch-standard', async () => {
  const dir = new URL('../../src/server/', import.meta.url);
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.ts') || name === 'node.ts') continue;
    const source = await readFile(new URL(name, dir), 'utf8');
    assert.doesNotMatch(source, /from\s+['"](node:|@hono\/node-server)|require\(|\bBuffer\b|\bprocess\./, name);
  }
});
