/**
 * A token (or `session-id`) for another session restarts the widget on that session: the old
 * flow's work stops, its camera and workers close, its lock is released, what it stored is wiped,
 * and the new session opens as on a fresh mount. React StrictMode runs a fetch effect twice, so an
 * element often gets two tokens for two sessions in a row: it ends on the second one only.
 * In real Chromium, against the sandbox through the proxy.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import { keys } from 'idb-keyval';
import '../../src/define.js';
import type { BelticVerify } from '../../src/index.js';
import type { ErrorDetail, StepChangeDetail } from '../../src/events.js';
import { harness } from '../helpers/harness.js';
import {
  apiBase,
  captureAndAccept,
  chooseDocument,
  clearWidgetStorage,
  consent,
  createSession,
  currentStep,
  flowState,
  fixtureBlob,
  freshToken,
  mount,
  shadow,
  untilComplete,
  waitForStep,
  widgetDatabase,
  type DemoSession,
} from '../helpers/widget.js';
import { timeLimit } from '../helpers/engines.js';

interface Heard {
  ready: string[];
  steps: StepChangeDetail[];
  errors: ErrorDetail[];
}

function listen(element: BelticVerify): Heard {
  const heard: Heard = { ready: [], steps: [], errors: [] };
  element.addEventListener('beltic-verify-ready', (e) => heard.ready.push(e.detail.sessionId));
  element.addEventListener('beltic-verify-step-change', (e) => heard.steps.push(e.detail));
  element.addEventListener('beltic-verify-error', (e) => heard.errors.push(e.detail));
  return heard;
}

/** Every API call the page makes through the proxy from now on (fetch) and every upload (XHR PUT), with its bearer token. */
function recordCalls(): { calls: { url: string; token: string | null }[]; restore(): void } {
  const calls: { url: string; token: string | null }[] = [];
  const fetch = window.fetch;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    if (new URL(url, location.href).pathname.startsWith(apiBase())) calls.push({ url, token: headers.get('Authorization') });
    return fetch(input, init);
  };
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
    if (method.toUpperCase() === 'PUT') calls.push({ url: String(url), token: null });
    return (open as (...args: unknown[]) => void).call(this, method, url, ...rest);
  } as typeof XMLHttpRequest.prototype.open;
  return {
    calls,
    restore() {
      window.fetch = fetch;
      XMLHttpRequest.prototype.open = open;
    },
  };
}

/** The calls that belong to `session`: its id in the address, or its token. */
function callsFor(calls: { url: string; token: string | null }[], session: DemoSession): string[] {
  return calls.filter(({ url, token }) => url.includes(session.session_id) || token === `Bearer ${session.client_token}`).map(({ url }) => url);
}

/** The keys the widget's store holds for `session` (stored as `[space, key]`; every key of a session starts with its id). */
async function storedFor(session: DemoSession): Promise<string[]> {
  const names = (await keys(widgetDatabase())).map((key) => (Array.isArray(key) ? String(key[1]) : String(key)));
  return names.filter((name) => name.startsWith(`${session.session_id}:`));
}

/** Holds every photo upload (XHR PUT) back until `release()`: a flow stays in its upload. */
function holdUploads(): { held: number; release(): void } {
  const send = XMLHttpRequest.prototype.send;
  const state = {
    held: 0,
    release() {
      XMLHttpRequest.prototype.send = send;
    },
  };
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest) {
    state.held++;
  };
  return state;
}

async function passport(element: BelticVerify): Promise<void> {
  await consent(element);
  await chooseDocument(element, 'passport');
  await captureAndAccept(element, await fixtureBlob('passport.jpg'));
}

describe('<beltic-verify> given a token for another session', function () {
  this.timeout(timeLimit(60000));
  beforeEach(clearWidgetStorage);
  afterEach(() => document.querySelectorAll('beltic-verify').forEach((element) => element.remove()));

  it('on the document step of A, a token for B: the widget restarts on B and completes it; A is wiped and never called again', async () => {
    const a = await createSession({ scenario: 'pass' });
    const b = await createSession({ scenario: 'pass' });
    const element = await mount(a);
    const heard = listen(element);
    await consent(element);
    await waitUntil(async () => (await storedFor(a)).length > 0, "A's state is stored");
    await harness(element).flow.saved();

    // The test's clicks are synthetic: the signals count them as evidence of untrusted input.
    expect(harness(element).signals.snapshot()?.meta?.evidence, "A's evidence").to.include('untrusted_input');

    const recorder = recordCalls();
    try {
      const complete = untilComplete(element);
      const [readyBefore, stepsBefore] = [heard.ready.length, heard.steps.length];
      element.clientToken = b.client_token;
      await waitUntil(() => heard.ready.includes(b.session_id), 'ready again, on B');
      expect(heard.ready.slice(readyBefore)).to.deep.equal([b.session_id]);
      // From the start, as on a fresh mount: `starting` with no step before it.
      const afterSwitch = heard.steps.slice(stepsBefore);
      expect(afterSwitch[0]).to.deep.equal({ step: 'starting', side: null, previous: null });
      await harness(element).flow.left();
      expect(await storedFor(a), "A's storage").to.deep.equal([]);
      // The signals start afresh for B: what was counted on A is not B's.
      await waitForStep(element, 'intro');
      await waitUntil(() => harness(element).signals.snapshot() !== null, "B's signals started");
      expect(harness(element).signals.snapshot()?.meta?.evidence, "B's evidence before any input").to.not.include('untrusted_input');

      await passport(element);
      const { detail } = await complete;
      expect(detail).to.deep.equal({ sessionId: b.session_id, status: 'passed' });
      expect(heard.steps.slice(stepsBefore, stepsBefore + 3).map((step) => step.step)).to.deep.equal(['starting', 'intro', 'document']);
      expect(callsFor(recorder.calls, a), 'calls for A after the switch').to.deep.equal([]);
      expect(callsFor(recorder.calls, b).length, 'calls for B').to.be.greaterThan(3);
      expect(heard.errors).to.deep.equal([]);
      await waitUntil(async () => (await keys(widgetDatabase())).length === 0, 'nothing left in storage');
    } finally {
      recorder.restore();
    }
  });

  it('StrictMode-like: two tokens for two sessions in quick succession, the second before the first opened: only the second runs, to its end', async () => {
    const a = await createSession({ scenario: 'pass' });
    const b = await createSession({ scenario: 'pass' });
    const recorder = recordCalls();
    try {
      const element = await fixture<BelticVerify>(html`<beltic-verify api-base=${apiBase()} document-types="passport"></beltic-verify>`);
      const heard = listen(element);
      const complete = untilComplete(element);
      // The first effect's fetch answers: the element starts opening A…
      element.clientToken = a.client_token;
      await element.updateComplete;
      expect(currentStep(element), 'A is not open yet').to.equal(null);
      // …and the second effect's answers before A opened.
      element.clientToken = b.client_token;

      await waitForStep(element, 'intro');
      expect(heard.ready).to.deep.equal([b.session_id]);
      expect(harness(element).flow.sessionId).to.equal(b.session_id);
      await passport(element);
      expect((await complete).detail).to.deep.equal({ sessionId: b.session_id, status: 'passed' });
      expect(heard.steps[0]).to.deep.equal({ step: 'starting', side: null, previous: null });
      expect(heard.steps.filter((step) => step.step === 'starting').length, 'one start').to.equal(1);
      expect(callsFor(recorder.calls, a), 'calls for A').to.deep.equal([]);
      expect(await storedFor(a)).to.deep.equal([]);
      expect(heard.errors).to.deep.equal([]);
    } finally {
      recorder.restore();
    }
  });

  it('StrictMode-like, later: a token for B as soon as A is ready: A stops, B runs to its end', async () => {
    const a = await createSession({ scenario: 'pass' });
    const b = await createSession({ scenario: 'pass' });
    const element = await fixture<BelticVerify>(html`<beltic-verify api-base=${apiBase()} document-types="passport"></beltic-verify>`);
    const heard = listen(element);
    const complete = untilComplete(element);
    element.clientToken = a.client_token;
    await waitUntil(() => heard.ready.length === 1, 'A ready');
    const recorder = recordCalls();
    try {
      element.clientToken = b.client_token;
      await waitForStep(element, 'intro');
      await waitUntil(() => heard.ready.length === 2, 'B ready');
      expect(heard.ready).to.deep.equal([a.session_id, b.session_id]);
      await passport(element);
      expect((await complete).detail.sessionId).to.equal(b.session_id);
      expect(callsFor(recorder.calls, a), 'calls for A after the switch').to.deep.equal([]);
      expect(await storedFor(a)).to.deep.equal([]);
      expect(heard.errors).to.deep.equal([]);
    } finally {
      recorder.restore();
    }
  });

  it('on a capture step, the camera closes and the workers end with the session; the new one starts at its beginning', async () => {
    const a = await createSession({ scenario: 'pass' });
    const b = await createSession({ scenario: 'pass' });
    const element = await mount(a);
    await consent(element);
    await chooseDocument(element, 'drivers_license');
    const parts = harness(element);
    await waitUntil(() => parts.camera.camera.status.state === 'live', 'the camera is live', { timeout: 10000 });
    await parts.flow.saved();
    expect((await storedFor(a)).length, "A's state is stored").to.be.greaterThan(0);
    expect(parts.camera.workers.analysis).to.not.equal(null);

    element.clientToken = b.client_token;
    await waitForStep(element, 'intro');
    expect(parts.camera.camera.status.state).to.not.equal('live');
    expect(parts.camera.workers).to.deep.equal({ analysis: null, barcode: null });
    expect(element.shadowRoot!.querySelector('video')).to.equal(null);
    await parts.flow.left();
    expect(await storedFor(a)).to.deep.equal([]);
  });

  it('mid-upload of A (its photo held on the wire), a token for B: the upload is dropped, the photo wiped, and B completes', async () => {
    const a = await createSession({ scenario: 'pass' });
    const b = await createSession({ scenario: 'pass' });
    const element = await mount(a);
    const heard = listen(element);
    await consent(element);
    await chooseDocument(element, 'passport');
    const hold = holdUploads();
    try {
      await captureAndAccept(element, await fixtureBlob('passport.jpg'));
      await waitUntil(() => hold.held === 1, "A's photo is on its way");
      expect(currentStep(element)).to.equal('uploading');
      await harness(element).flow.saved();
      expect(
        (await storedFor(a)).some((key) => key.includes(':blob:')),
        "A's photo is stored",
      ).to.equal(true);
    } finally {
      hold.release();
    }
    const recorder = recordCalls();
    try {
      const complete = untilComplete(element);
      element.clientToken = b.client_token;
      await waitForStep(element, 'intro');
      await harness(element).flow.left();
      expect(await storedFor(a), "A's state and photo").to.deep.equal([]);
      await passport(element);
      expect((await complete).detail).to.deep.equal({ sessionId: b.session_id, status: 'passed' });
      expect(callsFor(recorder.calls, a)).to.deep.equal([]);
      expect(heard.errors).to.deep.equal([]);
    } finally {
      recorder.restore();
    }
  });

  it('a session-id that the token contradicts is a session_mismatch: the old session is let go of, and neither runs until they agree', async () => {
    const a = await createSession({ scenario: 'pass' });
    const b = await createSession({ scenario: 'pass' });
    const element = await mount(a);
    const heard = listen(element);
    await waitForStep(element, 'intro');
    await harness(element).flow.saved();
    expect((await storedFor(a)).length, "A's state is stored").to.be.greaterThan(0);
    const readyBefore = heard.ready.length;

    const recorder = recordCalls();
    try {
      // session-id says B, the token still says A: a page half-way through its own change, or a mistake.
      element.sessionId = b.session_id;
      await waitUntil(() => heard.errors.length > 0, 'an error');
      expect(heard.errors.map(({ code, recoverable }) => ({ code, recoverable }))).to.deep.equal([{ code: 'session_mismatch', recoverable: false }]);
      expect(heard.errors[0]!.message).to.include(a.session_id).and.include(b.session_id);
      await element.updateComplete;
      expect(shadow(element, '.notice[role=alert]').textContent).to.match(/do not match/);
      expect(harness(element).flow.state).to.equal(null);
      await harness(element).flow.left();
      expect(await storedFor(a)).to.deep.equal([]);

      // The page's token for B arrives: they agree, B starts.
      element.clientToken = b.client_token;
      await waitForStep(element, 'intro');
      expect(heard.ready.slice(readyBefore)).to.deep.equal([b.session_id]);
      expect(callsFor(recorder.calls, a)).to.deep.equal([]);
      expect(heard.errors.length).to.equal(1);
    } finally {
      recorder.restore();
    }
  });

  it('getClientToken answering with a token for another session: refused (session_mismatch), the flow stays on its session, and "Try again" with a right token goes on', async () => {
    const a = await createSession({ scenario: 'pass' });
    const b = await createSession({ scenario: 'pass' });
    // A token of A the proxy refuses (as an expired one would be): the widget asks getClientToken.
    const element = await mount({ ...a, client_token: `${a.client_token.slice(0, -4)}AAAA` });
    const heard = listen(element);
    let asked = 0;
    element.getClientToken = async () => (++asked === 1 ? b.client_token : freshToken(a.session_id));
    await waitUntil(() => flowState(element)?.error?.code === 'token_refresh_failed', 'the refresh failed', { timeout: 15000 });
    expect(heard.errors.map(({ code }) => code)).to.deep.equal(['session_mismatch', 'token_refresh_failed']);
    expect(heard.errors[0]!.message).to.include(b.session_id);
    expect(harness(element).flow.sessionId).to.equal(a.session_id);
    await element.updateComplete;
    shadow<HTMLButtonElement>(element, '.notice[role=alert] button').click();
    await waitForStep(element, 'intro');
    expect(heard.ready).to.deep.equal([a.session_id]);
    expect(asked).to.equal(2);
  });
});
