/**
 * The proxy's side of the store: a shared store is read when it answers; when it fails or is slow,
 * the request carries on, writes are skipped and reads come from this instance's own memory.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryStore } from '../../src/server/memory-store.js';
import type { ObservationStore, RequestObservation } from '../../src/server/observation-store.js';
import { SessionObservations, StoreTimeout } from '../../src/server/session-observations.js';

const seen = (fingerprint: string, jti = 'jti_1'): RequestObservation => ({ sid: 'sess_A', jti, fingerprint, inconsistencies: [], evidence: [] });

/** A store whose every call fails, or never answers. */
function brokenStore(mode: 'rejects' | 'hangs'): ObservationStore {
  const fail = () => (mode === 'rejects' ? Promise.reject(new Error('connection refused')) : new Promise<never>(() => {}));
  return { observe: fail, addInconsistencies: fail, read: fail };
}

test("instances over one shared store see each other's requests", async () => {
  const shared = memoryStore();
  const one = new SessionObservations(shared);
  const two = new SessionObservations(shared);
  await one.observe(seen('chrome'));
  await two.observe(seen('firefox'));
  await one.addInconsistencies('sess_A', ['reported_mobile_mismatch']);
  assert.deepEqual(await two.behaviorSignals('sess_A'), { requestSpoofAttempts: 1, userAgentInconsistencies: 1, headerEvidence: [] });
});

test("a store that fails: the request carries on, the counts are this instance's own, the error is reported", async () => {
  const errors: unknown[] = [];
  const observations = new SessionObservations(brokenStore('rejects'), { onError: (error) => errors.push(error) });
  await observations.observe(seen('chrome'));
  await observations.observe(seen('firefox'));
  await observations.addInconsistencies('sess_A', ['platform_mismatch']);
  assert.deepEqual(await observations.behaviorSignals('sess_A'), { requestSpoofAttempts: 1, userAgentInconsistencies: 1, headerEvidence: [] });
  assert.equal(errors.length, 4);
  assert.ok(errors.every((error) => error instanceof Error && error.message === 'connection refused'));
});

test('a store that does not answer is given up on after timeoutMs', async () => {
  const errors: unknown[] = [];
  const observations = new SessionObservations(brokenStore('hangs'), { timeoutMs: 20, onError: (error) => errors.push(error) });
  const started = Date.now();
  await observations.observe(seen('chrome'));
  await observations.observe(seen('firefox'));
  assert.equal((await observations.behaviorSignals('sess_A')).requestSpoofAttempts, 1);
  assert.ok(Date.now() - started < 1000);
  assert.equal(errors.length, 3);
  assert.ok(errors.every((error) => error instanceof StoreTimeout));
});

test('a store that throws synchronously, or an error handler that throws, fails nothing', async () => {
  const throwing: ObservationStore = {
    observe: () => {
      throw new Error('not a promise');
    },
    addInconsistencies: () => {
      throw new Error('not a promise');
    },
    read: () => {
      throw new Error('not a promise');
    },
  };
  const observations = new SessionObservations(throwing, {
    onError: () => {
      throw new Error('the handler broke too');
    },
  });
  await observations.observe(seen('chrome'));
  await observations.addInconsistencies('sess_A', ['mobile_mismatch']);
  assert.deepEqual(await observations.behaviorSignals('sess_A'), { requestSpoofAttempts: 0, userAgentInconsistencies: 1, headerEvidence: [] });
});

test("without a store, this instance's memory is the store", async () => {
  const observations = new SessionObservations(undefined);
  await observations.observe(seen('chrome'));
  await observations.observe(seen('firefox', 'jti_2'));
  assert.equal((await observations.behaviorSignals('sess_A')).requestSpoofAttempts, 1);
});
