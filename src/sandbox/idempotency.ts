/**
 * `Idempotency-Key` on POST (ext): the first response to a key is kept and replayed for the same
 * request; the same key on a different request is a 422. Transient failures (429, 5xx) are not
 * kept, so that retrying with the same key can still succeed.
 */
import { createHash } from 'node:crypto';
import { badRequest, HttpError } from './errors.js';
import type { State } from './store.js';

const HEADER = 'Idempotency-Key';

export function idempotencyKey(request: Request): string | null {
  if (request.method !== 'POST') return null;
  const key = request.headers.get(HEADER);
  if (key === null) return null;
  if (key.length < 1 || key.length > 255) throw badRequest('invalid_header', `${HEADER} must be 1 to 255 characters.`, { header: HEADER });
  return key;
}

export function fingerprint(method: string, path: string, body: Uint8Array): string {
  return createHash('sha256').update(`${method} ${path}\n`).update(body).digest('hex');
}

/** The stored response for `key`, or null when the key is new; a 422 when it was used for another request. */
export function replay(state: State, key: string, print: string): Response | null {
  const record = state.idempotency[key];
  if (!record) return null;
  if (record.fingerprint !== print) {
    throw new HttpError(422, {
      code: 'idempotency_key_reused',
      title: 'Idempotency key reused',
      detail: `${HEADER} "${key}" was already used with a different request. Use a new key for a new request.`,
      header: HEADER,
    });
  }
  return new Response(record.body, { status: record.status, headers: { ...record.headers, 'Idempotent-Replayed': 'true' } });
}

export async function remember(state: State, key: string, print: string, response: Response, now: number): Promise<void> {
  if (response.status === 429 || response.status >= 500) return;
  const headers: Record<string, string> = {};
  const type = response.headers.get('content-type');
  if (type) headers['Content-Type'] = type;
  state.idempotency[key] = { fingerprint: print, status: response.status, headers, body: await response.clone().text(), created_at: now };
}
