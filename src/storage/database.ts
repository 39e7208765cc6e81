/**
 * Where the widget's IndexedDB database lives. Where the browser has Storage Buckets (Chromium
 * 122 and later), in a bucket of its own whose expiry moves to "now + TTL" with every write: the
 * browser deletes the bucket at that time by itself, even if the widget never runs on this origin
 * again. Elsewhere, in the origin's default IndexedDB, where what an abandoned flow left is
 * removed when the widget next starts on the origin (`sweepExpired`): no other browser runs code
 * for a page that is not open, so that is the limit there.
 */
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';

export const DATABASE_NAME = 'beltic-verify';
/**
 * idb-keyval creates the object store only when it creates the database (version 1). A second
 * store name in the same database would never be created: every part of the widget that persists
 * must go through this one store.
 */
export const STORE_NAME = 'flow';
export const BUCKET_NAME = 'beltic-verify';

/** The bit of the Storage Buckets API used here (not yet in TypeScript's DOM types). */
interface StorageBucket {
  readonly indexedDB: IDBFactory;
  setExpires(time: number): Promise<void>;
}
interface StorageBucketManager {
  open(name: string, options?: { expires?: number; persisted?: boolean }): Promise<StorageBucket>;
}

export interface WidgetDatabase {
  /** Runs `callback` on the widget's object store, as idb-keyval's stores do. */
  use: UseStore;
  /** After a write: the bucket (if any) now expires a TTL from now. */
  touch(): void;
}

export function openWidgetDatabase(ttlMs: number, now: () => number = Date.now): WidgetDatabase {
  let store: Promise<{ use: UseStore; bucket: StorageBucket | null }> | null = null;
  /** Opened lazily (and at most once) so that merely constructing the widget opens nothing. */
  const opened = () => (store ??= open(ttlMs, now));
  return {
    use: (mode, callback) => opened().then(({ use }) => use(mode, callback)),
    touch: () =>
      void opened()
        .then(({ bucket }) => bucket?.setExpires(now() + ttlMs))
        .catch(() => undefined),
  };
}

async function open(ttlMs: number, now: () => number): Promise<{ use: UseStore; bucket: StorageBucket | null }> {
  const buckets = (globalThis.navigator as { storageBuckets?: StorageBucketManager } | undefined)?.storageBuckets;
  const bucket = buckets ? await buckets.open(BUCKET_NAME, { expires: now() + ttlMs, persisted: false }).catch(() => null) : null;
  if (!bucket) return { use: createStore(DATABASE_NAME, STORE_NAME), bucket: null };
  const request = bucket.indexedDB.open(DATABASE_NAME);
  request.onupgradeneeded = () => request.result.createObjectStore(STORE_NAME);
  const database = promisifyRequest(request);
  const use: UseStore = (mode, callback) => database.then((db) => callback(db.transaction(STORE_NAME, mode).objectStore(STORE_NAME)));
  return { use, bucket };
}
