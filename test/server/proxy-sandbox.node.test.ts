/**
 * The proxy in front of the real sandbox (src/sandbox), in process: a token for one session can
 * do the whole widget flow for it and nothing to any other session.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSandbox } from '../../src/sandbox/index.js';
import type { SandboxProfile } from '../../src/sandbox/profile.js';
import { fixturePath } from '../fixtures/manifest.js';
import { createClientToken } from '../../src/server/client-token.js';
import { createProxy } from '../../src/server/proxy.js';
import { CHROME_LINUX, TOKEN_SECRET, T0 } from './helpers.js';

type Json = Record<string, any>;

/** A one-page PDF: accepted by the upload target (the sandbox renders none, so a verification of it asks for a photo). */
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** `proxyPerCall`: every browser call goes to a proxy created for it, as if each landed on another instance. */
function world(options: { profile?: SandboxProfile; proxyPerCall?: boolean } = {}) {
  let clock = T0;
  const now = () => clock;
  const sandbox = createSandbox({ apiKey: 'sk_staging_proxy_sandbox_tests_0001', now, processingDelayMs: 1000, profile: options.profile });
  // upstream: sandbox.fetch as is: the sandbox's default basePath /v1 is the API's own layout.
  const newProxy = () => createProxy({ apiKey: sandbox.apiKey, tokenSecret: TOKEN_SECRET, upstream: sandbox.fetch, basePath: '/beltic', now });
  const proxy = newProxy();

  /** The integrator's backend: direct calls with the key. */
  async function backend(method: string, path: string, body?: unknown): Promise<Json> {
    const response = await sandbox.fetch(
      new Request(`http://sandbox.test/v1${path}`, {
        method,
        headers: { 'X-Api-Key': sandbox.apiKey, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
    return response.json() as Promise<Json>;
  }

  async function newSession(scenario = 'pass') {
    const account = await backend('POST', '/identity/accounts', { data: { type: 'account', attributes: {} } });
    const session = await backend('POST', '/identity/sessions', {
      data: { type: 'session', relationships: { account: { data: { type: 'account', id: account.data.id } } } },
      meta: { sandbox: { scenario } },
    });
    const id: string = session.data.id;
    const token = await createClientToken({ sessionId: id, secret: TOKEN_SECRET, now, expiresIn: 600 });
    return { id, token };
  }

  /** The browser: through the proxy with a client token. */
  async function browser(token: string, method: string, path: string, body?: unknown) {
    const headers = new Headers({ ...CHROME_LINUX, Authorization: `Bearer ${token}` });
    if (body !== undefined) headers.set('Content-Type', 'application/json');
    const response = await (options.proxyPerCall ? newProxy() : proxy)(
      new Request(`https://shop.example/beltic${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
    );
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as Json };
  }

  return { sandbox, proxy, backend, newSession, browser, advance: (ms: number) => (clock += ms) };
}

const rel = (type: string, id: string) => ({ data: { type, id } });
const declaredPdf = () => ({
  filename: 'passport.pdf',
  content_type: 'application/pdf',
  byte_size: PDF.byteLength,
  checksum: createHash('sha256').update(PDF).digest('hex'),
  side: 'front',
});
/** A passport page photo: what the widget uploads (it sends no PDFs, which the sandbox cannot inspect and never passes). */
const passportPhoto = () => {
  const bytes = new Uint8Array(readFileSync(fixturePath('passport.jpg')));
  const declared = {
    filename: 'passport.jpg',
    content_type: 'image/jpeg',
    byte_size: bytes.byteLength,
    checksum: createHash('sha256').update(bytes).digest('hex'),
    side: 'front',
  };
  return { bytes, declared };
};

test('the whole widget flow through the proxy: start, device, document, direct upload, submit, verification, poll', async () => {
  const { sandbox, newSession, browser, backend, advance } = world();
  const { id: sid, token } = await newSession('pass');

  assert.equal((await browser(token, 'GET', `/identity/sessions/${sid}`)).status, 200);
  const started = await browser(token, 'POST', `/identity/sessions/${sid}/start`);
  assert.equal(started.status, 200);
  assert.equal(started.body.data.attributes.status, 'started');

  const device = await browser(token, 'POST', '/identity/session-devices', {
    data: { type: 'session_device', attributes: { device_type: 'desktop', ua_platform: 'Linux' }, relationships: { session: rel('session', sid) } },
  });
  assert.equal(device.status, 201, JSON.stringify(device.body));
  const deviceRead = await browser(token, 'GET', `/identity/session-devices/${device.body.data.id}`);
  assert.equal(deviceRead.status, 200);
  // The browser reads none of what the server observed (its IP among it); the integrator's backend does.
  assert.equal(deviceRead.body.data.attributes.observed, undefined);
  const storedDevice = await backend('GET', `/identity/session-devices/${device.body.data.id}`);
  assert.equal(storedDevice.data.attributes.observed.user_agent, CHROME_LINUX['User-Agent']);

  const patched = await browser(token, 'PATCH', `/identity/sessions/${sid}`, {
    data: {
      type: 'session',
      id: sid,
      attributes: {
        behavior_analysis: {
          completion_time_seconds: 80,
          bot_score: 0,
          threat_level: 'low',
          request_spoof_attempts: 0,
          user_agent_spoof_attempts: 0,
          devtools_open: false,
        },
      },
    },
    meta: { evidence: ['straight_pointer'], interactions: 25 },
  });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  // The server rescored it; the browser is not told its score (it would teach a bot what to change).
  assert.equal(patched.body.data.attributes.behavior_analysis, undefined);
  const scored = await backend('GET', `/identity/sessions/${sid}`);
  assert.equal(scored.data.attributes.behavior_analysis.bot_score, 10);
  assert.equal(scored.data.attributes.behavior_analysis.threat_level, 'low');

  const photo = passportPhoto();
  const document = await browser(token, 'POST', '/identity/documents/idvs', {
    data: {
      type: 'document/idv',
      attributes: { document_type: 'passport', issuing_country: 'GB', files: [photo.declared] },
      relationships: { session: rel('session', sid) },
    },
  });
  assert.equal(document.status, 201, JSON.stringify(document.body));
  const docId: string = document.body.data.id;
  const uploadUrl: string = document.body.meta.files[0].presigned_upload_url;

  // The bytes go straight to the presigned URL, never through the proxy.
  const upload = await sandbox.fetch(new Request(uploadUrl, { method: 'PUT', headers: { 'Content-Type': 'image/jpeg' }, body: photo.bytes }));
  assert.equal(upload.status, 200, await upload.clone().text());

  assert.equal((await browser(token, 'GET', `/identity/documents/idvs/${docId}`)).status, 200);
  const submitted = await browser(token, 'POST', `/identity/documents/idvs/${docId}/submit`);
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));

  const verification = await browser(token, 'POST', '/identity/verifications', {
    data: {
      type: 'verification/idv',
      relationships: { session: rel('session', sid), document: rel('document/idv', docId) },
      meta: { auto_update_session: true },
    },
  });
  assert.equal(verification.status, 201, JSON.stringify(verification.body));
  const verificationId: string = verification.body.data.id;
  assert.equal(verification.body.data.attributes.status, 'initiated');

  assert.equal((await browser(token, 'GET', `/identity/verifications/${verificationId}`)).body.data.attributes.status, 'initiated');
  advance(1500);
  const polled = await browser(token, 'GET', `/identity/verifications/${verificationId}`);
  assert.equal(polled.status, 200);
  assert.equal(polled.body.data.attributes.status, 'passed', JSON.stringify(polled.body.data.attributes.checks));

  const stored = await backend('GET', `/identity/sessions/${sid}`);
  assert.equal(stored.data.attributes.behavior_analysis.bot_score, 10);
  assert.notEqual(stored.data.attributes.status, 'started');
});

test('every call of a flow can land on another proxy instance: ownership is proven from documented data (docs profile)', async () => {
  const { sandbox, newSession, browser, backend, advance } = world({ profile: 'docs', proxyPerCall: true });
  const { id: sid, token } = await newSession('pass');
  const front = new Uint8Array(readFileSync(fixturePath('passport.jpg')));
  const document = await browser(token, 'POST', '/identity/documents/idvs', {
    data: {
      type: 'document/idv',
      attributes: { files: [{ filename: 'front.jpg', content_type: 'image/jpeg', byte_size: front.byteLength }] },
      relationships: { session: rel('session', sid) },
      meta: { document_type: 'passport', issuing_country: 'GB', sides: ['front'] },
    },
  });
  assert.equal(document.status, 201, JSON.stringify(document.body));
  const docId: string = document.body.data.id;
  const upload = await sandbox.fetch(
    new Request(document.body.meta.files[0].presigned_upload_url, { method: 'PUT', headers: { 'Content-Type': 'image/jpeg' }, body: front }),
  );
  assert.equal(upload.status, 200);
  // A file re-declared through yet another instance: the document is proven from the session.
  const redeclared = await browser(token, 'POST', `/identity/documents/idvs/${docId}/files`, {
    data: { type: 'file', attributes: { filename: 'back.jpg', content_type: 'image/jpeg', byte_size: front.byteLength } },
  });
  assert.equal(redeclared.status, 201, JSON.stringify(redeclared.body));
  const verification = await browser(token, 'POST', '/identity/verifications', {
    data: {
      type: 'verification/idv',
      relationships: { session: rel('session', sid), document: rel('document/idv', docId) },
      meta: { auto_update_session: true },
    },
  });
  assert.equal(verification.status, 201, JSON.stringify(verification.body));
  advance(1500);
  const listed = await browser(token, 'GET', `/identity/verifications?session_id=${sid}`);
  assert.equal(listed.status, 200);
  assert.equal(listed.body.data[0].id, verification.body.data.id);
  assert.equal(listed.body.data[0].attributes.status, 'passed', JSON.stringify(listed.body.data[0].attributes.checks));
  assert.equal((await backend('GET', `/identity/sessions/${sid}`)).data.attributes.status, 'completed');
});

test('an attacker with a valid token for their own session can change nothing of the identity and read none of it', async () => {
  const { sandbox, newSession, browser, backend, advance } = world();
  const { id: sid, token } = await newSession('pass');
  const file = (name: string, side: string) => {
    const bytes = new Uint8Array(readFileSync(fixturePath(name)));
    const content_type = name.endsWith('.png') ? 'image/png' : 'image/jpeg';
    return { bytes, content_type, declared: { filename: `${side}.${content_type.split('/')[1]}`, content_type, byte_size: bytes.byteLength } };
  };
  const files = [file('licence-front.jpg', 'front'), file('licence-back.png', 'back')];
  // Before verifying: forged identity refused.
  const forged = {
    data: {
      type: 'session',
      id: sid,
      attributes: {
        person: { name: { first: 'MALLORY', last: 'FORGED' } },
        identity_numbers: [{ number: 'F0000001', issuing_country_code: 'US', class: 'drivers_license' }],
      },
    },
  };
  assert.equal((await browser(token, 'PATCH', `/identity/sessions/${sid}`, forged)).status, 403);

  const document = await browser(token, 'POST', '/identity/documents/idvs', {
    data: {
      type: 'document/idv',
      attributes: { files: files.map((f) => f.declared) },
      relationships: { session: rel('session', sid) },
      meta: { document_type: 'drivers_license', issuing_country: 'US', sides: ['front', 'back'] },
    },
  });
  assert.equal(document.status, 201, JSON.stringify(document.body));
  for (const [i, f] of files.entries()) {
    const put = await sandbox.fetch(
      new Request(document.body.meta.files[i].presigned_upload_url, { method: 'PUT', headers: { 'Content-Type': f.content_type }, body: f.bytes }),
    );
    assert.equal(put.status, 200);
  }
  // The browser asks for no write-back; the integrator's default (true) stands.
  const verification = await browser(token, 'POST', '/identity/verifications', {
    data: {
      type: 'verification/idv',
      relationships: { session: rel('session', sid), document: rel('document/idv', document.body.data.id) },
      meta: { auto_update_session: false },
    },
  });
  assert.equal(verification.status, 201);
  advance(1500);

  const truth = await backend('GET', `/identity/sessions/${sid}`);
  assert.equal(truth.data.attributes.status, 'completed');
  const holder = truth.data.attributes.person.name.last as string;
  assert.ok(holder, 'the licence holder was written back');

  // After verifying: the forged identity is still refused, and nothing personal can be read.
  assert.equal((await browser(token, 'PATCH', `/identity/sessions/${sid}`, forged)).status, 403);
  const reads = [
    await browser(token, 'GET', `/identity/sessions/${sid}`),
    await browser(token, 'GET', `/identity/verifications/${verification.body.data.id}`),
    await browser(token, 'GET', `/identity/verifications?session_id=${sid}`),
    await browser(token, 'GET', `/identity/documents/idvs/${document.body.data.id}`),
  ];
  for (const read of reads) {
    assert.equal(read.status, 200);
    const text = JSON.stringify(read.body);
    for (const personal of [
      holder,
      truth.data.attributes.person.birth_date,
      truth.data.attributes.address.line1,
      truth.data.attributes.identity_numbers[0].number,
    ]) {
      assert.equal(text.includes(personal), false, `${personal} readable through the token: ${text}`);
    }
  }
  const after = await backend('GET', `/identity/sessions/${sid}`);
  assert.deepEqual(after.data.attributes.person, truth.data.attributes.person);
  assert.deepEqual(after.data.attributes.identity_numbers, truth.data.attributes.identity_numbers);
});

test('a token for one session cannot read, change or upload to another, or decide, expire or redact its own', async () => {
  const { newSession, browser, backend } = world();
  const a = await newSession();
  const b = await newSession();

  // Session B, as its own widget would build it.
  await browser(b.token, 'POST', `/identity/sessions/${b.id}/start`);
  const bDevice = await browser(b.token, 'POST', '/identity/session-devices', {
    data: { type: 'session_device', attributes: {}, relationships: { session: rel('session', b.id) } },
  });
  const bDocument = await browser(b.token, 'POST', '/identity/documents/idvs', {
    data: { type: 'document/idv', attributes: { document_type: 'passport', files: [declaredPdf()] }, relationships: { session: rel('session', b.id) } },
  });
  assert.equal(bDocument.status, 201);
  const bDoc: string = bDocument.body.data.id;

  const attempts: [string, string, unknown?][] = [
    ['GET', `/identity/sessions/${b.id}`],
    ['PATCH', `/identity/sessions/${b.id}`, { data: { type: 'session', attributes: { person: { name: { first: 'Mallory' } } } } }],
    ['POST', `/identity/sessions/${b.id}/start`],
    ['GET', `/identity/session-devices/${bDevice.body.data.id}`],
    ['GET', `/identity/documents/idvs/${bDoc}`],
    ['POST', `/identity/documents/idvs/${bDoc}/files`, declaredPdf()],
    ['POST', `/identity/documents/idvs/${bDoc}/submit`],
    ['POST', '/identity/documents/idvs', { data: { type: 'document/idv', attributes: {}, relationships: { session: rel('session', b.id) } } }],
    [
      'POST',
      '/identity/verifications',
      { data: { type: 'verification/idv', relationships: { session: rel('session', a.id), document: rel('document/idv', bDoc) } } },
    ],
  ];
  for (const [method, path, body] of attempts) {
    const response = await browser(a.token, method, path, body);
    assert.equal(response.status, 404, `${method} ${path} → ${response.status}`);
  }
  for (const action of ['approve', 'decline', 'expire', 'redact']) {
    assert.equal((await browser(a.token, 'POST', `/identity/sessions/${a.id}/${action}`)).status, 403, action);
  }
  for (const path of ['/identity/sessions', '/identity/accounts']) {
    assert.equal((await browser(a.token, 'GET', path)).status, 403, path);
  }
  // The one list a token may read is its own session's, whatever filter it asks for.
  for (const path of ['/identity/verifications', `/identity/verifications?session_id=${b.id}`]) {
    const listed = await browser(a.token, 'GET', path);
    assert.equal(listed.status, 200, path);
    assert.deepEqual(listed.body.data, [], path);
  }

  // Nothing of B changed: no name, no extra file, still pending.
  const bNow = await backend('GET', `/identity/sessions/${b.id}`);
  assert.equal(bNow.data.attributes.person, null);
  const bDocNow = await backend('GET', `/identity/documents/idvs/${bDoc}`);
  assert.equal(bDocNow.data.attributes.status, 'pending');
  assert.equal(bDocNow.data.attributes.files.length, 1);
  const aNow = await backend('GET', `/identity/sessions/${a.id}`);
  assert.equal(aNow.data.attributes.status, 'created');
});

test('forged and expired tokens are refused before the sandbox is asked', async () => {
  const { newSession, browser, advance } = world();
  const { id, token } = await newSession();
  const forged = await createClientToken({ sessionId: id, secret: 'not-the-proxy-secret-0123456789abcdef' });
  const forgedAnswer = await browser(forged, 'GET', `/identity/sessions/${id}`);
  assert.equal(forgedAnswer.status, 401);
  assert.equal(forgedAnswer.body.errors[0].code, 'invalid_token');
  advance(600_000);
  const expired = await browser(token, 'GET', `/identity/sessions/${id}`);
  assert.equal(expired.status, 401);
  assert.equal(expired.body.errors[0].code, 'token_expired');
});
