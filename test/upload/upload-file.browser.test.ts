/**
 * uploadFile end to end against the real sandbox: every attempt is a real PUT. Only the waiting is
 * injected (`sleep` records the delays instead of sleeping), except where noted.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { checksum } from '../../src/upload/checksum.js';
import { putPresigned, UploadError, type PutPresignedOptions } from '../../src/upload/put-presigned.js';
import { uploadFile } from '../../src/upload/upload-file.js';
import { createSession, declareUpload, documentFiles, freshUploadUrl, jpegOfAbout, untilExpired } from './sandbox-session.js';
import { uploadRejection } from './upload-rejection.js';

/** The real putPresigned, with a record of each attempt's URL and outcome. */
function observedPut() {
  const attempts: { url: string; outcome: string }[] = [];
  const put = async (options: PutPresignedOptions) => {
    try {
      const result = await putPresigned(options);
      attempts.push({ url: options.url, outcome: 'ok' });
      return result;
    } catch (error) {
      const e = error as UploadError;
      attempts.push({ url: options.url, outcome: `${e.kind} ${e.status}` });
      throw error;
    }
  };
  return { put, attempts };
}

const noJitter = () => 0.5;

describe('uploadFile against the sandbox', () => {
  it('refreshes an expired URL through the add-file call and then succeeds', async () => {
    const session = await createSession({ scenario: 'expiring_urls', upload_url_ttl_seconds: 1 });
    const bytes = await jpegOfAbout(50_000);
    const target = await declareUpload(session, bytes);
    // Real waiting (≤ 2 s) until the URL's signed deadline: the runner's sandbox uses the real clock.
    await untilExpired(target.url);
    const { put, attempts } = observedPut();
    let refreshed = 0;

    const result = await uploadFile({
      url: target.url,
      body: bytes,
      contentType: 'image/jpeg',
      refreshUrl: async () => {
        refreshed++;
        return freshUploadUrl(session, target);
      },
      sleep: async () => expect.fail('an expired URL needs no backoff'),
      put,
    });

    expect(refreshed).to.equal(1);
    expect(attempts.map((a) => a.outcome)).to.deep.equal(['expired 403', 'ok']);
    expect(attempts[1]!.url).not.to.equal(target.url);
    expect(result.url).to.equal(attempts[1]!.url);
    expect(result.etag).to.equal(`"${await checksum(bytes)}"`);
    const files = await documentFiles(session, target.documentId);
    expect(files.map((f) => f.status).sort()).to.deep.equal(['pending_upload', 'uploaded']);
  });

  it('retries 503 and 429 from the flaky scenario, waiting what Retry-After says, then succeeds', async () => {
    const session = await createSession({
      scenario: 'flaky',
      fail: [
        { call: 'upload', times: 1, status: 429, retry_after: 2 },
        { call: 'upload', times: 1, status: 503, retry_after: 1 },
      ],
    });
    const bytes = await jpegOfAbout(50_000);
    const target = await declareUpload(session, bytes);
    const { put, attempts } = observedPut();
    const sleeps: number[] = [];

    const result = await uploadFile({
      url: target.url,
      body: bytes,
      contentType: 'image/jpeg',
      refreshUrl: () => expect.fail('nothing expired'),
      sleep: async (ms) => void sleeps.push(ms),
      random: noJitter,
      baseDelayMs: 100,
      put,
    });

    expect(attempts.map((a) => a.outcome)).to.deep.equal(['rate_limited 429', 'server 503', 'ok']);
    // Retry-After (2 s, then 1 s) outweighs the 75 ms and 150 ms of backoff.
    expect(sleeps).to.deep.equal([2000, 1000]);
    expect(result.attempts).to.equal(3);
    expect((await documentFiles(session, target.documentId))[0]!.status).to.equal('uploaded');
  });

  it("gives up on a permanent refusal at once, with the sandbox's reason", async () => {
    const session = await createSession();
    const bytes = await jpegOfAbout(50_000);
    const target = await declareUpload(session, bytes, { content_type: 'image/png', filename: 'front.png' });
    const { put, attempts } = observedPut();

    const error = await uploadRejection(
      uploadFile({
        url: target.url,
        body: bytes,
        contentType: 'image/png',
        refreshUrl: () => expect.fail('no refresh'),
        sleep: async () => expect.fail('no wait'),
        put,
      }),
    );

    expect([error.kind, error.status, error.code]).to.deep.equal(['rejected', 415, 'content_mismatch']);
    expect(error.message).to.match(/image\/jpeg.*image\/png/);
    expect(attempts.length).to.equal(1);
  });

  it('does not retry after an abort', async () => {
    const session = await createSession({ scenario: 'flaky', fail: { call: 'upload', times: 3, status: 503, retry_after: 0 } });
    const bytes = await jpegOfAbout(50_000);
    const target = await declareUpload(session, bytes);
    const { put, attempts } = observedPut();
    const controller = new AbortController();

    const error = await uploadRejection(
      uploadFile({
        url: target.url,
        body: bytes,
        contentType: 'image/jpeg',
        signal: controller.signal,
        refreshUrl: () => expect.fail('no refresh'),
        // The applicant leaves during the first backoff wait.
        sleep: async () => controller.abort(),
        put,
      }),
    );

    expect(error.kind).to.equal('aborted');
    expect(attempts.map((a) => a.outcome)).to.deep.equal(['server 503']);
  });

  it('reports a network error after the retries when nothing answers (a closed port)', async () => {
    const { put, attempts } = observedPut();
    const sleeps: number[] = [];
    const error = await uploadRejection(
      uploadFile({
        url: 'http://127.0.0.1:9/uploads/x',
        body: new Blob(['x']),
        contentType: 'image/jpeg',
        refreshUrl: () => expect.fail('no refresh'),
        retries: 2,
        sleep: async (ms) => void sleeps.push(ms),
        random: noJitter,
        put,
      }),
    );
    expect(error.kind).to.equal('network');
    expect(attempts.map((a) => a.outcome)).to.deep.equal(['network 0', 'network 0', 'network 0']);
    expect(sleeps).to.deep.equal([375, 750]);
  });

  it('survives a real network drop: the failed attempt is retried once the network is back', async () => {
    const session = await createSession();
    const bytes = await jpegOfAbout(50_000);
    const target = await declareUpload(session, bytes);
    const { put, attempts } = observedPut();
    const sleeps: number[] = [];

    // DevTools request blocking (test/helpers/server-commands.mjs): the PUT really fails at the
    // network layer, as on a dropped connection. What is not real: navigator.onLine stays true
    // (whole-page offline mode would cut the runner's own link to the page), so this exercises the
    // backoff path; the wait-for-"online" path is covered with a stubbed onLine in the policy tests.
    await executeServerCommand('block-urls', { patterns: ['*/sandbox/uploads/*'] });
    try {
      await uploadFile({
        url: target.url,
        body: bytes,
        contentType: 'image/jpeg',
        refreshUrl: () => expect.fail('no refresh'),
        random: noJitter,
        sleep: async (ms) => {
          sleeps.push(ms);
          // The connection comes back while we wait.
          await executeServerCommand('block-urls', { patterns: [] });
        },
        put,
      });
    } finally {
      await executeServerCommand('block-urls', { patterns: [] });
    }

    expect(attempts.map((a) => a.outcome)).to.deep.equal(['network 0', 'ok']);
    expect(sleeps).to.deep.equal([375]);
    expect((await documentFiles(session, target.documentId))[0]!.status).to.equal('uploaded');
  });
});
