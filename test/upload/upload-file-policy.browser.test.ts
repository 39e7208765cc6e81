/**
 * The retry policy of uploadFile with a scripted `put`: which failures are retried, how long it
 * waits, when it refreshes the URL, when it stops. The real-HTTP behaviour against the sandbox is
 * in upload-file.browser.test.ts.
 */
import { expect } from '@open-wc/testing';
import { parseRetryAfter } from '../../src/api/errors.js';
import { classifyHttpFailure, UploadError, type PutPresignedOptions } from '../../src/upload/put-presigned.js';
import { retryDelay, uploadFile, type UploadFileOptions } from '../../src/upload/upload-file.js';
import { uploadRejection } from './upload-rejection.js';

type Step = UploadError | { etag: string };

/** A `put` that plays `steps` in order and records every call. */
function scriptedPut(steps: Step[]) {
  const calls: PutPresignedOptions[] = [];
  const put = async (options: PutPresignedOptions) => {
    calls.push(options);
    const step = steps.shift();
    if (!step) throw new Error('more attempts than scripted');
    if (step instanceof UploadError) throw step;
    return step;
  };
  return { put, calls };
}

const network = () => new UploadError('offline', { kind: 'network' });
const server = (status = 503, retryAfterMs: number | null = null) => new UploadError('5xx', { kind: 'server', status, retryAfterMs });
const rateLimited = (retryAfterMs: number | null) => new UploadError('429', { kind: 'rate_limited', status: 429, retryAfterMs });
const expired = () => new UploadError('expired', { kind: 'expired', status: 403, code: 'expired' });
const rejected = (status: number, code: string) => new UploadError('no', { kind: 'rejected', status, code });
const ok = { etag: '"abc"' };

function setup(steps: Step[], overrides: Partial<UploadFileOptions> = {}) {
  const { put, calls } = scriptedPut(steps);
  const sleeps: number[] = [];
  let refreshes = 0;
  const options: UploadFileOptions = {
    url: 'https://upload.test/v1?sig=1',
    body: new Blob(['bytes']),
    contentType: 'image/jpeg',
    refreshUrl: async () => `https://upload.test/v1?sig=${2 + refreshes++}`,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    put,
    ...overrides,
  };
  return { options, calls, sleeps, refreshes: () => refreshes };
}

describe('uploadFile retry policy', () => {
  it('succeeds at once without waiting', async () => {
    const t = setup([ok]);
    const result = await uploadFile(t.options);
    expect(result).to.deep.equal({ etag: '"abc"', url: 'https://upload.test/v1?sig=1', attempts: 1 });
    expect(t.sleeps).to.deep.equal([]);
  });

  it('retries network errors and 5xx with exponential backoff and jitter', async () => {
    const t = setup([network(), server(502), server(500), ok], { baseDelayMs: 100 });
    const result = await uploadFile(t.options);
    expect(result.attempts).to.equal(4);
    // equal jitter with random() = 0.5: ¾ of 100·2^n
    expect(t.sleeps).to.deep.equal([75, 150, 300]);
    expect(t.calls.every((c) => c.url === 'https://upload.test/v1?sig=1')).to.equal(true);
  });

  it('honours Retry-After when it is longer than the backoff (429 and 503)', async () => {
    const t = setup([rateLimited(2000), server(503, 1000), ok], { baseDelayMs: 100 });
    await uploadFile(t.options);
    expect(t.sleeps).to.deep.equal([2000, 1000]);
  });

  it('does not wait out an unreasonable Retry-After: reports it instead', async () => {
    const t = setup([rateLimited(3_600_000)]);
    const error = await uploadRejection(uploadFile(t.options));
    expect(error.kind).to.equal('rate_limited');
    expect(error.retryAfterMs).to.equal(3_600_000);
    expect(t.sleeps).to.deep.equal([]);
  });

  it('gives up after `retries` retries with the last error', async () => {
    const t = setup([server(), server(), server(504)], { retries: 2 });
    const error = await uploadRejection(uploadFile(t.options));
    expect(error.status).to.equal(504);
    expect(t.calls.length).to.equal(3);
  });

  it('refreshes an expired URL and retries with the new one, without waiting', async () => {
    const t = setup([expired(), ok]);
    const result = await uploadFile(t.options);
    expect(t.refreshes()).to.equal(1);
    expect(t.calls.map((c) => c.url)).to.deep.equal(['https://upload.test/v1?sig=1', 'https://upload.test/v1?sig=2']);
    expect(result.url).to.equal('https://upload.test/v1?sig=2');
    expect(t.sleeps).to.deep.equal([]);
  });

  it('keeps using the refreshed URL for later transient retries', async () => {
    const t = setup([expired(), server(), ok]);
    await uploadFile(t.options);
    expect(t.calls.map((c) => c.url)).to.deep.equal(['https://upload.test/v1?sig=1', 'https://upload.test/v1?sig=2', 'https://upload.test/v1?sig=2']);
  });

  it('reports a clear expired error when no fresh URL can be obtained', async () => {
    const cause = new Error('proxy down');
    const t = setup([expired()], { refreshUrl: () => Promise.reject(cause) });
    const error = await uploadRejection(uploadFile(t.options));
    expect(error.kind).to.equal('expired');
    expect(error.message).to.match(/fresh one could not be obtained/);
    expect(error.cause).to.equal(cause);
  });

  for (const [status, code] of [
    [403, 'invalid_signature'],
    [415, 'unsupported_media_type'],
    [400, 'size_mismatch'],
    [413, 'too_large'],
  ] as const) {
    it(`does not retry a ${status} ${code}`, async () => {
      const t = setup([rejected(status, code)]);
      const error = await uploadRejection(uploadFile(t.options));
      expect([error.kind, error.status, error.code]).to.deep.equal(['rejected', status, code]);
      expect(t.calls.length).to.equal(1);
      expect(t.refreshes()).to.equal(0);
    });
  }

  it('never retries after an abort, even when the attempt failed otherwise', async () => {
    const controller = new AbortController();
    const t = setup([], {
      signal: controller.signal,
      put: async () => {
        controller.abort();
        throw network();
      },
    });
    const error = await uploadRejection(uploadFile(t.options));
    expect(error.kind).to.equal('aborted');
    expect(t.sleeps).to.deep.equal([]);
  });

  it('an abort during the backoff wait ends the upload (default sleep)', async () => {
    const controller = new AbortController();
    const { put, calls } = scriptedPut([server(), ok]);
    const upload = uploadFile({
      url: 'https://upload.test/v1',
      body: new Blob(['x']),
      contentType: 'image/jpeg',
      refreshUrl: async () => '',
      put,
      signal: controller.signal,
      baseDelayMs: 60_000,
      random: () => 0,
    });
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    controller.abort();
    const error = await uploadRejection(upload);
    expect(error.kind).to.equal('aborted');
    expect(calls.length).to.equal(1);
  });

  it('when offline, waits for the network to come back instead of sleeping, then retries', async () => {
    const saved = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
    let online = false;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
    try {
      let waited = 0;
      const t = setup([network(), ok], {
        waitUntilOnline: async () => {
          waited++;
          online = true;
        },
      });
      await uploadFile(t.options);
      expect(waited).to.equal(1);
      expect(t.sleeps).to.deep.equal([]);
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
      expect(Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')).to.deep.equal(saved);
    }
  });

  it('the default online wait resolves on the window "online" event', async () => {
    let online = false;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
    try {
      const t = setup([network(), ok]);
      delete t.options.waitUntilOnline;
      let settled = false;
      const upload = uploadFile(t.options).finally(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 0)); // let the first attempt fail
      expect(settled, 'still waiting while offline').to.equal(false);
      expect(t.calls.length).to.equal(1);
      online = true;
      window.dispatchEvent(new Event('online'));
      expect((await upload).attempts).to.equal(2);
      expect(t.sleeps).to.deep.equal([]);
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
    }
  });
});

describe('retryDelay', () => {
  const policy = { baseDelayMs: 500, maxDelayMs: 30_000 };
  it('grows exponentially, jitters between half and all of it, and is capped', () => {
    expect(retryDelay(0, null, { ...policy, random: () => 0 })).to.equal(250);
    expect(retryDelay(0, null, { ...policy, random: () => 0.999999 })).to.be.closeTo(500, 0.01);
    expect(retryDelay(3, null, { ...policy, random: () => 0 })).to.equal(2000);
    expect(retryDelay(20, null, { ...policy, random: () => 1 })).to.equal(30_000);
  });
  it('never waits less than Retry-After', () => {
    expect(retryDelay(0, 5000, { ...policy, random: () => 1 })).to.equal(5000);
    expect(retryDelay(5, 10, { ...policy, random: () => 0 })).to.equal(8000);
  });
});

describe('classifying a failed PUT', () => {
  const now = Date.UTC(2025, 5, 1, 12, 0, 0);
  const jsonApi = (code: string, detail = 'x') => JSON.stringify({ errors: [{ status: '403', code, title: 't', detail }] });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3', now)).to.equal(3000);
    expect(parseRetryAfter(new Date(now + 7000).toUTCString(), now)).to.equal(7000);
    expect(parseRetryAfter(new Date(now - 7000).toUTCString(), now)).to.equal(0);
    expect(parseRetryAfter('soon', now)).to.equal(null);
    expect(parseRetryAfter(null, now)).to.equal(null);
  });

  it('403 expired → expired; any other 403 → rejected', () => {
    expect(classifyHttpFailure(403, jsonApi('expired'), null, now).kind).to.equal('expired');
    const bad = classifyHttpFailure(403, jsonApi('invalid_signature', 'The signature does not match.'), null, now);
    expect([bad.kind, bad.code, bad.status]).to.deep.equal(['rejected', 'invalid_signature', 403]);
    expect(bad.message).to.contain('The signature does not match.');
    expect(classifyHttpFailure(403, '', null, now).kind).to.equal('rejected');
  });

  it('understands object storage XML errors too', () => {
    const s3Expired = '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>';
    const s3Denied = '<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>';
    expect(classifyHttpFailure(403, s3Expired, null, now).kind).to.equal('expired');
    expect(classifyHttpFailure(403, s3Denied, null, now).kind).to.equal('rejected');
    expect(classifyHttpFailure(400, '<Error><Code>ExpiredToken</Code></Error>', null, now).kind).to.equal('rejected');
  });

  it('429 → rate_limited, 5xx and 408 → server, other 4xx → rejected, keeping Retry-After', () => {
    const limited = classifyHttpFailure(429, '', '2', now);
    expect([limited.kind, limited.retryAfterMs]).to.deep.equal(['rate_limited', 2000]);
    expect(classifyHttpFailure(503, 'Service Unavailable', '1', now).retryAfterMs).to.equal(1000);
    expect(classifyHttpFailure(500, '', null, now).kind).to.equal('server');
    expect(classifyHttpFailure(408, '', null, now).kind).to.equal('server');
    expect(classifyHttpFailure(415, '', null, now).kind).to.equal('rejected');
    expect(classifyHttpFailure(413, '', null, now).transient).to.equal(false);
  });
});
