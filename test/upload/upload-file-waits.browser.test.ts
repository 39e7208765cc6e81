/**
 * uploadFile's waits share the API client's cap (src/api/waits.ts): a Retry-After over it, in
 * seconds or as an HTTP date, is reported at once instead of waited; so is a wait that would take
 * the upload's waits together over it. Scripted PUTs whose errors come from the real classifier,
 * then one real 429 from the sandbox.
 */
import { expect } from '@open-wc/testing';
import { ApiError } from '../../src/api/errors.js';
import { MAX_BACKOFF_MS, MAX_SERVER_WAIT_MS } from '../../src/api/waits.js';
import { classifyHttpFailure, putPresigned, UploadError, type PutPresignedOptions } from '../../src/upload/put-presigned.js';
import { uploadFile, type UploadFileOptions } from '../../src/upload/upload-file.js';
import { createSession, declareUpload, documentFiles, jpegOfAbout } from './sandbox-session.js';
import { uploadRejection } from './upload-rejection.js';

type Step = UploadError | { etag: string };
const ok = { etag: '"abc"' };
/** The error putPresigned gives for a 429 or 503 answered with this Retry-After header. */
const answered = (status: 429 | 503, retryAfter: string) => classifyHttpFailure(status, '', retryAfter, Date.now());
const httpDate = (fromNowMs: number) => new Date(Date.now() + fromNowMs).toUTCString();

function setup(steps: Step[], overrides: Partial<UploadFileOptions> = {}) {
  const calls: PutPresignedOptions[] = [];
  const sleeps: number[] = [];
  const options: UploadFileOptions = {
    url: 'https://upload.test/v1?sig=1',
    body: new Blob(['bytes']),
    contentType: 'image/jpeg',
    refreshUrl: async () => 'https://upload.test/v1?sig=2',
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    put: async (o) => {
      calls.push(o);
      const step = steps.shift();
      if (!step) throw new Error('more attempts than scripted');
      if (step instanceof UploadError) throw step;
      return step;
    },
    ...overrides,
  };
  return { options, calls, sleeps };
}

describe('uploadFile: bounded waits', () => {
  for (const [form, over, within] of [
    ['seconds', '3600', '90'],
    ['an HTTP date', httpDate(3_600_000), httpDate(90_000)],
  ] as const) {
    it(`a Retry-After (${form}) over the cap is reported at once (429 and 503)`, async () => {
      for (const status of [429, 503] as const) {
        const t = setup([answered(status, over), ok]);
        const error = await uploadRejection(uploadFile(t.options));
        expect(error.kind).to.equal(status === 429 ? 'rate_limited' : 'server');
        expect(error.transient, 'retryable: the flow offers "Try again"').to.equal(true);
        expect(error.retryAfterMs).to.be.greaterThan(MAX_SERVER_WAIT_MS);
        expect(t.sleeps).to.deep.equal([]);
        expect(t.calls.length).to.equal(1);
      }
    });

    it(`a Retry-After (${form}) within the cap is waited, then the upload is retried`, async () => {
      const t = setup([answered(429, within), ok]);
      expect((await uploadFile(t.options)).attempts).to.equal(2);
      expect(t.sleeps.length).to.equal(1);
      expect(t.sleeps[0]).to.be.within(85_000, 90_000);
    });
  }

  it("the default cap is the API client's", async () => {
    const exactly = setup([answered(429, String(MAX_SERVER_WAIT_MS / 1000)), ok]);
    await uploadFile(exactly.options);
    expect(exactly.sleeps).to.deep.equal([MAX_SERVER_WAIT_MS]);
    const over = setup([answered(429, String(MAX_SERVER_WAIT_MS / 1000 + 1)), ok]);
    await uploadRejection(uploadFile(over.options));
    expect(over.sleeps).to.deep.equal([]);
  });

  it('the waits of one upload together stay within the cap', async () => {
    const t = setup([answered(503, '100'), answered(503, '100'), ok]);
    const error = await uploadRejection(uploadFile(t.options));
    expect(error.kind).to.equal('server');
    expect(t.sleeps).to.deep.equal([100_000]);
    expect(t.calls.length).to.equal(2);
  });

  it('backoff steps are capped by default', async () => {
    const network = () => new UploadError('offline', { kind: 'network' });
    const t = setup([network(), network(), network(), ok], { baseDelayMs: 60_000, random: () => 0.999 });
    await uploadFile(t.options).catch(() => undefined);
    expect(t.sleeps.length).to.be.greaterThan(0);
    expect(t.sleeps.every((ms) => ms <= MAX_BACKOFF_MS)).to.equal(true);
    expect(t.sleeps.reduce((a, b) => a + b, 0)).to.be.at.most(MAX_SERVER_WAIT_MS);
  });

  it('an API failure while getting a fresh URL is reported as itself (e.g. a token that could not be renewed)', async () => {
    const refused = new ApiError('token_refresh_failed', "The integrator's getClientToken failed (down).", 401);
    const expired = new UploadError('expired', { kind: 'expired', status: 403, code: 'expired' });
    const t = setup([expired], { refreshUrl: () => Promise.reject(refused) });
    let caught: unknown = null;
    await uploadFile(t.options).catch((error: unknown) => (caught = error));
    expect(caught).to.equal(refused);
  });

  it('a real 429 from the sandbox with Retry-After: 3600 is reported at once, nothing uploaded', async () => {
    const session = await createSession({ scenario: 'flaky', fail: { call: 'upload', times: 1, status: 429, retry_after: 3600 } });
    const bytes = await jpegOfAbout(20_000);
    const target = await declareUpload(session, bytes);
    const sleeps: number[] = [];
    const error = await uploadRejection(
      uploadFile({
        url: target.url,
        body: bytes,
        contentType: 'image/jpeg',
        refreshUrl: () => expect.fail('no refresh'),
        sleep: async (ms) => void sleeps.push(ms),
        put: putPresigned,
      }),
    );
    expect([error.kind, error.status, error.retryAfterMs]).to.deep.equal(['rate_limited', 429, 3_600_000]);
    expect(sleeps).to.deep.equal([]);
    expect((await documentFiles(session, target.documentId))[0]!.status).to.equal('pending_upload');
  });
});
