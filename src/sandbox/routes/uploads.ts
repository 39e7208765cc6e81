/**
 * The presigned upload target: `PUT {baseUrl}/uploads/{file_id}?…&signature=…` with the raw bytes.
 * Authorised by the URL's signature rather than the API key, and answering CORS, because browsers
 * upload here directly. The checks that need only the URL and the bytes run before the store is
 * touched (and before the request waits for the store), in the order a client would fix them.
 */
import { createHash } from 'node:crypto';
import { errorResponse } from '../../api/responses.js';
import type { Env } from '../context.js';
import { badRequest, conflict, forbidden, HttpError, notFound, tooLarge, unsupportedMediaType } from '../errors.js';
import { assertSessionOpen } from '../lifecycle.js';
import { verifyUpload } from '../presign.js';
import { mediaType, readBytes } from '../request.js';
import { related } from '../relations.js';
import { failIfScheduled } from '../scenarios.js';
import type { FileRecord } from '../store.js';
import { sniffBytes } from '../../document/sniff.js';

export interface UploadRequest {
  request: Request;
  /** Path relative to the base path. */
  path: string;
  /** The query exactly as received, without `?`. */
  rawQuery: string;
  env: Env;
  /** Runs `fn` with exclusive access to a settled store, persisting what it changed. */
  withStore: (fn: (now: number) => Response) => Promise<Response>;
}

export async function handleUpload(upload: UploadRequest): Promise<Response> {
  const cors = corsHeaders(upload.request);
  if (upload.request.method === 'OPTIONS') return preflight(upload.request, cors);
  try {
    if (upload.request.method !== 'PUT') {
      return errorResponse(405, { code: 'method_not_allowed', title: 'Method not allowed', detail: 'Upload with PUT.' }, { ...cors, Allow: 'PUT, OPTIONS' });
    }
    const response = await put(upload);
    for (const [name, value] of Object.entries(cors)) response.headers.set(name, value);
    return response;
  } catch (error) {
    if (error instanceof HttpError) return error.toResponse(cors);
    throw error;
  }
}

async function put({ request, path, rawQuery, env, withStore }: UploadRequest): Promise<Response> {
  const { options, state } = env;
  const check = verifyUpload(state.signingKey, path, rawQuery, options.now());
  if (!check.ok) throw forbidden(check.reason, check.detail);
  const { grant } = check;

  const sentType = mediaType(request.headers.get('content-type'));
  if (sentType !== grant.contentType) {
    throw unsupportedMediaType('content_type_mismatch', `Send Content-Type: ${grant.contentType}, as declared for this file (got ${sentType || 'none'}).`, {
      header: 'Content-Type',
    });
  }
  // Every size refusal is decided before a byte is read where Content-Length allows it; without
  // one, reading stops at the declared size, so no upload buffers more than its file may hold.
  const sentLength = request.headers.get('content-length');
  const overMax = `Uploads are limited to ${options.maxUploadBytes} bytes.`;
  const overDeclared = `The file was declared with byte_size ${grant.byteSize}; send exactly that many bytes.`;
  if (sentLength !== null && Number(sentLength) > options.maxUploadBytes) throw tooLarge(overMax);
  if (sentLength !== null && Number(sentLength) > grant.byteSize) throw tooLarge(overDeclared);
  if (sentLength !== null && Number(sentLength) !== grant.byteSize) throw sizeMismatch(Number(sentLength), grant.byteSize);
  const limit = Math.min(grant.byteSize, options.maxUploadBytes);
  const bytes = await readBytes(request, limit, limit < grant.byteSize ? overMax : overDeclared);
  if (bytes.byteLength !== grant.byteSize) throw sizeMismatch(bytes.byteLength, grant.byteSize);
  const sniffed = sniffBytes(bytes);
  if (!sniffed) throw unsupportedMediaType('unsupported_content', 'The bytes are not a JPEG, PNG, WebP or PDF file.');
  if (sniffed !== grant.contentType) {
    throw unsupportedMediaType('content_mismatch', `The bytes are ${sniffed}, but the file was declared as ${grant.contentType}.`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (grant.checksum && grant.checksum !== sha256) {
    throw badRequest('checksum_mismatch', 'The SHA-256 of the bytes does not match the declared checksum. Upload the file again.');
  }

  return withStore((now) => {
    const file = state.files[grant.fileId];
    if (!file) throw notFound(`No file ${grant.fileId}.`);
    const doc = state.documents[file.document_id];
    const session = doc ? state.sessions[doc.session_id] : undefined;
    if (!doc || !session) throw notFound(`No document for file ${file.id}.`);
    failIfScheduled(session.sandbox, 'upload');
    assertSessionOpen(session);
    if (doc.status !== 'pending') throw conflict('document_submitted', `Document ${doc.id} was already submitted.`);
    const etag = `"${sha256}"`;
    env.persistence.writeBlob(file.id, bytes);
    file.status = 'uploaded';
    file.uploaded_at = now;
    file.etag = etag;
    delete file.superseded_by;
    freeReplacedBytes(env, file);
    return new Response(null, { status: 200, headers: { ETag: etag } });
  });
}

/**
 * Only a side's latest upload is ever looked at (serialize.ts `latestUploads`), so the bytes of the
 * files it replaces are deleted: however often a side is uploaded again (to the same URL, which
 * overwrites, or to a fresh file), a document holds at most one file's bytes per side. Records
 * stay, marked, so that the document's file list keeps its history.
 */
function freeReplacedBytes(env: Env, latest: FileRecord): void {
  for (const other of related(env, 'filesOfDocument', latest.document_id)) {
    if (other.id === latest.id || other.side !== latest.side || other.status !== 'uploaded' || other.superseded_by) continue;
    other.superseded_by = latest.id;
    env.persistence.deleteBlob(other.id);
  }
}

function sizeMismatch(got: number, declared: number): HttpError {
  return badRequest('size_mismatch', `The body is ${got} bytes, but the file was declared with byte_size ${declared}.`, {
    header: 'Content-Length',
  });
}

function corsHeaders(request: Request): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': request.headers.get('origin') ?? '*',
    'Access-Control-Expose-Headers': 'ETag',
    Vary: 'Origin',
  };
}

function preflight(request: Request, cors: Record<string, string>): Response {
  const method = request.headers.get('access-control-request-method');
  const headers: Record<string, string> = {
    ...cors,
    'Access-Control-Allow-Methods': 'PUT',
    'Access-Control-Allow-Headers': 'Content-Type',
    'Access-Control-Max-Age': '600',
  };
  return new Response(null, { status: method && method.toUpperCase() !== 'PUT' ? 403 : 204, headers });
}
