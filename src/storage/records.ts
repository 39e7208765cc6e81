/**
 * Where the widget keeps its flow between page loads, so an applicant who reloads, loses the tab or
 * switches to the camera app can resume. IndexedDB through idb-keyval, in the widget's own database:
 * the host page may use idb-keyval's default `keyval-store` for its own things, and `clear()` there
 * must never touch ours (nor ours theirs).
 *
 * Persistence is a convenience, never a requirement: when IndexedDB is missing or refuses (private
 * modes, quota, a blocked upgrade) every method resolves as if the store were empty, and the flow
 * runs on without resume. Nothing here throws to the caller, and nothing waits for ever: an
 * IndexedDB that does not answer (a transaction stuck behind another tab's, a browser that never
 * calls back) counts as failed after `answerWithinMs`, and is asked for nothing but removals
 * in this page.
 */
import { del, delMany, entries, get, keys, set } from 'idb-keyval';
import { openWidgetDatabase } from './database.js';

export const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * How long one IndexedDB operation may take before the store counts as stalled. Far above a slow
 * phone's write of a full-size photo (tens to hundreds of ms), far below an applicant's patience.
 */
export const ANSWER_WITHIN_MS = 10_000;

export interface RecordStoreOptions {
  /** How long a saved value stays usable. Identity data should not linger on a shared device. */
  ttlMs?: number;
  now?: () => number;
  /** Told of every IndexedDB failure that was swallowed (missing, blocked, quota, an aborted transaction, no answer). */
  onFailure?: (error: unknown) => void;
  /** How long one operation may go without an answer before the store counts as stalled (ANSWER_WITHIN_MS). */
  answerWithinMs?: number;
}

export interface RecordStore {
  /** The saved value, or null when there is none, it expired (then it is deleted), or storage is unavailable. */
  load<T>(key: string): Promise<T | null>;
  save<T>(key: string, value: T): Promise<void>;
  /** Image bytes awaiting upload. The caller deletes them once the upload succeeded. */
  saveBlob(key: string, blob: Blob): Promise<void>;
  loadBlob(key: string): Promise<Blob | null>;
  deleteBlob(key: string): Promise<void>;
  /** Removes everything this widget stored, or only the keys starting with `keyPrefix` (one session's). */
  wipe(keyPrefix?: string): Promise<void>;
  /** Removes every expired value and blob (call at start-up: a flow abandoned yesterday leaves nothing behind). */
  sweepExpired(): Promise<void>;
  /** Whether values actually persist here; false in browsers that refuse IndexedDB. */
  isAvailable(): Promise<boolean>;
}

/**
 * Values and blobs live in separate key spaces of one object store, using IndexedDB array keys:
 * `['value', key]` and `['blob', key]`. A flow can then save state and an image under the same name.
 */
type Space = 'value' | 'blob';
type StoredKey = [Space, string];

interface StoredRecord<T> {
  savedAt: number;
  data: T;
}

export function createRecordStore(options: RecordStoreOptions = {}): RecordStore {
  const { ttlMs = DEFAULT_TTL_MS, now = Date.now, onFailure, answerWithinMs = ANSWER_WITHIN_MS } = options;
  const database = openWidgetDatabase(ttlMs, now);
  const db = () => database.use;
  /**
   * Set once an operation got no answer in time. Every later one would wait as long, so no read or
   * write is asked for any more; removals still are (`removing`).
   */
  let stalled = false;

  /** Any IndexedDB failure becomes "nothing stored": resume is lost, the flow is not. */
  async function quietly<T>(operation: () => Promise<T>, fallback: T): Promise<T> {
    if (stalled) return fallback;
    try {
      return await answered(operation(), answerWithinMs, () => (stalled = true));
    } catch (error) {
      onFailure?.(error);
      return fallback;
    }
  }

  /**
   * A removal, asked of a stalled store too, without waiting for its answer: IndexedDB runs it after
   * the write it is stuck behind, whenever that ends, so what that late write leaves is removed too.
   */
  async function removing(operation: () => Promise<void>): Promise<void> {
    if (!stalled) return quietly(operation, undefined);
    operation().catch(() => undefined);
  }

  const isExpired = (record: StoredRecord<unknown>): boolean => now() - record.savedAt > ttlMs;

  async function read<T>(space: Space, key: string): Promise<T | null> {
    return quietly(async () => {
      const storedKey: StoredKey = [space, key];
      const record = await get<unknown>(storedKey, db());
      if (record === undefined) return null;
      if (!isRecord(record) || isExpired(record)) {
        await del(storedKey, db());
        return null;
      }
      return record.data as T;
    }, null);
  }

  async function write(space: Space, key: string, data: unknown): Promise<void> {
    await quietly(async () => {
      await set([space, key] satisfies StoredKey, { savedAt: now(), data } satisfies StoredRecord<unknown>, db());
      database.touch();
    }, undefined);
  }

  return {
    load: <T>(key: string) => read<T>('value', key),
    save: (key, value) => write('value', key, value),
    loadBlob: async (key) => {
      const data = await read<unknown>('blob', key);
      return data instanceof Blob ? data : null;
    },
    saveBlob: (key, blob) => write('blob', key, blob),
    deleteBlob: (key) => removing(() => del(['blob', key] satisfies StoredKey, db())),

    wipe: (keyPrefix) =>
      removing(async () => {
        const all = await keys(db());
        const doomed = all.filter((key) => keyPrefix === undefined || (isStoredKey(key) && key[1].startsWith(keyPrefix)));
        if (doomed.length > 0) await delMany(doomed, db());
      }),

    sweepExpired: () =>
      removing(async () => {
        const doomed = (await entries(db())).filter(([, record]) => !isRecord(record) || isExpired(record)).map(([key]) => key);
        if (doomed.length > 0) await delMany(doomed, db());
      }),

    isAvailable: () =>
      quietly(async () => {
        await keys(db());
        return true;
      }, false),
  };
}

/** A timer this much later than asked for was held up by the page, not by what it waits for. */
const LATE_TIMER_MS = 1000;

/**
 * `operation`, or a rejection once `limitMs` passed without its answer (`onStall` is called then). Only
 * time the page ran counts: a phone freezes a page while the camera app or the photo picker is in front,
 * and a hidden tab's timers are throttled; then the timer fires long after its time, and the answer gets
 * `limitMs` more from then.
 */
async function answered<T>(operation: Promise<T>, limitMs: number, onStall: () => void): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    const arm = () => {
      const armedAt = performance.now();
      timer = setTimeout(() => {
        if (performance.now() - armedAt > limitMs + LATE_TIMER_MS) return arm();
        onStall();
        reject(new Error(`IndexedDB gave no answer within ${limitMs} ms: the widget's storage counts as unavailable in this page.`));
      }, limitMs);
    };
    arm();
  });
  try {
    return await Promise.race([operation, late]);
  } finally {
    clearTimeout(timer);
  }
}

function isRecord(value: unknown): value is StoredRecord<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { savedAt?: unknown }).savedAt === 'number' && 'data' in value;
}

function isStoredKey(key: IDBValidKey): key is StoredKey {
  return Array.isArray(key) && key.length === 2 && typeof key[1] === 'string';
}
