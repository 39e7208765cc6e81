// The QA demo page (demo/index.html), loaded as QA loads it but in a frame 360 px wide: nothing overflows,
// and its controls do what they say to the real widget and the real sandbox, through the demo backend
// (this runner's server mounts the same backend as `npm run demo`).
import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import type { BelticVerify } from '../../src/index.js';
import { builtInLanguages } from '../../src/ui/languages.js';
import { timeLimit } from '../helpers/engines.js';
import { chooseCountry, clearWidgetStorage, fixtureBlob } from '../helpers/widget.js';

interface DemoPage {
  frame: HTMLIFrameElement;
  win: Window & typeof globalThis;
  doc: Document;
}

async function openDemo(width = 360): Promise<DemoPage> {
  const frame = document.createElement('iframe');
  frame.style.width = `${width}px`;
  frame.style.height = '800px';
  frame.src = '/demo/index.html';
  const loaded = oneEvent(frame, 'load');
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as Window & typeof globalThis;
  await waitUntil(() => win.customElements.get('beltic-verify') && win.document.querySelector('#language option'), 'the demo script ran', { timeout: 15000 });
  return { frame, win, doc: win.document };
}

const byId = <T extends HTMLElement>(page: DemoPage, id: string) => page.doc.getElementById(id) as T;

/** Wider than the viewport anywhere: the page scrolls sideways. */
function overflow(page: DemoPage): string | null {
  const root = page.doc.documentElement;
  if (root.scrollWidth <= root.clientWidth) return null;
  const wide = [...page.doc.querySelectorAll('body *')].filter((element) => element.getBoundingClientRect().right > root.clientWidth + 0.5);
  return `${root.scrollWidth} px wide in ${root.clientWidth}: ${wide
    .slice(0, 5)
    .map((element) => element.tagName.toLowerCase() + (element.id ? `#${element.id}` : ''))
    .join(', ')}`;
}

function choose(page: DemoPage, id: string, value: string): void {
  const select = byId<HTMLSelectElement>(page, id);
  select.value = value;
  select.dispatchEvent(new page.win.Event('change', { bubbles: true }));
}

async function createSession(page: DemoPage, scenario: string, options: { transientFailures?: boolean; documentTypes?: string } = {}): Promise<BelticVerify> {
  const before = page.doc.querySelector('beltic-verify');
  byId<HTMLSelectElement>(page, 'scenario').value = scenario;
  byId<HTMLSelectElement>(page, 'document-types').value = options.documentTypes ?? '';
  byId<HTMLInputElement>(page, 'transient-failures').checked = options.transientFailures ?? false;
  page.doc.querySelector<HTMLButtonElement>('#setup button[type=submit]')!.click();
  await waitUntil(() => page.doc.querySelector('beltic-verify') && page.doc.querySelector('beltic-verify') !== before, 'the demo mounted a widget', {
    timeout: 10000,
  });
  const widget = page.doc.querySelector('beltic-verify') as BelticVerify;
  await inWidget(widget, 'input[name=consent]');
  return widget;
}

/** Waits for `selector` in the widget's shadow root. */
async function inWidget<T extends Element = HTMLElement>(widget: BelticVerify, selector: string, timeout = 15000): Promise<T> {
  await waitUntil(() => widget.shadowRoot?.querySelector(selector), `${selector} in the widget`, { timeout, interval: 20 });
  return widget.shadowRoot!.querySelector<T>(selector)!;
}

function logText(page: DemoPage, id: 'events' | 'requests'): string[] {
  return [...byId(page, id).querySelectorAll('li')].map((item) => item.textContent ?? '');
}

/** The widget's flow to its end, as an applicant with a passport photo goes through it (in the frame's own realm). */
async function passportThroughToTheEnd(page: DemoPage, widget: BelticVerify): Promise<void> {
  (await inWidget<HTMLInputElement>(widget, 'input[name=consent]')).click();
  widget.shadowRoot!.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
  (await inWidget<HTMLInputElement>(widget, 'input[name=document_type][value=passport]')).click();
  await chooseCountry(widget, 'FR');
  widget.shadowRoot!.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
  const input = await inWidget<HTMLInputElement>(widget, 'input[type=file]');
  const transfer = new page.win.DataTransfer();
  transfer.items.add(new page.win.File([await (await fixtureBlob('passport.jpg')).arrayBuffer()], 'passport.jpg', { type: 'image/jpeg' }));
  input.files = transfer.files;
  input.dispatchEvent(new page.win.Event('change', { bubbles: true }));
  await inWidget(widget, 'img.preview');
  widget.shadowRoot!.querySelector<HTMLButtonElement>('.actions button:not(.secondary)')!.click();
}

describe('the demo page', function () {
  this.timeout(timeLimit(60000));
  let page: DemoPage | null = null;

  beforeEach(clearWidgetStorage);
  afterEach(() => {
    page?.frame.remove();
    page = null;
  });
  // The demo keeps its last session in the tab's sessionStorage (demo/main.ts), which the frame shares
  // with this page, and the runner loads the next test file into this same tab.
  after(() => sessionStorage.clear());

  it('at 360 px nothing overflows; language, page direction, cancel() and reset() drive the widget', async () => {
    page = await openDemo();
    expect(overflow(page), 'the page before any session').to.equal(null);
    const widget = await createSession(page, 'pass');
    expect(overflow(page), 'with the widget').to.equal(null);

    const shown = () => byId(page!, 'shown-as').textContent ?? '';
    const tables = builtInLanguages();
    for (const [lang, expected] of [
      ['fr', tables.includes('fr') ? 'fr, left to right' : 'en, left to right'],
      ['ar', tables.includes('ar') ? 'ar, right to left' : 'en, left to right'],
      ['tlh', 'en, left to right'],
    ] as const) {
      choose(page, 'language', lang);
      expect(widget.getAttribute('lang')).to.equal(lang);
      await waitUntil(() => shown() === expected, `lang=${lang} shown as "${expected}" (is "${shown()}")`, { timeout: 10000 });
      expect(overflow(page), `in ${lang}`).to.equal(null);
    }
    choose(page, 'language', '');
    expect(widget.hasAttribute('lang'), 'back to the page language').to.equal(false);
    choose(page, 'page-dir', 'rtl');
    expect(byId(page, 'widget-host').dir).to.equal('rtl');
    expect(overflow(page), 'in a right-to-left page').to.equal(null);

    byId<HTMLButtonElement>(page, 'cancel').click();
    await waitUntil(() => logText(page!, 'events').some((line) => line.includes('demo: cancel()') && line.includes('"cancelled":true')), 'cancel() logged', {
      timeout: 10000,
    });
    expect(logText(page, 'events').some((line) => line.includes('beltic-verify-cancel'))).to.equal(true);
    byId<HTMLButtonElement>(page, 'reset').click();
    await waitUntil(() => logText(page!, 'events').some((line) => line.includes('demo: reset()')), 'reset() logged', { timeout: 10000 });
    await inWidget(widget, 'input[name=consent]');

    // The log wraps its lines: it never scrolls sideways, however long the JSON.
    const events = byId(page, 'events');
    expect(events.querySelectorAll('li').length).to.be.greaterThan(3);
    expect(events.scrollWidth, 'the event log does not scroll sideways').to.be.at.most(events.clientWidth);
    expect(overflow(page), 'with a full event log').to.equal(null);
  });

  it('approve, decline and expire go through the demo backend; the request log shows failed requests and their recovery', async () => {
    page = await openDemo();
    const widget = await createSession(page, 'marked_for_review', { transientFailures: true, documentTypes: 'passport' });
    const complete = oneEvent(widget, 'beltic-verify-complete');
    await passportThroughToTheEnd(page, widget);
    expect(((await complete) as CustomEvent<{ status: string }>).detail.status).to.equal('review');

    // The 503 on the first upload and the 429 on the first poll, each followed by the retry that recovered.
    const requests = logText(page, 'requests');
    expect(
      requests.some((line) => /PUT \S+ 503\b.*failed/.test(line)),
      `a failed upload in:\n${requests.join('\n')}`,
    ).to.equal(true);
    expect(
      requests.some((line) => /PUT \S+ 200\b.*retry 1.*recovered after 1 failure/.test(line)),
      'its recovery',
    ).to.equal(true);
    expect(
      requests.some((line) => /GET \/beltic\/\S+ 429 \(Retry-After 1\).*failed/.test(line)),
      'a rate-limited poll',
    ).to.equal(true);
    expect(
      requests.some((line) => /GET \/beltic\/\S+ 200\b.*recovered after 1 failure/.test(line)),
      'its recovery',
    ).to.equal(true);
    expect(
      requests.every((line) => !line.includes('/api/demo')),
      "the demo's own calls are not the widget's",
    ).to.equal(true);

    const status = () => byId(page!, 'session-status').textContent;
    byId<HTMLButtonElement>(page, 'approve').click();
    await waitUntil(() => status() === 'approved', `approved (is ${status()})`, { timeout: 10000 });
    byId<HTMLButtonElement>(page, 'decline').click();
    await waitUntil(
      () => logText(page!, 'events').some((line) => line.includes('demo: decline') && line.includes('"refused":409')),
      'a decided session cannot be declined',
      { timeout: 10000 },
    );
    expect(status()).to.equal('approved');

    await createSession(page, 'pass');
    await waitUntil(() => status() !== 'approved' && status() !== '–', 'the new session shown', { timeout: 10000 });
    byId<HTMLButtonElement>(page, 'expire').click();
    await waitUntil(() => status() === 'expired', `expired (is ${status()})`, { timeout: 10000 });
    expect(overflow(page), 'with both logs full').to.equal(null);
  });
});
