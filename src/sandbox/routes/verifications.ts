/** Verifications (`verification/idv`): run the engine on a document's uploads, reveal the outcome after the delay. */
import { VERIFICATION_STATUSES, type Side } from '../../api/contract.js';
import type { Ctx } from '../context.js';
import { badRequest, invalid, notFound } from '../errors.js';
import { assertSessionOpen, getSession, moveSession } from '../lifecycle.js';
import { PAGE_PARAMETERS } from '../pagination.js';
import { enumFilter, filterParam, filterParameters, rejectUnknown, relationshipId, resourceInput, type Json } from '../request.js';
import { listResponse, resourceResponse } from '../respond.js';
import { route } from '../router.js';
import { related } from '../relations.js';
import { applyScenario, failIfScheduled } from '../scenarios.js';
import { documentFiles, latestUploads, verificationResource } from '../serialize.js';
import type { VerificationRecord } from '../store.js';
import { assertComplete, getDocument, submitDocument } from './documents.js';

const READ_ONLY = ['status', 'checks', 'extracted', 'created_at', 'submitted_at', 'completed_at', 'redacted_at'];

async function create(ctx: Ctx): Promise<Response> {
  const { attributes, relationships, meta, dataMeta } = resourceInput(ctx.body, ['verification/idv']);
  rejectUnknown(attributes, [], '/data/attributes', READ_ONLY);
  const documentId = relationshipId(relationships, 'document', 'document/idv', true)!;
  const sessionId = relationshipId(relationships, 'session', 'session', false);
  const autoUpdate = autoUpdateSession(meta, dataMeta);

  const doc = getDocument(ctx, documentId, '/data/relationships/document/data/id');
  if (sessionId !== null) {
    getSession(ctx.env, sessionId, '/data/relationships/session/data/id');
    if (doc.session_id !== sessionId) {
      throw invalid(`Document ${doc.id} belongs to another session.`, '/data/relationships/session/data/id');
    }
  }
  // Without a session relationship the verification still belongs to the document's session.
  const session = getSession(ctx.env, doc.session_id);
  assertSessionOpen(session);
  if (doc.status === 'pending') assertComplete(ctx, doc, '/data/relationships/document');
  failIfScheduled(session.sandbox, 'create_verification');

  const uploads = latestUploads(documentFiles(ctx, doc.id));
  const sides: Partial<Record<Side, { bytes: Uint8Array; contentType: string }>> = {};
  for (const [side, file] of Object.entries(uploads) as [Side, NonNullable<(typeof uploads)[Side]>][]) {
    const bytes = ctx.env.persistence.readBlob(file.id);
    if (bytes) sides[side] = { bytes, contentType: file.content_type };
  }
  const real = await ctx.env.verify({
    documentType: doc.document_type,
    issuingCountry: doc.issuing_country,
    sides,
    today: new Date(ctx.now).toISOString().slice(0, 10),
  });
  const outcome = applyScenario(session.sandbox, real);

  if (doc.status === 'pending') submitDocument(doc, ctx.now);
  if (session.status === 'created') moveSession(session, 'started', ctx.now);
  moveSession(session, 'pending', ctx.now);
  const verification: VerificationRecord = {
    id: ctx.env.newId('ver'),
    session_id: session.id,
    document_id: doc.id,
    status: 'initiated',
    auto_update_session: autoUpdate,
    checks: [],
    extracted: null,
    pending_outcome: outcome,
    // Counted from when the checks are done, not from the request's start: the checks themselves take
    // time (seconds on a loaded machine), and a delay spent in them would answer a verification
    // already decided, so a client could never see one being processed.
    ready_at: ctx.env.options.now() + (session.sandbox.processing_delay_ms ?? ctx.env.options.processingDelayMs),
    created_at: ctx.now,
    submitted_at: ctx.now,
    completed_at: null,
    redacted_at: null,
  };
  ctx.env.state.verifications[verification.id] = verification;
  return resourceResponse(verificationResource(ctx, verification), 201);
}

const LIST_PARAMETERS = [...PAGE_PARAMETERS, ...filterParameters('status', 'session_id', 'created_at_from', 'created_at_to')];

/**
 * `data.meta.auto_update_session`, inside `data` as the sessions guide writes it. The same flag in
 * the top-level `meta` is refused rather than ignored: ignored, it would leave an integrator
 * wondering why the session never received the extracted data.
 */
function autoUpdateSession(meta: Json, dataMeta: Json): boolean {
  if ('auto_update_session' in meta) {
    throw badRequest(
      'misplaced_meta',
      'auto_update_session belongs inside the resource: send it as data.meta.auto_update_session, not in the top-level meta.',
      { pointer: '/meta/auto_update_session' },
    );
  }
  const value = dataMeta.auto_update_session ?? false;
  if (typeof value !== 'boolean') throw invalid('auto_update_session must be a boolean.', '/data/meta/auto_update_session');
  return value;
}

function list(ctx: Ctx): Response {
  const statuses = enumFilter(ctx.query, 'status', VERIFICATION_STATUSES);
  const sessionId = filterParam(ctx.query, 'session_id');
  const from = timeParam(ctx, 'created_at_from');
  const to = timeParam(ctx, 'created_at_to');
  // By session (how a client finds its verification), one session's records are all that is read.
  const candidates = sessionId === null ? Object.values(ctx.env.state.verifications) : related(ctx.env, 'verificationsOfSession', sessionId);
  const records = candidates.filter(
    (v) => (!statuses || statuses.includes(v.status)) && (from === null || v.created_at >= from) && (to === null || v.created_at <= to),
  );
  return listResponse(ctx, records, (v) => verificationResource(ctx, v));
}

function timeParam(ctx: Ctx, name: string): number | null {
  const raw = filterParam(ctx.query, name);
  if (raw === null) return null;
  const ms = /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(raw) ? Date.parse(raw) : NaN;
  if (Number.isNaN(ms)) throw badRequest('invalid_parameter', `${name} must be an ISO-8601 date or timestamp.`, { parameter: name });
  // A bare date as the upper bound means "up to the end of that day".
  return name === 'created_at_to' && raw.length === 10 ? ms + 86_400_000 - 1 : ms;
}

function get(ctx: Ctx): Response {
  const verification = ctx.env.state.verifications[ctx.params.id!];
  if (!verification) throw notFound(`No verification ${ctx.params.id}.`);
  const session = verification.session_id ? ctx.env.state.sessions[verification.session_id] : undefined;
  if (session) failIfScheduled(session.sandbox, 'get_verification');
  return resourceResponse(verificationResource(ctx, verification));
}

export const verificationRoutes = [
  route('POST', '/identity/verifications', create),
  route('GET', '/identity/verifications', list, LIST_PARAMETERS),
  route('GET', '/identity/verifications/:id', get),
];
