/**
 * The one owner of what <beltic-verify> keeps in this browser. Each session gets a scope: its
 * flow state, its images awaiting upload, its signals mark, and a wipe. The flow and the signals
 * both write through their session's scope, so:
 * - every write of a session goes through one queue: a later state can never be overwritten by an
 *   earlier one, and a wipe comes after every write asked for before it;
 * - every key of a session starts with its prefix, so one wipe removes all it stored;
 * - storage degrades, never loses: everything written in this page is also kept in its memory
 *   and read from there first, so when IndexedDB is missing, blocked or fails mid-flow (quota, an
 *   aborted transaction) the flow completes from memory; only resume after a reload is lost, and
 *   `onUnavailable` says so once.
 */
import { createMemoryRecordStore } from './memory-records.js';
import { createRecordStore, type RecordStore } from './records.js';

/** Everything the widget keeps about one session. Reads see every write queued before them. */
export interface SessionScope {
  readonly sessionId: string;
  loadState<T>(): Promise<T | null>;
  saveState<T>(state: T): Promise<void>;
  /** Keeps an image and resolves with the key to read or delete it by, once it is stored. */
  addBlob(label: string, blob: Blob): Promise<string>;
  loadBlob(key: string): Promise<Blob | null>;
  deleteBlob(key: string): Promise<void>;
  loadMark<T>(): Promise<T | null>;
  saveMark<T>(mark: T): Promise<void>;
  removeMark(): Promise<void>;
  /** Removes everything of this session. */
  wipe(): Promise<void>;
  /** Resolves once every write asked for so far is done. */
  settled(): Promise<void>;
}

export interface WidgetStorage {
  /** The session's scope; the same object for every caller, so they share one write queue. */
  scope(sessionId: string): SessionScope;
  /** Removes every expired value and image (a flow abandoned yesterday leaves nothing behind). */
  sweepExpired(): Promise<void>;
}

export interface WidgetStorageOptions {
  /** Called once, the first time the browser's storage fails: the flow goes on from memory. */
  onUnavailable?: (error: unknown) => void;
  /** The lasting store; default IndexedDB (records.ts). */
  lasting?: (onFailure: (error: unknown) => void) => RecordStore;
}

export function createWidgetStorage(options: WidgetStorageOptions = {}): WidgetStorage {
  let failed = false;
  const onFailure = (error: unknown) => {
    if (failed) return;
    failed = true;
    options.onUnavailable?.(error);
  };
  const lasting = (options.lasting ?? ((onFailure) => createRecordStore({ onFailure })))(onFailure);
  const records = mirrored(createMemoryRecordStore(), lasting);
  const scopes = new Map<string, SessionScope>();
  return {
    scope: (sessionId) => {
      let scope = scopes.get(sessionId);
      if (!scope) scopes.set(sessionId, (scope = sessionScope(records, sessionId)));
      return scope;
    },
    sweepExpired: () => records.sweepExpired(),
  };
}

/**
 * Writes go to both stores; reads come from memory first (what this page wrote), then from the
 * lasting store (what an earlier page load of this session wrote).
 */
function mirrored(memory: RecordStore, lasting: RecordStore): RecordStore {
  const both = async (work: (store: RecordStore) => Promise<void>) => void (await Promise.all([work(memory), work(lasting)]));
  return {
    load: async <T>(key: string) => (await memory.load<T>(key)) ?? lasting.load<T>(key),
    save: (key, value) => both((store) => store.save(key, value)),
    saveBlob: (key, blob) => both((store) => store.saveBlob(key, blob)),
    loadBlob: async (key) => (await memory.loadBlob(key)) ?? lasting.loadBlob(key),
    deleteBlob: (key) => both((store) => store.deleteBlob(key)),
    wipe: (keyPrefix) => both((store) => store.wipe(keyPrefix)),
    sweepExpired: () => both((store) => store.sweepExpired()),
    isAvailable: () => lasting.isAvailable(),
  };
}

function sessionScope(records: RecordStore, sessionId: string): SessionScope {
  const prefix = `${sessionId}:`;
  const stateKey = `${prefix}flow`;
  const markKey = `${prefix}signals`;
  let queue: Promise<unknown> = Promise.resolve();
  /** Runs after every write before it, whether those succeeded or not. */
  const queued = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    sessionId,
    loadState: <T>() => queued(() => records.load<T>(stateKey)),
    saveState: (state) => queued(() => records.save(stateKey, structuredClone(state))),
    addBlob: async (label, blob) => {
      const key = `${prefix}blob:${label}:${crypto.randomUUID()}`;
      await queued(() => records.saveBlob(key, blob));
      return key;
    },
    loadBlob: (key) => queued(() => records.loadBlob(key)),
    deleteBlob: (key) => queued(() => records.deleteBlob(key)),
    loadMark: <T>() => queued(() => records.load<T>(markKey)),
    saveMark: (mark) => queued(() => records.save(markKey, structuredClone(mark))),
    removeMark: () => queued(() => records.wipe(markKey)),
    wipe: () => queued(() => records.wipe(prefix)),
    settled: () => queued(async () => undefined),
  };
}
