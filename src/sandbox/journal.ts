/**
 * Undoing a request that failed unexpectedly, without copying the whole state on every request.
 *
 * Handlers validate completely, then write (errors.ts), so a refusal (HttpError) never needs
 * undoing; only a bug or an I/O failure part-way through the writes does. For that, while a
 * writing request runs, every record it reaches through the state (by id, or in a scan) is copied
 * the first time it is reached, before the handler can change it, and every id it adds is noted.
 * Undoing puts the copies back and removes the added ids.
 *
 * Why that is complete: handlers reach records only through the state's collections (live-state.ts
 * routes every read and write of a collection through here), and nothing holds a record from one
 * request to the next (relations and the due queue hold ids). So a record a request changes was
 * reached, and copied, before it changed. The cost is the records the request touches, which a
 * call on one resource keeps to that resource and its own records. Reads (GET) change nothing but
 * a scenario's failure counter, which must survive the failure it causes anyway, so they are not
 * journaled; neither is `settle`, whose time-driven moves stand whatever the request does.
 */
import type { Collection, Records } from './store.js';

type AnyRecord = Records[Collection][string];

/** A record as the request found it; `undefined` when the request added it. */
export interface Before {
  collection: Collection;
  id: string;
  record: AnyRecord | undefined;
}

export class Journal {
  private entries: Map<string, Before> | null = null;

  get active(): boolean {
    return this.entries !== null;
  }

  begin(): void {
    this.entries = new Map();
  }

  /** A record the request reached or is about to replace (`undefined`: the id is new). Copied once, on first sight. */
  reached(collection: Collection, id: string, record: AnyRecord | undefined): void {
    const entries = this.entries;
    if (!entries) return;
    const key = `${collection}/${id}`;
    if (entries.has(key)) return;
    entries.set(key, { collection, id, record: record === undefined ? undefined : structuredClone(record) });
  }

  /** Ends the request's journal; returns what to put back when the request is being undone. */
  end(): Before[] {
    const entries = this.entries;
    this.entries = null;
    return entries ? [...entries.values()] : [];
  }
}
