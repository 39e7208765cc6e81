import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClientTokenError, createClientToken, userAgentHash, verifyClientToken } from '../../src/server/client-token.js';

const secret = 'test-token-secret-0123456789abcdef';
const t0 = Date.UTC(2025, 0, 1, 12, 0, 0);
const at = (ms: number) => () => ms;

async function rejectsWith(promise: Promise<unknown>, code: string) {
  await assert.rejects(promise, (error: unknown) => error instanceof ClientTokenError && error.code === code);
}

test('a token round-trips its claims and carries nothing but them', async () => {
  const token = await createClientToken({ sessionId: 'sess_01ABC', secret, now: at(t0) });
  assert.match(token, /^bvt\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  const claims = await verifyClientToken(token, secret, at(t0 + 1000));
  assert.equal(claims.sid, 'sess_01ABC');
  assert.equal(claims.iat, t0 / 1000);
  assert.equal(claims.exp, t0 / 1000 + 900);
  assert.match(claims.jti, /^[A-Za-z0-9_-]{16,}$/);
  const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
  assert.deepEqual(Object.keys(payload).sort(), ['exp', 'iat', 'jti', 'sid']);
  assert.ok(!token.includes(secret));
});

test('two tokens for one session have different ids', async () => {
  const a = await verifyClientToken(await createClientToken({ sessionId: 's', secret, now: at(t0) }), secret, at(t0));
  const b = await verifyClientToken(await createClientToken({ sessionId: 's', secret, now: at(t0) }), secret, at(t0));
  assert.notEqual(a.jti, b.jti);
});

test('expiry is honoured to the second with the injected clock', async () => {
  const token = await createClientToken({ sessionId: 's', secret, expiresIn: 60, now: at(t0) });
  await verifyClientToken(token, secret, at(t0 + 59_999));
  await rejectsWith(verifyClientToken(token, secret, at(t0 + 60_000)), 'expired');
});

test('a token signed with another secret, or with altered claims, is refused as bad_signature', async () => {
  const token = await createClientToken({ sessionId: 'sess_A', secret, now: at(t0) });
  await rejectsWith(verifyClientToken(token, 'another-secret-0123456789abcdef-xyz', at(t0)), 'bad_signature');
  const [prefix, , signature] = token.split('.');
  const forged = Buffer.from(JSON.stringify({ sid: 'sess_B', iat: t0 / 1000, exp: t0 / 1000 + 900, jti: 'x' })).toString('base64url');
  await rejectsWith(verifyClientToken(`${prefix}.${forged}.${signature}`, secret, at(t0)), 'bad_signature');
  // an expired token with a bad signature says bad_signature: expiry is only read from signed claims
  await rejectsWith(verifyClientToken(`${prefix}.${forged}.${signature}`, secret, at(t0 + 10 ** 9)), 'bad_signature');
});

test('junk is malformed', async () => {
  for (const junk of ['', 'abc', 'bvt..', 'bvt.a.b.c', 'jwt.abc.def', 'bvt.@@@.abc', 'x'.repeat(5000)]) {
    await rejectsWith(verifyClientToken(junk, secret, at(t0)), 'malformed');
  }
});

test('correctly signed but meaningless claims are malformed', async () => {
  const { subtle } = crypto;
  const key = await subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const sign = async (claims: unknown) => {
    const body = `bvt.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    const sig = Buffer.from(await subtle.sign('HMAC', key, new TextEncoder().encode(body))).toString('base64url');
    return `${body}.${sig}`;
  };
  await rejectsWith(verifyClientToken(await sign({ sid: 's', iat: 1, exp: 'never', jti: 'j' }), secret, at(t0)), 'malformed');
  await rejectsWith(verifyClientToken(await sign([1, 2]), secret, at(t0)), 'malformed');
  await rejectsWith(verifyClientToken(await sign({ sid: '', iat: 1, exp: 2 ** 40, jti: 'j' }), secret, at(t0)), 'malformed');
});

test('weak secrets and the Beltic key itself are refused as token secrets', async () => {
  await assert.rejects(createClientToken({ sessionId: 's', secret: 'short' }), TypeError);
  await assert.rejects(createClientToken({ sessionId: 's', secret: 'sk_staging_0123456789abcdef0123456789abcdef' }), /Beltic secret key/);
  await assert.rejects(createClientToken({ sessionId: '', secret }), TypeError);
  await assert.rejects(createClientToken({ sessionId: 's', secret, expiresIn: 0 }), RangeError);
  await assert.rejects(createClientToken({ sessionId: 's', secret, expiresIn: 10 ** 7 }), RangeError);
});

test('a device binding stores a hash of the user agent, never the user agent', async () => {
  const ua = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
  const token = await createClientToken({ sessionId: 's', secret, now: at(t0), device: { userAgent: ua } });
  const claims = await verifyClientToken(token, secret, at(t0));
  assert.equal(claims.uah, await userAgentHash(ua));
  assert.ok(!Buffer.from(token.split('.')[1]!, 'base64url').toString().includes('Chrome'));
});
