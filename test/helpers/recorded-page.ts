/**
 * A same-origin page in an iframe, served under a CSP header (test/helpers/server-commands.mjs), whose first script (test/built/page-recorder.js)
 * records every CSP violation and every `beltic-verify-error` from the start, then the given
 * scripts, then one <beltic-verify>: how the built files and the worker locations are tested the way
 * an integrator's page loads them.
 */
import { oneEvent } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import type { ErrorDetail } from '../../src/events.js';
import type { BelticVerify } from '../../src/index.js';

/** What a page that requires Trusted Types allows the widget (README: CSP). */
export const TRUSTED_TYPES = "require-trusted-types-for 'script'; trusted-types lit-html beltic-verify";
/** The strictest CSP the widget works under: everything from the page's origin only, no inline script or style. */
export const STRICT_CSP = `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'; ${TRUSTED_TYPES}`;

export interface RecordedPage {
  frame: HTMLIFrameElement;
  win: Window & typeof globalThis;
  element: BelticVerify;
  /** `violatedDirective blockedURI sample`, for every CSP violation the page reported from its first script on. */
  violations: string[];
  /** Every `beltic-verify-error` the page heard, from its first script on. */
  errors: ErrorDetail[];
}

/** Loads the page: `head` (its script tags) after the recorder, and `<beltic-verify api-base="/beltic" ${attributes}>`. */
export async function recordedPage(head: string, attributes: string, csp = STRICT_CSP): Promise<RecordedPage> {
  const frame = document.createElement('iframe');
  frame.style.width = '800px';
  frame.style.height = '900px';
  const html = `<!doctype html><html lang="en"><head><script src="/test/built/page-recorder.js"></script>${head}</head>
    <body><beltic-verify api-base="/beltic" ${attributes}></beltic-verify></body></html>`;
  frame.src = `/__test-page?${new URLSearchParams({ csp, html })}`;
  const loaded = oneEvent(frame, 'load');
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as Window & typeof globalThis & { recorded: { violations: string[]; errors: ErrorDetail[] } };
  const element = win.document.querySelector('beltic-verify') as BelticVerify;
  return { frame, win, element, ...win.recorded };
}

/** Waits for the page's script to register <beltic-verify> and render it. */
export async function rendered(page: RecordedPage): Promise<void> {
  await waitUntil(() => page.win.customElements.get('beltic-verify') && page.element.shadowRoot, 'the page registered and rendered <beltic-verify>', {
    timeout: 10000,
  });
}
