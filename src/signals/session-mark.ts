/**
 * What the signals keep between page loads of one session in one tab: when the session started
 * here (completion time spans a reload), when it was submitted, whether this device was already
 * reported (one record per device), and the counts so far. Numbers and flags only.
 *
 * sessionStorage rather than the flow's IndexedDB store: it is synchronous, so the last write
 * before the page goes away cannot be lost or land after the flow's final wipe, and it ends with
 * the tab. The mark is removed when the flow ends.
 */
import type { Tally } from './collector.js';

export interface SessionMark {
  /** Epoch ms. */
  started_at: number;
  submitted_at: number | null;
  device_reported: boolean;
  tally: Tally | null;
}

const key = (sessionId: string) => `beltic-verify:signals:${sessionId}`;

export interface MarkStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** sessionStorage, or nothing where it is unavailable (sandboxed frames, some private modes). */
export function defaultMarkStorage(): MarkStorage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

export function readMark(storage: MarkStorage | null, sessionId: string): SessionMark | null {
  try {
    const raw = storage?.getItem(key(sessionId));
    const mark = raw ? (JSON.parse(raw) as SessionMark) : null;
    return mark && typeof mark.started_at === 'number' ? mark : null;
  } catch {
    return null;
  }
}

export function writeMark(storage: MarkStorage | null, sessionId: string, mark: SessionMark): void {
  try {
    storage?.setItem(key(sessionId), JSON.stringify(mark));
  } catch {
    // Full or refused: the counts of this page load are still sent.
  }
}

export function removeMark(storage: MarkStorage | null, sessionId: string): void {
  try {
    storage?.removeItem(key(sessionId));
  } catch {
    // Nothing to clean where nothing could be stored.
  }
}
