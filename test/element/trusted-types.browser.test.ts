// The widget under Trusted Types, from its sources: each case a fresh page (an iframe) whose CSP,
// in a <meta> ahead of every script, requires Trusted Types for scripts and lists the policies
// the page allows. (The built files under the same policy: test/built/builds.browser.test.ts.)
import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import type { BelticVerify } from '../../src/index.js';
import type { ErrorDetail } from '../../src/events.js';
import { harness } from '../helpers/harness.js';
import { fetchedOk } from '../helpers/resources.js';
import { createSession, shadow } from '../helpers/widget.js';
import { licenceBackByCamera } from '../capture/camera-helpers.js';
import { timeLimit } from '../helpers/engines.js';

const REQUIRE = "require-trusted-types-for 'script'";
const ALLOWED = `${REQUIRE}; trusted-types lit-html beltic-verify`;
/** Where the page's `beltic-verify` policy is kept (src/workers/trusted-worker.ts). */
const POLICY = Symbol.for('beltic-verify.worker-policy');

interface TrustedPage {
  frame: HTMLIFrameElement;
  win: Window & typeof globalThis;
  element: BelticVerify;
  /** `violatedDirective sample`, for every CSP violation the page reported, from before the first script. */
  violations: string[];
  /** Every `beltic-verify-error` the page heard, from before the first script. */
  errors: ErrorDetail[];
}

/**
 * A page under `csp` that records violations and the widget's errors from its first script on,
 * then loads the widget's sources (`/src/define.ts`, through the test server) and holds one
 * <beltic-verify>. `moduleScript`, if given, runs after the widget's module (a second copy, a probe).
 */
async function pageUnder(csp: string, clientToken: string, moduleScript = ''): Promise<TrustedPage> {
  const frame = document.createElement('iframe');
  frame.style.width = '800px';
  frame.style.height = '900px';
  frame.srcdoc = `<!doctype html><html lang="en"><head>
    <meta http-equiv="Content-Security-Policy" content="${csp}">
    <script>
      window.violations = [];
      window.widgetErrors = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective + ' ' + e.sample));
      document.addEventListener('beltic-verify-error', (e) => widgetErrors.push(e.detail));
    </script>
    <script type="module" src="/src/define.ts"></script>
    ${moduleScript ? `<script type="module">${moduleScript}</script>` : ''}
    </head><body><beltic-verify api-base="/beltic" client-token="${clientToken}"></beltic-verify></body></html>`;
  const loaded = oneEvent(frame, 'load');
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as Window & typeof globalThis & { violations: string[]; widgetErrors: ErrorDetail[] };
  const element = win.document.querySelector('beltic-verify') as BelticVerify;
  return { frame, win, element, violations: win.violations, errors: win.widgetErrors };
}

/**
 * A US licence with its back from the camera (camera-helpers.ts), taken by itself (`automatically`:
 * the barcode reads live) or by the shutter, then sent. Resolves with the complete event's status
 * and what the review said was read from the back ('' when nothing was).
 */
async function licenceWithCameraBack(page: TrustedPage, automatically: boolean): Promise<{ status: string; reading: string }> {
  const { element, win } = page;
  const complete = oneEvent(element, 'beltic-verify-complete');
  const reading = await licenceBackByCamera(element, win, { shutter: !automatically });
  shadow<HTMLButtonElement>(element, '.actions button:not(.secondary)').click();
  const status = ((await complete) as CustomEvent<{ status: string }>).detail.status;
  return { status, reading };
}

describe('Trusted Types', function () {
  this.timeout(timeLimit(60000));

  it(`under "${ALLOWED}": a licence flow with every worker started, the back's barcode read live in its worker, and no violation`, async () => {
    const session = await createSession({ scenario: 'pass' });
    const page = await pageUnder(ALLOWED, session.client_token);
    await waitUntil(() => page.element.shadowRoot, 'the widget rendered', { timeout: 10000 });
    expect(POLICY in page.win, 'no policy of its own before a worker is needed').to.equal(false);
    const inWorkers: Record<string, boolean | null> = {};
    // The camera's workers end with capture: noted while the review is shown.
    page.element.addEventListener('beltic-verify-step-change', (event) => {
      if ((event as CustomEvent<{ step: string }>).detail.step !== 'review') return;
      const { analysis, barcode } = harness(page.element).camera.workers;
      if (analysis) inWorkers.analysis = analysis.inWorker;
      if (barcode) inWorkers.barcode = barcode.started;
    });

    const { status, reading } = await licenceWithCameraBack(page, true);
    expect(status).to.equal('passed');
    expect(reading, 'the barcode was read').to.include('JANE SPECIMEN');
    expect(inWorkers).to.deep.equal({ analysis: true, barcode: true });
    // The image workers (one per photo) start from the analysis worker's file; one refused would be an error, and there is none.
    expect(await fetchedOk(page.win, /\/src\/picture\.worker\.ts$/), 'the picture worker').to.have.length.greaterThan(0);
    expect(page.violations).to.deep.equal([]);
    expect(page.errors).to.deep.equal([]);
    page.frame.remove();
  });

  it(`under "${REQUIRE}; trusted-types 'none'": one trusted_types_blocked error naming the entries needed, and nothing rendered`, async () => {
    const session = await createSession({ scenario: 'pass' });
    const page = await pageUnder(`${REQUIRE}; trusted-types 'none'`, session.client_token);
    await waitUntil(() => page.errors.length > 0, 'an error event', { timeout: 10000 });
    // Time for anything else to happen.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(page.errors).to.have.length(1);
    const [error] = page.errors;
    expect(error!.code).to.equal('trusted_types_blocked');
    expect(error!.recoverable).to.equal(false);
    expect(error!.message).to.include('trusted-types lit-html beltic-verify');
    expect(page.element.shadowRoot, 'nothing rendered').to.equal(null);
    expect(page.element.childNodes.length).to.equal(0);
    expect(page.violations).to.deep.equal(['trusted-types lit-html']);
    page.frame.remove();
  });

  it(`under "${REQUIRE}; trusted-types lit-html": the flow completes on the main-thread fallbacks, and workers_blocked is fired once`, async () => {
    const session = await createSession({ scenario: 'pass' });
    const page = await pageUnder(`${REQUIRE}; trusted-types lit-html`, session.client_token);
    await waitUntil(() => page.element.shadowRoot, 'the widget rendered', { timeout: 10000 });
    let inWorkers: Record<string, boolean | null> = {};
    page.element.addEventListener('beltic-verify-step-change', (event) => {
      if ((event as CustomEvent<{ step: string }>).detail.step !== 'review') return;
      const { analysis } = harness(page.element).camera.workers;
      if (analysis) inWorkers = { analysis: analysis.inWorker };
    });

    const { status, reading } = await licenceWithCameraBack(page, false);
    expect(status).to.equal('passed');
    expect(reading, 'no barcode read live').to.equal('');
    expect(inWorkers, 'frames measured on the main thread').to.deep.equal({ analysis: false });
    expect(await fetchedOk(page.win, /\.worker\.ts$/), 'no worker started').to.deep.equal([]);
    expect(page.errors.map(({ code, recoverable }) => ({ code, recoverable }))).to.deep.equal([{ code: 'workers_blocked', recoverable: true }]);
    expect(page.errors[0]!.message).to.include('barcode cannot be read live').and.to.include('trusted-types lit-html beltic-verify');
    // The policy refused, then the one worker tried with a plain URL: nothing is tried again.
    expect(page.violations.map((v) => v.split('|')[0])).to.deep.equal(['trusted-types beltic-verify', 'require-trusted-types-for Worker constructor']);
    page.frame.remove();
  });

  it('a second copy of the widget uses the page\u2019s beltic-verify policy instead of creating a duplicate, and the policy accepts nothing but a worker being started', async () => {
    const session = await createSession({ scenario: 'pass' });
    // Two instances of the worker module (the second by another URL), as two copies of the widget have.
    const probe = `
      const url = new URL('/src/picture.worker.ts', document.baseURI);
      const started = (Worker) => new Promise((resolve) => {
        const worker = new Worker(url, { type: 'module' });
        worker.addEventListener('message', (e) => { resolve(e.data.type); worker.terminate(); }, { once: true });
        worker.addEventListener('error', () => resolve('error'), { once: true });
      });
      try {
      // Absolute URLs: WebKit resolves an inline module's specifiers against about:srcdoc, not the page's base.
      const first = await import(new URL('/src/workers/trusted-worker.ts', document.baseURI).href);
      const second = await import(new URL('/src/workers/trusted-worker.ts?copy=2', document.baseURI).href);
      const result = { distinct: first.TrustedWorker !== second.TrustedWorker };
      result.first = await started(first.TrustedWorker);
      result.second = await started(second.TrustedWorker);
      const { policy } = window[Symbol.for('beltic-verify.worker-policy')];
      result.refused = [url.href, 'data:text/javascript,1', 'https://example.com/x.worker.js', 'javascript:1'].map((input) => {
        try { policy.createScriptURL(input); return 'accepted ' + input; } catch (e) { return e.name; }
      });
      window.probe = result;
      } catch (error) { window.probe = { failed: String(error) }; }`;
    const page = await pageUnder(ALLOWED, session.client_token, probe);
    const win = page.win as typeof page.win & { probe?: Record<string, unknown> };
    await waitUntil(() => win.probe, 'the probe ran', { timeout: 10000 });
    expect(win.probe).to.deep.equal({ distinct: true, first: 'ready', second: 'ready', refused: ['TypeError', 'TypeError', 'TypeError', 'TypeError'] });
    // A duplicate createPolicy under this CSP would have been a violation.
    expect(page.violations).to.deep.equal([]);
    page.frame.remove();
  });
});
