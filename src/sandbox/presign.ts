/**
 * Presigned upload URLs: `PUT {origin}{basePath}/uploads/{file_id}?expires=…&content_type=…
 * &byte_size=…[&checksum=…]&signature=…`. The signature is an HMAC-SHA256 over the method, the path
 * and the raw query before `signature`, so that any change to path or query (a value, the order, an
 * added parameter) breaks it. What was declared travels in the signed query, which lets the upload
 * be judged before the store is consulted.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const UPLOAD_PATH_PREFIX = '/uploads/';

export interface UploadGrant {
  fileId: string;
  contentType: string;
  byteSize: number;
  checksum: string | null;
  /** Epoch seconds. */
  expires: number;
}

export function uploadPath(fileId: string): string {
  return `${UPLOAD_PATH_PREFIX}${encodeURIComponent(fileId)}`;
}

/** The path (relative to the sandbox's base path) and query of a signed upload URL. */
export function signUpload(key: string, grant: UploadGrant): string {
  const path = uploadPath(grant.fileId);
  const params = new URLSearchParams({
    expires: String(grant.expires),
    content_type: grant.contentType,
    byte_size: String(grant.byteSize),
  });
  if (grant.checksum) params.set('checksum', grant.checksum);
  const query = params.toString();
  return `${path}?${query}&signature=${hmac(key, path, query)}`;
}

export type UploadCheck = { ok: true; grant: UploadGrant } | { ok: false; reason: 'invalid_signature' | 'expired'; detail: string };

/** `path` is relative to the base path, `rawQuery` is the query exactly as received, without `?`. */
export function verifyUpload(key: string, path: string, rawQuery: string, nowMs: number): UploadCheck {
  const bad = (detail: string): UploadCheck => ({ ok: false, reason: 'invalid_signature', detail });
  const at = rawQuery.lastIndexOf('&signature=');
  if (at < 0) return bad('The upload URL carries no signature.');
  const signed = rawQuery.slice(0, at);
  const given = rawQuery.slice(at + '&signature='.length);
  const expected = hmac(key, path, signed);
  if (!/^[0-9a-f]{64}$/.test(given) || !timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(expected, 'hex'))) {
    return bad('The upload URL was changed or was not issued by this sandbox. Request a new one.');
  }
  const params = new URLSearchParams(signed);
  const grant: UploadGrant = {
    fileId: decodeURIComponent(path.slice(UPLOAD_PATH_PREFIX.length)),
    contentType: params.get('content_type') ?? '',
    byteSize: Number(params.get('byte_size')),
    checksum: params.get('checksum'),
    expires: Number(params.get('expires')),
  };
  if (nowMs >= grant.expires * 1000) {
    const ago = Math.round(nowMs / 1000 - grant.expires);
    return {
      ok: false,
      reason: 'expired',
      detail: `The upload URL expired ${ago} s ago. Get a new one with POST /identity/documents/idvs/{id}/files.`,
    };
  }
  return { ok: true, grant };
}

function hmac(key: string, path: string, query: string): string {
  return createHmac('sha256', Buffer.from(key, 'hex')).update(`PUT\n${path}\n${query}`).digest('hex');
}
