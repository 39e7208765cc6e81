// The QA demo page: create a sandbox session with a scenario, run the widget (in any language, in a
// page of either direction), cancel or reset it, decide or expire the session as the integrator's
// backend would, and watch the widget's events, its requests (retries and recoveries included) and
// what the sandbox holds. Talks only to this dev server (demo backend + proxy).
import { onRequest, pageFetch, watchRequests, failed, type RequestEntry } from './request-log.js';
import '../src/define.js';
import type { BelticVerify } from '../src/index.js';
import { builtInLanguages } from '../src/ui/languages.js';

// Before the widget makes its first call: its requests are logged from the start.
watchRequests();

const EVENTS = [
  'beltic-verify-ready',
  'beltic-verify-step-change',
  'beltic-verify-upload-progress',
  'beltic-verify-complete',
  'beltic-verify-error',
  'beltic-verify-cancel',
] as const;

const FIXTURES = ['licence-front.jpg', 'licence-back.png', 'passport.jpg', 'expired-licence-back.png', 'blank.png', 'tiny.png', 'fake.jpg'];
/** Where the fixtures are served: the same path in `npm run demo` (demo/vite.config.ts) and in the browser tests' server. */
const FIXTURES_PATH = '/test/fixtures/generated/';

/** Offered whether or not their table exists yet (without one, the widget shows English, left to right). */
const LANGUAGES = ['en', 'fr', 'es', 'de', 'ar', 'he'];
/** A well-formed tag the widget has no table for: it falls back to English. */
const UNKNOWN_LANGUAGE = 'tlh';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const LAST_SESSION = 'beltic-demo:last-session';

interface DemoSession {
  session_id: string;
  client_token: string;
}

/** The demo's scenario menu, as the sandbox's `meta.sandbox` options (docs/sandbox.md). */
const SCENARIOS: Record<string, Record<string, unknown>> = {
  flaky: { scenario: 'flaky', fail: transientFailures() },
  expires_soon: { scenario: 'pass', session_expires_in: 60 },
};

/** A 503 on the first upload and a 429 on the first status poll: each retried by the widget, which then recovers. */
function transientFailures(): Record<string, unknown>[] {
  return [
    { call: 'upload', status: 503, times: 1 },
    { call: 'get_verification', status: 429, retry_after: 1, times: 1 },
  ];
}

// ------------------------------------------------------------ the demo backend

async function createSession(scenario: string, options: { tokenTtl?: number; transientFailures: boolean }): Promise<DemoSession> {
  const sandbox = { ...(SCENARIOS[scenario] ?? { scenario }), ...(options.transientFailures ? { fail: transientFailures() } : {}) };
  const response = await pageFetch('/api/demo/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sandbox, token_expires_in: options.tokenTtl }),
  });
  if (!response.ok) throw new Error(`The demo backend answered ${response.status}: ${await response.text()}`);
  return response.json() as Promise<DemoSession>;
}

async function freshToken(sessionId: string): Promise<string> {
  const response = await pageFetch(`/api/demo/session/${encodeURIComponent(sessionId)}/token`, { method: 'POST' });
  if (!response.ok) throw new Error(`Could not refresh the token (${response.status})`);
  return ((await response.json()) as DemoSession).client_token;
}

const sessionPath = (sessionId: string) => `/api/demo/session/${encodeURIComponent(sessionId)}`;

// ------------------------------------------------------------ the logs

function log(name: string, detail: unknown): void {
  const item = document.createElement('li');
  const time = document.createElement('time');
  time.textContent = new Date().toLocaleTimeString();
  const label = document.createElement('strong');
  label.textContent = name;
  const data = document.createElement('code');
  data.textContent = JSON.stringify(detail);
  item.append(time, ' ', label, ' ', data);
  $('events').prepend(item);
}

const requestItems = new Map<number, HTMLLIElement>();

function showRequest(entry: RequestEntry): void {
  let item = requestItems.get(entry.id);
  if (!item) {
    item = document.createElement('li');
    requestItems.set(entry.id, item);
    $('requests').prepend(item);
  }
  const { outcome } = entry;
  const status = !outcome
    ? '…'
    : 'failure' in outcome
      ? outcome.failure
      : `${outcome.status}${outcome.retryAfter ? ` (Retry-After ${outcome.retryAfter})` : ''}`;
  const notes = [
    entry.retryOf > 0 ? `retry ${entry.retryOf}` : '',
    entry.recovered ? `recovered after ${entry.retryOf} failure${entry.retryOf > 1 ? 's' : ''}` : '',
    failed(outcome) ? 'failed' : '',
    entry.ms === null ? '' : `${entry.ms} ms`,
  ].filter(Boolean);
  item.className = !outcome ? 'pending' : failed(outcome) ? 'failed' : entry.recovered ? 'recovered' : 'ok';
  const time = document.createElement('time');
  time.textContent = entry.at.toLocaleTimeString();
  const request = document.createElement('code');
  request.textContent = `${entry.method} ${entry.path}`;
  const answer = document.createElement('strong');
  answer.className = 'status';
  answer.textContent = status;
  item.replaceChildren(time, ' ', request, ' ', answer, notes.length ? ` · ${notes.join(' · ')}` : '');
}

onRequest(showRequest);

$('clear-events').addEventListener('click', () => $('events').replaceChildren());
$('clear-requests').addEventListener('click', () => {
  requestItems.clear();
  $('requests').replaceChildren();
});

// ------------------------------------------------------------ what the sandbox holds

async function showSandboxState(sessionId: string): Promise<void> {
  const [session, verifications] = await Promise.all([
    pageFetch(sessionPath(sessionId)).then((r) => r.json()),
    pageFetch(`/api/demo/verifications?session_id=${encodeURIComponent(sessionId)}`).then((r) => r.json()),
  ]);
  $('session-json').textContent = JSON.stringify(session, null, 2);
  $('verifications-json').textContent = JSON.stringify(verifications, null, 2);
  $('session-status').textContent = session.data?.attributes?.status ?? '–';
}

/** The signals panel: the behaviour block, its evidence and the device record, polled while a session runs. */
let signalsWatch: ReturnType<typeof setInterval> | undefined;

async function showSignals(sessionId: string): Promise<void> {
  const path = sessionPath(sessionId);
  const [session, devices] = await Promise.all([pageFetch(path).then((r) => r.json()), pageFetch(`${path}/devices`).then((r) => r.json())]);
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

// ------------------------------------------------------------ the widget

let widget: BelticVerify | null = null;
let current: DemoSession | null = null;
let shownAs: MutationObserver | null = null;

function mountWidget(session: DemoSession, documentTypes: string): void {
  const host = $('widget-host');
  host.replaceChildren();
  widget = document.createElement('beltic-verify') as BelticVerify;
  current = session;
  widget.setAttribute('api-base', '/beltic');
  applyLanguage();
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
  followShownLanguage(widget);
  for (const id of ['cancel', 'reset', 'approve', 'decline', 'expire']) $<HTMLButtonElement>(id).disabled = false;
  watchSignals(session.session_id);
  sessionStorage.setItem(LAST_SESSION, JSON.stringify({ ...session, documentTypes }));
}

/** "Shown in": the language and direction the widget chose for itself (its card's `lang` and `dir`). */
function followShownLanguage(element: BelticVerify): void {
  shownAs?.disconnect();
  const show = () => {
    const base = element.shadowRoot?.querySelector('[part=base][lang]');
    $('shown-as').textContent = base ? `${base.getAttribute('lang')}, ${base.getAttribute('dir') === 'rtl' ? 'right to left' : 'left to right'}` : '…';
  };
  shownAs = new MutationObserver(show);
  void element.updateComplete.then(() => {
    shownAs?.observe(element.shadowRoot!, { subtree: true, childList: true, attributes: true, attributeFilter: ['lang', 'dir'] });
    show();
  });
}

function languageOptions(): void {
  const tags = [...new Set([...LANGUAGES, ...builtInLanguages()])];
  const option = (value: string, text: string, lang?: string) => {
    const element = new Option(text, value);
    if (lang) element.lang = lang;
    return element;
  };
  $<HTMLSelectElement>('language').replaceChildren(
    option('', 'As the page (no lang attribute)'),
    ...tags.map((tag) => option(tag, `${nativeName(tag)} (${tag})`, tag)),
    option(UNKNOWN_LANGUAGE, `${UNKNOWN_LANGUAGE}: a language without a table (English)`),
  );
}

function nativeName(tag: string): string {
  try {
    return new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The element's `lang` (it derives its direction itself); none: it follows the page. */
function applyLanguage(): void {
  const lang = $<HTMLSelectElement>('language').value;
  if (!widget) return;
  if (lang) widget.setAttribute('lang', lang);
  else widget.removeAttribute('lang');
}

$('language').addEventListener('change', () => {
  applyLanguage();
  log('demo: lang', { lang: $<HTMLSelectElement>('language').value || null });
});

$('page-dir').addEventListener('change', () => {
  const dir = $<HTMLSelectElement>('page-dir').value;
  if (dir) $('widget-host').setAttribute('dir', dir);
  else $('widget-host').removeAttribute('dir');
});

$('cancel').addEventListener('click', () => {
  void widget?.cancel().then((cancelled) => log('demo: cancel()', { cancelled }));
});

$('reset').addEventListener('click', () => {
  void widget?.reset().then(() => log('demo: reset()', {}));
});

// ------------------------------------------------------------ the session, server side

for (const action of ['approve', 'decline', 'expire'] as const) {
  $(action).addEventListener('click', () => void sessionAction(action));
}

async function sessionAction(action: 'approve' | 'decline' | 'expire'): Promise<void> {
  if (!current) return;
  const response = await pageFetch(`${sessionPath(current.session_id)}/${action}`, { method: 'POST' });
  const body = (await response.json().catch(() => null)) as { data?: { attributes?: { status?: string } }; errors?: { detail?: string }[] } | null;
  log(`demo: ${action}`, response.ok ? { status: body?.data?.attributes?.status } : { refused: response.status, detail: body?.errors?.[0]?.detail });
  await showSandboxState(current.session_id);
}

// ------------------------------------------------------------ set-up

function listFixtures(): void {
  $('fixtures').replaceChildren(
    ...FIXTURES.map((name) => {
      const url = new URL(FIXTURES_PATH + name, location.href).href;
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
    const scenario = String(form.get('scenario'));
    const session = await createSession(scenario, {
      tokenTtl: form.get('token_expires_soon') ? 20 : undefined,
      transientFailures: form.get('transient_failures') !== null,
    });
    log('demo: session created', { session_id: session.session_id, scenario, transient_failures: form.get('transient_failures') !== null });
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
  if (current) void showSandboxState(current.session_id);
});

languageOptions();
listFixtures();
