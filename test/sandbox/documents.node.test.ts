import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BASE, declare, extension, fixture, harness, PROFILE } from './helpers.js';

// Whether the extensions are served: document_type, issuing_country and a file's side (which the
// docs profile refuses in requests and leaves out of answers), and reading a document by id.
const ext = PROFILE === 'default';

const docBody = (sessionId: string, attributes: Record<string, unknown>) => ({
  data: { type: 'document/idv', attributes, relationships: { session: { data: { type: 'session', id: sessionId } } } },
});

describe('sandbox documents', () => {
  it('creates a document with declared files and a presigned URL for each', async () => {
    const h = harness();
    const sessionId = await h.session();
    const front = fixture('licence-front.jpg', ext ? 'front' : undefined);
    const back = fixture('licence-back.png', ext ? 'back' : undefined);
    const r = await h.api(
      'POST',
      '/identity/documents/idvs',
      docBody(sessionId, {
        ...(ext ? { document_type: 'drivers_license', issuing_country: 'us' } : {}),
        files: [declare(front, 0), declare({ ...back, checksum: true }, 1)],
      }),
    );
    assert.equal(r.status, 201);
    const doc = r.body.data;
    assert.match(doc.id, /^doc_/);
    assert.equal(doc.type, 'document/idv');
    assert.equal(doc.attributes.status, 'pending');
    assert.deepEqual(
      doc.attributes.files.map((f: { status: string; byte_size: number }) => [f.status, f.byte_size]),
      [
        ['pending_upload', front.bytes.byteLength],
        ['pending_upload', back.bytes.byteLength],
      ],
    );
    if (ext) {
      assert.equal(doc.attributes.document_type, 'drivers_license');
      assert.equal(doc.attributes.issuing_country, 'US');
      assert.deepEqual(
        doc.attributes.files.map((f: { side: string }) => f.side),
        ['front', 'back'],
      );
    }
    assert.equal(doc.attributes.front_side, null);
    assert.equal(r.body.meta.files.length, 2);
    for (const [i, f] of r.body.meta.files.entries()) {
      assert.equal(f.id, doc.attributes.files[i].id);
      assert.match(f.id, /^file_/);
      assert.equal(f.expires_in, 3600);
      assert.ok(f.presigned_upload_url.startsWith(`${BASE}/uploads/${f.id}?`), f.presigned_upload_url);
      assert.match(f.presigned_upload_url, /[?&]signature=[0-9a-f]{64}$/);
    }
    const session = (await h.api('GET', `/identity/sessions/${sessionId}`)).body.data;
    assert.equal(session.attributes.status, 'started', 'acting on a created session starts it');
    assert.deepEqual(session.relationships.documents.data, [{ type: 'document/idv', id: doc.id }]);
  });

  it('uses publicUrl for presigned URLs and links: an origin gets the base path, a URL with a path is kept', async () => {
    for (const [publicUrl, base] of [
      ['https://sandbox.example.com/', 'https://sandbox.example.com/sandbox'],
      ['https://qa.example.com/beltic-sandbox/', 'https://qa.example.com/beltic-sandbox'],
    ] as const) {
      const h = harness({ publicUrl, basePath: '/sandbox' });
      const account = await h.api('POST', 'http://internal:9999/sandbox/identity/accounts', { data: { type: 'account' } });
      assert.equal(account.status, 201);
      assert.equal(account.body.links.self, `${base}/identity/accounts/${account.body.data.id}`);
    }
  });

  it('infers missing sides in order and refuses invalid declarations', async () => {
    const h = harness();
    const sessionId = await h.session();
    const spec = fixture('passport.jpg');
    const r = await h.api('POST', '/identity/documents/idvs', docBody(sessionId, { files: [declare(spec), declare(spec)] }));
    assert.equal(r.status, 201);
    if (ext) {
      assert.deepEqual(
        r.body.data.attributes.files.map((f: { side: string }) => f.side),
        ['front', 'back'],
      );
      assert.equal(r.body.data.attributes.document_type, null);
    }

    const good = declare(spec);
    // In the docs profile the ext attributes are refused as unknown, at the same pointers.
    const cases: [Record<string, unknown>, number, string][] = [
      [{ document_type: 'library_card' }, 422, '/data/attributes/document_type'],
      [{ issuing_country: 'USA' }, 422, '/data/attributes/issuing_country'],
      [{ files: 'x' }, 422, '/data/attributes/files'],
      [{ files: [{ ...good, content_type: 'image/gif' }] }, 422, '/data/attributes/files/0/content_type'],
      [{ files: [good, { ...good, byte_size: 0 }] }, 422, '/data/attributes/files/1/byte_size'],
      [{ files: [{ ...good, byte_size: 16 * 1024 * 1024 }] }, 422, '/data/attributes/files/0/byte_size'],
      [{ files: [{ ...good, checksum: 'abc' }] }, 422, '/data/attributes/files/0/checksum'],
      [{ files: [{ ...good, side: 'left' }] }, 422, '/data/attributes/files/0/side'],
      [{ files: [{ ...good, filename: '' }] }, 422, '/data/attributes/files/0/filename'],
      [{ status: 'processed' }, 422, '/data/attributes/status'],
    ];
    for (const [attributes, status, pointer] of cases) {
      const res = await h.api('POST', '/identity/documents/idvs', docBody(sessionId, attributes));
      assert.equal(res.status, status, pointer);
      assert.equal(res.body.errors[0].source.pointer, pointer);
    }
    const noSession = await h.api('POST', '/identity/documents/idvs', { data: { type: 'document/idv', attributes: {} } });
    assert.equal(noSession.status, 422);
    assert.equal(noSession.body.errors[0].source.pointer, '/data/relationships/session');
    const unknownSession = await h.api('POST', '/identity/documents/idvs', docBody('sess_nope', {}));
    assert.equal(unknownSession.status, 404);
    const session = (await h.api('GET', `/identity/sessions/${sessionId}`)).body.data;
    assert.equal(session.relationships.documents.data.length, 1, 'refused documents were not stored');
  });

  it('adds a file (JSON:API or bare) with a fresh URL, reads the document, and locks its files once verified', async () => {
    const h = harness();
    const sessionId = await h.session();
    const { id } = await h.document(sessionId, 'passport', []);
    // Without a side (the docs profile), a file takes the first side that has no upload: the front.
    const spec = fixture('passport.jpg', ext ? 'front' : undefined);
    const added = await h.api('POST', `/identity/documents/idvs/${id}/files`, { data: { type: 'file', attributes: declare(spec) } });
    assert.equal(added.status, 201);
    assert.equal(added.body.data.type, 'file');
    if (ext) assert.equal(added.body.data.attributes.side, 'front');
    assert.equal(added.body.data.attributes.status, 'pending_upload');
    assert.equal(added.body.meta.expires_in, 3600);
    assert.match(added.body.meta.presigned_upload_url, /\/uploads\/file_/);
    const bare = await h.api('POST', `/identity/documents/idvs/${id}/files`, declare(spec));
    assert.equal(bare.status, 201);
    const invalid = await h.api('POST', `/identity/documents/idvs/${id}/files`, { data: { type: 'file', attributes: { filename: 'x' } } });
    assert.equal(invalid.status, 422);
    assert.equal(invalid.body.errors[0].source.pointer, '/data/attributes/content_type');
    const wrongType = await h.api('POST', `/identity/documents/idvs/${id}/files`, { data: { type: 'document/idv', attributes: declare(spec) } });
    assert.equal(wrongType.status, 409);
    const missing = await h.api('POST', '/identity/documents/idvs/doc_nope/files', declare(spec));
    assert.equal(missing.status, 404);

    const put = await h.put(added.body.meta.presigned_upload_url, spec.bytes, spec.content_type);
    assert.equal(put.status, 200);
    if (ext) {
      // In the docs profile the verification below shows that the upload counted.
      const doc = await h.api('GET', `/identity/documents/idvs/${id}`);
      assert.equal(doc.status, 200);
      assert.equal(doc.body.data.attributes.front_side, added.body.data.id);
      assert.deepEqual(
        doc.body.data.attributes.files.map((f: { status: string }) => f.status),
        ['uploaded', 'pending_upload'],
      );
      assert.equal((await h.api('GET', '/identity/documents/idvs/doc_nope')).status, 404);
    }

    // Creating the verification submits the document: its files can no longer change.
    assert.equal((await h.verify(id, sessionId)).status, 201, 'the added file is the front');
    const late = await h.api('POST', `/identity/documents/idvs/${id}/files`, declare(spec));
    assert.equal(late.status, 409);
    assert.equal(late.body.errors[0].code, 'document_submitted');
    assert.equal((await h.put(bare.body.meta.presigned_upload_url, spec.bytes, spec.content_type)).status, 409);
  });

  it('submits only when every required side is uploaded', { skip: extension('POST /identity/documents/idvs/{id}/submit') }, async () => {
    const h = harness();
    const sessionId = await h.session();
    const front = fixture('licence-front.jpg', 'front');
    const back = fixture('licence-back.png', 'back');
    const doc = await h.document(sessionId, 'drivers_license', [front, back]);
    const none = await h.api('POST', `/identity/documents/idvs/${doc.id}/submit`);
    assert.equal(none.status, 422);
    assert.equal(none.body.errors[0].code, 'missing_sides');
    assert.match(none.body.errors[0].detail, /front and back/);
    await h.put(doc.urls[0]!, front.bytes, front.content_type);
    const half = await h.api('POST', `/identity/documents/idvs/${doc.id}/submit`);
    assert.equal(half.status, 422);
    assert.match(half.body.errors[0].detail, /the back of the drivers license/);
    assert.equal((await h.api('GET', `/identity/documents/idvs/${doc.id}`)).body.data.attributes.status, 'pending');
    await h.put(doc.urls[1]!, back.bytes, back.content_type);
    h.clock.advance(1000);
    const ok = await h.api('POST', `/identity/documents/idvs/${doc.id}/submit`);
    assert.equal(ok.status, 200);
    assert.equal(ok.body.data.attributes.status, 'submitted');
    assert.equal(ok.body.data.attributes.submitted_at, new Date(h.clock.now()).toISOString());
    const again = await h.api('POST', `/identity/documents/idvs/${doc.id}/submit`);
    assert.equal(again.status, 200, 'submit is idempotent');
    const late = await h.api('POST', `/identity/documents/idvs/${doc.id}/files`, declare(front));
    assert.equal(late.status, 409);
    assert.equal(late.body.errors[0].code, 'document_submitted');
    const reupload = await h.put(doc.urls[0]!, front.bytes, front.content_type);
    assert.equal(reupload.status, 409);

    const passport = await h.document(sessionId, 'passport', [fixture('passport.jpg', 'front')]);
    assert.equal((await h.api('POST', `/identity/documents/idvs/${passport.id}/submit`)).status, 422);
  });
});
