// Delivery of the signals through the real proxy into the sandbox: the device record at session
// start, the behaviour block at submit and at the end, the server's recompute, no-signals, an API
// without the ext endpoints, a replayed token, and payloads free of personal data.
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import { executeServerCommand, sendMouse } from '@web/test-runner-commands';
import '../../src/define.js';
import type { BelticVerify } from '../../src/index.js';
import { BEHAVIOR_FIELDS } from '../../src/api/contract.js';
import { engine, type Engine, timeLimit } from '../helpers/engines.js';
import type { ReactiveController } from 'lit';
import { BelticClient } from '../../src/api/client.js';
import type { FlowNotice } from '../../src/flow/flow-controller.js';
import { SignalsController } from '../../src/signals/signals-controller.js';
import { createWidgetStorage } from '../../src/storage/widget-storage.js';
import {
  apiBase,
  captureAndAccept,
  chooseDocument,
  clearWidgetStorage,
  consent,
  createSession,
  fixtureBlob,
  holdWidgetStore,
  mount,
  untilComplete,
  waitForStep,
  type DemoSession,
} from '../helpers/widget.js';
import {
  cameraTrack,
  hidePage,
  injectFields,
  keys,
  recordRequests,
  signalsOf,
  snapshot,
  storedBehavior,
  storedDevices,
  storedSession,
  typed,
} from './helpers.js';

/** The signals controller alone, on a bare host: a shadow root to collect from, and the flow's notices sent by hand. */
function bareSignals(): { notify(notice: FlowNotice): void; end(): void } {
  const holder = document.body.appendChild(document.createElement('div'));
  const controllers: ReactiveController[] = [];
  const host = {
    noSignals: false,
    renderRoot: holder.attachShadow({ mode: 'open' }),
    updateComplete: Promise.resolve(true),
    addController: (controller: ReactiveController) => void controllers.push(controller),
    removeController: () => undefined,
    requestUpdate: () => undefined,
  };
  const listeners: ((notice: FlowNotice) => void)[] = [];
  new SignalsController(host, { flow: { listen: (listener) => listeners.push(listener) } });
  for (const controller of controllers) controller.hostConnected?.();
  return {
    notify: (notice) => listeners.forEach((listener) => listener(notice)),
    end: () => {
      for (const controller of controllers) controller.hostDisconnected?.();
      holder.remove();
    },
  };
}

const isDeviceReport = (r: { method: string; path: string }) => r.method === 'POST' && r.path.endsWith('/identity/session-devices');
const isBehaviorUpdate = (r: { method: string; path: string; body: string }) => r.method === 'PATCH' && r.body.includes('behavior_analysis');

async function runPassport(element: BelticVerify): Promise<void> {
  const complete = untilComplete(element);
  await consent(element);
  await chooseDocument(element, 'passport');
  await captureAndAccept(element, await fixtureBlob('passport.jpg'));
  await complete;
}

describe('signals delivery', function () {
  this.timeout(timeLimit(60000));

  let recorded: ReturnType<typeof recordRequests>;
  beforeEach(async () => {
    await clearWidgetStorage();
    recorded = recordRequests();
  });
  afterEach(() => recorded.restore());

  it('a whole flow: one device record at the start, the block at submit and at the end, rescored by the server', async () => {
    const session = await createSession({ scenario: 'pass' });
    const element = await mount(session);
    await runPassport(element);

    const stored = await storedBehavior(session.session_id, (b) => b.completion_time_seconds !== null);
    const behavior = stored.data.attributes.behavior_analysis!;
    expect(Object.keys(behavior).sort()).to.deep.equal([...BEHAVIOR_FIELDS].sort());
    expect(behavior.completion_time_seconds).to.be.a('number').and.at.least(0);
    // Under the test runner: webdriver, script-made clicks, and in headless Chromium a headless User-Agent
    // (headless Firefox sends a desktop Firefox's; WebKit runs in a real window under Xvfb).
    expect(behavior.bot_score).to.equal(100);
    expect(behavior.threat_level).to.equal('high');
    expect(behavior.request_spoof_attempts).to.equal(0);
    const evidence = stored.data.meta!.evidence!;
    expect(evidence).to.include.members(['webdriver', 'untrusted_input', 'no_trusted_input']);
    expect(evidence.includes('headless_ua'), 'headless_ua').to.equal(engine === 'chromium');

    const devices = await storedDevices(session.session_id);
    expect(devices).to.have.length(1);
    const device = devices[0]!.attributes;
    expect(device.user_agent).to.equal(navigator.userAgent);
    expect(device.device_type).to.equal('desktop');
    // No GPU on the test machines: Chromium draws WebGL with SwiftShader, which it names (software). WebKit
    // names every renderer "Apple GPU", which says nothing, and headless Firefox gives no WebGL context here.
    const rendererClass: Record<Engine, string> = { chromium: 'software', firefox: 'unknown', webkit: 'unknown' };
    expect(device.webgl_renderer_class).to.equal(rendererClass[engine]);
    expect(device.viewport).to.deep.equal({ width: innerWidth, height: innerHeight });
    expect((device.observed as Record<string, unknown>).user_agent).to.equal(navigator.userAgent);

    const updates = recorded.requests.filter(isBehaviorUpdate);
    expect(updates.length).to.be.at.least(2);
    expect(updates.at(-1)!.keepalive, 'the last update survives a closed tab').to.equal(true);
    const meta = JSON.parse(updates.at(-1)!.body).meta;
    expect(meta.interactions).to.equal(0, 'the helpers click with element.click(): nothing trusted');
    expect(recorded.requests.filter(isDeviceReport)).to.have.length(1);
  });

  it('a remounted widget (a resume) reports no second device and carries its counts', async () => {
    const session = await createSession({ scenario: 'pass' });
    const first = await mount(session);
    await waitForStep(first, 'intro');
    const field = injectFields(first, '<input type="text" aria-label="Note" value="x">');
    field.focus();
    await keys({ ctrl: 'a' }, { ctrl: 'c' });
    expect(snapshot(first).behavior.shortcut_copies).to.equal(1);
    await waitUntil(() => recorded.requests.some(isDeviceReport), 'no device report');
    first.remove();

    const second = await mount(session);
    await waitForStep(second, 'intro');
    // What the first widget kept is read back from the store: the copy is carried, not lost or doubled.
    await waitUntil(() => signalsOf(second).snapshot()?.behavior.shortcut_copies === 1, 'the count was not carried');
    expect(snapshot(second).behavior.shortcut_copies).to.equal(1);
    expect(recorded.requests.filter(isDeviceReport)).to.have.length(1);
    expect(await storedDevices(session.session_id)).to.have.length(1);
  });

  it('no-signals: nothing collected, no device record, the block sent with nulls and without meta', async () => {
    const session = await createSession({ scenario: 'pass' });
    const element = await fixture<BelticVerify>(html`<beltic-verify api-base="/beltic" no-signals></beltic-verify>`);
    element.clientToken = session.client_token;
    await runPassport(element);
    const stored = await storedBehavior(session.session_id);
    const behavior = stored.data.attributes.behavior_analysis!;
    for (const field of [
      'completion_time_seconds',
      'shortcut_copies',
      'distraction_events',
      'hesitation_baseline',
      'devtools_open',
      'debugger_attached',
    ] as const) {
      expect(behavior[field], field).to.equal(null);
    }
    // The server's own fields are still filled.
    expect(behavior.request_spoof_attempts).to.equal(0);
    expect(await storedDevices(session.session_id)).to.deep.equal([]);
    expect(recorded.requests.filter(isDeviceReport)).to.deep.equal([]);
    const updates = recorded.requests.filter(isBehaviorUpdate);
    expect(updates.length).to.be.at.least(1);
    for (const update of updates) {
      const body = JSON.parse(update.body);
      expect(body.meta).to.equal(undefined);
      expect(Object.values(body.data.attributes.behavior_analysis).every((v) => v === null)).to.equal(true);
    }
  });

  it('an API without the ext endpoints (404): the flow completes, no error', async () => {
    recorded.restore();
    const original = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const path = new URL(String(input instanceof Request ? input.url : input), location.href).pathname;
      const ext = (init?.method === 'PATCH' && path.includes('/identity/sessions/')) || path.endsWith('/identity/session-devices');
      if (ext) return Promise.resolve(new Response(JSON.stringify({ errors: [{ status: '404', code: 'unknown_route' }] }), { status: 404 }));
      return original(input, init);
    };
    try {
      const session = await createSession({ scenario: 'pass' });
      const element = await mount(session);
      const errors: string[] = [];
      element.addEventListener('beltic-verify-error', (e) => errors.push(e.detail.code));
      await runPassport(element);
      expect(errors).to.deep.equal([]);
      expect((await storedSession(session.session_id)).data.attributes.behavior_analysis).to.equal(null);
    } finally {
      window.fetch = original;
    }
  });

  it('a client token replayed from another device: request_spoof_attempts > 0 and threat high, from the server', async () => {
    const session = await createSession({ scenario: 'pass' });
    const element = await mount(session);
    await waitForStep(element, 'intro');
    const status = await executeServerCommand('replay-request', {
      url: `${location.origin}/beltic/identity/sessions/${session.session_id}`,
      token: session.client_token,
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
    });
    expect(status).to.equal(200);
    await hidePage();
    const stored = await storedBehavior(session.session_id, (b) => (b.request_spoof_attempts ?? 0) > 0);
    expect(stored.data.attributes.behavior_analysis!.request_spoof_attempts).to.equal(1);
    expect(stored.data.attributes.behavior_analysis!.threat_level).to.equal('high');
  });

  it('payloads carry no key, no field content, no clipboard data, no pointer position, no camera label', async () => {
    const secret = 'Zq7wXk';
    const session = await createSession({ scenario: 'pass' });
    const element = await mount(session);
    await waitForStep(element, 'intro');
    // Typed and pasted into a field in the widget, with the pointer moving around it.
    const field = injectFields(element, '<input type="text" name="secret" aria-label="Secret">');
    field.focus();
    await keys(...typed(secret, 150));
    expect(field.value).to.equal(secret);
    await keys({ ctrl: 'a' }, { ctrl: 'c' }, { ctrl: 'v' });
    const box = field.getBoundingClientRect();
    for (const [x, y] of [
      [Math.round(box.left) + 3, Math.round(box.top) + 3],
      [Math.round(box.right) - 3, Math.round(box.bottom) - 3],
      [137, 211],
    ]) {
      await sendMouse({ type: 'move', position: [x!, y!] });
    }
    const label = "Anna Example's Virtual Camera";
    const track = cameraTrack(label);
    await signalsOf(element).recordCamera(track);
    track.stop();
    // Delivered now (hiding the page sends the block), before the flow's own camera takes its place.
    await hidePage();
    const ownCamera = (r: { method: string; path: string; body: string }) =>
      isBehaviorUpdate(r) && JSON.parse(r.body).meta?.camera?.kind === 'virtual' && JSON.parse(r.body).meta.camera.width === 640;
    await waitUntil(() => recorded.requests.some(ownCamera), 'the camera was not delivered on hiding');
    field.remove();
    await runPassport(element);
    await storedBehavior(session.session_id, (b) => b.completion_time_seconds !== null);

    const sent = recorded.requests.filter((r) => isBehaviorUpdate(r) || isDeviceReport(r)).map((r) => r.body);
    const stored = JSON.stringify([await storedSession(session.session_id), await storedDevices(session.session_id)]);
    expect(sent.length).to.be.at.least(3);
    for (const text of [...sent, stored]) {
      expect(text).not.to.include(secret);
      expect(text).not.to.include(label);
      expect(text).not.to.include('Anna');
      expect(text).not.to.include('SwiftShader');
    }
    // No field that could hold a key, a value, a position or a device's name, at any depth.
    for (const text of sent) {
      expect(text).not.to.match(/"(key|code|value|text|clientX|clientY|screenX|screenY|pageX|pageY|x|y|label|deviceId|groupId|clipboard|renderer)"\s*:/);
    }
    // At the end, the flow's own camera: each engine's fake one (Chromium's fake_device_0, Firefox's Default
    // Video Device, WebKit's Mock video device), classified virtual too.
    const lastMeta = JSON.parse(sent.filter((s) => s.includes('behavior_analysis')).at(-1)!).meta;
    expect(lastMeta.camera.kind).to.equal('virtual');
  });
  it('a session let go of while its kept counts are read (another one opened meanwhile): nothing more of it is sent, and the next one reports its device', async () => {
    const [a, b] = await Promise.all([createSession({ scenario: 'pass' }), createSession({ scenario: 'pass' })]);
    const storage = createWidgetStorage();
    const clientOf = (session: DemoSession) => new BelticClient({ apiBase: apiBase(), token: () => session.client_token });
    const rejections: unknown[] = [];
    const onRejection = (event: PromiseRejectionEvent) => rejections.push(event.reason);
    window.addEventListener('unhandledrejection', onRejection);
    const { notify, end } = bareSignals();
    try {
      // The store held: A's kept counts are still being read when the flow lets go of A.
      const release = await holdWidgetStore();
      notify({ type: 'session_started', client: clientOf(a), scope: storage.scope(a.session_id) });
      notify({ type: 'left', sessionId: a.session_id });
      release();
      await storage.scope(a.session_id).settled();
      notify({ type: 'session_started', client: clientOf(b), scope: storage.scope(b.session_id) });
      await waitUntil(async () => (await storedDevices(b.session_id)).length === 1, "B's device record");
      expect(await storedDevices(a.session_id), 'none for A').to.deep.equal([]);
      expect(recorded.requests.filter(isDeviceReport)).to.have.length(1);
      expect(rejections.map(String), 'no failure left behind').to.deep.equal([]);
    } finally {
      end();
      window.removeEventListener('unhandledrejection', onRejection);
    }
  });
});
