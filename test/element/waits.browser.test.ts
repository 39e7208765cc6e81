// Bounded waits and a retryable token failure, in real Chromium against the sandbox through the
// proxy: a server asking to wait an hour gets "Try again" at once, not an endless spinner, and
// "Try again" ends on the outcome decided meanwhile; a getClientToken that fails once mid-upload
// is retried without losing the photos or sending one twice.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import '../../src/define.js';
import type { BelticVerify } from '../../src/index.js';
import type { BelticVerifyErrorEvent } from '../../src/events.js';
import {
  captureAndAccept,
  chooseDocument,
  consent,
  createSession,
  currentStep,
  flowState,
  fixtureBlob,
  freshToken,
  mount,
  sandboxSession,
  shadow,
  untilComplete,
  waitForStep,
  type DemoSession,
} from '../helpers/widget.js';
import { harness } from '../helpers/harness.js';
import { timeLimit } from '../helpers/engines.js';

type ErrorDetail = BelticVerifyErrorEvent['detail'];

function recordErrors(element: BelticVerify): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  element.addEventListener('beltic-verify-error', (event) => errors.push((event as BelticVerifyErrorEvent).detail));
  return errors;
}

/** The flow's error, once it stopped on one. */
async function untilError(element: BelticVerify, code: string): Promise<void> {
  await waitUntil(
    () => flowState(element)?.error?.code === code,
    () => `no ${code} error (at ${currentStep(element)}, error ${flowState(element)?.error?.code ?? 'none'})`,
    // Reached after the photo's checks and its upload: seconds in a loaded engine.
    { timeout: 30000, interval: 20 },
  );
  await element.updateComplete;
}

/** The button of the error notice: "Try again" for a retryable error, "Start again" otherwise. */
function errorButton(element: BelticVerify): HTMLButtonElement {
  return shadow<HTMLButtonElement>(element, '.notice[role=alert] button');
}

async function untilSessionStatus(session: DemoSession, status: string): Promise<void> {
  await waitUntil(async () => (await sandboxSession(session.session_id)).data.attributes.status === status, `session never ${status}`, {
    timeout: 15000,
    interval: 200,
  });
}

/** A forged token for the same session: the proxy refuses it with a 401, as it would an expired one. */
const forged = (session: DemoSession) => `${session.client_token.slice(0, -4)}AAAA`;

describe('<beltic-verify> bounded waits', function () {
  this.timeout(timeLimit(60000));

  for (const [times, path] of [
    [1000, 'the verification still refused, the session tells'],
    [1, 'the verification read again'],
  ] as const) {
    it(`a 429 Retry-After: 3600 on the verification poll shows "Try again" at once; "Try again" ends on the outcome decided meanwhile (${path})`, async () => {
      // Decided 5 s after it is created: the first read must come before, or the widget rightly ends on
      // the session's outcome without an error (1.5 s was once too short for a loaded Firefox on CI).
      const session = await createSession({
        sandbox: { scenario: 'flaky', processing_delay_ms: 5000, fail: { call: 'get_verification', status: 429, retry_after: 3600, times } },
      });
      const element = await mount(session);
      const errors = recordErrors(element);
      let completed = false;
      const complete = untilComplete(element).then((event) => ((completed = true), event));

      await consent(element);
      await chooseDocument(element, 'passport');
      await captureAndAccept(element, await fixtureBlob('passport.jpg'));
      await untilError(element, 'rate_limited');

      expect(currentStep(element)).to.equal('verifying');
      expect(errors.map(({ code, recoverable }) => ({ code, recoverable }))).to.deep.equal([{ code: 'rate_limited', recoverable: true }]);
      expect(errorButton(element).textContent?.trim()).to.equal('Try again');

      // Decided while the widget waits for the applicant: nothing polls in the background.
      await untilSessionStatus(session, 'completed');
      expect(completed).to.equal(false);
      expect(currentStep(element)).to.equal('verifying');

      errorButton(element).click();
      expect((await complete).detail.status).to.equal('passed');
      expect(currentStep(element)).to.equal('result');
      expect(errors.length).to.equal(1);
    });
  }
});

describe('<beltic-verify> a failed getClientToken', function () {
  this.timeout(timeLimit(60000));

  it('rejecting once mid-upload: a retryable error, then "Try again" asks again and completes, each photo uploaded once', async () => {
    // Upload URLs live 2 s: the back's is stale by the time it is sent, so a fresh one is asked for
    // (add-file), with a token that has expired meanwhile.
    const session = await createSession({ sandbox: { scenario: 'expiring_urls', upload_url_ttl_seconds: 2 } });
    const element = await mount(session);
    const errors = recordErrors(element);
    let asked = 0;
    element.getClientToken = async () => {
      asked += 1;
      if (asked === 1) throw new Error('the integrator backend is down');
      return freshToken(session.session_id);
    };
    const puts = recordPuts({
      // Once the first photo is in, the token expires and the next PUT leaves late (its URL expired).
      afterFirstSuccess: () => (element.clientToken = forged(session)),
      delayAfterFirstSuccessMs: 3000,
    });
    try {
      const complete = untilComplete(element);
      await consent(element);
      await chooseDocument(element, 'drivers_license');
      await captureAndAccept(element, await fixtureBlob('licence-front.jpg'));
      await waitForStep(element, 'capture');
      await captureAndAccept(element, await fixtureBlob('licence-back.png'));

      await untilError(element, 'token_refresh_failed');
      const state = harness(element).flow.state!;
      expect(state.step.name).to.equal('uploading');
      expect(state.document!.files.front!.uploaded).to.equal(true);
      expect(state.document!.files.back!.uploaded).to.equal(false);
      expect(Object.keys(state.captures).sort()).to.deep.equal(['back', 'front']);
      expect(await harness(element).flow.imageBlob(state.captures.back!), 'the photo not yet sent is kept').to.be.instanceOf(Blob);
      expect(errors.length).to.equal(1);
      expect(errors[0]!.code).to.equal('token_refresh_failed');
      expect(errors[0]!.recoverable).to.equal(true);
      expect(errors[0]!.message).to.match(/getClientToken failed \(the integrator backend is down\)/);
      expect(asked).to.equal(1);
      expect(errorButton(element).textContent?.trim()).to.equal('Try again');

      errorButton(element).click();
      expect((await complete).detail.status).to.equal('passed');
      expect(asked).to.equal(2);

      // Each photo reached the sandbox once: one accepted PUT per side, and none to the front after it was in.
      const accepted = puts.done.filter((put) => put.status === 200);
      expect(accepted.length, JSON.stringify(puts.done)).to.equal(2);
      const frontPath = new URL(accepted[0]!.url).pathname;
      expect(puts.done.filter((put) => new URL(put.url).pathname === frontPath).length).to.equal(1);
      const files = await documentFiles(session, state.document!.id);
      expect(files.filter((file) => file.status === 'uploaded').length, JSON.stringify(files)).to.equal(2);
    } finally {
      puts.restore();
    }
  });

  it('an empty answer is a failed refresh too, retryable at the first step', async () => {
    const session = await createSession({ scenario: 'pass' });
    const element = await mount({ ...session, client_token: forged(session) });
    const errors = recordErrors(element);
    let asked = 0;
    element.getClientToken = async () => (++asked === 1 ? '' : freshToken(session.session_id));
    await untilError(element, 'token_refresh_failed');
    expect(errors.map(({ code, recoverable }) => ({ code, recoverable }))).to.deep.equal([{ code: 'token_refresh_failed', recoverable: true }]);
    expect(errors[0]!.message).to.match(/getClientToken\(\) gave no token/);
    errorButton(element).click();
    await waitForStep(element, 'intro');
    expect(asked).to.equal(2);
  });

  it('without getClientToken, a refused token stays a fatal error ("Start again")', async () => {
    const session = await createSession({ scenario: 'pass' });
    const element = await mount({ ...session, client_token: forged(session) });
    const errors = recordErrors(element);
    await untilError(element, 'unauthorized');
    expect(errors.map(({ code, recoverable }) => ({ code, recoverable }))).to.deep.equal([{ code: 'unauthorized', recoverable: false }]);
    expect(errorButton(element).textContent?.trim()).to.equal('Start again');
  });
});

/**
 * Records every PUT to a presigned URL (XHR is how the widget uploads) with its status. After the
 * first accepted PUT, calls `afterFirstSuccess` (before the flow goes on) and holds the next PUT
 * back for `delayAfterFirstSuccessMs`.
 */
function recordPuts(options: { afterFirstSuccess: () => void; delayAfterFirstSuccessMs: number }) {
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  const done: { url: string; status: number }[] = [];
  const urls = new WeakMap<XMLHttpRequest, string>();
  let succeeded = false;
  let delayNext = false;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
    if (method.toUpperCase() === 'PUT') urls.set(this, String(url));
    return (open as (...args: unknown[]) => void).call(this, method, url, ...rest);
  } as typeof XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    const url = urls.get(this);
    if (url === undefined) return send.call(this, body);
    // DONE comes before `load`, which the upload listens to: the hook runs before the flow goes on.
    this.addEventListener('readystatechange', () => {
      if (this.readyState !== XMLHttpRequest.DONE) return;
      done.push({ url, status: this.status });
      if (this.status === 200 && !succeeded) {
        succeeded = true;
        delayNext = true;
        options.afterFirstSuccess();
      }
    });
    if (delayNext) {
      delayNext = false;
      setTimeout(() => send.call(this, body), options.delayAfterFirstSuccessMs);
      return;
    }
    return send.call(this, body);
  };
  return {
    done,
    restore() {
      XMLHttpRequest.prototype.open = open;
      XMLHttpRequest.prototype.send = send;
    },
  };
}

/** The document's files as the sandbox holds them, read with the session's own (valid) token. */
async function documentFiles(session: DemoSession, documentId: string): Promise<{ status: string }[]> {
  const response = await fetch(`/beltic/identity/documents/idvs/${encodeURIComponent(documentId)}`, {
    headers: { Authorization: `Bearer ${session.client_token}` },
  });
  if (!response.ok) throw new Error(`document ${documentId}: ${response.status}`);
  return ((await response.json()) as { data: { attributes: { files: { status: string }[] } } }).data.attributes.files;
}
