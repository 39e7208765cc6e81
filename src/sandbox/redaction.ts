/**
 * Redaction keeps every record (ids, statuses, timestamps: what an audit needs) and removes what
 * identifies a person: manual data, device details, file names, extracted data and the image bytes.
 */
import type { Env } from './context.js';
import type { SessionRecord } from './store.js';

export function redactSession(env: Env, session: SessionRecord, at: number): void {
  if (session.redacted_at !== null) return;
  const { state, persistence } = env;
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
  for (const device of Object.values(state.devices)) {
    if (device.session_id !== session.id) continue;
    device.attributes = {};
    device.redacted_at = at;
  }
  const documentIds = new Set<string>();
  for (const doc of Object.values(state.documents)) {
    if (doc.session_id !== session.id) continue;
    doc.redacted_at = at;
    documentIds.add(doc.id);
  }
  for (const file of Object.values(state.files)) {
    if (!documentIds.has(file.document_id)) continue;
    file.filename = 'redacted';
    persistence.deleteBlob(file.id);
  }
  for (const v of Object.values(state.verifications)) {
    if (v.session_id !== session.id && !documentIds.has(v.document_id)) continue;
    v.extracted = null;
    v.checks = v.checks.map((c) => ({ ...c, metadata: {} }));
    if (v.pending_outcome) v.pending_outcome = { ...v.pending_outcome, extracted: null, checks: v.pending_outcome.checks.map((c) => ({ ...c, metadata: {} })) };
    v.redacted_at = at;
  }
}
