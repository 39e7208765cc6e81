/** Records → JSON:API resources, with the reference spellings and ISO timestamps. */
import type {
  AccountResource,
  DocumentResource,
  IdentityNumber,
  ResourceIdentifier,
  SessionDeviceResource,
  SessionResource,
  VerificationResource,
} from '../api/contract.js';
import { iso, type Ctx } from './context.js';
import { related } from './relations.js';
import { describeScenario } from './scenarios.js';
import {
  oldestFirst,
  type AccountRecord,
  type DeviceRecord,
  type DocumentRecord,
  type FileRecord,
  type IdentityNumberRecord,
  type SessionRecord,
  type VerificationRecord,
} from './store.js';

/** Stored identity numbers with ISO timestamps; a session's list stays null until something writes one. */
function identityNumbers(list: IdentityNumberRecord[]): IdentityNumber[] {
  return list.map((n) => ({ ...n, created_at: iso(n.created_at)!, updated_at: iso(n.updated_at)! }));
}

type WithLinks<R> = R & { links: { self: string }; meta?: Record<string, unknown> };

const ref = <T extends string>(type: T, id: string): ResourceIdentifier<T> => ({ type, id });

export function accountResource(ctx: Ctx, a: AccountRecord): WithLinks<AccountResource> {
  const sessions = related(ctx.env, 'sessionsOfAccount', a.id);
  const documents = oldestFirst(sessions.flatMap((s) => related(ctx.env, 'documentsOfSession', s.id)));
  return {
    type: 'account',
    id: a.id,
    attributes: {
      status: a.status,
      external_id: a.external_id,
      entity_type: a.entity_type,
      person: a.person,
      business: a.business,
      contact: a.contact,
      address: a.address,
      identity_numbers: identityNumbers(a.identity_numbers),
      created_at: iso(a.created_at)!,
      updated_at: iso(a.updated_at)!,
      redacted_at: iso(a.redacted_at),
    },
    relationships: {
      sessions: { data: sessions.map((s) => ref('session', s.id)) },
      documents: { data: documents.map((d) => ref('document/idv', d.id)) },
    },
    links: { self: `${ctx.baseUrl}/identity/accounts/${a.id}` },
  };
}

export function sessionResource(ctx: Ctx, s: SessionRecord): WithLinks<SessionResource> {
  const devices = related(ctx.env, 'devicesOfSession', s.id);
  const resource: WithLinks<SessionResource> = {
    type: 'session',
    id: s.id,
    attributes: {
      status: s.status,
      creator_type: s.creator_type,
      creator_id: s.creator_id,
      entity_type: s.entity_type,
      person: s.person,
      business: s.business,
      contact: s.contact,
      address: s.address,
      identity_numbers: s.identity_numbers && identityNumbers(s.identity_numbers),
      behavior_analysis: s.behavior_analysis,
      created_at: iso(s.created_at)!,
      updated_at: iso(s.updated_at)!,
      started_at: iso(s.started_at),
      expires_at: iso(s.expires_at),
      completed_at: iso(s.completed_at),
      failed_at: iso(s.failed_at),
      marked_for_review_at: iso(s.marked_for_review_at),
      decisioned_at: iso(s.decisioned_at),
      expired_at: iso(s.expired_at),
      redacted_at: iso(s.redacted_at),
    },
    relationships: {
      account: { data: ref('account', s.account_id) },
      documents: { data: related(ctx.env, 'documentsOfSession', s.id).map((d) => ref('document/idv', d.id)) },
      verifications: { data: related(ctx.env, 'verificationsOfSession', s.id).map((v) => ref('verification/idv', v.id)) },
      session_devices: { data: devices.map((d) => ref('session_device', d.id)) },
      // The guide shows a to-one as well; it names the device seen most recently.
      session_device: { data: devices.length ? ref('session_device', devices[devices.length - 1]!.id) : null },
    },
    links: { self: `${ctx.baseUrl}/identity/sessions/${s.id}` },
    meta: { sandbox: describeScenario(s.sandbox) },
  };
  if (s.behavior_evidence !== null && s.behavior_evidence !== undefined) resource.meta!.evidence = s.behavior_evidence;
  return resource;
}

export function deviceResource(ctx: Ctx, d: DeviceRecord): WithLinks<SessionDeviceResource> {
  return {
    type: 'session_device',
    id: d.id,
    attributes: { ...d.attributes, created_at: iso(d.created_at)!, redacted_at: iso(d.redacted_at) },
    relationships: { session: { data: ref('session', d.session_id) } },
    links: { self: `${ctx.baseUrl}/identity/session-devices/${d.id}` },
  };
}

export function fileAttributes(f: FileRecord) {
  return {
    id: f.id,
    filename: f.filename,
    content_type: f.content_type,
    byte_size: f.byte_size,
    status: f.status,
    side: f.side,
  };
}

export function fileResource(ctx: Ctx, f: FileRecord) {
  const { id, ...attributes } = fileAttributes(f);
  return {
    type: 'file' as const,
    id,
    attributes: { ...attributes, created_at: iso(f.created_at), uploaded_at: iso(f.uploaded_at) },
    relationships: { document: { data: ref('document/idv', f.document_id) } },
    links: { self: `${ctx.baseUrl}/identity/documents/idvs/${f.document_id}` },
  };
}

export function documentFiles(ctx: Ctx, documentId: string): FileRecord[] {
  return related(ctx.env, 'filesOfDocument', documentId);
}

/**
 * The most recent uploaded file for each side: what a verification will look at. A file whose
 * bytes a later upload of its side replaced is passed over even when both carry the same
 * `uploaded_at` (an injected clock that does not move).
 */
export function latestUploads(files: FileRecord[]): Partial<Record<FileRecord['side'], FileRecord>> {
  const out: Partial<Record<FileRecord['side'], FileRecord>> = {};
  for (const f of files) {
    if (f.status !== 'uploaded' || f.superseded_by) continue;
    const current = out[f.side];
    if (!current || (f.uploaded_at ?? 0) >= (current.uploaded_at ?? 0)) out[f.side] = f;
  }
  return out;
}

export function documentResource(ctx: Ctx, d: DocumentRecord): WithLinks<DocumentResource> {
  const files = documentFiles(ctx, d.id);
  const latest = latestUploads(files);
  return {
    type: 'document/idv',
    id: d.id,
    attributes: {
      status: d.status,
      document_type: d.document_type,
      issuing_country: d.issuing_country,
      files: files.map(fileAttributes),
      front_side: latest.front?.id ?? null,
      back_side: latest.back?.id ?? null,
      portrait: latest.portrait?.id ?? null,
      signature: null,
      created_at: iso(d.created_at)!,
      submitted_at: iso(d.submitted_at),
      processed_at: iso(d.processed_at),
      ...(d.redacted_at ? { redacted_at: iso(d.redacted_at) } : {}),
    },
    relationships: {
      session: { data: ref('session', d.session_id) },
      files: { data: files.map((f) => ref('file', f.id)) },
    },
    links: { self: `${ctx.baseUrl}/identity/documents/idvs/${d.id}` },
  };
}

export function verificationResource(ctx: Ctx, v: VerificationRecord): WithLinks<VerificationResource> {
  return {
    type: 'verification/idv',
    id: v.id,
    attributes: {
      status: v.status,
      checks: v.checks,
      extracted: v.extracted,
      created_at: iso(v.created_at)!,
      submitted_at: iso(v.submitted_at),
      completed_at: iso(v.completed_at),
      redacted_at: iso(v.redacted_at),
    },
    relationships: {
      document: { data: ref('document/idv', v.document_id) },
      session: { data: v.session_id ? ref('session', v.session_id) : null },
    },
    links: { self: `${ctx.baseUrl}/identity/verifications/${v.id}` },
  };
}
