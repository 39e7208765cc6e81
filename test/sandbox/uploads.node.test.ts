import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixture, harness, PROFILE, sha256, type FileSpec } from './helpers.js';

// document_type and side are exts, sent where served; a file declared first is the front anyway.
const ext = PROFILE === 'default';

async function oneFile(options: Parameters<typeof harness>[0] = {}, spec: FileSpec = fixture('passport.jpg', 'front'), declared: Record<string, unknown> = {}) {
  const h = harness(options);
  const sessionId = await h.session();
  const r = await h.api('POST', '/identity/documents/idvs', {
    data: {
      type: 'document/idv',
      attributes: {
        ...(ext ? { document_type: 'passport' } : {}),
        files: [{ filename: 'p.jpg', content_type: spec.content_type, byte_size: spec.bytes.byteLength, ...(ext ? { side: 'front' } : {}), ...declared }],
      },
      relationships: { session: { data: { type: 'session', id: sessionId } } },
    },
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return { h, spec, sessionId, url: r.body.meta.files[0].presigned_upload_url as string, docId: r.body.data.id as string };
}

/**
 * The status of the document's one file. The docs profile cannot read a document (GET by id is an
 * ext), so there a verification is asked for: 422 missing_sides while the front is not uploaded,
 * 201 once it is (which submits the document: ask last).
 */
async function fileStatus(h: ReturnType<typeof harness>, docId: string): Promise<string> {
  if (ext) return (await h.api('GET', `/identity/documents/idvs/${docId}`)).body.data.attributes.files[0].status;
  const verification = await h.verify(docId);
  if (verification.status === 201) return 'uploaded';
  assert.equal(verification.body.errors[0].code, 'missing_sides', JSON.stringify(verification.body));
  return 'pending_upload';
}

describe('sandbox presigned uploads', () => {
  it('accepts the declared bytes without an API key, answers 200 with an ETag, marks the file uploaded', async () => {
    const { h, spec, url, docId } = await oneFile();
    const response = await h.sandbox.fetch(
      new Request(url, { method: 'PUT', body: spec.bytes, headers: { 'Content-Type': 'image/jpeg', Origin: 'http://widget.test' } }),
    );
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('etag'), `"${sha256(spec.bytes)}"`);
    assert.equal(response.headers.get('access-control-allow-origin'), 'http://widget.test');
    assert.equal(response.headers.get('access-control-expose-headers'), 'ETag');
    assert.equal(await fileStatus(h, docId), 'uploaded');
  });

  it('refuses any change to the path or the query with 403 invalid_signature', async () => {
    const { h, spec, url, docId } = await oneFile();
    const other = await h.api('POST', `/identity/documents/idvs/${docId}/files`, {
      filename: 'x.jpg',
      content_type: 'image/jpeg',
      byte_size: spec.bytes.byteLength,
      ...(ext ? { side: 'front' } : {}),
    });
    const otherId = other.body.data.id as string;
    const u = new URL(url);
    const tampered = [
      url.replace(/\/uploads\/file_[^?]+/, `/uploads/${otherId}`),
      url.replace(/byte_size=\d+/, `byte_size=${spec.bytes.byteLength + 1}`),
      url.replace(/expires=(\d+)/, (_, e) => `expires=${Number(e) + 3600}`),
      url.replace('content_type=image%2Fjpeg', 'content_type=image%2Fpng'),
      url.replace(/signature=([0-9a-f])/, (_, c) => `signature=${c === '0' ? '1' : '0'}`),
      `${u.origin}${u.pathname}?${u.searchParams.toString().replace(/&signature=.*/, '')}`,
      url.replace('?', '?extra=1&'),
      `${url}&extra=1`,
    ];
    for (const bad of tampered) {
      const r = await h.put(bad, spec.bytes, 'image/jpeg');
      assert.equal(r.status, 403, bad);
      assert.equal(r.body.errors[0].code, 'invalid_signature', bad);
    }
    assert.equal(await fileStatus(h, docId), 'pending_upload');
  });

  it('expires: 403 expired once the URL lifetime has passed on the injected clock', async () => {
    const { h, spec, url } = await oneFile();
    h.clock.advance(3600_000 - 1000);
    const r = await h.put(url, spec.bytes, 'image/jpeg');
    assert.equal(r.status, 200, 'still valid just before expiry');
    h.clock.advance(1001);
    const late = await h.put(url, spec.bytes, 'image/jpeg');
    assert.equal(late.status, 403);
    assert.equal(late.body.errors[0].code, 'expired');
  });

  it('refuses a Content-Type other than the declared one with 415', async () => {
    const { h, spec, url, docId } = await oneFile();
    const r = await h.put(url, spec.bytes, 'image/png');
    assert.equal(r.status, 415);
    assert.equal(r.body.errors[0].code, 'content_type_mismatch');
    assert.equal(r.body.errors[0].source.header, 'Content-Type');
    assert.equal(await fileStatus(h, docId), 'pending_upload');
  });

  it('refuses a Content-Length other than byte_size with 400', async () => {
    const { h, spec, url } = await oneFile(undefined, fixture('passport.jpg'), { byte_size: fixture('passport.jpg').bytes.byteLength + 1 });
    const r = await h.put(url, spec.bytes, 'image/jpeg');
    assert.equal(r.status, 400);
    assert.equal(r.body.errors[0].code, 'size_mismatch');
    // Without a Content-Length header, the body's own length is compared.
    const stream = new Request(url, {
      method: 'PUT',
      body: new Blob([spec.bytes as BlobPart]).stream(),
      headers: { 'Content-Type': 'image/jpeg' },
      duplex: 'half',
    } as RequestInit);
    const streamed = await h.sandbox.fetch(stream);
    assert.equal(streamed.status, 400);
  });

  it('sniffs the bytes: not an image or PDF → 415, another image type than declared → 415', async () => {
    const fake = fixture('fake.jpg');
    const text = await oneFile(undefined, fake);
    const r = await text.h.put(text.url, fake.bytes, 'image/jpeg');
    assert.equal(r.status, 415);
    assert.equal(r.body.errors[0].code, 'unsupported_content');

    const png = fixture('tiny.png');
    const disguised = await oneFile(undefined, { ...png, content_type: 'image/jpeg' });
    const d = await disguised.h.put(disguised.url, png.bytes, 'image/jpeg');
    assert.equal(d.status, 415);
    assert.equal(d.body.errors[0].code, 'content_mismatch');

    const pdfBytes = new TextEncoder().encode('%PDF-1.4\n% sandbox test\n%%EOF\n');
    const pdf = await oneFile(undefined, { bytes: pdfBytes, content_type: 'application/pdf' });
    assert.equal((await pdf.h.put(pdf.url, pdfBytes, 'application/pdf')).status, 200);
  });

  it('checks a declared SHA-256 checksum: 400 on mismatch, 200 when it matches', async () => {
    const spec = fixture('passport.jpg');
    const wrong = await oneFile(undefined, spec, { checksum: sha256(new Uint8Array([1, 2, 3])) });
    const r = await wrong.h.put(wrong.url, spec.bytes, 'image/jpeg');
    assert.equal(r.status, 400);
    assert.equal(r.body.errors[0].code, 'checksum_mismatch');
    assert.equal(await fileStatus(wrong.h, wrong.docId), 'pending_upload');
    const right = await oneFile(undefined, spec, { checksum: sha256(spec.bytes).toUpperCase() });
    assert.equal((await right.h.put(right.url, spec.bytes, 'image/jpeg')).status, 200);
  });

  it('caps the size with 413, by Content-Length and while streaming', async () => {
    const small = fixture('tiny.png');
    const cap = small.bytes.byteLength + 10;
    const { h, url } = await oneFile({ maxUploadBytes: cap }, small);
    const big = new Uint8Array(cap + 1000);
    big.set(small.bytes);
    const r = await h.put(url, big, 'image/png');
    assert.equal(r.status, 413);
    assert.equal(r.body.errors[0].code, 'too_large');
    const stream = new Request(url, {
      method: 'PUT',
      body: new Blob([big as BlobPart]).stream(),
      headers: { 'Content-Type': 'image/png' },
      duplex: 'half',
    } as RequestInit);
    assert.equal((await h.sandbox.fetch(stream)).status, 413);
  });

  it('refuses uploads once the session is final or redacted (409)', async () => {
    const { h, spec, url, docId, sessionId } = await oneFile();
    await h.api('POST', `/identity/sessions/${sessionId}/expire`);
    const r = await h.put(url, spec.bytes, 'image/jpeg');
    assert.equal(r.status, 409);
    assert.equal(r.body.errors[0].code, 'session_final');
    await h.api('POST', `/identity/sessions/${sessionId}/redact`);
    assert.equal((await h.put(url, spec.bytes, 'image/jpeg')).body.errors[0].code, 'session_redacted');
    // A final session refuses verifications too: only the default profile can look at the file.
    if (ext) assert.equal(await fileStatus(h, docId), 'pending_upload');
  });

  it('answers the CORS preflight for a browser on another origin, and sets CORS on errors', async () => {
    const { h, url, spec } = await oneFile();
    const preflight = await h.sandbox.fetch(
      new Request(url, {
        method: 'OPTIONS',
        headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' },
      }),
    );
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    assert.match(preflight.headers.get('access-control-allow-methods')!, /PUT/);
    assert.match(preflight.headers.get('access-control-allow-headers')!, /Content-Type/i);
    assert.equal(preflight.headers.get('access-control-expose-headers'), 'ETag');
    const noOrigin = await h.sandbox.fetch(new Request(url, { method: 'OPTIONS' }));
    assert.equal(noOrigin.headers.get('access-control-allow-origin'), '*');
    const error = await h.sandbox.fetch(
      new Request(url, { method: 'PUT', body: spec.bytes, headers: { 'Content-Type': 'image/png', Origin: 'http://localhost:5173' } }),
    );
    assert.equal(error.status, 415);
    assert.equal(error.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    const get = await h.sandbox.fetch(new Request(url));
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'PUT, OPTIONS');
  });
});
