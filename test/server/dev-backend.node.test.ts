/** The one-process dev backend the demo and the browser tests mount: sandbox, proxy and demo routes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDevBackend } from '../../demo/dev-backend.js';
import { CHROME_LINUX } from './helpers.js';

type Json = Record<string, any>;

function client(handle: ReturnType<typeof createDevBackend>['handle'], origin: string) {
  return async (method: string, path: string, options: { body?: unknown; token?: string } = {}) => {
    const headers = new Headers(CHROME_LINUX);
    if (options.token) headers.set('Authorization', `Bearer ${options.token}`);
    if (options.body !== undefined) headers.set('Content-Type', 'application/json');
    const response = await handle(
      new Request(`${origin}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) }),
    );
    if (response === null) return null;
    const text = await response.text();
    return { status: response.status, text, body: (text ? JSON.parse(text) : null) as Json };
  };
}

const passportDocument = (sid: string) => ({
  data: {
    type: 'document/idv',
    attributes: { document_type: 'passport', files: [{ filename: 'p.jpg', content_type: 'image/jpeg', byte_size: 1000, side: 'front' }] },
    relationships: { session: { data: { type: 'session', id: sid } } },
  },
});

test('the demo route creates a session with the chosen scenario and a client token the proxy accepts', async () => {
  const dev = createDevBackend({ origin: 'http://127.0.0.1:5173' });
  const call = client(dev.handle, 'http://127.0.0.1:5173');

  const created = await call('POST', '/api/demo/session', { body: { scenario: 'requires_retry', document_type: 'passport' } });
  assert.equal(created?.status, 201, created?.text);
  const { session_id, client_token } = created!.body;
  assert.match(client_token, /^bvt\./);
  assert.ok(!created!.text.includes(dev.apiKey));

  const viaProxy = await call('GET', `/beltic/identity/sessions/${session_id}`, { token: client_token });
  assert.equal(viaProxy?.status, 200, viaProxy?.text);
  const asStored = await call('GET', `/api/demo/session/${session_id}`);
  assert.equal(asStored?.body.data.id, session_id);
  assert.equal(asStored?.body.data.meta?.sandbox?.scenario ?? asStored?.body.meta?.sandbox?.scenario, 'requires_retry', asStored?.text);

  const document = await call('POST', '/beltic/identity/documents/idvs', { token: client_token, body: passportDocument(session_id) });
  assert.equal(document?.status, 201, document?.text);
  assert.ok(document!.body.meta.files[0].presigned_upload_url.startsWith('http://127.0.0.1:5173/sandbox/'));

  const verifications = await call('GET', `/api/demo/verifications?session_id=${session_id}`);
  assert.equal(verifications?.status, 200, verifications?.text);
  assert.deepEqual(verifications?.body.data, []);

  const refreshed = await call('POST', `/api/demo/session/${session_id}/token`, { body: { expires_in: 60 } });
  assert.equal(refreshed?.status, 201);
  assert.equal((await call('GET', `/beltic/identity/sessions/${session_id}`, { token: refreshed!.body.client_token }))?.status, 200);

  const expired = await call('POST', `/api/demo/session/${session_id}/expire`);
  assert.equal(expired?.body.data.attributes.status, 'expired', expired?.text);
});

test('without a configured origin, presigned URLs point at the origin the browser used', async () => {
  const dev = createDevBackend();
  const call = client(dev.handle, 'http://localhost:8123');
  const { session_id, client_token } = (await call('POST', '/api/demo/session', { body: {} }))!.body;
  const document = await call('POST', '/beltic/identity/documents/idvs', { token: client_token, body: passportDocument(session_id) });
  assert.ok(document!.body.meta.files[0].presigned_upload_url.startsWith('http://localhost:8123/sandbox/'), document?.text);
});

test('other paths fall through (null); unknown demo routes and bad input are clear errors', async () => {
  const dev = createDevBackend();
  const call = client(dev.handle, 'http://localhost:8123');
  assert.equal(await call('GET', '/index.html'), null);
  assert.equal(await call('GET', '/beltic-verify.js'), null);
  assert.equal((await call('GET', '/api/demo/nothing'))?.status, 404);
  assert.equal((await call('POST', '/api/demo/session', { body: { document_type: 'library_card' } }))?.status, 422);
  assert.equal((await call('POST', '/api/demo/session', { body: { scenario: 'no-such-scenario' } }))?.status, 422);
  assert.equal((await call('POST', '/api/demo/session/sess_missing/token'))?.status, 404);
  assert.equal((await call('GET', '/sandbox/identity/sessions'))?.status, 401, 'the sandbox itself wants the key');
});
