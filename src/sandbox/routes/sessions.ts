/** Sessions: one applicant's attempt, its manual data, behaviour signals and status moves. */
import { isFinalSessionStatus, SESSION_STATUSES, type SessionStatus } from '../../api/contract.js';
import type { Ctx } from '../context.js';
import { conflict, invalid, notFound } from '../errors.js';
import { assertNotRedacted, getSession, moveSession, reflectOnAccount } from '../lifecycle.js';
import { mergeManualData, NO_MANUAL_DATA } from '../manual-data.js';
import { PAGE_PARAMETERS } from '../pagination.js';
import { redactSession } from '../redaction.js';
import { related } from '../relations.js';
import { aliasedParam, enumFilter, filterParameters, rejectUnknown, relationshipId, resourceInput } from '../request.js';
import { listResponse, resourceResponse } from '../respond.js';
import { route } from '../router.js';
import { failIfScheduled, parseScenario } from '../scenarios.js';
import { sessionResource } from '../serialize.js';
import type { DeviceRecord, SessionRecord } from '../store.js';
import { behaviorAnalysis, ENTITY_TYPES, MANUAL_DATA_FIELDS, manualData, oneOf } from '../validate.js';

const READ_ONLY = [
  'status',
  'creator_type',
  'creator_id',
  'created_at',
  'updated_at',
  'started_at',
  'expires_at',
  'completed_at',
  'failed_at',
  'marked_for_review_at',
  'decisioned_at',
  'expired_at',
  'redacted_at',
];
const MAX_EVIDENCE_BYTES = 64 * 1024;

function create(ctx: Ctx): Response {
  const { attributes, relationships, meta } = resourceInput(ctx.body, ['session']);
  rejectUnknown(attributes, ['entity_type', ...MANUAL_DATA_FIELDS], '/data/attributes', READ_ONLY);
  const accountId = relationshipId(relationships, 'account', 'account', true)!;
  const entityType = attributes.entity_type === undefined ? 'person' : oneOf(attributes.entity_type, ENTITY_TYPES, '/data/attributes/entity_type');
  const data = manualData(attributes);
  const { state: sandbox, sessionExpiresInSeconds } = parseScenario(meta.sandbox);
  const account = ctx.env.state.accounts[accountId];
  if (!account) throw notFound(`No account ${accountId}.`, { pointer: '/data/relationships/account/data/id' });
  if (account.redacted_at !== null) throw conflict('account_redacted', `Account ${accountId} was redacted.`, { pointer: '/data/relationships/account' });
  const session: SessionRecord = {
    id: ctx.env.newId('sess'),
    account_id: accountId,
    status: 'created',
    entity_type: entityType,
    // Seed 002 shows "api" for a session created with an API key; "system" is the reference's other value.
    creator_type: 'api',
    creator_id: 'sandbox',
    ...NO_MANUAL_DATA,
    ...mergeManualData(NO_MANUAL_DATA, data, ctx.now),
    behavior_analysis: null,
    behavior_evidence: null,
    created_at: ctx.now,
    updated_at: ctx.now,
    started_at: null,
    // A new session has no expiry (seed 002) unless QA asks for one; without it, only /expire ends it by time.
    expires_at: sessionExpiresInSeconds === null ? null : ctx.now + sessionExpiresInSeconds * 1000,
    completed_at: null,
    failed_at: null,
    marked_for_review_at: null,
    decisioned_at: null,
    expired_at: null,
    redacted_at: null,
    sandbox,
  };
  ctx.env.state.sessions[session.id] = session;
  return resourceResponse(sessionResource(ctx, session), 201);
}

/** The reference names `filter[account]`; the sessions guide lists by `filter[account_id]`. Both are read. */
const ACCOUNT_FILTER = ['filter[account]', 'filter[account_id]'] as const;
const LIST_PARAMETERS = [...PAGE_PARAMETERS, ...filterParameters('status', 'entity_type'), ...ACCOUNT_FILTER, 'filter[session_device]'];

function list(ctx: Ctx): Response {
  const statuses = enumFilter(ctx.query, 'status', SESSION_STATUSES);
  const entityTypes = enumFilter(ctx.query, 'entity_type', ENTITY_TYPES);
  const account = aliasedParam(ctx.query, ACCOUNT_FILTER);
  const device = ctx.query.get('filter[session_device]');
  const deviceSession = device === null ? null : (ctx.env.state.devices[device]?.session_id ?? '');
  // The narrowest index first: one device's session, one account's sessions, else every session.
  const candidates =
    deviceSession !== null
      ? [ctx.env.state.sessions[deviceSession]].filter((s) => s !== undefined)
      : account !== null
        ? related(ctx.env, 'sessionsOfAccount', account)
        : Object.values(ctx.env.state.sessions);
  const records = candidates.filter(
    (s) =>
      (!statuses || statuses.includes(s.status)) && (!entityTypes || entityTypes.includes(s.entity_type)) && (account === null || s.account_id === account),
  );
  return listResponse(ctx, records, (s) => sessionResource(ctx, s));
}

function get(ctx: Ctx): Response {
  const session = getSession(ctx.env, ctx.params.id!);
  failIfScheduled(session.sandbox, 'get_session');
  return resourceResponse(sessionResource(ctx, session));
}

function update(ctx: Ctx): Response {
  const session = getSession(ctx.env, ctx.params.id!);
  const { id, attributes, meta } = resourceInput(ctx.body, ['session']);
  if (id !== null && id !== session.id) throw conflict('id_mismatch', 'data.id does not match the URL.', { pointer: '/data/id' });
  rejectUnknown(attributes, ['entity_type', 'behavior_analysis', ...MANUAL_DATA_FIELDS], '/data/attributes', READ_ONLY);
  const data = manualData(attributes);
  const entityType = attributes.entity_type === undefined ? session.entity_type : oneOf(attributes.entity_type, ENTITY_TYPES, '/data/attributes/entity_type');
  const behavior = 'behavior_analysis' in attributes ? behaviorAnalysis(attributes.behavior_analysis, '/data/attributes/behavior_analysis') : undefined;
  if (meta.evidence !== undefined && JSON.stringify(meta.evidence).length > MAX_EVIDENCE_BYTES) {
    throw invalid(`meta.evidence is limited to ${MAX_EVIDENCE_BYTES} bytes of JSON.`, '/meta/evidence');
  }
  const camera = cameraSummary(meta.camera);
  assertNotRedacted(session);
  failIfScheduled(session.sandbox, 'patch_session');
  Object.assign(session, mergeManualData(session, data, ctx.now), { entity_type: entityType, updated_at: ctx.now });
  if (behavior !== undefined) session.behavior_analysis = behavior;
  if (meta.evidence !== undefined) session.behavior_evidence = meta.evidence;
  if (camera) recordCamera(ctx, session.id, camera);
  return resourceResponse(sessionResource(ctx, session));
}

/** The camera summary fields a widget may send (signals.md §Device): numbers and a class, no label. */
const CAMERA_FIELDS = ['count', 'kind', 'width', 'height', 'frame_rate'] as const;

/**
 * `meta.camera` (ext): the camera is known only after permission, later than the device record was
 * posted, and the API has no call to amend a device; so the widget sends it with a behaviour update
 * and it is filled in on the session's latest device record.
 */
function cameraSummary(value: unknown): Record<string, unknown> | null {
  if (value === undefined) return null;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('meta.camera must be an object.', '/meta/camera');
  const summary = value as Record<string, unknown>;
  rejectUnknown(summary, [...CAMERA_FIELDS], '/meta/camera');
  for (const field of ['count', 'width', 'height', 'frame_rate'] as const) {
    const number = summary[field];
    if (number !== null && number !== undefined && (typeof number !== 'number' || !Number.isFinite(number) || number < 0)) {
      throw invalid(`meta.camera.${field} must be a non-negative number or null.`, `/meta/camera/${field}`);
    }
  }
  if (!['real', 'virtual', 'unknown'].includes(summary.kind as string))
    throw invalid('meta.camera.kind must be real, virtual or unknown.', '/meta/camera/kind');
  return Object.fromEntries(CAMERA_FIELDS.map((field) => [field, summary[field] ?? null]));
}

function recordCamera(ctx: Ctx, sessionId: string, camera: Record<string, unknown>): void {
  let latest: DeviceRecord | undefined;
  for (const device of related(ctx.env, 'devicesOfSession', sessionId)) {
    if (device.redacted_at === null && (!latest || device.created_at > latest.created_at)) latest = device;
  }
  if (latest) latest.attributes = { ...latest.attributes, camera };
}

/** Idempotent: a widget resuming after a reload may start a session that is already under way. */
function start(ctx: Ctx): Response {
  const session = getSession(ctx.env, ctx.params.id!);
  assertNotRedacted(session);
  if (isFinalSessionStatus(session.status)) throw conflict('session_final', `Session ${session.id} is ${session.status}; it cannot be started.`);
  failIfScheduled(session.sandbox, 'start');
  if (session.status === 'created') moveSession(session, 'started', ctx.now);
  return resourceResponse(sessionResource(ctx, session));
}

function transition(from: readonly SessionStatus[], to: SessionStatus, verb: string) {
  return (ctx: Ctx): Response => {
    const session = getSession(ctx.env, ctx.params.id!);
    assertNotRedacted(session);
    if (!from.includes(session.status)) {
      throw conflict('invalid_transition', `Session ${session.id} is ${session.status}; only a session that is ${from.join(' or ')} can be ${verb}.`);
    }
    moveSession(session, to, ctx.now);
    reflectOnAccount(ctx.env, session, ctx.now);
    return resourceResponse(sessionResource(ctx, session));
  };
}

const DECIDABLE: SessionStatus[] = ['completed', 'marked_for_review'];
const OPEN = SESSION_STATUSES.filter((s) => !isFinalSessionStatus(s));

function redact(ctx: Ctx): Response {
  const session = getSession(ctx.env, ctx.params.id!);
  redactSession(ctx.env, session, ctx.now);
  return resourceResponse(sessionResource(ctx, session));
}

export const sessionRoutes = [
  route('POST', '/identity/sessions', create),
  route('GET', '/identity/sessions', list, LIST_PARAMETERS),
  route('GET', '/identity/sessions/:id', get),
  route('PATCH', '/identity/sessions/:id', update),
  route('POST', '/identity/sessions/:id/start', start),
  route('POST', '/identity/sessions/:id/approve', transition(DECIDABLE, 'approved', 'approved')),
  route('POST', '/identity/sessions/:id/decline', transition(DECIDABLE, 'declined', 'declined')),
  route('POST', '/identity/sessions/:id/expire', transition(OPEN, 'expired', 'expired')),
  route('POST', '/identity/sessions/:id/redact', redact),
];
