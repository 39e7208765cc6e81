/** Accounts: the integrator's record of a person or business. The widget never calls these. */
import { ACCOUNT_STATUSES } from '../../api/contract.js';
import type { Ctx } from '../context.js';
import { conflict, notFound } from '../errors.js';
import { mergeManualData, NO_MANUAL_DATA, type ManualValues } from '../manual-data.js';
import { PAGE_PARAMETERS } from '../pagination.js';
import { redactSession } from '../redaction.js';
import { related } from '../relations.js';
import { enumFilter, filterParam, filterParameters, rejectUnknown, resourceInput } from '../request.js';
import { listResponse, resourceResponse } from '../respond.js';
import { route } from '../router.js';
import { accountResource } from '../serialize.js';
import type { AccountRecord } from '../store.js';
import { ENTITY_TYPES, MANUAL_DATA_FIELDS, manualData, oneOf, text, type ManualData } from '../validate.js';

const WRITABLE = ['status', 'external_id', 'entity_type', ...MANUAL_DATA_FIELDS];
const READ_ONLY = ['created_at', 'updated_at', 'redacted_at'];

function getAccount(ctx: Ctx, id: string): AccountRecord {
  const account = ctx.env.state.accounts[id];
  if (!account) throw notFound(`No account ${id}.`);
  return account;
}

/** As mergeManualData, but an account's identity_numbers stays an array (seed 001 shows [] on a new account). */
function accountData(current: ManualValues, data: ManualData, now: number): Partial<AccountRecord> {
  const { identity_numbers, ...rest } = mergeManualData(current, data, now);
  return { ...rest, ...(identity_numbers === undefined ? {} : { identity_numbers: identity_numbers ?? [] }) };
}

function create(ctx: Ctx): Response {
  const { attributes } = resourceInput(ctx.body, ['account']);
  rejectUnknown(attributes, WRITABLE, '/data/attributes', READ_ONLY);
  const data = manualData(attributes);
  const account: AccountRecord = {
    id: ctx.env.newId('acc'),
    // Seed 001: a new account is `pending`, awaiting verification; its sessions' decisions move it (lifecycle.ts).
    status: attributes.status === undefined ? 'pending' : oneOf(attributes.status, ACCOUNT_STATUSES, '/data/attributes/status'),
    external_id: text(attributes.external_id, '/data/attributes/external_id', 255),
    entity_type: attributes.entity_type === undefined ? 'person' : oneOf(attributes.entity_type, ENTITY_TYPES, '/data/attributes/entity_type'),
    person: null,
    business: null,
    contact: null,
    address: null,
    identity_numbers: [],
    ...accountData(NO_MANUAL_DATA, data, ctx.now),
    created_at: ctx.now,
    updated_at: ctx.now,
    redacted_at: null,
  };
  ctx.env.state.accounts[account.id] = account;
  return resourceResponse(accountResource(ctx, account), 201);
}

const LIST_PARAMETERS = [...PAGE_PARAMETERS, ...filterParameters('external_id', 'status')];

function list(ctx: Ctx): Response {
  const externalId = filterParam(ctx.query, 'external_id');
  const statuses = enumFilter(ctx.query, 'status', ACCOUNT_STATUSES);
  const records = Object.values(ctx.env.state.accounts).filter(
    (a) => (externalId === null || a.external_id === externalId) && (!statuses || statuses.includes(a.status)),
  );
  return listResponse(ctx, records, (a) => accountResource(ctx, a));
}

function update(ctx: Ctx): Response {
  const account = getAccount(ctx, ctx.params.id!);
  const { attributes, id } = resourceInput(ctx.body, ['account']);
  if (id !== null && id !== account.id) throw conflict('id_mismatch', 'data.id does not match the URL.', { pointer: '/data/id' });
  rejectUnknown(attributes, WRITABLE, '/data/attributes', READ_ONLY);
  if (account.redacted_at !== null) throw conflict('account_redacted', `Account ${account.id} was redacted.`);
  const data = manualData(attributes);
  const status = attributes.status === undefined ? account.status : oneOf(attributes.status, ACCOUNT_STATUSES, '/data/attributes/status');
  const entityType = attributes.entity_type === undefined ? account.entity_type : oneOf(attributes.entity_type, ENTITY_TYPES, '/data/attributes/entity_type');
  const externalId = 'external_id' in attributes ? text(attributes.external_id, '/data/attributes/external_id', 255) : account.external_id;
  Object.assign(account, accountData(account, data, ctx.now), { status, entity_type: entityType, external_id: externalId, updated_at: ctx.now });
  return resourceResponse(accountResource(ctx, account));
}

/** Redacting an account redacts everything held about it: its sessions, their documents and results. */
function redact(ctx: Ctx): Response {
  const account = getAccount(ctx, ctx.params.id!);
  if (account.redacted_at === null) {
    Object.assign(account, { person: null, business: null, contact: null, address: null, identity_numbers: [], redacted_at: ctx.now, updated_at: ctx.now });
    for (const session of related(ctx.env, 'sessionsOfAccount', account.id)) redactSession(ctx.env, session, ctx.now);
  }
  return resourceResponse(accountResource(ctx, account));
}

export const accountRoutes = [
  route('POST', '/identity/accounts', create),
  route('GET', '/identity/accounts', list, LIST_PARAMETERS),
  route('GET', '/identity/accounts/:id', (ctx) => resourceResponse(accountResource(ctx, getAccount(ctx, ctx.params.id!)))),
  route('PATCH', '/identity/accounts/:id', update),
  route('POST', '/identity/accounts/:id/redact', redact),
];
