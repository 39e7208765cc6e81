/**
 * `Idempotency-Key` on POST (ext): the first response to a key is kept and replayed for the same
 * request; the same key on a different request is a 422. Transient failures (429, 5xx) are not
 * kept, so that retrying with the same key can still succeed.
 *
 * Keys are kept 24 hours (a retry comes within seconds or minutes; Stripe keeps keys as long) and
 * at most the 10,000 most recent, so that a client minting a key per request cannot grow the
 * sandbox without end. They live in a Map, which iterates in insertion order: the oldest key is
 * always first, so expiring and evicting look only at the front, O(1) per request amortized.
 */
import { createHash } from 'node:crypto';
import { badRequest, HttpError } from './errors.js';
import type { IdempotencyRecord } from './store.js';

const HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
export const MAX_IDEMPOTENCY_KEYS = 10_000;

export class IdempotencyKeys {
  private readonly records = new Map<string, IdempotencyRecord>();

  /** From the stored form (key → record), oldest first whatever order the file kept. */
  static from(stored: Record<string, IdempotencyRecord> | undefined): IdempotencyKeys {
    const keys = new IdempotencyKeys();
    const entries = Object.entries(stored ?? {}).sort(([, a], [, b]) => a.created_at - b.created_at);
    for (const [key, record] of entries) keys.records.set(key, record);
    return keys;
  }

  get size(): number {
    return this.records.size;
  }

  get(key: string, now: number): IdempotencyRecord | undefined {
    this.forgetOld(now);
    return this.records.get(key);
  }

  set(key: string, record: IdempotencyRecord, now: number): void {
    this.records.delete(key);
    this.records.set(key, record);
    this.forgetOld(now);
  }

  /** Expired keys, then the oldest beyond the cap. With a clock that moves backwards, order is insertion order. */
  private forgetOld(now: number): void {
    for (const [key, record] of this.records) {
      if (this.records.size <= MAX_IDEMPOTENCY_KEYS && now - record.created_at < IDEMPOTENCY_TTL_MS) return;
      this.records.delete(key);
    }
  }

  /** The stored form, for state.json. */
  toJSON(): Record<string, IdempotencyRecord> {
    return Object.fromEntries(this.records);
  }
}

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

/** The stored response for `key`, or null when the key is new (or forgotten); a 422 when it was used for another request. */
export function replay(keys: IdempotencyKeys, key: string, print: string, now: number): Response | null {
  const record = keys.get(key, now);
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

export async function remember(keys: IdempotencyKeys, key: string, print: string, response: Response, now: number): Promise<void> {
  if (response.status === 429 || response.status >= 500) return;
  const headers: Record<string, string> = {};
  const type = response.headers.get('content-type');
  if (type) headers['Content-Type'] = type;
  keys.set(key, { fingerprint: print, status: response.status, headers, body: await response.clone().text(), created_at: now }, now);
}
