/**
 * The state a running sandbox works on: the stored records behind proxies, so that one write path
 * keeps everything derived from them current and the journal complete, whichever handler writes:
 *
 * - adding a record lists it under its owners (relations.ts) and schedules what it makes due
 *   (due.ts): a verification's outcome, a session's expiry;
 * - reaching a record while a writing request runs copies it first (journal.ts), so that an
 *   internal failure can be undone without a copy of the whole state per request.
 *
 * A collection reads only its own members: `sessions['constructor']` is undefined, not a function
 * inherited from Object.prototype. Loading a state file rebuilds the relations and the due queue
 * from the records, so state.json keeps its format.
 */
import { isFinalSessionStatus } from '../api/contract.js';
import { DueQueue } from './due.js';
import { IdempotencyKeys } from './idempotency.js';
import { Journal, type Before } from './journal.js';
import { Relations } from './relations.js';
import { COLLECTIONS, type Collection, type Records, type State, type StoredState } from './store.js';

type AnyRecord = Records[Collection][string];

export interface LiveState {
  /** The records as handlers see them (through the proxies). */
  state: State;
  relations: Relations;
  due: DueQueue;
  journal: Journal;
  idempotency: IdempotencyKeys;
  /** Puts back what an undone request changed (see journal.ts). */
  undo(entries: Before[]): void;
  /** The stored form, for state.json (the records themselves, not their proxies). */
  stored(): StoredState;
}

export function liveState(stored: StoredState): LiveState {
  const relations = new Relations();
  const due = new DueQueue();
  const journal = new Journal();
  const raw = Object.fromEntries(COLLECTIONS.map((c) => [c, stored[c]])) as unknown as Records;

  const added = (collection: Collection, record: AnyRecord) => {
    relations.add(collection, record);
    schedule(due, collection, record);
  };

  const proxied = Object.fromEntries(COLLECTIONS.map((collection) => [collection, collectionProxy(collection, raw[collection], journal, relations, added)]));
  const state: State = { version: 1, apiKey: stored.apiKey, signingKey: stored.signingKey, ...(proxied as unknown as Records) };

  // Rebuild what is derived, in the order the records were stored (verifications before sessions,
  // as settle has always ordered an outcome and an expiry due at the same instant).
  for (const collection of COLLECTIONS) {
    for (const record of Object.values(raw[collection]) as AnyRecord[]) added(collection, record);
  }

  const idempotency = IdempotencyKeys.from(stored.idempotency);
  return {
    state,
    relations,
    due,
    journal,
    idempotency,
    undo(entries) {
      for (const { collection, id, record } of entries) {
        const map = state[collection] as Record<string, AnyRecord>;
        if (record === undefined) delete map[id];
        else map[id] = record;
      }
    },
    stored: () => ({ version: 1, apiKey: state.apiKey, signingKey: state.signingKey, ...raw, idempotency: idempotency.toJSON() }),
  };
}

/** What a new record makes due. */
function schedule(due: DueQueue, collection: Collection, record: AnyRecord): void {
  if (collection === 'verifications') {
    const v = record as Records['verifications'][string];
    if (v.status === 'initiated' && v.pending_outcome) due.schedule(v.ready_at, 'outcome', v.id);
  } else if (collection === 'sessions') {
    const s = record as Records['sessions'][string];
    if (s.expires_at !== null && !isFinalSessionStatus(s.status)) due.schedule(s.expires_at, 'expiry', s.id);
  }
}

function collectionProxy<C extends Collection>(
  collection: C,
  target: Records[C],
  journal: Journal,
  relations: Relations,
  added: (collection: Collection, record: AnyRecord) => void,
): Records[C] {
  const own = (id: string) => Object.hasOwn(target, id);
  return new Proxy(target, {
    get(map, id, receiver) {
      if (typeof id !== 'string') return Reflect.get(map, id, receiver);
      if (!own(id)) return undefined;
      const record = map[id]!;
      journal.reached(collection, id, record);
      return record;
    },
    set(map, id, record: AnyRecord) {
      if (typeof id !== 'string') return false;
      const previous = own(id) ? map[id] : undefined;
      journal.reached(collection, id, previous);
      if (previous) relations.remove(collection, previous);
      // defineProperty, not assignment: an id of "__proto__" must be a member, not a new prototype.
      Object.defineProperty(map, id, { value: record, writable: true, enumerable: true, configurable: true });
      added(collection, record);
      return true;
    },
    deleteProperty(map, id) {
      if (typeof id !== 'string' || !own(id)) return true;
      const previous = map[id]!;
      journal.reached(collection, id, previous);
      relations.remove(collection, previous);
      delete map[id];
      return true;
    },
  });
}
