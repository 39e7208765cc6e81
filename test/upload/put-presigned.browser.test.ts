/**
 * One presigned PUT against the real sandbox mounted in the runner's server (real HTTP, real
 * signature, expiry, sniffing and size checks), reached through a real session and a document
 * created through the proxy.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { expect } from '@open-wc/testing';
import { checksum } from '../../src/upload/checksum.js';
import { putPresigned, type UploadProgress } from '../../src/upload/put-presigned.js';
import { createSession, declareUpload, documentFiles, jpegOfAbout, untilExpired } from './sandbox-session.js';
import { uploadRejection } from './upload-rejection.js';

describe('putPresigned against the sandbox', () => {
  it('uploads the raw bytes, reports progress, returns the ETag, and the file becomes uploaded', async () => {
    const session = await createSession();
    const bytes = await jpegOfAbout(2_000_000);
    const target = await declareUpload(session, bytes);
    const progress: UploadProgress[] = [];

    const { etag } = await putPresigned({ url: target.url, body: bytes, contentType: 'image/jpeg', onProgress: (p) => progress.push(p) });

    // The sandbox's ETag is the quoted SHA-256 of what it received: the bytes arrived intact, unwrapped.
    expect(etag).to.equal(`"${await checksum(bytes)}"`);
    expect(progress.length).to.be.greaterThan(0);
    expect(progress.every((p) => p.total === bytes.size)).to.equal(true);
    expect(progress.at(-1)!.loaded).to.equal(bytes.size);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.loaded).to.be.at.least(progress[i - 1]!.loaded);
    const [file] = await documentFiles(session, target.documentId);
    expect(file!.status).to.equal('uploaded');
  });

  it('a tampered URL is rejected (403), not expired', async () => {
    const session = await createSession();
    const bytes = await jpegOfAbout(20_000);
    const target = await declareUpload(session, bytes);
    const tampered = new URL(target.url);
    tampered.searchParams.set('byte_size', String(bytes.size + 1));

    const error = await uploadRejection(putPresigned({ url: tampered.href, body: bytes, contentType: 'image/jpeg' }));

    expect([error.kind, error.status, error.code]).to.deep.equal(['rejected', 403, 'invalid_signature']);
    expect(error.transient).to.equal(false);
    expect((await documentFiles(session, target.documentId))[0]!.status).to.equal('pending_upload');
  });

  it('an expired URL is classified as expired (403 code expired)', async () => {
    const session = await createSession({ upload_url_ttl_seconds: 1 });
    const bytes = await jpegOfAbout(20_000);
    const target = await declareUpload(session, bytes);
    expect(target.expiresIn).to.equal(1);
    // Real waiting, bounded by the URL's own deadline (≤ 2 s): the runner's sandbox keeps the real
    // clock, and its shortest lifetime is one second.
    await untilExpired(target.url);

    const error = await uploadRejection(putPresigned({ url: target.url, body: bytes, contentType: 'image/jpeg' }));

    expect([error.kind, error.status, error.code]).to.deep.equal(['expired', 403, 'expired']);
    expect(error.transient).to.equal(true);
  });

  it('a Content-Type other than the declared one → 415 rejected', async () => {
    const session = await createSession();
    const bytes = await jpegOfAbout(20_000);
    const target = await declareUpload(session, bytes);
    const error = await uploadRejection(putPresigned({ url: target.url, body: bytes, contentType: 'image/png' }));
    expect([error.kind, error.status, error.code]).to.deep.equal(['rejected', 415, 'content_type_mismatch']);
    expect(error.message).to.contain('image/jpeg');
  });

  it('bytes that are not what was declared (a PNG declared as JPEG) → 415 rejected', async () => {
    const session = await createSession();
    const canvas = new OffscreenCanvas(64, 64);
    canvas.getContext('2d')!.fillRect(0, 0, 32, 32);
    const png = await canvas.convertToBlob({ type: 'image/png' });
    const target = await declareUpload(session, png, { content_type: 'image/jpeg' });
    const error = await uploadRejection(putPresigned({ url: target.url, body: png, contentType: 'image/jpeg' }));
    expect([error.kind, error.status, error.code]).to.deep.equal(['rejected', 415, 'content_mismatch']);
  });

  it('text named .jpg → 415 rejected', async () => {
    const session = await createSession();
    const text = new Blob(['this is not a photo of anything'.repeat(10)]);
    const target = await declareUpload(session, text);
    const error = await uploadRejection(putPresigned({ url: target.url, body: text, contentType: 'image/jpeg' }));
    expect([error.kind, error.status, error.code]).to.deep.equal(['rejected', 415, 'unsupported_content']);
  });

  it('a body of another size than declared → 400 rejected', async () => {
    const session = await createSession();
    const bytes = await jpegOfAbout(20_000);
    const target = await declareUpload(session, bytes, { byte_size: bytes.size + 10, checksum: undefined });
    const error = await uploadRejection(putPresigned({ url: target.url, body: bytes, contentType: 'image/jpeg' }));
    expect([error.kind, error.status, error.code]).to.deep.equal(['rejected', 400, 'size_mismatch']);
  });

  it('bytes that do not match the declared checksum → 400 rejected', async () => {
    const session = await createSession();
    const bytes = await jpegOfAbout(20_000);
    const other = await jpegOfAbout(20_000);
    const target = await declareUpload(session, bytes, { checksum: await checksum(other) });
    const error = await uploadRejection(putPresigned({ url: target.url, body: bytes, contentType: 'image/jpeg' }));
    expect([error.kind, error.status, error.code]).to.deep.equal(['rejected', 400, 'checksum_mismatch']);
  });

  it('a body over the sandbox cap → 413 rejected', async () => {
    const session = await createSession();
    const small = await jpegOfAbout(20_000);
    const target = await declareUpload(session, small, { checksum: undefined });
    const huge = new Blob([small, new Uint8Array(16 * 1024 * 1024)]);
    const error = await uploadRejection(putPresigned({ url: target.url, body: huge, contentType: 'image/jpeg' }));
    expect([error.kind, error.status]).to.deep.equal(['rejected', 413]);
  });

  it('aborting while the request is in flight → aborted, and the file stays pending', async () => {
    // On localhost the whole body is handed over in one progress step (~60 ms for 5 MB), and WebKit's
    // network process sends it whole before an abort right after send() reaches it. The server holds
    // the request for a while (a slow link), so the abort comes while the bytes are still on their way.
    const session = await createSession();
    const bytes = await jpegOfAbout(6_000_000);
    const target = await declareUpload(session, bytes);
    const controller = new AbortController();
    const progress: UploadProgress[] = [];

    await executeServerCommand('hold-urls', { patterns: ['*/sandbox/uploads/*'], ms: 1500 });
    let error: Awaited<ReturnType<typeof uploadRejection>>;
    try {
      const upload = putPresigned({
        url: target.url,
        body: bytes,
        contentType: 'image/jpeg',
        signal: controller.signal,
        onProgress: (p) => progress.push(p),
      });
      controller.abort();
      error = await uploadRejection(upload);
      // What the held request does once it reaches the sandbox, cut off by the abort.
      await new Promise((resolve) => setTimeout(resolve, 2000));
    } finally {
      await executeServerCommand('hold-urls', { patterns: [] });
    }

    expect(error.kind).to.equal('aborted');
    expect(error.transient).to.equal(false);
    expect(
      progress.some((p) => p.loaded === p.total),
      'never reported as complete',
    ).to.equal(false);
    expect((await documentFiles(session, target.documentId))[0]!.status).to.equal('pending_upload');
  });

  it('an already aborted signal sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await uploadRejection(
      putPresigned({ url: '/sandbox/uploads/never', body: new Blob(['x']), contentType: 'image/jpeg', signal: controller.signal }),
    );
    expect(error.kind).to.equal('aborted');
    expect(performance.getEntriesByName(new URL('/sandbox/uploads/never', location.href).href)).to.deep.equal([]);
  });

  it('no HTTP answer at all (a closed port) → network', async () => {
    const error = await uploadRejection(putPresigned({ url: 'http://127.0.0.1:9/upload', body: new Blob(['x']), contentType: 'image/jpeg' }));
    expect([error.kind, error.status]).to.deep.equal(['network', 0]);
  });
});
