/**
 * What the signals keep between page loads of one session: when the session started here
 * (completion time spans a reload), when it was submitted, whether this device was already
 * reported (one record per device), and the counts so far. Numbers and flags only.
 *
 * Kept in the session's storage scope (storage/widget-storage.ts), beside the flow's state: it
 * shares the flow's TTL and write queue, and is wiped with the rest of the session when the flow ends.
 */
import type { Tally } from './collector.js';

export interface SessionMark {
  /** Epoch ms. */
  started_at: number;
  submitted_at: number | null;
  device_reported: boolean;
  tally: Tally | null;
}
