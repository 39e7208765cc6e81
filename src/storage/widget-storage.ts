/**
 * The one owner of what <beltic-verify> keeps in this browser. Each session gets a scope: its
 * flow state, its images awaiting upload, its signals mark, and a wipe. The flow and the signals
 * both write through their session's scope, so:
 * - every write of a session goes through one queue: a later state can never be overwritten by an
 *   earlier one, and a wipe comes after every write asked for before it;
 * - every key of a session starts with its prefix, so one wipe removes all it stored;
 * - the backing store is chosen here, once (records.ts: IndexedDB, quiet when it is unavailable).
 */
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

export function createWidgetStorage(records: RecordStore = createRecordStore()): WidgetStorage {
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
