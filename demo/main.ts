// The QA demo page: create a sandbox session with a scenario, run the widget, watch its events,
// and see what the sandbox holds. Talks only to this dev server (demo backend + proxy).
import '../src/define.js';
import type { BelticVerify } from '../src/index.js';

const EVENTS = [
  'beltic-verify-ready',
  'beltic-verify-step-change',
  'beltic-verify-upload-progress',
  'beltic-verify-complete',
  'beltic-verify-error',
  'beltic-verify-cancel',
] as const;

const FIXTURES = ['licence-front.jpg', 'licence-back.png', 'passport.jpg', 'expired-licence-back.png', 'blank.png', 'tiny.png', 'fake.jpg'];

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const LAST_SESSION = 'beltic-demo:last-session';

interface DemoSession {
  session_id: string;
  client_token: string;
}

/** The demo's scenario menu, as the sandbox's `meta.sandbox` options (docs/sandbox.md). */
const SCENARIOS: Record<string, Record<string, unknown>> = {
  flaky: {
    scenario: 'flaky',
    fail: [
      { call: 'upload', status: 503, times: 1 },
      { call: 'get_verification', status: 429, retry_after: 1, times: 1 },
    ],
  },
  expires_soon: { scenario: 'pass', session_expires_in: 60 },
};

async function createSession(scenario: string, tokenTtl?: number): Promise<DemoSession> {
  const response = await fetch('/api/demo/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sandbox: SCENARIOS[scenario] ?? { scenario }, token_expires_in: tokenTtl }),
  });
  if (!response.ok) throw new Error(`The demo backend answered ${response.status}: ${await response.text()}`);
  return response.json() as Promise<DemoSession>;
}

async function freshToken(sessionId: string): Promise<string> {
  const response = await fetch(`/api/demo/session/${encodeURIComponent(sessionId)}/token`, { method: 'POST' });
  if (!response.ok) throw new Error(`Could not refresh the token (${response.status})`);
  return ((await response.json()) as DemoSession).client_token;
}

function log(name: string, detail: unknown): void {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} ${name} ${JSON.stringify(detail)}`;
  $('events').prepend(item);
}

async function showSandboxState(sessionId: string): Promise<void> {
  const [session, verifications] = await Promise.all([
    fetch(`/api/demo/session/${encodeURIComponent(sessionId)}`).then((r) => r.json()),
    fetch(`/api/demo/verifications?session_id=${encodeURIComponent(sessionId)}`).then((r) => r.json()),
  ]);
  $('session-json').textContent = JSON.stringify(session, null, 2);
  $('verifications-json').textContent = JSON.stringify(verifications, null, 2);
}

/** The signals panel: the behaviour block, its evidence and the device record, polled while a session runs. */
let signalsWatch: ReturnType<typeof setInterval> | undefined;

async function showSignals(sessionId: string): Promise<void> {
  const path = `/api/demo/session/${encodeURIComponent(sessionId)}`;
  const [session, devices] = await Promise.all([fetch(path).then((r) => r.json()), fetch(`${path}/devices`).then((r) => r.json())]);
  $('behavior-json').textContent = JSON.stringify(session.data?.attributes?.behavior_analysis ?? null, null, 2);
  $('evidence-json').textContent = JSON.stringify(session.data?.meta?.evidence ?? null, null, 2);
  $('devices-json').textContent = JSON.stringify(
    (devices.data ?? []).map((d: { attributes: unknown }) => d.attributes),
    null,
    2,
  );
}

function watchSignals(sessionId: string): void {
  clearInterval(signalsWatch);
  void showSignals(sessionId);
  signalsWatch = setInterval(() => void showSignals(sessionId).catch(() => undefined), 2000);
}

function mountWidget(session: DemoSession, documentTypes: string): void {
  const host = $('widget-host');
  host.replaceChildren();
  const widget = document.createElement('beltic-verify') as BelticVerify;
  widget.setAttribute('api-base', '/beltic');
  if ($<HTMLInputElement>('no-signals').checked) widget.setAttribute('no-signals', '');
  if (documentTypes) widget.setAttribute('document-types', documentTypes);
  widget.getClientToken = () => freshToken(session.session_id);
  widget.clientToken = session.client_token;
  for (const name of EVENTS) {
    widget.addEventListener(name, (event) => {
      log(name, event.detail);
      if (name !== 'beltic-verify-upload-progress') void showSandboxState(session.session_id);
    });
  }
  host.append(widget);
  watchSignals(session.session_id);
  sessionStorage.setItem(LAST_SESSION, JSON.stringify({ ...session, documentTypes }));
}

function listFixtures(): void {
  $('fixtures').replaceChildren(
    ...FIXTURES.map((name) => {
      const url = new URL(`/fixtures/${name}`, location.href).href;
      const item = document.createElement('li');
      // fake.jpg is text with an image's name: shown as what it is, but draggable all the same.
      const preview = document.createElement(name === 'fake.jpg' ? 'span' : 'img');
      if (preview instanceof HTMLImageElement) {
        preview.src = url;
        preview.alt = name;
      } else {
        preview.className = 'placeholder';
        preview.textContent = 'text, not an image';
      }
      preview.draggable = true;
      preview.addEventListener('dragstart', (event) => (event as DragEvent).dataTransfer?.setData('text/uri-list', url));
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.textContent = name;
      item.append(preview, link);
      return item;
    }),
  );
}

$('setup').addEventListener('submit', (event) => {
  event.preventDefault();
  void startSession(new FormData(event.target as HTMLFormElement));
});

async function startSession(form: FormData): Promise<void> {
  try {
    const session = await createSession(String(form.get('scenario')), form.get('token_expires_soon') ? 20 : undefined);
    log('demo: session created', { session_id: session.session_id, scenario: form.get('scenario') });
    mountWidget(session, String(form.get('document_types') ?? ''));
    await showSandboxState(session.session_id);
  } catch (error) {
    log('demo: error', String(error));
  }
}

$('resume').addEventListener('click', () => {
  const saved = sessionStorage.getItem(LAST_SESSION);
  if (!saved) return log('demo: nothing to resume', {});
  const session = JSON.parse(saved) as DemoSession & { documentTypes: string };
  void freshToken(session.session_id).then((client_token) => mountWidget({ ...session, client_token }, session.documentTypes));
});

$('refresh').addEventListener('click', () => {
  const saved = sessionStorage.getItem(LAST_SESSION);
  if (saved) void showSandboxState((JSON.parse(saved) as DemoSession).session_id);
});

listFixtures();
