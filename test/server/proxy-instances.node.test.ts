/**
 * Many proxy instances: three sharing one Redis in front of the real sandbox, one of them
 * restarted mid-flow, keep one count per session; other sessions' traffic does not reset it; and a
 * Redis that goes away fails no applicant's request.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSandbox } from '../../src/sandbox/index.js';
import { createClientToken } from '../../src/server/client-token.js';
import type { ObservationStore } from '../../src/server/observation-store.js';
import { createProxy, type ProxyHandler } from '../../src/server/proxy.js';
import { redisStore } from '../../src/server/redis-store.js';
import { CHROME_LINUX, FIREFOX_WINDOWS, setup, T0, TOKEN_SECRET } from './helpers.js';
import { NO_REDIS, startRedisServer, useRedisServer } from './redis-server.js';

type Json = Record<string, any>;

const { client, prefix: newPrefix } = useRedisServer();

const quietBehavior = {
  completion_time_seconds: 80,
  bot_score: 0,
  threat_level: 'low',
  request_spoof_attempts: 0,
  user_agent_spoof_attempts: 0,
  devtools_open: false,
};
const behaviorPatch = (sid: string) => ({
  data: { type: 'session', id: sid, attributes: { behavior_analysis: quietBehavior } },
  meta: { evidence: [], interactions: 25 },
});

/** The sandbox, a session in it, and a way to call any proxy instance in front of it as a browser. */
async function sandboxWorld() {
  const now = () => T0;
  const sandbox = createSandbox({ apiKey: 'sk_staging_proxy_instances_tests_0001', now, processingDelayMs: 1000 });
  const errors: unknown[] = [];

  async function backend(method: string, path: string, body?: unknown): Promise<Json> {
    const response = await sandbox.fetch(
      new Request(`http://sandbox.test/v1${path}`, {
        method,
        headers: { 'X-Api-Key': sandbox.apiKey, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
    return response.json() as Promise<Json>;
  }

  const account = await backend('POST', '/identity/accounts', { data: { type: 'account', attributes: {} } });
  const session = await backend('POST', '/identity/sessions', {
    data: { type: 'session', relationships: { account: { data: { type: 'account', id: account.data.id } } } },
    meta: { sandbox: { scenario: 'pass' } },
  });
  const sid: string = session.data.id;
  const token = await createClientToken({ sessionId: sid, secret: TOKEN_SECRET, now, expiresIn: 600 });

  const proxy = (store?: ObservationStore): ProxyHandler =>
    createProxy({
      apiKey: sandbox.apiKey,
      tokenSecret: TOKEN_SECRET,
      upstream: sandbox.fetch,
      basePath: '/beltic',
      now,
      store,
      onStoreError: (error) => errors.push(error),
    });

  async function browser(instance: ProxyHandler, device: Record<string, string>, method: string, path: string, body?: unknown) {
    const headers = new Headers({ ...device, Authorization: `Bearer ${token}` });
    if (body !== undefined) headers.set('Content-Type', 'application/json');
    const response = await instance(
      new Request(`https://shop.example/beltic${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
    );
    const text = await response.text();
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : null) as Json;
  }

  return { sid, backend, proxy, browser, errors };
}

/** What one instance is started with; stop() is its process going away. */
interface InstanceSetup {
  store?: ObservationStore;
  stop?: () => void;
}

/**
 * The widget's flow spread round-robin over three instances, with three requests replaying the
 * token from another browser (Firefox on Windows) and instance 1 replaced by a new one midway.
 * Returns what the sandbox stored from the final PATCH.
 */
async function flowAcrossThreeInstances(start: () => Promise<InstanceSetup>) {
  const world = await sandboxWorld();
  const { sid, browser } = world;
  const launch = async () => {
    const setup = await start();
    return { handler: world.proxy(setup.store), stop: setup.stop };
  };
  const instances = [await launch(), await launch(), await launch()];
  let turn = 0;
  const next = () => instances[turn++ % 3]!.handler;

  await browser(next(), CHROME_LINUX, 'GET', `/identity/sessions/${sid}`);
  await browser(next(), CHROME_LINUX, 'POST', `/identity/sessions/${sid}/start`);
  const device = await browser(next(), CHROME_LINUX, 'POST', '/identity/session-devices', {
    data: {
      type: 'session_device',
      attributes: { device_type: 'desktop', ua_platform: 'Linux' },
      relationships: { session: { data: { type: 'session', id: sid } } },
    },
  });
  await browser(next(), FIREFOX_WINDOWS, 'GET', `/identity/sessions/${sid}`); // spoofed, instance 0
  await browser(next(), FIREFOX_WINDOWS, 'GET', `/identity/sessions/${sid}`); // spoofed, instance 1

  instances[1]!.stop?.();
  instances[1] = await launch();

  await browser(next(), CHROME_LINUX, 'GET', `/identity/session-devices/${device.data.id}`);
  await browser(next(), FIREFOX_WINDOWS, 'GET', `/identity/sessions/${sid}`); // spoofed, instance 0
  await browser(next(), CHROME_LINUX, 'PATCH', `/identity/sessions/${sid}`, behaviorPatch(sid)); // the new instance 1

  const stored = (await world.backend('GET', `/identity/sessions/${sid}`)).data.attributes.behavior_analysis;
  return { stored, errors: world.errors };
}

test('three instances sharing one Redis, one restarted midway, keep one count: the PATCH carries all three spoofed requests', { skip: NO_REDIS }, async () => {
  const prefix = newPrefix('flow');
  const { stored, errors } = await flowAcrossThreeInstances(async () => {
    const redisClient = await client(); // each instance its own connection, as separate processes would have
    return { store: redisStore(redisClient, { prefix }), stop: () => redisClient.destroy() };
  });
  assert.equal(stored.request_spoof_attempts, 3);
  assert.equal(stored.threat_level, 'high');
  assert.deepEqual(errors, []);
});

test('the same flow with memory only: the restarted instance counts nothing (what the shared store is for)', async () => {
  const { stored } = await flowAcrossThreeInstances(async () => ({}));
  assert.equal(stored.request_spoof_attempts, 0);
  assert.equal(stored.threat_level, 'low');
});

/** The last PATCH the fake upstream received: its behavior block. */
function lastBehavior(requests: { method: string; body: string }[]) {
  return JSON.parse(requests.filter((r) => r.method === 'PATCH').at(-1)!.body).data.attributes.behavior_analysis;
}

const stores: { name: string; skip: string | false; store: () => Promise<ObservationStore | undefined> }[] = [
  { name: 'the default memory store', skip: false, store: async () => undefined },
  { name: 'Redis', skip: NO_REDIS, store: async () => redisStore(await client(), { prefix: newPrefix('crowd') }) },
];

for (const { name, skip, store } of stores) {
  test(`requests for 10,000 other sessions do not reset a session's spoof count (${name})`, { skip }, async () => {
    const errors: unknown[] = [];
    const { call, token, upstream } = setup({ store: await store(), onStoreError: (error) => errors.push(error) });
    const t = await token('sess_A');
    await call('GET', '/identity/sessions/sess_A', { token: t });
    await call('GET', '/identity/sessions/sess_A', { token: t, headers: FIREFOX_WINDOWS });
    await call('GET', '/identity/sessions/sess_A', { token: t, headers: FIREFOX_WINDOWS });

    for (let batch = 0; batch < 100; batch++) {
      await Promise.all(
        Array.from({ length: 100 }, async (_, i) => {
          const sid = `sess_other_${batch * 100 + i}`;
          await call('GET', `/identity/sessions/${sid}`, { token: await token(sid) });
        }),
      );
    }

    const patched = await call('PATCH', '/identity/sessions/sess_A', { token: t, body: behaviorPatch('sess_A') });
    assert.equal(patched.status, 200);
    assert.equal(lastBehavior(upstream.requests).request_spoof_attempts, 2);
    assert.equal(lastBehavior(upstream.requests).threat_level, 'high');
    assert.deepEqual(errors, []);
  });
}

test('Redis going away mid-flow fails no request: counts fall back to what this instance saw, the error is reported', { skip: NO_REDIS }, async () => {
  const ownServer = await startRedisServer();
  try {
    const errors: unknown[] = [];
    const { call, token, upstream } = setup({ store: redisStore(await client(ownServer.url)), onStoreError: (error) => errors.push(error) });
    const t = await token('sess_A');
    assert.equal((await call('GET', '/identity/sessions/sess_A', { token: t })).status, 200);
    assert.equal((await call('GET', '/identity/sessions/sess_A', { token: t, headers: FIREFOX_WINDOWS })).status, 200);
    assert.deepEqual(errors, []);

    await ownServer.stop();
    assert.equal((await call('GET', '/identity/sessions/sess_A', { token: t, headers: FIREFOX_WINDOWS })).status, 200);
    const patched = await call('PATCH', '/identity/sessions/sess_A', { token: t, body: behaviorPatch('sess_A') });
    assert.equal(patched.status, 200);
    assert.equal(lastBehavior(upstream.requests).request_spoof_attempts, 2, "this instance's own count of the spoofed requests");
    assert.ok(errors.length >= 2, `errors reported: ${errors.length}`);
  } finally {
    await ownServer.stop();
  }
});

test('a store that rejects every call fails no request either', async () => {
  const refused = () => Promise.reject(new Error('ECONNREFUSED'));
  const errors: unknown[] = [];
  const { call, token, upstream } = setup({
    store: { observe: refused, addInconsistencies: refused, read: refused },
    onStoreError: (error) => errors.push(error),
  });
  const t = await token('sess_A');
  assert.equal((await call('GET', '/identity/sessions/sess_A', { token: t })).status, 200);
  assert.equal((await call('GET', '/identity/sessions/sess_A', { token: t, headers: FIREFOX_WINDOWS })).status, 200);
  assert.equal((await call('PATCH', '/identity/sessions/sess_A', { token: t, body: behaviorPatch('sess_A') })).status, 200);
  assert.equal(lastBehavior(upstream.requests).request_spoof_attempts, 1);
  assert.equal(errors.length, 4); // three observations and the PATCH's read
});
