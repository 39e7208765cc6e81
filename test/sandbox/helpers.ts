/** Drives a sandbox in-process through its Fetch handler, with a clock the test controls. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { SANDBOX_PROFILES, type SandboxProfile } from '../../src/sandbox/profile.js';
import { fixturePath, loadFixtures, MANIFEST_PATH } from '../fixtures/manifest.js';

// `npm test` generates the fixture images first; a direct `node --test test/sandbox/…` run may come before it.
if (!existsSync(MANIFEST_PATH)) await loadFixtures();

/**
 * The profile these tests run against: `npm test` runs the sandbox's tests once per profile
 * (BELTIC_SANDBOX_PROFILE=docs the second time). In the docs profile the harness speaks as a client
 * written from Beltic's pages would (hints in `data.meta`, the outcome from the documented list).
 */
export const PROFILE = (process.env.BELTIC_SANDBOX_PROFILE ?? 'default') as SandboxProfile;
if (!SANDBOX_PROFILES.includes(PROFILE)) throw new Error(`BELTIC_SANDBOX_PROFILE must be one of ${SANDBOX_PROFILES.join(', ')}`);

/** `{ skip: extension('…') }`: a test of an extension, which the docs profile does not offer. */
export function extension(what: string): string | false {
  return PROFILE === 'docs' && `tests ${what}, an extension the docs profile does not offer`;
}

export const KEY = 'sk_staging_test_key';
export const ORIGIN = 'http://sandbox.test';
export const BASE = `${ORIGIN}/v1`;
export const START = Date.parse('2028-03-01T12:00:00.000Z');

export interface Reply {
  status: number;
  headers: Headers;
  // Tests read deep into JSON:API documents; typing every shape would only restate the contract.
  body: any;
}

export interface Harness {
  sandbox: Sandbox;
  clock: { now: () => number; advance: (ms: number) => void; set: (ms: number) => void };
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  put(url: string, bytes: Uint8Array<ArrayBuffer>, contentType: string, headers?: Record<string, string>): Promise<Reply>;
  account(): Promise<string>;
  session(sandbox?: Record<string, unknown>, attributes?: Record<string, unknown>): Promise<string>;
  document(sessionId: string, documentType: string | null, files: FileSpec[]): Promise<{ id: string; urls: string[]; reply: Reply }>;
  uploadedDocument(sessionId: string, documentType: string | null, files: FileSpec[]): Promise<string>;
  /** `dataMeta` goes in `data.meta`, where the sessions guide puts `auto_update_session`. */
  verify(documentId: string, sessionId?: string, dataMeta?: Record<string, unknown>): Promise<Reply>;
  /** Reads the verification as it stands (in the docs profile from the documented list). */
  verification(verificationId: string): Promise<Reply>;
  /** Lets the processing delay pass and reads the verification. */
  outcome(verificationId: string): Promise<Reply>;
}

export interface FileSpec {
  bytes: Uint8Array<ArrayBuffer>;
  content_type: string;
  side?: string;
  checksum?: boolean;
}

export function fixture(name: string, side?: string): FileSpec {
  const type = name.endsWith('.png') ? 'image/png' : name.endsWith('.pdf') ? 'application/pdf' : 'image/jpeg';
  return { bytes: new Uint8Array(readFileSync(fixturePath(name))), content_type: type, ...(side ? { side } : {}) };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function declare(spec: FileSpec, i = 0): Record<string, unknown> {
  return {
    filename: `file-${i}.${spec.content_type.split('/')[1]}`,
    content_type: spec.content_type,
    byte_size: spec.bytes.byteLength,
    ...(spec.side ? { side: spec.side } : {}),
    ...(spec.checksum ? { checksum: sha256(spec.bytes) } : {}),
  };
}

export function harness(options: SandboxOptions = {}): Harness {
  let t = START;
  const clock = { now: () => t, advance: (ms: number) => void (t += ms), set: (ms: number) => void (t = ms) };
  const sandbox = createSandbox({ apiKey: KEY, now: clock.now, processingDelayMs: 1000, profile: PROFILE, ...options });
  const documented = sandbox.profile === 'docs';
  const delay = options.processingDelayMs ?? 1000;

  async function reply(response: Response): Promise<Reply> {
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
  }

  const h: Harness = {
    sandbox,
    clock,
    async api(method, path, body, headers = {}) {
      const init: RequestInit = { method, headers: { 'X-Api-Key': sandbox.apiKey, ...headers } };
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        (init.headers as Record<string, string>)['Content-Type'] ??= 'application/json';
      }
      return reply(await sandbox.fetch(new Request(path.startsWith('http') ? path : BASE + path, init)));
    },
    async put(url, bytes, contentType, headers = {}) {
      const init = { method: 'PUT', body: bytes, headers: { 'Content-Type': contentType, 'Content-Length': String(bytes.byteLength), ...headers } };
      return reply(await sandbox.fetch(new Request(url, init)));
    },
    async account() {
      const r = await h.api('POST', '/identity/accounts', { data: { type: 'account', attributes: { external_id: 'ext-1' } } });
      if (r.status !== 201) throw new Error(`account: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.data.id;
    },
    async session(sandboxMeta, attributes = {}) {
      const account = await h.account();
      const r = await h.api('POST', '/identity/sessions', {
        data: { type: 'session', attributes: { entity_type: 'person', ...attributes }, relationships: { account: { data: { type: 'account', id: account } } } },
        ...(sandboxMeta ? { meta: { sandbox: sandboxMeta } } : {}),
      });
      if (r.status !== 201) throw new Error(`session: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.data.id;
    },
    async document(sessionId, documentType, files) {
      const hints = { ...(documentType ? { document_type: documentType } : {}), issuing_country: 'US' };
      // A documented client sends the ext members as hints in data.meta, where a strict server ignores them.
      const attributes = documented ? { files: files.map((f, i) => declare({ ...f, side: undefined }, i)) } : { ...hints, files: files.map(declare) };
      const meta = documented ? { meta: { ...hints, sides: files.map((f) => f.side ?? null) } } : {};
      const r = await h.api('POST', '/identity/documents/idvs', {
        data: { type: 'document/idv', attributes, relationships: { session: { data: { type: 'session', id: sessionId } } }, ...meta },
      });
      if (r.status !== 201) throw new Error(`document: ${r.status} ${JSON.stringify(r.body)}`);
      return { id: r.body.data.id, urls: r.body.meta.files.map((f: { presigned_upload_url: string }) => f.presigned_upload_url), reply: r };
    },
    async uploadedDocument(sessionId, documentType, files) {
      const doc = await h.document(sessionId, documentType, files);
      for (const [i, spec] of files.entries()) {
        const r = await h.put(doc.urls[i]!, spec.bytes, spec.content_type);
        if (r.status !== 200) throw new Error(`upload: ${r.status} ${JSON.stringify(r.body)}`);
      }
      return doc.id;
    },
    async verify(documentId, sessionId, dataMeta) {
      return h.api('POST', '/identity/verifications', {
        data: {
          type: 'verification/idv',
          relationships: {
            document: { data: { type: 'document/idv', id: documentId } },
            ...(sessionId ? { session: { data: { type: 'session', id: sessionId } } } : {}),
          },
          ...(dataMeta ? { meta: dataMeta } : {}),
        },
      });
    },
    async verification(verificationId) {
      if (!documented) return h.api('GET', `/identity/verifications/${verificationId}`);
      // GET /identity/verifications/{id} is an extension: the documented list holds it too.
      const listed = await h.api('GET', '/identity/verifications?page[size]=100');
      const found = listed.body?.data?.find((v: { id: string }) => v.id === verificationId);
      return found ? { ...listed, body: { data: found } } : { ...listed, status: 404 };
    },
    async outcome(verificationId) {
      clock.advance(delay);
      return h.verification(verificationId);
    },
  };
  return h;
}

export const LICENCE_FILES = () => [fixture('licence-front.jpg', 'front'), fixture('licence-back.png', 'back')];
