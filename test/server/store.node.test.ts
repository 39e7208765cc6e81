/**
 * The observation store contract, run against both implementations: memoryStore() and
 * redisStore() over a real redis-server started here. Then what each adds of its own.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryStore } from '../../src/server/memory-store.js';
import type { ObservationStore, RequestObservation } from '../../src/server/observation-store.js';
import { RedisNotReady, redisStore } from '../../src/server/redis-store.js';
import { NO_REDIS, useRedisServer } from './redis-server.js';

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0.0.0\n"Chromium";v="126"\n?0\n"Linux"';
const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Firefox/128.0\n\n\n';

const seen = (sid: string, fingerprint: string, extra: Partial<RequestObservation> = {}): RequestObservation => ({
  sid,
  jti: 'jti_1',
  fingerprint,
  inconsistencies: [],
  evidence: [],
  ...extra,
});

const { client, prefix: newPrefix } = useRedisServer();

interface Backend {
  name: string;
  skip: string | false;
  /** Two stores over one backend: for memory the same store, for Redis two clients with one prefix. */
  pair(options?: { ttlSeconds?: number }): Promise<[ObservationStore, ObservationStore]>;
}

const backends: Backend[] = [
  {
    name: 'memoryStore',
    skip: false,
    async pair(options = {}) {
      const store = memoryStore(options);
      return [store, store];
    },
  },
  {
    name: 'redisStore',
    skip: NO_REDIS,
    async pair(options = {}) {
      // A prefix per test: the tests share one server and must not see each other's sessions.
      const prefix = newPrefix('test');
      return [redisStore(await client(), { prefix, ...options }), redisStore(await client(), { prefix, ...options })];
    },
  },
];

for (const backend of backends) {
  describe(`the store contract: ${backend.name}`, { skip: backend.skip }, () => {
    test('a session never seen has no signals', async () => {
      const [store] = await backend.pair();
      assert.deepEqual(await store.read('sess_none'), { requestSpoofAttempts: 0, userAgentInconsistencies: [], evidence: [] });
    });

    test('requests from the first device are not spoofed; each from another device counts, summed over tokens', async () => {
      const [store] = await backend.pair();
      await store.observe(seen('sess_A', CHROME));
      await store.observe(seen('sess_A', CHROME));
      assert.equal((await store.read('sess_A')).requestSpoofAttempts, 0);
      await store.observe(seen('sess_A', FIREFOX));
      await store.observe(seen('sess_A', FIREFOX, { jti: 'jti_2' }));
      await store.observe(seen('sess_A', FIREFOX, { jti: 'jti_2' }));
      assert.equal((await store.read('sess_A')).requestSpoofAttempts, 3);
    });

    test('a token issued for another User-Agent counts even from the first device', async () => {
      const [store] = await backend.pair();
      await store.observe(seen('sess_A', CHROME, { matchesTokenDevice: false }));
      await store.observe(seen('sess_A', CHROME, { matchesTokenDevice: true }));
      assert.equal((await store.read('sess_A')).requestSpoofAttempts, 1);
    });

    test('inconsistencies and evidence are kept once each, from observe() and addInconsistencies()', async () => {
      const [store] = await backend.pair();
      await store.observe(seen('sess_A', CHROME, { inconsistencies: ['mobile_mismatch'], evidence: ['headless_ua'] }));
      await store.observe(seen('sess_A', CHROME, { inconsistencies: ['mobile_mismatch', 'platform_mismatch'], evidence: ['headless_ua', 'ua_ch_missing'] }));
      await store.addInconsistencies('sess_A', ['reported_platform_mismatch', 'mobile_mismatch']);
      await store.addInconsistencies('sess_A', []);
      const signals = await store.read('sess_A');
      assert.deepEqual(signals.userAgentInconsistencies.sort(), ['mobile_mismatch', 'platform_mismatch', 'reported_platform_mismatch']);
      assert.deepEqual(signals.evidence.sort(), ['headless_ua', 'ua_ch_missing']);
      assert.equal(signals.requestSpoofAttempts, 0);
    });

    test('inconsistencies recorded before any request do not make the next request spoofed', async () => {
      const [store] = await backend.pair();
      await store.addInconsistencies('sess_A', ['reported_mobile_mismatch']);
      await store.observe(seen('sess_A', FIREFOX));
      assert.deepEqual(await store.read('sess_A'), { requestSpoofAttempts: 0, userAgentInconsistencies: ['reported_mobile_mismatch'], evidence: [] });
    });

    test('sessions are kept apart', async () => {
      const [store] = await backend.pair();
      await store.observe(seen('sess_A', CHROME));
      await store.observe(seen('sess_B', FIREFOX, { evidence: ['webdriver'] }));
      await store.observe(seen('sess_A', FIREFOX));
      assert.equal((await store.read('sess_A')).requestSpoofAttempts, 1);
      assert.deepEqual(await store.read('sess_B'), { requestSpoofAttempts: 0, userAgentInconsistencies: [], evidence: ['webdriver'] });
    });

    test("two instances racing on a session's first requests agree on the first device and lose no count", async () => {
      const [one, two] = await backend.pair();
      const requests = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? one : two).observe(seen('sess_A', i % 4 < 2 ? CHROME : FIREFOX)));
      await Promise.all(requests);
      // Ten requests from each device: whichever came first, the other's ten are the spoofed ones.
      assert.equal((await one.read('sess_A')).requestSpoofAttempts, 10);
      assert.equal((await two.read('sess_A')).requestSpoofAttempts, 10);
    });

    test("requests for 10,000 other sessions do not reset a session's count", async () => {
      const [store] = await backend.pair();
      await store.observe(seen('sess_A', CHROME));
      await store.observe(seen('sess_A', FIREFOX));
      await store.observe(seen('sess_A', FIREFOX));
      for (let batch = 0; batch < 100; batch++) {
        await Promise.all(Array.from({ length: 100 }, (_, i) => store.observe(seen(`sess_other_${batch * 100 + i}`, CHROME, { jti: `jti_${i}` }))));
      }
      await store.observe(seen('sess_A', CHROME));
      assert.equal((await store.read('sess_A')).requestSpoofAttempts, 2);
      assert.equal((await store.read('sess_other_9999')).requestSpoofAttempts, 0);
    });
  });
}

describe('memoryStore', () => {
  test("a session's record expires ttlSeconds after its last write, not after its first", async () => {
    let clock = 0;
    const store = memoryStore({ ttlSeconds: 60, now: () => clock });
    await store.observe(seen('sess_A', CHROME));
    clock = 50_000;
    await store.observe(seen('sess_A', FIREFOX));
    clock = 100_000; // 100 s after the first write, 50 s after the last
    assert.equal((await store.read('sess_A')).requestSpoofAttempts, 1);
    clock = 110_000;
    assert.equal((await store.read('sess_A')).requestSpoofAttempts, 0);
    // Forgotten entirely: the next request's device is the session's first again.
    await store.observe(seen('sess_A', FIREFOX));
    assert.equal((await store.read('sess_A')).requestSpoofAttempts, 0);
  });

  test('beyond maxSessions, ordinary sessions go before sessions holding a finding, least recently observed first', async () => {
    const store = memoryStore({ maxSessions: 3 });
    await store.observe(seen('sess_spoofed', CHROME));
    await store.observe(seen('sess_spoofed', FIREFOX));
    await store.observe(seen('sess_evidence', CHROME, { evidence: ['webdriver'] }));
    await store.observe(seen('sess_plain_1', CHROME));
    await store.observe(seen('sess_plain_2', CHROME)); // one too many: sess_plain_1 goes
    await store.observe(seen('sess_plain_1', FIREFOX));
    assert.equal((await store.read('sess_plain_1')).requestSpoofAttempts, 0, 'forgotten, so Firefox became its first device');
    assert.equal((await store.read('sess_spoofed')).requestSpoofAttempts, 1);
    assert.deepEqual((await store.read('sess_evidence')).evidence, ['webdriver']);

    // Only when every record holds a finding does the least recently observed of them go.
    await store.observe(seen('sess_flagged', CHROME, { inconsistencies: ['mobile_mismatch'] }));
    await store.observe(seen('sess_flagged_2', CHROME, { inconsistencies: ['mobile_mismatch'] }));
    assert.equal((await store.read('sess_spoofed')).requestSpoofAttempts, 0);
    assert.deepEqual((await store.read('sess_evidence')).evidence, ['webdriver']);
  });

  test('refuses a bound or a TTL that is not a positive whole number', () => {
    assert.throws(() => memoryStore({ maxSessions: 0 }), RangeError);
    assert.throws(() => memoryStore({ ttlSeconds: 0.5 }), RangeError);
  });
});

describe('redisStore', { skip: NO_REDIS }, () => {
  test('one hash per session under the prefix, with a TTL refreshed on every write, and no header text in it', async () => {
    const redisClient = await client();
    const store = redisStore(redisClient, { prefix: 'layout:', ttlSeconds: 3600 });
    await store.observe(seen('sess_A', CHROME, { evidence: ['ua_ch_missing'], inconsistencies: ['client_hints_missing'] }));
    await store.observe(seen('sess_A', FIREFOX, { jti: 'jti_2' }));
    assert.deepEqual(await redisClient.keys('layout:*'), ['layout:sess_A']);
    const ttl = await redisClient.ttl('layout:sess_A');
    assert.ok(ttl > 3590 && ttl <= 3600, `ttl ${ttl}`);

    const hash = await redisClient.hGetAll('layout:sess_A');
    assert.deepEqual(Object.keys(hash).sort(), ['e:ua_ch_missing', 'fp', 'i:client_hints_missing', 's:jti_2']);
    assert.equal(hash['s:jti_2'], '1');
    assert.match(hash.fp!, /^[0-9a-f]{32}$/, 'a digest of the fingerprint');
    assert.ok(!JSON.stringify(hash).includes('Mozilla'));

    await redisClient.expire('layout:sess_A', 10);
    await store.addInconsistencies('sess_A', ['reported_mobile_mismatch']);
    assert.ok((await redisClient.ttl('layout:sess_A')) > 3590, 'addInconsistencies refreshes the TTL too');
  });

  test("a session's record is gone ttlSeconds after its last write", async () => {
    const store = redisStore(await client(), { prefix: 'expiry:', ttlSeconds: 1 });
    await store.observe(seen('sess_A', CHROME));
    await store.observe(seen('sess_A', FIREFOX));
    assert.equal((await store.read('sess_A')).requestSpoofAttempts, 1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal((await store.read('sess_A')).requestSpoofAttempts, 0);
  });

  test('evidence ids this version does not know are not reported', async () => {
    const redisClient = await client();
    await redisClient.hSet('unknown:sess_A', { fp: 'x', 'e:webdriver': '1', 'e:from_a_future_version': '1', 's:jti_1': '2', other: '1' });
    const signals = await redisStore(redisClient, { prefix: 'unknown:' }).read('sess_A');
    assert.deepEqual(signals, { requestSpoofAttempts: 2, userAgentInconsistencies: [], evidence: ['webdriver'] });
  });

  test('a client that is not connected fails at once instead of queueing the command', async () => {
    const redisClient = await client();
    redisClient.destroy();
    const store = redisStore(redisClient);
    await assert.rejects(store.observe(seen('sess_A', CHROME)), RedisNotReady);
    await assert.rejects(store.read('sess_A'), RedisNotReady);
  });

  test('refuses a TTL that is not a positive whole number', async () => {
    assert.throws(() => redisStore({ eval: async () => 1 }, { ttlSeconds: 0 }), RangeError);
  });
});
