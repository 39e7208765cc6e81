/**
 * Helpers for the behaviour-signal browser tests: trusted input and browser actions through the runner's
 * server (test/helpers/server-commands.mjs), in every engine or, for DevTools-protocol input, in Chromium;
 * the widget's signals; what was sent.
 */
import { waitUntil } from '../helpers/wait.js';
import { executeServerCommand } from '@web/test-runner-commands';
import type { BelticVerify } from '../../src/index.js';
import type { BehaviorMeta } from '../../src/api/client.js';
import type { BehaviorAnalysis } from '../../src/api/contract.js';
import type { SignalsController } from '../../src/signals/signals-controller.js';
import { harness } from '../helpers/harness.js';

export interface CdpCall {
  method: string;
  params?: Record<string, unknown>;
}

/** Chromium only: DevTools-protocol calls on the page's own session. */
export function cdp<T = unknown>(...calls: CdpCall[]): Promise<T[]> {
  return executeServerCommand('cdp', { calls }) as Promise<T[]>;
}

/** A key press (`'a'`, `' '`), Ctrl with a letter (a keyboard shortcut), or a pause from the previous key's press. */
export type KeyStep = { press: string } | { ctrl: string } | { pause: number };

/**
 * Real key presses from the browser's own input, in every engine: trusted events, but with the engine's
 * timing. A pause lands within a few tens of ms of what was asked, never exactly (only the DevTools
 * protocol sets timestamps: `cdp` with `keyAt`).
 */
export async function keys(...steps: KeyStep[]): Promise<void> {
  await executeServerCommand('keys', { steps });
}

/** Each character of `text` pressed, `pauseMs` apart. */
export function typed(text: string, pauseMs = 0): KeyStep[] {
  return [...text].flatMap((press, i) => (i > 0 && pauseMs > 0 ? [{ pause: pauseMs }, { press }] : [{ press }]));
}

/** The page really goes hidden, then visible again (a tab switch; in WebKit a minimised window); resolves once it is back. */
export async function hidePage(): Promise<void> {
  await executeServerCommand('hide-page');
}

/**
 * The viewport squeezed inside its window as docked developer tools squeeze it (Chromium and Firefox:
 * an emulated 420 × 600 viewport; WebKit: its real Web Inspector docked), or given its whole window.
 */
export async function squeezeViewport(squeezed: boolean): Promise<void> {
  await executeServerCommand('squeeze-viewport', { squeezed });
}

/** Overrides the User-Agent of this page and its requests ('' restores it). */
export async function overrideUserAgent(userAgent: string): Promise<void> {
  await executeServerCommand('user-agent', { userAgent });
}

export function signalsOf(element: BelticVerify): SignalsController {
  return harness(element).signals;
}

/** What the widget would send now. */
export function snapshot(element: BelticVerify): { behavior: BehaviorAnalysis; meta: BehaviorMeta | null } {
  const now = signalsOf(element).snapshot();
  if (!now) throw new Error('the session has not started in the widget yet');
  return now;
}

/** Adds fields to the widget's own shadow root, where its styles and listeners apply as to its own. */
export function injectFields<T extends HTMLElement = HTMLInputElement>(element: BelticVerify, markup: string): T {
  const holder = document.createElement('div');
  holder.className = 'test-fields';
  holder.innerHTML = markup;
  element.shadowRoot!.append(holder);
  return holder.firstElementChild as T;
}

/** The next event of this type on the shadow root; resolves with its timeStamp. */
export function nextTimeStamp(root: ShadowRoot | Document, type: string): Promise<number> {
  return new Promise((resolve) => root.addEventListener(type, (event) => resolve(event.timeStamp), { once: true, capture: true }));
}

/**
 * Chromium only. Maps the page's event clock (event.timeStamp, ms) to the DevTools protocol's input timestamps
 * (s since the epoch) through the same conversion the browser applies: a key sent at a known
 * protocol time comes back with its page timeStamp.
 */
export async function calibrateInputClock(): Promise<(pageMs: number) => number> {
  const seen = nextTimeStamp(document, 'keyup');
  const sentAt = (performance.timeOrigin + performance.now()) / 1000;
  await cdp({ method: 'Input.dispatchKeyEvent', params: { type: 'keyUp', key: 'Shift', code: 'ShiftLeft', windowsVirtualKeyCode: 16, timestamp: sentAt } });
  const pageMs = await seen;
  const offsetMs = sentAt * 1000 - pageMs;
  return (ms) => (ms + offsetMs) / 1000;
}

/** Chromium only: a printable key, pressed at a protocol time (keyDown with its text, then keyUp). */
export function keyAt(character: string, timestamp: number): CdpCall[] {
  const code = /^[a-z]$/i.test(character) ? `Key${character.toUpperCase()}` : '';
  const keyCode = character.toUpperCase().charCodeAt(0);
  return [
    { method: 'Input.dispatchKeyEvent', params: { type: 'keyDown', key: character, code, text: character, windowsVirtualKeyCode: keyCode, timestamp } },
    { method: 'Input.dispatchKeyEvent', params: { type: 'keyUp', key: character, code, windowsVirtualKeyCode: keyCode, timestamp: timestamp + 0.005 } },
  ];
}

/** Every request body the page sends with fetch, by method and path (the widget's API calls). */
export function recordRequests(): { requests: { method: string; path: string; body: string; keepalive: boolean }[]; restore(): void } {
  const original = window.fetch;
  const requests: { method: string; path: string; body: string; keepalive: boolean }[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? String(input) : input.url, location.href);
    requests.push({
      method: (init?.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      body: typeof init?.body === 'string' ? init.body : '',
      keepalive: init?.keepalive === true,
    });
    return original(input, init);
  };
  return {
    requests,
    restore: () => {
      window.fetch = original;
    },
  };
}

export interface StoredSession {
  data: {
    attributes: { behavior_analysis: BehaviorAnalysis | null } & Record<string, unknown>;
    relationships: Record<string, unknown>;
    meta?: { evidence?: string[] };
  };
}

export async function storedSession(sessionId: string): Promise<StoredSession> {
  return (await fetch(`/api/demo/session/${encodeURIComponent(sessionId)}`)).json();
}

export async function storedDevices(sessionId: string): Promise<{ id: string; attributes: Record<string, unknown> }[]> {
  return (
    (await (await fetch(`/api/demo/session/${encodeURIComponent(sessionId)}/devices`)).json()) as {
      data: { id: string; attributes: Record<string, unknown> }[];
    }
  ).data;
}

/** Waits until the sandbox holds a behaviour block that satisfies `ready`. */
export async function storedBehavior(sessionId: string, ready: (b: BehaviorAnalysis) => boolean = () => true): Promise<StoredSession> {
  let last: StoredSession | null = null;
  await waitUntil(
    async () => {
      last = await storedSession(sessionId);
      const behavior = last.data.attributes.behavior_analysis;
      return behavior !== null && ready(behavior);
    },
    'the sandbox never received the expected behaviour block',
    { timeout: 10000, interval: 50 },
  );
  return last!;
}

/**
 * A camera track with a given label, drawn from a canvas. The browser's fake camera is shared by
 * every page of the test browser: opening it here at another size would disturb the capture tests
 * running beside these.
 */
export function cameraTrack(label: string, width = 640, height = 480): MediaStreamTrack {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')!.fillRect(0, 0, width, height);
  const track = canvas.captureStream(30).getVideoTracks()[0]!;
  Object.defineProperty(track, 'label', { value: label });
  return track;
}
