/**
 * What the signals keep between page loads of one session: when the session started here
 * (completion time spans a reload), when it was submitted, whether this device was already
 * reported (one record per device), and the counts so far. Numbers and flags only.
 *
 * Kept in the widget's one IndexedDB store (persistence/flow-store.ts) under the session's key
 * prefix, so it shares the flow's TTL and is wiped with the rest of the session when the flow ends.
 */
import { createFlowStore, type FlowStore } from '../persistence/flow-store.js';
import type { Tally } from './collector.js';

export interface SessionMark {
  /** Epoch ms. */
  started_at: number;
  submitted_at: number | null;
  device_reported: boolean;
  tally: Tally | null;
}

export interface MarkStore {
  load(sessionId: string): Promise<SessionMark | null>;
  save(sessionId: string, mark: SessionMark): Promise<void>;
  remove(sessionId: string): Promise<void>;
}

/** `<session id>:` is the prefix the flow wipes when the session ends (flow/flow-controller.ts). */
const markKey = (sessionId: string) => `${sessionId}:signals`;

export function flowStoreMarks(store: FlowStore = createFlowStore()): MarkStore {
  // Writes in order: a later mark can never be overwritten by an earlier one, and the removal
  // at the end comes after every write.
  let writes: Promise<unknown> = Promise.resolve();
  const chain = (work: () => Promise<void>) => (writes = writes.then(work, work)) as Promise<void>;
  return {
    async load(sessionId) {
      await writes;
      const mark = await store.load<SessionMark>(markKey(sessionId));
      return mark && typeof mark.started_at === 'number' ? mark : null;
    },
    save: (sessionId, mark) => chain(() => store.save(markKey(sessionId), structuredClone(mark))),
    remove: (sessionId) => chain(() => store.wipe(markKey(sessionId))),
  };
}
