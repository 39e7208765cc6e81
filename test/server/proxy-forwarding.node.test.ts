import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxy } from '../../src/server/proxy.js';
import { createClientToken } from '../../src/server/client-token.js';
import { API_KEY, TOKEN_SECRET, errorOf, relationshipTo, setup } from './helpers.js';

test('the forwarded request carries the key and none of the browser credentials or hop-by-hop headers', async () => {
  const { call, token, upstream } = setup();
  const t = await token('sess_A');
  const response = await call('GET', '/identity/sessions/sess_A?fields[session]=status', {
    token: t,
    headers: {
      Cookie: 'shop_session=secret',
      Connection: 'keep-alive, X-Hop',
      'X-Hop': '1',
      'Proxy-Authorization': 'Basic Zm9v',
      'X-Api-Key': 'not-a-secret-key',
      'X-Forwarded-For': '203.0.113.9',
      Accept: 'application/json',
      'If-None-Match': '"v1"',
    },
  });
  assert.equal(response.status, 200);
  const forwarded = upstream.requests[0]!;
  assert.equal(forwarded.url.split('?')[0], 'http://upstream.invalid/v1/identity/sessions/sess_A', 'the mount path is stripped');
  assert.equal(decodeURIComponent(forwarded.search), '?fields[session]=status');
  assert.equal(forwarded.headers.get('x-api-key'), API_KEY);
  assert.equal(forwarded.headers.get('accept'), 'application/json');
  assert.equal(forwarded.headers.get('if-none-match'), '"v1"');
  for (const name of ['authorization', 'cookie', 'connection', 'x-hop', 'proxy-authorization', 'x-forwarded-for', 'user-agent']) {
    assert.equal(forwarded.headers.get(name), null, name);
  }
});

test('the answer keeps status, body and the useful headers, and nothing that could leak', async () => {
  const { call, token, upstream } = setup();
  const t = await token('sess_A');
  upstream.answerNextWith(
    new Response('{"errors":[{"status":"429","code":"rate_limited","title":"Slow down"}]}', {
      status: 429,
      headers: { 'Content-Type': 'application/json', 'Retry-After': '7', ETag: '"e1"', 'Set-Cookie': 'a=b', 'X-Api-Key-Id': 'key_1', Server: 'beltic' },
    }),
  );
  const response = await call('GET', '/identity/sessions/sess_A', { token: t });
  assert.equal(response.status, 429);
  assert.equal(response.headers.get('retry-after'), '7');
  assert.equal(response.headers.get('etag'), '"e1"');
  assert.equal(response.headers.get('content-type'), 'application/json');
  assert.equal(response.headers.get('cache-control'), 'no-store');
  for (const name of ['set-cookie', 'x-api-key-id', 'server']) assert.equal(response.headers.get(name), null, name);
  assert.equal((await errorOf(response)).code, 'rate_limited');
});

test('an upstream that rejects the key is a 502 for the browser, not a 401 that would look like a bad token', async () => {
  const upstreamWithOtherKey = setup({ apiKey: 'sk_staging_wrong_key_000000000000' });
  const t = await upstreamWithOtherKey.token('sess_A');
  const response = await upstreamWithOtherKey.call('GET', '/identity/sessions/sess_A', { token: t });
  assert.equal(response.status, 502);
  assert.equal((await errorOf(response)).code, 'upstream_credentials_rejected');
});

test('an upstream answer that contains the key is withheld', async () => {
  const { call, token, upstream } = setup();
  upstream.answerNextWith(new Response(JSON.stringify({ debug: { key: API_KEY } }), { status: 500 }));
  const response = await call('GET', '/identity/sessions/sess_A', { token: await token('sess_A') });
  assert.equal(response.status, 502);
  assert.ok(!(await response.text()).includes(API_KEY));
});

test('network failure is 502, a hung upstream is 504', async () => {
  const { call, token, upstream } = setup({ timeoutMs: 25 });
  const t = await token('sess_A');
  upstream.answerNextWith(() => Promise.reject(new TypeError('fetch failed')));
  const down = await call('GET', '/identity/sessions/sess_A', { token: t });
  assert.equal(down.status, 502);
  assert.equal((await errorOf(down)).code, 'upstream_unreachable');

  upstream.answerNextWith(() => new Promise<Response>(() => {}));
  const hung = await call('GET', '/identity/sessions/sess_A', { token: t });
  assert.equal(hung.status, 504);
  assert.equal((await errorOf(hung)).code, 'upstream_timeout');
});

test('a string upstream is fetched at upstream + path; an unreachable one is 502', async () => {
  const proxy = createProxy({ apiKey: API_KEY, tokenSecret: TOKEN_SECRET, upstream: 'http://127.0.0.1:9/v1/', basePath: '/beltic' });
  const token = await createClientToken({ sessionId: 'sess_A', secret: TOKEN_SECRET });
  const response = await proxy(new Request('https://shop.example/beltic/identity/sessions/sess_A', { headers: { Authorization: `Bearer ${token}` } }));
  assert.equal(response.status, 502);
});

test('Idempotency-Key is scoped to the session; include is dropped; bodies are capped and must be JSON', async () => {
  const { call, token, upstream } = setup();
  const t = await token('sess_A');
  const body = { data: { type: 'document/idv', attributes: {}, relationships: { session: relationshipTo('session', 'sess_A') } } };
  await call('POST', '/identity/documents/idvs?include=account', { token: t, body, headers: { 'Idempotency-Key': 'k-1' } });
  assert.equal(upstream.requests[0]!.headers.get('idempotency-key'), 'sess_A:k-1');
  assert.equal(upstream.requests[0]!.search, '');

  const huge = { ...body, meta: { padding: 'x'.repeat(200_000) } };
  assert.equal((await call('POST', '/identity/documents/idvs', { token: t, body: huge })).status, 413);
  assert.equal((await call('POST', '/identity/documents/idvs', { token: t, body: '{not json' })).status, 400);
  assert.equal((await call('POST', '/identity/documents/idvs', { token: t, body: '[1]' })).status, 400);
  const form = await call('POST', '/identity/documents/idvs', { token: t, body: 'a=b', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(form.status, 415);
  assert.equal(upstream.requests.length, 1);
});

test('requests outside the mount path are not the proxy’s', async () => {
  const { proxy, upstream } = setup();
  const response = await proxy(new Request('https://shop.example/elsewhere/identity/sessions/sess_A'));
  assert.equal(response.status, 404);
  assert.equal(upstream.requests.length, 0);
});

test('a redirecting upstream is not followed: the key never travels to where it points', async () => {
  const seenKeys: (string | undefined)[] = [];
  const elsewhere = createServer((req, res) => {
    seenKeys.push(req.headers['x-api-key'] as string | undefined);
    res.end('{}');
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  const target = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
  const redirecting = createServer((_req, res) => {
    res.writeHead(302, { Location: `${target}/steal` });
    res.end();
  });
  await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
  try {
    const upstream = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/v1`;
    const proxy = createProxy({ apiKey: API_KEY, tokenSecret: TOKEN_SECRET, upstream, basePath: '/beltic' });
    const token = await createClientToken({ sessionId: 'sess_A', secret: TOKEN_SECRET });
    const response = await proxy(new Request('https://shop.example/beltic/identity/sessions/sess_A', { headers: { Authorization: `Bearer ${token}` } }));
    assert.equal(response.status, 502);
    assert.deepEqual(seenKeys, []);
  } finally {
    redirecting.close();
    elsewhere.close();
  }
});
