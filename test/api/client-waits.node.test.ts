// The client's waits are bounded (src/api/waits.ts): a Retry-After over the cap (seconds or an HTTP
// date) is not waited, the request fails at once with its retryable error; backoff steps are capped,
// and so are all the waits of one request together. And a failed token refresh is retryable.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BelticClient, type ClientOptions } from '../../src/api/client.js';
import { ApiError } from '../../src/api/errors.js';
import { boundedWait, MAX_BACKOFF_MS, MAX_SERVER_WAIT_MS } from '../../src/api/waits.js';

type Answer = { status: number; headers?: Record<string, string>; body?: unknown };
const realFetch = globalThis.fetch;
const SESSION = { data: { type: 'session', id: 'sess_1', attributes: { status: 'started' } } };
const ok: Answer = { status: 200, body: SESSION };
const limited = (retryAfter: string): Answer => ({
  status: 429,
  headers: { 'Retry-After': retryAfter },
  body: { errors: [{ status: '429', code: 'rate_limited', title: 'Too many requests' }] },
});
const unavailable = (retryAfter?: string): Answer => ({
  status: 503,
  headers: retryAfter === undefined ? {} : { 'Retry-After': retryAfter },
  body: { errors: [{ status: '503', code: 'unavailable', title: 'Service unavailable' }] },
});
const unauthorized: Answer = { status: 401, body: { errors: [{ status: '401', code: 'invalid_token', title: 'Unauthorized' }] } };

/** Plays `answers` in order (the last one again once they run out); records the Authorization of each call. */
function stubFetch(answers: Answer[]): string[] {
  const sent: string[] = [];
  let next = 0;
  globalThis.fetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
    sent.push(new Headers(init?.headers).get('Authorization') ?? '');
    const answer = answers[Math.min(next++, answers.length - 1)]!;
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'Content-Type': 'application/json', ...answer.headers },
    });
  }) as typeof fetch;
  return sent;
}

function client(options: Partial<ClientOptions> = {}) {
  const sleeps: number[] = [];
  const c = new BelticClient({
    apiBase: 'https://shop.example/beltic',
    token: () => 'ct_token',
    sleep: async (ms) => void sleeps.push(ms),
    ...options,
  });
  return { c, sleeps };
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiError, `not an ApiError: ${error}`);
    return error;
  }
  throw new Error('expected the request to fail');
}

const httpDate = (fromNowMs: number) => new Date(Date.now() + fromNowMs).toUTCString();

describe('BelticClient waits', () => {
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('the cap is two minutes, shared with the uploads', () => {
    assert.equal(MAX_SERVER_WAIT_MS, 120_000);
    assert.equal(boundedWait(120_000, 0), 120_000);
    assert.equal(boundedWait(120_001, 0), null);
    assert.equal(boundedWait(30_000, 100_000), null, 'all the waits together');
    assert.equal(boundedWait(Number.NaN, 0), null);
  });

  for (const [form, value] of [
    ['seconds', '3600'],
    ['an HTTP date', httpDate(3_600_000)],
  ] as const) {
    it(`a 429 whose Retry-After (${form}) is over the cap fails at once, retryable, without waiting`, async () => {
      const sent = stubFetch([limited(value), ok]);
      const { c, sleeps } = client();
      const error = await rejection(c.sessionStatus('sess_1'));
      assert.equal(error.code, 'rate_limited');
      assert.equal(error.retryable, true);
      assert.ok(error.retryAfterMs! > MAX_SERVER_WAIT_MS);
      assert.deepEqual(sleeps, []);
      assert.equal(sent.length, 1);
    });

    it(`a Retry-After (${form}) within the cap is waited, then the call is retried`, async () => {
      const within = form === 'seconds' ? '90' : httpDate(90_000);
      stubFetch([limited(within), ok]);
      const { c, sleeps } = client();
      assert.equal(await c.sessionStatus('sess_1'), 'started');
      assert.equal(sleeps.length, 1);
      assert.ok(sleeps[0]! > 85_000 && sleeps[0]! <= 90_000, `waited ${sleeps[0]}`);
    });
  }

  it('a 503 with a long Retry-After keeps its code (server) and fails at once', async () => {
    stubFetch([unavailable('3600'), ok]);
    const { c, sleeps } = client();
    const error = await rejection(c.sessionStatus('sess_1'));
    assert.equal(error.code, 'server');
    assert.equal(error.retryable, true);
    assert.deepEqual(sleeps, []);
  });

  it('the waits of one request together stay within the cap', async () => {
    // 100 s is fine alone; a second one would take the request to 200 s.
    const sent = stubFetch([limited('100'), limited('100'), ok]);
    const { c, sleeps } = client();
    const error = await rejection(c.sessionStatus('sess_1'));
    assert.equal(error.code, 'rate_limited');
    assert.deepEqual(sleeps, [100_000]);
    assert.equal(sent.length, 2);
  });

  it('backoff steps are capped, and so is their sum', async () => {
    stubFetch([unavailable()]);
    const { c, sleeps } = client({ baseDelayMs: 60_000, maxRetries: 100 });
    const error = await rejection(c.sessionStatus('sess_1'));
    assert.equal(error.code, 'server');
    assert.ok(sleeps.length >= 4, `waited ${sleeps.length} times`);
    assert.ok(
      sleeps.every((ms) => ms <= MAX_BACKOFF_MS),
      `a step over ${MAX_BACKOFF_MS}: ${sleeps}`,
    );
    assert.ok(sleeps.reduce((a, b) => a + b, 0) <= MAX_SERVER_WAIT_MS);
  });

  it('the cap can be lowered (tests): a 2 s Retry-After over a 1 s cap is not waited', async () => {
    stubFetch([limited('2'), ok]);
    const { c, sleeps } = client({ maxServerWaitMs: 1000 });
    assert.equal((await rejection(c.sessionStatus('sess_1'))).code, 'rate_limited');
    assert.deepEqual(sleeps, []);
  });
});

describe('BelticClient token refresh', () => {
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('a refresher that rejects gives the retryable token_refresh_failed; the next request asks again and goes on', async () => {
    let token = 'ct_old';
    let asked = 0;
    const sent = stubFetch([unauthorized, unauthorized, ok]);
    const { c } = client({
      token: () => token,
      refreshToken: async () => {
        asked += 1;
        if (asked === 1) throw new Error('the integrator backend is down');
        token = 'ct_new';
        return token;
      },
    });
    const error = await rejection(c.sessionStatus('sess_1'));
    assert.equal(error.code, 'token_refresh_failed');
    assert.equal(error.retryable, true);
    assert.match(error.message, /getClientToken failed \(the integrator backend is down\)/);
    assert.equal((error.cause as Error).message, 'the integrator backend is down');
    assert.equal(await c.sessionStatus('sess_1'), 'started');
    assert.equal(asked, 2);
    assert.deepEqual(sent, ['Bearer ct_old', 'Bearer ct_old', 'Bearer ct_new']);
  });

  it('without a refresher, or one that says none can be had (null), a 401 stays unauthorized and final', async () => {
    for (const refreshToken of [undefined, async () => null]) {
      stubFetch([unauthorized]);
      const { c } = client({ refreshToken });
      const error = await rejection(c.sessionStatus('sess_1'));
      assert.equal(error.code, 'unauthorized');
      assert.equal(error.retryable, false);
    }
  });
});
