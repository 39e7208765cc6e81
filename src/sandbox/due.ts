/**
 * What comes due when: a verification's outcome at its `ready_at`, a session's expiry at its
 * `expires_at`. A binary min-heap ordered by time, then kind (an outcome before an expiry at the
 * same instant), then the order events were scheduled, which is the order lifecycle.ts has always
 * applied them in. `settle` pops only what is due, so a request costs the events it applies, not
 * the number of records.
 *
 * Entries are hints, not promises: settle re-reads the record and applies the event only if it
 * still holds (the verification still waits for that outcome, the session is still open with that
 * expiry). So nothing ever has to be taken out of the heap: an undone insert or a session that
 * closed earlier leaves an entry that is skipped when its time comes.
 */
export type DueKind = 'outcome' | 'expiry';

export interface DueEvent {
  at: number;
  kind: DueKind;
  /** The verification (outcome) or session (expiry). */
  id: string;
}

interface Entry extends DueEvent {
  seq: number;
}

const KIND_ORDER: Record<DueKind, number> = { outcome: 0, expiry: 1 };

function before(a: Entry, b: Entry): boolean {
  if (a.at !== b.at) return a.at < b.at;
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] < KIND_ORDER[b.kind];
  return a.seq < b.seq;
}

export class DueQueue {
  private readonly heap: Entry[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  schedule(at: number, kind: DueKind, id: string): void {
    const heap = this.heap;
    heap.push({ at, kind, id, seq: this.seq++ });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  /** The earliest event due at or before `now`, removed from the queue; undefined when none is due. */
  next(now: number): DueEvent | undefined {
    const heap = this.heap;
    if (!heap.length || heap[0]!.at > now) return undefined;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
        if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
        i = smallest;
      }
    }
    return { at: top.at, kind: top.kind, id: top.id };
  }
}
