/**
 * Redaction keeps every record (ids, statuses, timestamps: what an audit needs) and removes what
 * identifies a person: manual data, device details, file names, extracted data and the image bytes.
 */
import type { Env } from './context.js';
import { related } from './relations.js';
import type { SessionRecord } from './store.js';

export function redactSession(env: Env, session: SessionRecord, at: number): void {
  if (session.redacted_at !== null) return;
  const { persistence } = env;
  Object.assign(session, {
    person: null,
    business: null,
    contact: null,
    address: null,
    identity_numbers: [],
    behavior_evidence: null,
    redacted_at: at,
    updated_at: at,
  });
  for (const device of related(env, 'devicesOfSession', session.id)) {
    device.attributes = {};
    device.redacted_at = at;
  }
  const documents = related(env, 'documentsOfSession', session.id);
  const verifications = new Set(related(env, 'verificationsOfSession', session.id));
  for (const doc of documents) {
    doc.redacted_at = at;
    for (const file of related(env, 'filesOfDocument', doc.id)) {
      file.filename = 'redacted';
      persistence.deleteBlob(file.id);
    }
    // Whatever session a verification names, verifying one of this session's documents makes it this session's.
    for (const v of related(env, 'verificationsOfDocument', doc.id)) verifications.add(v);
  }
  for (const v of verifications) {
    v.extracted = null;
    v.checks = v.checks.map((c) => ({ ...c, metadata: {} }));
    if (v.pending_outcome) v.pending_outcome = { ...v.pending_outcome, extracted: null, checks: v.pending_outcome.checks.map((c) => ({ ...c, metadata: {} })) };
    v.redacted_at = at;
  }
}
