/**
 * Who belongs to whom: an account's sessions, a session's devices, documents and verifications, a
 * document's files and verifications. Kept as lists of ids, updated as records are added (the
 * store's write path calls `add`, live-state.ts), so that serializing a session, listing a
 * session's verifications or redacting a session reads that session's records, not every record.
 *
 * Only foreign keys that never change after creation are indexed (a document's session, a file's
 * document …), so editing a record never moves it between lists. Lists keep the order records were
 * added; readers sort what they read (`oldestFirst`), which costs the size of one owner's records.
 */
import { oldestFirst, type Collection, type Records, type State } from './store.js';

type RecordOf<C extends Collection> = Records[C][string];
type AnyRecord = RecordOf<Collection>;

interface Relation<C extends Collection> {
  collection: C;
  owner: (record: RecordOf<C>) => string | null;
}

const relation = <C extends Collection>(collection: C, owner: (record: RecordOf<C>) => string | null): Relation<C> => ({ collection, owner });

export const RELATIONS = {
  sessionsOfAccount: relation('sessions', (s) => s.account_id),
  devicesOfSession: relation('devices', (d) => d.session_id),
  documentsOfSession: relation('documents', (d) => d.session_id),
  filesOfDocument: relation('files', (f) => f.document_id),
  verificationsOfSession: relation('verifications', (v) => v.session_id),
  verificationsOfDocument: relation('verifications', (v) => v.document_id),
};

export type RelationName = keyof typeof RELATIONS;
/** The collection whose records a relation lists. */
export type RelatedCollection<R extends RelationName> = (typeof RELATIONS)[R]['collection'];

const NAMES = Object.keys(RELATIONS) as RelationName[];
const NONE: readonly string[] = Object.freeze([]);

export class Relations {
  private readonly lists = new Map<RelationName, Map<string, string[]>>(NAMES.map((name) => [name, new Map()]));

  /** A record was added to `collection`: list it under its owners. */
  add(collection: Collection, record: AnyRecord): void {
    for (const name of NAMES) {
      const { collection: listed, owner } = RELATIONS[name] as Relation<Collection>;
      if (listed !== collection) continue;
      const key = owner(record);
      if (key === null) continue;
      const lists = this.lists.get(name)!;
      const ids = lists.get(key);
      if (ids) ids.push(record.id);
      else lists.set(key, [record.id]);
    }
  }

  /** A record left `collection` (only an undone request removes records). */
  remove(collection: Collection, record: AnyRecord): void {
    for (const name of NAMES) {
      const { collection: listed, owner } = RELATIONS[name] as Relation<Collection>;
      if (listed !== collection) continue;
      const key = owner(record);
      const ids = key === null ? undefined : this.lists.get(name)!.get(key);
      const at = ids ? ids.lastIndexOf(record.id) : -1;
      if (at >= 0) ids!.splice(at, 1);
    }
  }

  /** The ids listed under `owner`, in the order they were added. */
  ids(name: RelationName, owner: string): readonly string[] {
    return this.lists.get(name)!.get(owner) ?? NONE;
  }
}

/** The records listed under `owner`, oldest first. */
export function related<R extends RelationName>(env: { state: State; relations: Relations }, name: R, owner: string): RecordOf<RelatedCollection<R>>[] {
  const map = env.state[RELATIONS[name].collection] as Record<string, RecordOf<RelatedCollection<R>>>;
  const records: RecordOf<RelatedCollection<R>>[] = [];
  for (const id of env.relations.ids(name, owner)) {
    const record = map[id];
    if (record) records.push(record);
  }
  return oldestFirst(records);
}
