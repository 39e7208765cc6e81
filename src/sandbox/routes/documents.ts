/** Government-ID documents (`document/idv`): declared files, presigned upload URLs, submit. */
import { REQUIRED_SIDES, type Side } from '../../api/contract.js';
import type { Ctx } from '../context.js';
import { conflict, HttpError, invalid, notFound } from '../errors.js';
import { assertSessionOpen, getSession, moveSession } from '../lifecycle.js';
import { signUpload } from '../presign.js';
import { isObject, rejectUnknown, relationshipId, resourceInput, type Json } from '../request.js';
import { resourceResponse } from '../respond.js';
import { route } from '../router.js';
import { failIfScheduled } from '../scenarios.js';
import { documentFiles, documentResource, fileResource, latestUploads } from '../serialize.js';
import type { DocumentRecord, FileRecord, SessionRecord } from '../store.js';
import { countryCode, declaredFile, documentType, oneOf, type ValidDeclaredFile } from '../validate.js';

/**
 * Files one document holds, declared at creation and added later in all: a client gets a fresh
 * upload URL by declaring a file again, and ten allow several retries of every side. Bytes are
 * bounded apart from this: a side keeps only its latest upload's (routes/uploads.ts).
 */
export const MAX_FILES = 10;
const SIDES: Side[] = ['front', 'back', 'portrait'];
const READ_ONLY = ['status', 'front_side', 'back_side', 'portrait', 'signature', 'created_at', 'submitted_at', 'processed_at'];

/** `data.meta` of a request document, or an empty object. */
function dataMeta(body: unknown): Json {
  const data = isObject(body) ? body.data : null;
  return isObject(data) && isObject(data.meta) ? data.meta : {};
}

function fileSide(value: unknown, pointer: string): Side {
  return oneOf<Side>(value, SIDES, pointer);
}

export function getDocument(ctx: Ctx, id: string, pointer?: string): DocumentRecord {
  const doc = ctx.env.state.documents[id];
  if (!doc) throw notFound(`No document ${id}.`, pointer ? { pointer } : {});
  return doc;
}

export function requiredSides(doc: DocumentRecord): readonly Side[] {
  return doc.document_type ? REQUIRED_SIDES[doc.document_type] : ['front'];
}

export function missingSides(ctx: Ctx, doc: DocumentRecord): Side[] {
  const uploaded = latestUploads(documentFiles(ctx, doc.id));
  return requiredSides(doc).filter((side) => !uploaded[side]);
}

function presign(ctx: Ctx, session: SessionRecord, file: FileRecord): { presigned_upload_url: string; expires_in: number } {
  const ttl = session.sandbox.upload_url_ttl_seconds ?? ctx.env.options.uploadUrlTtlSeconds;
  const expires = Math.ceil(ctx.now / 1000) + ttl;
  const path = signUpload(ctx.env.state.signingKey, {
    fileId: file.id,
    contentType: file.content_type,
    byteSize: file.byte_size,
    checksum: file.checksum,
    expires,
  });
  return { presigned_upload_url: `${ctx.baseUrl}${path}`, expires_in: ttl };
}

/** `side` is an ext: a file declared without one takes the first side the document does not have yet. */
function newFile(ctx: Ctx, doc: DocumentRecord, declared: ValidDeclaredFile, taken: Set<Side>): FileRecord {
  const side = declared.side ?? SIDES.find((s) => !taken.has(s)) ?? 'portrait';
  taken.add(side);
  return {
    id: ctx.env.newId('file'),
    document_id: doc.id,
    filename: declared.filename,
    content_type: declared.content_type,
    byte_size: declared.byte_size,
    checksum: declared.checksum ?? null,
    side,
    status: 'pending_upload',
    created_at: ctx.now,
    uploaded_at: null,
    etag: null,
  };
}

/** The applicant acting on a session that was only created counts as starting it. */
function markStarted(session: SessionRecord, now: number): void {
  if (session.status === 'created') moveSession(session, 'started', now);
}

/**
 * The ext members (document type, country, sides) as attributes or, where a strict server would
 * ignore them, as hints in `data.meta`: the widget sends hints (profile.ts drops them in the docs profile).
 */
function member(attributes: Json, hints: Json, name: string): { value: unknown; pointer: string } {
  return name in attributes ? { value: attributes[name], pointer: `/data/attributes/${name}` } : { value: hints[name], pointer: `/data/meta/${name}` };
}

function create(ctx: Ctx): Response {
  const { attributes, relationships } = resourceInput(ctx.body, ['document/idv']);
  rejectUnknown(attributes, ['document_type', 'issuing_country', 'files'], '/data/attributes', READ_ONLY);
  const hints = dataMeta(ctx.body);
  const sessionId = relationshipId(relationships, 'session', 'session', true)!;
  const typeMember = member(attributes, hints, 'document_type');
  const type = documentType(typeMember.value, typeMember.pointer);
  const countryMember = member(attributes, hints, 'issuing_country');
  const country = countryCode(countryMember.value, countryMember.pointer);
  const rawFiles = attributes.files ?? [];
  if (!Array.isArray(rawFiles) || rawFiles.length > MAX_FILES) {
    throw invalid(`files must be an array of at most ${MAX_FILES} declared files.`, '/data/attributes/files');
  }
  const sides = hints.sides === undefined ? [] : hints.sides;
  if (!Array.isArray(sides) || sides.length > rawFiles.length) throw invalid('meta.sides must list at most one side per declared file.', '/data/meta/sides');
  const declared = rawFiles.map((f, i) => {
    const file = declaredFile(f, `/data/attributes/files/${i}`, ctx.env.options.maxUploadBytes);
    return file.side || sides[i] == null ? file : { ...file, side: fileSide(sides[i], `/data/meta/sides/${i}`) };
  });
  const session = getSession(ctx.env, sessionId, '/data/relationships/session/data/id');
  assertSessionOpen(session);
  failIfScheduled(session.sandbox, 'create_document');

  const doc: DocumentRecord = {
    id: ctx.env.newId('doc'),
    session_id: session.id,
    status: 'pending',
    document_type: type,
    issuing_country: country,
    created_at: ctx.now,
    submitted_at: null,
    processed_at: null,
    redacted_at: null,
  };
  const taken = new Set<Side>(declared.flatMap((f) => (f.side ? [f.side] : [])));
  const files = declared.map((f) => newFile(ctx, doc, f, taken));
  ctx.env.state.documents[doc.id] = doc;
  for (const file of files) ctx.env.state.files[file.id] = file;
  markStarted(session, ctx.now);
  return resourceResponse(documentResource(ctx, doc), 201, { files: files.map((f) => ({ id: f.id, ...presign(ctx, session, f) })) });
}

/** Also how a client gets a fresh URL after one expired: it declares the same file again. */
function addFile(ctx: Ctx): Response {
  const doc = getDocument(ctx, ctx.params.id!);
  const body = ctx.body;
  // Accepted as a JSON:API document ({ data: { type: "file", attributes } }) or as the bare declaration.
  const attributes = isObject(body) && 'data' in body ? resourceInput(body, ['file']).attributes : body;
  const pointer = isObject(body) && 'data' in body ? '/data/attributes' : '';
  const hinted = dataMeta(body).side;
  const declared = declaredFile(attributes, pointer, ctx.env.options.maxUploadBytes);
  if (!declared.side && hinted != null) declared.side = fileSide(hinted, '/data/meta/side');
  const session = getSession(ctx.env, doc.session_id);
  assertSessionOpen(session);
  assertPending(doc);
  const files = documentFiles(ctx, doc.id);
  if (files.length >= MAX_FILES) {
    throw conflict('too_many_files', `Document ${doc.id} already holds ${MAX_FILES} files, the most one document can; create a new document to try again.`);
  }
  failIfScheduled(session.sandbox, 'add_file');
  // Without a side, the file replaces the first side that has no upload yet (the way a client that
  // cannot name sides gets a fresh URL for the one it is sending), else it adds the next side.
  const uploaded = new Set(files.flatMap((f) => (f.status === 'uploaded' ? [f.side] : [])));
  const file = newFile(ctx, doc, declared, uploaded);
  ctx.env.state.files[file.id] = file;
  return resourceResponse(fileResource(ctx, file), 201, presign(ctx, session, file));
}

function assertPending(doc: DocumentRecord): void {
  if (doc.status !== 'pending') throw conflict('document_submitted', `Document ${doc.id} is ${doc.status}; its files can no longer change.`);
}

function get(ctx: Ctx): Response {
  const doc = getDocument(ctx, ctx.params.id!);
  const session = ctx.env.state.sessions[doc.session_id];
  if (session) failIfScheduled(session.sandbox, 'get_document');
  return resourceResponse(documentResource(ctx, doc));
}

function submit(ctx: Ctx): Response {
  const doc = getDocument(ctx, ctx.params.id!);
  const session = getSession(ctx.env, doc.session_id);
  if (doc.status === 'submitted') return resourceResponse(documentResource(ctx, doc));
  assertSessionOpen(session);
  assertPending(doc);
  assertComplete(ctx, doc);
  failIfScheduled(session.sandbox, 'submit_document');
  submitDocument(doc, ctx.now);
  return resourceResponse(documentResource(ctx, doc));
}

export function assertComplete(ctx: Ctx, doc: DocumentRecord, pointer?: string): void {
  const missing = missingSides(ctx, doc);
  if (!missing.length) return;
  throw new HttpError(422, {
    code: 'missing_sides',
    title: 'Document incomplete',
    detail: `Upload the ${missing.join(' and ')} of the ${doc.document_type?.replace('_', ' ') ?? 'document'} first (required: ${requiredSides(doc).join(', ')}).`,
    ...(pointer ? { pointer } : {}),
  });
}

export function submitDocument(doc: DocumentRecord, now: number): void {
  doc.status = 'submitted';
  doc.submitted_at = now;
}

export const documentRoutes = [
  route('POST', '/identity/documents/idvs', create),
  route('GET', '/identity/documents/idvs/:id', get),
  route('POST', '/identity/documents/idvs/:id/files', addFile),
  route('POST', '/identity/documents/idvs/:id/submit', submit),
];
