import { expect } from '@open-wc/testing';
import { clear, del, get, set } from 'idb-keyval';
import { BUCKET_NAME, DATABASE_NAME, openWidgetDatabase } from '../../src/storage/database.js';
import { createRecordStore, DEFAULT_TTL_MS } from '../../src/storage/records.js';
import { holdWidgetStore } from '../helpers/widget.js';
import { waitUntil } from '../helpers/wait.js';

/** The bit of the Storage Buckets API the tests look at (Chromium has it). */
const buckets = (navigator as { storageBuckets?: { keys(): Promise<string[]> } }).storageBuckets;

const HOUR = 60 * 60 * 1000;

/**
 * A clock the test moves by hand. It starts at the real time so that records written here look
 * fresh to other test files sharing this origin's IndexedDB (the runner's pages share one context).
 */
function manualClock(start = Date.now()) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((db) => db.name ?? '');
}

/**
 * Replaces window.indexedDB for the duration of `body`, as private modes and sandboxed iframes do
 * (where storage is refused, Storage Buckets are too: they are hidden as well).
 */
async function withIndexedDb(replacement: () => unknown, body: () => Promise<void>): Promise<void> {
  const own = Object.getOwnPropertyDescriptor(window, 'indexedDB');
  Object.defineProperty(window, 'indexedDB', { configurable: true, get: replacement });
  Object.defineProperty(navigator, 'storageBuckets', { configurable: true, value: undefined });
  try {
    await body();
  } finally {
    if (own) Object.defineProperty(window, 'indexedDB', own);
    else delete (window as { indexedDB?: unknown }).indexedDB; // back to the prototype's getter
    delete (navigator as { storageBuckets?: unknown }).storageBuckets;
  }
}

/** Test files run in parallel pages of one origin: each test keeps to its own key prefix. */
let p = '';
const k = (name: string) => `${p}${name}`;

describe('createRecordStore', () => {
  beforeEach(() => {
    p = `test-${crypto.randomUUID()}:`;
  });
  afterEach(async () => {
    await createRecordStore().wipe(p);
  });

  it('round-trips a structured value', async () => {
    const store = createRecordStore();
    const state = { step: 'capture_back', documentId: 'doc_1', sides: ['front'], at: new Date(0) };
    await store.save(k('sess_1:flow'), state);
    expect(await store.load(k('sess_1:flow'))).to.deep.equal(state);
    expect(await store.load(k('sess_1:missing'))).to.equal(null);
  });

  it('lives in its own "beltic-verify" database (in its own Storage Bucket where there are buckets), not idb-keyval\'s default keyval-store', async () => {
    const before = await databaseNames();
    const store = createRecordStore();
    await store.save(k('sess_1:flow'), { step: 'intro' });
    await store.saveBlob(k('sess_1:front'), new Blob(['x']));
    await store.load(k('sess_1:flow'));
    await store.sweepExpired();
    const created = (await databaseNames()).filter((name) => !before.includes(name));
    if (buckets) expect(await buckets.keys()).to.include(BUCKET_NAME);
    else expect(await databaseNames()).to.include(DATABASE_NAME);
    // Compared with before, as other test files of this origin may run alongside.
    expect(created).not.to.include('keyval-store');
  });

  it("is untouched when the host page clears idb-keyval's default store, and vice versa", async () => {
    const store = createRecordStore();
    await store.save(k('k'), 'ours');
    await set(k('k'), 'host page'); // the host's own idb-keyval usage
    await clear();
    expect(await store.load(k('k'))).to.equal('ours');
    await set(k('k'), 'host page');
    await store.wipe(p);
    expect(await store.load(k('k'))).to.equal(null);
    expect(await get(k('k'))).to.equal('host page');
    await del(k('k'));
  });

  it('expires values after the TTL (24 h by default) and deletes them', async () => {
    const clock = manualClock();
    const store = createRecordStore({ now: clock.now });
    await store.save(k('sess_1:flow'), { step: 'review' });

    clock.advance(DEFAULT_TTL_MS);
    expect(await store.load(k('sess_1:flow')), 'exactly at the TTL').to.deep.equal({ step: 'review' });

    clock.advance(1);
    expect(await store.load(k('sess_1:flow'))).to.equal(null);
    // Deleted, not just hidden: a store with a generous TTL does not find it either.
    expect(await createRecordStore({ ttlMs: 1000 * DEFAULT_TTL_MS, now: clock.now }).load(k('sess_1:flow'))).to.equal(null);
  });

  it('save refreshes the stamp, so an active flow does not expire', async () => {
    const clock = manualClock();
    const store = createRecordStore({ ttlMs: 2 * HOUR, now: clock.now });
    await store.save(k('f'), 1);
    clock.advance(1.5 * HOUR);
    await store.save(k('f'), 2);
    clock.advance(1.5 * HOUR);
    expect(await store.load(k('f'))).to.equal(2);
  });

  it('round-trips blobs, byte for byte and with their type, apart from values of the same key', async () => {
    const store = createRecordStore();
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 31) % 256);
    await store.saveBlob(k('sess_1:front'), new Blob([bytes], { type: 'image/jpeg' }));
    await store.save(k('sess_1:front'), { uploaded: false });

    const loaded = await store.loadBlob(k('sess_1:front'));
    expect(loaded).to.be.instanceOf(Blob);
    expect(loaded!.type).to.equal('image/jpeg');
    expect(new Uint8Array(await loaded!.arrayBuffer())).to.deep.equal(bytes);
    expect(await store.load(k('sess_1:front'))).to.deep.equal({ uploaded: false });

    await store.deleteBlob(k('sess_1:front'));
    expect(await store.loadBlob(k('sess_1:front'))).to.equal(null);
    expect(await store.load(k('sess_1:front')), 'the value stays').to.deep.equal({ uploaded: false });
  });

  it('expires blobs too', async () => {
    const clock = manualClock();
    const store = createRecordStore({ ttlMs: HOUR, now: clock.now });
    await store.saveBlob(k('b'), new Blob(['x']));
    clock.advance(HOUR + 1);
    expect(await store.loadBlob(k('b'))).to.equal(null);
  });

  it("wipe(prefix) removes one session's values and blobs only; wipe() removes everything", async () => {
    const store = createRecordStore();
    await store.save(k('sess_1:flow'), 1);
    await store.saveBlob(k('sess_1:front'), new Blob(['a']));
    await store.save(k('sess_2:flow'), 2);
    await store.saveBlob(k('sess_2:front'), new Blob(['b']));

    await store.wipe(k('sess_1:'));
    expect(await store.load(k('sess_1:flow'))).to.equal(null);
    expect(await store.loadBlob(k('sess_1:front'))).to.equal(null);
    expect(await store.load(k('sess_2:flow'))).to.equal(2);
    expect(await store.loadBlob(k('sess_2:front'))).not.to.equal(null);

    await store.wipe();
    expect(await store.load(k('sess_2:flow'))).to.equal(null);
    expect(await store.loadBlob(k('sess_2:front'))).to.equal(null);
  });

  it('sweepExpired removes only what is past its TTL, without being asked for the keys', async () => {
    const clock = manualClock();
    const store = createRecordStore({ ttlMs: HOUR, now: clock.now });
    await store.save(k('old'), 'yesterday');
    await store.saveBlob(k('old-image'), new Blob(['x']));
    clock.advance(HOUR / 2);
    await store.save(k('recent'), 'just now');
    clock.advance(HOUR / 2 + 1);

    await store.sweepExpired();

    // Read the raw store (a long-TTL view) to see what is physically left.
    const raw = createRecordStore({ ttlMs: Number.MAX_SAFE_INTEGER, now: clock.now });
    expect(await raw.load(k('old'))).to.equal(null);
    expect(await raw.loadBlob(k('old-image'))).to.equal(null);
    expect(await raw.load(k('recent'))).to.equal('just now');
  });

  it('treats a malformed record (e.g. written by an older version) as absent', async () => {
    const raw = openWidgetDatabase(DEFAULT_TTL_MS).use;
    await set(['value', k('legacy')], 'not a record', raw);
    const store = createRecordStore();
    expect(await store.load(k('legacy'))).to.equal(null);
    expect(await get(['value', k('legacy')], raw)).to.equal(undefined);
  });

  it("where the browser has Storage Buckets, it empties the widget's bucket by itself at the TTL after the last write", async function () {
    if (!buckets) return this.skip(); // Chromium 122+ only; elsewhere the sweep at the next start is the limit
    const store = createRecordStore({ ttlMs: 1000 });
    await store.save(k('sess_1:flow'), { step: 'review' });
    await store.saveBlob(k('sess_1:blob:front'), new Blob(['photo']));
    expect(await buckets.keys()).to.include(BUCKET_NAME);
    // No widget code runs from here on: the browser alone removes the bucket once it expired.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await buckets.keys()).to.not.include(BUCKET_NAME);
  });

  it("an IndexedDB that gives no answer (a write stuck behind another tab's) counts as failed after answerWithinMs, and is not asked again", async () => {
    const release = await holdWidgetStore();
    const failures: unknown[] = [];
    const store = createRecordStore({ answerWithinMs: 300, onFailure: (error) => failures.push(error) });
    try {
      await store.save(k('stuck'), 'first');
      expect(failures.map(String)).to.deep.equal(["Error: IndexedDB gave no answer within 300 ms: the widget's storage counts as unavailable in this page."]);
    } finally {
      release();
    }
    // Released, the write that got no answer lands; the store that gave up on it no longer asks.
    const fresh = createRecordStore();
    await waitUntil(async () => (await fresh.load(k('stuck'))) === 'first', 'the late write lands');
    expect(await store.load(k('stuck'))).to.equal(null);
    await store.save(k('later'), 'second');
    expect(await fresh.load(k('later'))).to.equal(null);
    expect(failures, 'said once').to.have.length(1);
  });

  it('time the page did not run (frozen while the photo picker is open, a hidden tab) does not count against the answer', async () => {
    const release = await holdWidgetStore();
    const failures: unknown[] = [];
    const store = createRecordStore({ answerWithinMs: 1000, onFailure: (error) => failures.push(error) });
    const saving = store.save(k('frozen'), 'kept');
    // The page runs nothing for 2.5 s, as a frozen one does not: the limit's timer fires 1.5 s late.
    const until = performance.now() + 2500;
    while (performance.now() < until) continue;
    // After the late timer: the store then answers within its second second.
    setTimeout(release, 0);
    await saving;
    expect(failures.map(String)).to.deep.equal([]);
    expect(await store.load(k('frozen'))).to.equal('kept');
  });

  it('a wipe asked of a store that gave no answer still reaches IndexedDB: what the late write leaves is removed once it lands', async () => {
    const release = await holdWidgetStore();
    const store = createRecordStore({ answerWithinMs: 300 });
    try {
      await store.save(k('sess_1:flow'), 'written late');
      await store.wipe(k('sess_1:'));
    } finally {
      release();
    }
    // Every read from here is ordered after the late write: it sees the write, or the wipe after it.
    const fresh = createRecordStore();
    await waitUntil(async () => (await fresh.load(k('sess_1:flow'))) === null, 'the late write wiped');
  });

  it('reports availability', async () => {
    expect(await createRecordStore().isAvailable()).to.equal(true);
  });

  it('without IndexedDB (it throws, as in some private modes) behaves as empty storage and never throws', async () => {
    await withIndexedDb(
      () => {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      },
      async () => {
        const store = createRecordStore();
        expect(await store.isAvailable()).to.equal(false);
        await store.save(k('f'), { step: 'intro' });
        expect(await store.load(k('f'))).to.equal(null);
        await store.saveBlob(k('b'), new Blob(['x']));
        expect(await store.loadBlob(k('b'))).to.equal(null);
        await store.deleteBlob(k('b'));
        await store.wipe();
        await store.wipe(k('sess_1:'));
        await store.sweepExpired();
      },
    );
  });

  it('when opening the database fails (quota, blocked) behaves as empty storage and never throws', async () => {
    const failingOpen = {
      open(): IDBOpenDBRequest {
        const request = {} as { onsuccess?: () => void; onerror?: () => void; error: DOMException };
        request.error = new DOMException('Quota exceeded', 'QuotaExceededError');
        setTimeout(() => request.onerror?.());
        return request as unknown as IDBOpenDBRequest;
      },
    };
    await withIndexedDb(
      () => failingOpen,
      async () => {
        const store = createRecordStore();
        expect(await store.isAvailable()).to.equal(false);
        await store.save(k('f'), 1);
        expect(await store.load(k('f'))).to.equal(null);
        await store.sweepExpired();
      },
    );
  });
});
