// The whole applicant flow in real Chromium, against the real sandbox through the real proxy.
import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define.js';
import type { BelticVerify } from '../../src/index.js';
import {
  captureAndAccept,
  chooseDocument,
  clearWidgetStorage,
  chooseFile,
  consent,
  apiBase,
  createSession,
  currentStep,
  expireSession,
  fixtureBlob,
  freshToken,
  mount,
  sandboxSession,
  shadow,
  SANDBOX_PROFILES,
  untilComplete,
  useSandboxProfile,
  waitForStep,
  widgetStorage,
} from '../helpers/widget.js';
import { harness } from '../helpers/harness.js';
import { recordFetches } from '../helpers/resources.js';
import { timeLimit } from '../helpers/engines.js';

/** Records every PUT to a presigned URL the page makes (XHR is how the widget uploads). */
function recordPuts(): { urls: string[]; restore(): void; holdFrom(n: number): void } {
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  const urls: string[] = [];
  let holdFrom = Infinity;
  const calls = new WeakMap<XMLHttpRequest, string>();
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
    if (method.toUpperCase() === 'PUT') calls.set(this, String(url));
    return (open as (...args: unknown[]) => void).call(this, method, url, ...rest);
  } as typeof XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    const url = calls.get(this);
    if (url !== undefined) {
      // A held PUT never leaves the page: it stands for a tab closed mid-upload.
      if (urls.length + 1 >= holdFrom) return;
      urls.push(url);
    }
    return send.call(this, body);
  };
  return {
    urls,
    restore() {
      XMLHttpRequest.prototype.open = open;
      XMLHttpRequest.prototype.send = send;
    },
    holdFrom(n: number) {
      holdFrom = n;
    },
  };
}

async function runPassport(element: BelticVerify): Promise<void> {
  await consent(element);
  await chooseDocument(element, 'passport');
  await captureAndAccept(element, await fixtureBlob('passport.jpg'));
}

async function runLicence(element: BelticVerify): Promise<void> {
  await consent(element);
  await chooseDocument(element, 'drivers_license');
  await captureAndAccept(element, await fixtureBlob('licence-front.jpg'));
  await waitForStep(element, 'capture');
  await captureAndAccept(element, await fixtureBlob('licence-back.png'));
}

// Against both sandboxes: the default one (with our extensions) and the one that answers only what
// Beltic's pages document, where the widget must reach the same results without any extension.
for (const profile of SANDBOX_PROFILES)
  describe(`<beltic-verify> end to end (${profile} profile)`, function () {
    this.timeout(timeLimit(60000));

    before(() => useSandboxProfile(profile));
    after(() => useSandboxProfile('default'));
    beforeEach(clearWidgetStorage);

    afterEach(async () => {
      await executeServerCommand('block-urls', { patterns: [] });
    });

    it('verifies a passport: mount to beltic-verify-complete, and leaves no browser storage behind', async () => {
      // The runner loads test files one after another into the same tab, whose sessionStorage lasts:
      // only what this flow leaves counts.
      localStorage.clear();
      sessionStorage.clear();
      const session = await createSession({ scenario: 'pass' });
      const element = await mount(session);
      const steps: string[] = [];
      element.addEventListener('beltic-verify-step-change', (e) => steps.push(e.detail.step));
      const progress: number[] = [];
      element.addEventListener('beltic-verify-upload-progress', (e) => progress.push(e.detail.percent));
      const complete = untilComplete(element);

      await consent(element);
      await chooseDocument(element, 'passport', 'FR');
      await captureAndAccept(element, await fixtureBlob('passport.jpg'));
      const { detail } = await complete;

      expect(detail).to.deep.equal({ sessionId: session.session_id, status: 'passed' });
      expect(steps).to.include.members(['intro', 'document', 'capture', 'review', 'uploading', 'verifying', 'result']);
      expect(progress.at(-1)).to.equal(100);
      const held = await sandboxSession(session.session_id);
      expect(held.data.attributes.status).to.equal('completed');
      await waitUntil(async () => (await widgetStorage(session.session_id)).keys === 0, 'nothing of the flow is left in the widget store');
      expect(Object.entries(localStorage)).to.deep.equal([]);
      expect(Object.entries(sessionStorage)).to.deep.equal([]);
    });

    if (profile === 'docs') {
      it('needs no extension: each ext call it tries answers 404 once, and the outcome comes from documented reads', async () => {
        const session = await createSession({ scenario: 'pass' });
        const recorder = recordFetches();
        try {
          const element = await mount(session);
          const complete = untilComplete(element);
          await runLicence(element);
          expect((await complete).detail.status).to.equal('passed');
        } finally {
          recorder.stop();
        }
        const calls = recorder.calls.filter((call) => call.url.startsWith(apiBase())).map((call) => ({ ...call, path: call.url.slice(apiBase().length) }));
        const answered = (pattern: RegExp) => calls.filter((call) => pattern.test(call.path)).map((call) => call.status);
        expect(answered(/\/start$/), 'POST /sessions/{id}/start').to.deep.equal([404]);
        expect(answered(/^\/identity\/session-devices/), 'POST /session-devices').to.deep.equal([404]);
        expect(answered(/\/submit$/), 'POST /documents/idvs/{id}/submit').to.deep.equal([404]);
        expect(answered(/^\/identity\/verifications\/[^/?]+$/), 'GET /verifications/{id}, tried once').to.deep.equal([404]);
        expect(
          answered(/^\/identity\/verifications\?session_id=/).every((status) => status === 200),
          'the documented list',
        ).to.equal(true);
        expect(answered(/^\/identity\/verifications\?session_id=/).length).to.be.greaterThan(0);
      });
    }

    it('verifies a two-sided licence and the sandbox reads its barcode', async () => {
      const session = await createSession({ scenario: 'pass' });
      const element = await mount(session);
      const complete = untilComplete(element);
      await runLicence(element);
      expect((await complete).detail.status).to.equal('passed');
      const held = await sandboxSession(session.session_id);
      const person = held.data.attributes.person as { name?: { last?: string } } | null;
      expect(person?.name?.last, 'auto_update_session wrote the extracted name').to.be.a('string').and.not.empty;
      expect((await widgetStorage()).keys).to.equal(0);
    });

    it('requires_retry sends the applicant back to capture with the reasons, then passes', async () => {
      const session = await createSession({ scenario: 'requires_retry' });
      const element = await mount(session);
      const complete = untilComplete(element);
      await runPassport(element);
      await waitUntil(() => currentStep(element) === 'capture', 'back at capture after requires_retry', { timeout: 20000 });
      await element.updateComplete;
      expect(shadow(element, '.notice').textContent).to.not.be.empty;
      await captureAndAccept(element, await fixtureBlob('passport.jpg'));
      expect((await complete).detail.status).to.equal('passed');
    });

    it('a failed verification ends with the failed result', async () => {
      const session = await createSession({ scenario: 'failed' });
      const element = await mount(session);
      const complete = untilComplete(element);
      await runPassport(element);
      expect((await complete).detail.status).to.equal('failed');
      expect(shadow(element, 'h2').textContent).to.match(/could not verify/i);
    });

    it('a session sent to review ends with the review result', async () => {
      const session = await createSession({ scenario: 'marked_for_review' });
      const element = await mount(session);
      const complete = untilComplete(element);
      await runPassport(element);
      expect((await complete).detail.status).to.equal('review');
    });

    it('an expired session shows the expired result instead of the flow', async () => {
      const session = await createSession({ scenario: 'pass' });
      await expireSession(session.session_id);
      const element = await mount(session);
      const { detail } = await untilComplete(element);
      expect(detail.status).to.equal('expired');
      expect((await widgetStorage()).keys).to.equal(0);
    });

    it('a session that expires mid-flow ends as expired, not as an error', async () => {
      const session = await createSession({ scenario: 'pass' });
      const element = await mount(session);
      await consent(element);
      await chooseDocument(element, 'passport');
      const photo = await fixtureBlob('passport.jpg');
      await expireSession(session.session_id);
      const complete = untilComplete(element);
      // Noticed as the next step (the review) is shown, before anything is uploaded (ui: screens.browser.test.ts);
      // or already by the capture step's own question, when a loaded engine answered it after the expiry.
      if (currentStep(element) === 'capture') await chooseFile(element, photo);
      expect((await complete).detail.status).to.equal('expired');
    });

    it('an invalid or expired token is replaced through getClientToken', async () => {
      const session = await createSession({ scenario: 'pass' });
      const element = await mount({ ...session, client_token: `${session.client_token.slice(0, -4)}AAAA` });
      let asked = 0;
      element.getClientToken = async () => {
        asked += 1;
        return freshToken(session.session_id);
      };
      // The forged token was set before the callback: the first call fails, the refresh saves it.
      await consent(element);
      expect(asked).to.equal(1);
    });

    // What the widget does on its own side (a refused key or file, the stored flow, the network, cancel) runs once,
    // against the sandbox that answers as Beltic's pages say: the default profile's extensions change none of it.
    if (profile === 'docs') {
      it('refuses a secret API key: error event, nothing sent', async () => {
        const before = performance.getEntriesByType('resource').length;
        const element = document.createElement('beltic-verify') as BelticVerify;
        element.setAttribute('api-base', apiBase());
        document.body.append(element);
        const error = oneEvent(element, 'beltic-verify-error');
        element.clientToken = 'sk_staging_0123456789abcdef';
        const { detail } = await error;
        expect(detail.code).to.equal('secret_key');
        expect(detail.recoverable).to.equal(false);
        expect(detail.message).to.not.include('sk_staging_0123456789abcdef');
        await element.updateComplete;
        const calls = performance
          .getEntriesByType('resource')
          .slice(before)
          .filter((e) => e.name.includes(apiBase()));
        expect(calls).to.have.length(0);
        expect(element.outerHTML).to.not.include('sk_');
        element.remove();
      });

      it('reads a client-token attribute once and removes it from the DOM', async () => {
        const session = await createSession({ scenario: 'pass' });
        const element = document.createElement('beltic-verify') as BelticVerify;
        element.setAttribute('api-base', apiBase());
        element.setAttribute('client-token', session.client_token);
        document.body.append(element);
        expect(element.hasAttribute('client-token')).to.equal(false);
        await waitForStep(element, 'intro');
        element.remove();
      });

      it('refuses a file that is not an image, with a message, and stays on capture', async () => {
        const session = await createSession({ scenario: 'pass' });
        const element = await mount(session);
        await consent(element);
        await chooseDocument(element, 'passport');
        const error = oneEvent(element, 'beltic-verify-error');
        await chooseFile(element, await fixtureBlob('fake.jpg'), 'fake.jpg');
        expect((await error).detail.code).to.equal('unsupported_type');
        await element.updateComplete;
        expect(currentStep(element)).to.equal('capture');
        expect(shadow(element, '.notice').textContent).to.match(/JPEG, PNG or WebP/);
      });

      it('malformed API answers end in an error event, not a crash', async () => {
        const session = await createSession({ scenario: 'pass' });
        for (const kind of ['not-json', 'wrong-shape', 'unknown-status']) {
          const element = document.createElement('beltic-verify') as BelticVerify;
          element.setAttribute('api-base', `/broken-api/${kind}`);
          element.clientToken = session.client_token;
          const error = oneEvent(element, 'beltic-verify-error');
          document.body.append(element);
          const { detail } = await error;
          expect(detail.code, kind).to.equal('malformed_response');
          expect(detail.recoverable).to.equal(true);
          await element.updateComplete;
          expect(shadow(element, '[role=alert]').textContent).to.match(/unexpected answer/);
          element.remove();
        }
      });

      it('resumes after a reload mid-upload without sending finished files again', async () => {
        const session = await createSession({ scenario: 'pass' });
        const puts = recordPuts();
        try {
          puts.holdFrom(2); // the back's PUT never leaves: the tab "closes" with the front uploaded
          const first = await mount(session);
          await runLicence(first);
          await waitUntil(() => puts.urls.length === 1, 'front uploaded');
          await waitUntil(async () => {
            const state = harness(first).flow.state!;
            return state.document?.files.front?.uploaded === true;
          });
          first.remove();
          await new Promise((resolve) => setTimeout(resolve, 50));

          puts.holdFrom(Infinity);
          const second = await mount(session);
          const complete = untilComplete(second);
          expect((await complete).detail.status).to.equal('passed');
          expect(puts.urls, 'the front went once, the back once').to.have.length(2);
        } finally {
          puts.restore();
        }
      });

      it('resumes at every step after a reload', async () => {
        const session = await createSession({ scenario: 'pass' });
        let element = await mount(session);
        const reload = async () => {
          // A reload within milliseconds of a step change may land before that step is written
          // (the write is asynchronous); this test is about resuming what was saved.
          await harness(element).flow.saved();
          element.remove();
          element = await mount(session);
        };
        await waitForStep(element, 'intro');
        await reload();
        await consent(element);
        await reload();
        await waitForStep(element, 'document');
        await chooseDocument(element, 'drivers_license');
        await reload();
        await waitForStep(element, 'capture');
        await chooseFile(element, await fixtureBlob('licence-front.jpg'));
        await waitForStep(element, 'review');
        await reload();
        await waitForStep(element, 'review');
        await waitUntil(() => element.shadowRoot!.querySelector('img.preview'), 'the kept image is shown again');
        shadow<HTMLButtonElement>(element, '.actions button:not(.secondary)').click();
        await waitForStep(element, 'capture');
        await reload();
        await waitForStep(element, 'capture');
        const complete = untilComplete(element);
        await captureAndAccept(element, await fixtureBlob('licence-back.png'));
        expect((await complete).detail.status).to.equal('passed');
      });

      it('recovers when the connection to storage drops mid-upload', async () => {
        const session = await createSession({ scenario: 'pass' });
        const element = await mount(session);
        await consent(element);
        await chooseDocument(element, 'passport');
        const complete = untilComplete(element);
        const errors: string[] = [];
        element.addEventListener('beltic-verify-error', (e) => errors.push(e.detail.code));
        await executeServerCommand('block-urls', { patterns: ['*/sandbox/uploads/*'] });
        await captureAndAccept(element, await fixtureBlob('passport.jpg'));
        await waitForStep(element, 'uploading');
        await new Promise((resolve) => setTimeout(resolve, 1200)); // at least one attempt fails at the network layer
        await executeServerCommand('block-urls', { patterns: [] });
        expect((await complete).detail.status).to.equal('passed');
        expect(errors, 'recovered by retrying, without bothering the applicant').to.deep.equal([]);
      });

      it('an upload URL that expired while the network was down is replaced and the upload completes', async () => {
        const session = await createSession({ sandbox: { scenario: 'expiring_urls', upload_url_ttl_seconds: 1 } });
        const element = await mount(session);
        await consent(element);
        await chooseDocument(element, 'passport');
        const complete = untilComplete(element);
        await executeServerCommand('block-urls', { patterns: ['*/sandbox/uploads/*'] });
        await captureAndAccept(element, await fixtureBlob('passport.jpg'));
        await waitForStep(element, 'uploading');
        await new Promise((resolve) => setTimeout(resolve, 1500)); // outlive the URL's 1 s lifetime
        await executeServerCommand('block-urls', { patterns: [] });
        expect((await complete).detail.status).to.equal('passed');
      });

      it('retries through transient 503/429 answers (flaky scenario)', async () => {
        const session = await createSession({
          sandbox: {
            scenario: 'flaky',
            fail: [
              { call: 'upload', status: 503, times: 1 },
              { call: 'create_document', status: 429, retry_after: 1, times: 1 },
              { call: 'get_verification', status: 503, times: 1 },
            ],
          },
        });
        const element = await mount(session);
        const complete = untilComplete(element);
        await runPassport(element);
        expect((await complete).detail.status).to.equal('passed');
      });

      it('cancel is cancelable by the host, and otherwise wipes what was stored', async () => {
        const session = await createSession({ scenario: 'pass' });
        const element = await mount(session);
        await consent(element);
        await chooseDocument(element, 'passport');
        await chooseFile(element, await fixtureBlob('passport.jpg'));
        await waitForStep(element, 'review');
        expect((await widgetStorage()).keys).to.be.greaterThan(0);

        const keep = (e: Event) => e.preventDefault();
        element.addEventListener('beltic-verify-cancel', keep, { once: true });
        expect(await element.cancel()).to.equal(false);
        expect(currentStep(element)).to.equal('review');

        expect(await element.cancel()).to.equal(true);
        expect(currentStep(element)).to.equal('result');
        expect((await widgetStorage()).keys).to.equal(0);
      });
    }
  });
