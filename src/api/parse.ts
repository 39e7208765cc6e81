/**
 * Reading API answers defensively: the widget trusts no shape it has not checked, so a malformed
 * answer becomes one clear `malformed_response` error instead of a crash three steps later.
 */
import {
  FAILED_SIDES,
  SESSION_STATUSES,
  SIDES,
  VERIFICATION_STATUSES,
  type PresignedUpload,
  type SessionStatus,
  type Side,
  type VerificationStatus,
} from './contract.js';
import { ApiError } from './errors.js';

type Json = Record<string, unknown>;

function malformed(what: string): never {
  throw new ApiError('malformed_response', `The API answered with an unexpected shape (${what}).`);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function object(value: unknown, what: string): Json {
  return isObject(value) ? value : malformed(what);
}

function string(value: unknown, what: string): string {
  return typeof value === 'string' && value.length > 0 ? value : malformed(what);
}

/** `data` of a single-resource document, with its type checked. */
export function resource(body: unknown, type: string): { id: string; attributes: Json; relationships: Json; meta: Json } {
  const document = object(body, 'document');
  const data = object(document.data, 'data');
  if (data.type !== type) malformed(`data.type is not ${type}`);
  return {
    id: string(data.id, 'data.id'),
    attributes: isObject(data.attributes) ? data.attributes : {},
    relationships: isObject(data.relationships) ? data.relationships : {},
    meta: isObject(document.meta) ? document.meta : {},
  };
}

export function sessionStatus(attributes: Json): SessionStatus {
  const status = attributes.status;
  return (SESSION_STATUSES as readonly unknown[]).includes(status) ? (status as SessionStatus) : malformed('session status');
}

export function verificationStatus(attributes: Json): VerificationStatus {
  const status = attributes.status;
  return (VERIFICATION_STATUSES as readonly unknown[]).includes(status) ? (status as VerificationStatus) : malformed('verification status');
}

export function verificationState(attributes: Json): { status: VerificationStatus; reasons: FailedCheck[] } {
  return { status: verificationStatus(attributes), reasons: failedChecks(attributes) };
}

/** The resource with `id` in a list document (`data` an array), type checked; null when it is not listed. */
export function listedResource(body: unknown, type: string, id: string): { id: string; attributes: Json } | null {
  const document = object(body, 'document');
  if (!Array.isArray(document.data)) malformed('data is not a list');
  const item = document.data.find((entry) => isObject(entry) && entry.id === id);
  if (!item) return null;
  return resource({ data: item }, type);
}

/**
 * A check the verification failed, as the widget keeps it (plain data: it is part of the saved
 * flow state). The applicant is shown words chosen by `check` (ui/reasons.ts); `text`, the
 * server's own words, only where the check is one the widget does not know.
 */
export interface FailedCheck {
  /** The check's name (`image_resolution`, `barcode_readable`…); '' when the server gave none. */
  check: string;
  /** The sides it failed on, where the server says (ext `metadata.failed_sides`); empty: any side, or the whole document. */
  sides: Side[];
  /** The server's reasons, joined; '' when it gave none. */
  text: string;
}

/** The failed checks of a verification, in the server's order; anything malformed in one is left out, never thrown. */
export function failedChecks(attributes: Json): FailedCheck[] {
  const checks = Array.isArray(attributes.checks) ? attributes.checks : [];
  return checks.filter((check): check is Json => isObject(check) && check.status === 'failed').map(failedCheck);
}

function failedCheck(check: Json): FailedCheck {
  const reasons = Array.isArray(check.reasons) ? check.reasons.filter((r): r is string => typeof r === 'string' && r.trim() !== '') : [];
  const named = isObject(check.metadata) && Array.isArray(check.metadata[FAILED_SIDES]) ? check.metadata[FAILED_SIDES] : [];
  const sides = SIDES.filter((side) => named.includes(side));
  return { check: typeof check.name === 'string' ? check.name : '', sides, text: reasons.map((r) => r.trim()).join(' ') };
}

function upload(value: unknown, fallbackFileId?: string): PresignedUpload {
  const entry = object(value, 'presigned upload');
  const url = string(entry.presigned_upload_url ?? entry.url, 'presigned upload url');
  const fileId = string(entry.file_id ?? entry.id ?? fallbackFileId, 'presigned upload file id');
  const expiresIn = typeof entry.expires_in === 'number' ? entry.expires_in : 3600;
  return { file_id: fileId, url, expires_in: expiresIn };
}

/**
 * The presigned upload targets of a create-document or add-file answer, whichever of the three
 * documented spellings carried them: `meta.files[]`, `meta.presigned_upload_urls[]`, or a single
 * `meta.presigned_upload_url` (add-file, where the file id is `data.id`).
 */
export function presignedUploads(meta: Json, singleFileId?: string): PresignedUpload[] {
  if (Array.isArray(meta.files)) return meta.files.map((entry) => upload(entry));
  if (Array.isArray(meta.presigned_upload_urls)) return meta.presigned_upload_urls.map((entry) => upload(entry));
  if (typeof meta.presigned_upload_url === 'string') return [upload(meta, singleFileId)];
  return malformed('no presigned upload url');
}

/** The declared side of each file in a document's `attributes.files[]`, by file id. */
export function fileSides(attributes: Json): Map<string, string> {
  const files = Array.isArray(attributes.files) ? attributes.files : [];
  return new Map(files.filter(isObject).flatMap((file) => (typeof file.id === 'string' && typeof file.side === 'string' ? [[file.id, file.side]] : [])));
}

/** The server's error code and message from a JSON:API error body, if it is one. */
export function errorInfo(body: unknown): { code: string | null; detail: string | null } {
  const first = isObject(body) && Array.isArray(body.errors) && isObject(body.errors[0]) ? body.errors[0] : null;
  return {
    code: first && typeof first.code === 'string' ? first.code : null,
    detail: first && typeof first.detail === 'string' ? first.detail : first && typeof first.title === 'string' ? first.title : null,
  };
}
