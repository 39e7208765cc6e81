/**
 * Session and verification state moves, in one place. Time-driven moves (a verification's outcome
 * arriving, a session reaching `expires_at`) are applied lazily by `settle` at the start of every
 * request, in the order they happened, each stamped with the time it was due rather than the time
 * it was noticed. That keeps the sandbox deterministic under an injected clock and needs no timers.
 */
import { isFinalSessionStatus, type AccountStatus, type SessionStatus } from '../api/contract.js';
import type { Env } from './context.js';
import { conflict, notFound } from './errors.js';
import { addIdentityNumbers } from './manual-data.js';
import type { SessionRecord, VerificationRecord } from './store.js';
import type { IdentityNumberInput } from './validate.js';

const TIMESTAMP_FOR: Partial<Record<SessionStatus, keyof SessionRecord>> = {
  started: 'started_at',
  completed: 'completed_at',
  failed: 'failed_at',
  marked_for_review: 'marked_for_review_at',
  approved: 'decisioned_at',
  declined: 'decisioned_at',
  expired: 'expired_at',
};

export function moveSession(session: SessionRecord, to: SessionStatus, at: number): void {
  session.status = to;
  const stamp = TIMESTAMP_FOR[to];
  if (stamp) (session as unknown as Record<string, unknown>)[stamp] = at;
  session.updated_at = at;
}

/**
 * Seed 000: "Make a Decision … The account status reflects the overall state of the applicant."
 * Read as: the latest decision on any of its sessions sets it. An integrator's PATCH of the status
 * stands until the next decision.
 */
const ACCOUNT_STATUS_AFTER: Partial<Record<SessionStatus, AccountStatus>> = {
  approved: 'active',
  declined: 'suspended',
  marked_for_review: 'pending',
};

/** Call after a session moved: when the move is a decision, its account's status follows. */
export function reflectOnAccount(env: Env, session: SessionRecord, at: number): void {
  const status = ACCOUNT_STATUS_AFTER[session.status];
  const account = env.state.accounts[session.account_id];
  if (!status || !account || account.redacted_at !== null || account.status === status) return;
  account.status = status;
  account.updated_at = at;
}

/**
 * Applies every time-driven move due at `now`, earliest first (due.ts), and returns how many it
 * applied. Each event is checked against its record when it is applied: a verification whose
 * outcome was already shown, a session that closed before its expiry, or a record an undone
 * request added and removed again is passed over.
 */
export function settle(env: Env, now: number): number {
  const { state } = env;
  let applied = 0;
  for (let event = env.due.next(now); event; event = env.due.next(now)) {
    if (event.kind === 'outcome') {
      const v = state.verifications[event.id];
      if (!v || v.status !== 'initiated' || !v.pending_outcome || v.ready_at !== event.at) continue;
      revealOutcome(env, v);
    } else {
      const s = state.sessions[event.id];
      if (!s || s.expires_at !== event.at || isFinalSessionStatus(s.status)) continue;
      moveSession(s, 'expired', event.at);
    }
    applied += 1;
  }
  return applied;
}

function revealOutcome(env: Env, v: VerificationRecord): void {
  const outcome = v.pending_outcome!;
  const at = v.ready_at;
  v.status = outcome.status;
  v.checks = outcome.checks;
  v.extracted = v.redacted_at ? null : outcome.extracted;
  v.pending_outcome = null;
  v.completed_at = at;
  const doc = env.state.documents[v.document_id];
  if (doc) {
    doc.status = outcome.status === 'passed' ? 'processed' : 'failed';
    doc.processed_at = at;
  }
  const session = v.session_id ? env.state.sessions[v.session_id] : undefined;
  if (!session || session.redacted_at || isFinalSessionStatus(session.status)) return;
  if (outcome.status === 'passed') {
    moveSession(session, session.sandbox.scenario === 'marked_for_review' ? 'marked_for_review' : 'completed', at);
    reflectOnAccount(env, session, at);
    if (v.auto_update_session && v.extracted) writeBack(session, v.extracted, at);
  } else if (outcome.status === 'failed') {
    moveSession(session, 'failed', at);
  } else {
    // requires_retry: the applicant captures again, so the session goes back to accepting documents.
    moveSession(session, 'started', at);
  }
}

/**
 * `auto_update_session`: what the document proved replaces the session's person and address; its
 * numbers are added to the session's, once each (by number and class).
 */
function writeBack(session: SessionRecord, extracted: Record<string, unknown>, at: number): void {
  const person = extracted.person as SessionRecord['person'] | undefined;
  if (person) session.person = person;
  const address = extracted.address as SessionRecord['address'] | undefined;
  if (address) session.address = address;
  const numbers = (extracted.identity_numbers as IdentityNumberInput[] | undefined) ?? [];
  if (numbers.length) session.identity_numbers = addIdentityNumbers(session.identity_numbers, numbers, at);
}

export function getSession(env: Env, id: string, pointer?: string): SessionRecord {
  const session = env.state.sessions[id];
  if (!session) throw notFound(`No session ${id}.`, pointer ? { pointer } : {});
  return session;
}

/** Where the applicant still acts: adding documents, uploading, creating verifications. */
export function assertSessionOpen(session: SessionRecord): void {
  assertNotRedacted(session);
  if (isFinalSessionStatus(session.status)) {
    throw conflict('session_final', `Session ${session.id} is ${session.status}; it accepts no more documents or verifications.`);
  }
}

export function assertNotRedacted(session: SessionRecord): void {
  if (session.redacted_at !== null) throw conflict('session_redacted', `Session ${session.id} was redacted.`);
}
