import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProxy } from '../../src/server/proxy.js';
import { createClientToken } from '../../src/server/client-token.js';
import { API_KEY, TOKEN_SECRET, errorOf, setup } from './helpers.js';

test('a request without a token is refused with 401 missing_token and never forwarded', async () => {
  const { call, upstream } = setup();
  const response = await call('GET', '/identity/sessions/sess_A');
  assert.equal(response.status, 401);
  assert.equal((await errorOf(response)).code, 'missing_token');
  assert.equal(response.headers.get('www-authenticate'), 'Bearer');
  assert.equal(upstream.requests.length, 0);
});

test('an expired token is 401 token_expired, so the widget knows to refresh', async () => {
  const { call, token, advance, upstream } = setup();
  const t = await token('sess_A', { expiresIn: 60 });
  assert.equal((await call('GET', '/identity/sessions/sess_A', { token: t })).status, 200);
  advance(60_000);
  const response = await call('GET', '/identity/sessions/sess_A', { token: t });
  assert.equal(response.status, 401);
  assert.equal((await errorOf(response)).code, 'token_expired');
  assert.equal(upstream.requests.length, 1);
});

test('forged and malformed tokens are 401 invalid_token', async () => {
  const { call, upstream } = setup();
  const forged = await createClientToken({ sessionId: 'sess_A', secret: 'an-attackers-own-secret-0123456789abc' });
  for (const token of [forged, 'garbage', 'bvt.e30.AAAA']) {
    const response = await call('GET', '/identity/sessions/sess_A', { token });
    assert.equal(response.status, 401, token);
    assert.equal((await errorOf(response)).code, 'invalid_token');
  }
  const basic = await call('GET', '/identity/sessions/sess_A', { headers: { Authorization: 'Basic dXNlcjpwYXNz' } });
  assert.equal((await errorOf(basic)).code, 'invalid_token');
  assert.equal(upstream.requests.length, 0);
});

test('a secret key sent from a browser is refused and never forwarded, however it is sent', async () => {
  const { call, upstream } = setup();
  const leaks: { headers: Record<string, string> }[] = [
    { headers: { Authorization: `Bearer ${API_KEY}` } },
    { headers: { Authorization: API_KEY } },
    { headers: { 'X-Api-Key': 'sk_production_abc123' } },
  ];
  for (const leak of leaks) {
    const response = await call('GET', '/identity/sessions/sess_A', leak);
    assert.equal(response.status, 401);
    const error = await errorOf(response);
    assert.equal(error.code, 'secret_key_refused');
    assert.ok(!JSON.stringify(error).includes(API_KEY));
  }
  const inQuery = await call('GET', '/identity/sessions/sess_A?api_key=sk_staging_x', {});
  assert.equal((await errorOf(inQuery)).code, 'secret_key_refused');
  assert.equal(upstream.requests.length, 0);
});

test('the proxy refuses to start with a weak token secret or with the API key as token secret', () => {
  assert.throws(() => createProxy({ apiKey: API_KEY, tokenSecret: 'short' }), TypeError);
  assert.throws(() => createProxy({ apiKey: API_KEY, tokenSecret: API_KEY }), TypeError);
  assert.throws(() => createProxy({ apiKey: '', tokenSecret: TOKEN_SECRET }), TypeError);
});
