/** Drives <beltic-verify> in the browser tests the way an applicant would, through its shadow DOM. */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { ranOut, waitUntil } from './wait.js';
import { timeLimit } from './engines.js';
import type { BelticVerify } from '../../src/index.js';
import { initialState, type FlowState, type StepName } from '../../src/flow/machine.js';
import { keys, promisifyRequest, type UseStore } from 'idb-keyval';
import { BUCKET_NAME, DATABASE_NAME, STORE_NAME, openWidgetDatabase } from '../../src/storage/database.js';
import { DEFAULT_TTL_MS } from '../../src/storage/records.js';
import { createWidgetStorage } from '../../src/storage/widget-storage.js';
import { harness } from './harness.js';

/** The prefix of the docs-profile backend (DOCS_PROFILE_PREFIX in demo/dev-backend.ts, mounted by web-test-runner.config.mjs). */
const DOCS_PROFILE_PREFIX = '/docs-profile';
export const SANDBOX_PROFILES = ['default', 'docs'] as const;
export type SandboxProfile = (typeof SANDBOX_PROFILES)[number];
let prefix = '';

/** Which sandbox the helpers below talk to: the default one, or the one that answers only what Beltic documents. */
export function useSandboxProfile(profile: SandboxProfile): void {
  prefix = profile === 'docs' ? DOCS_PROFILE_PREFIX : '';
}

/** The widget's `api-base`: the proxy of the current profile's backend. */
export function apiBase(): string {
  return `${prefix}/beltic`;
}

export interface DemoSession {
  session_id: string;
  client_token: string;
}

/** A session created by the demo backend (the integrator's part) in the sandbox, with a client token. */
export async function createSession(body: Record<string, unknown> = {}): Promise<DemoSession> {
  const response = await fetch(`${prefix}/api/demo/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`demo backend: ${response.status} ${await response.text()}`);
  return response.json() as Promise<DemoSession>;
}

export async function freshToken(sessionId: string, body: Record<string, unknown> = {}): Promise<string> {
  const response = await fetch(`${prefix}/api/demo/session/${encodeURIComponent(sessionId)}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`demo backend: ${response.status}`);
  return ((await response.json()) as DemoSession).client_token;
}

/** The sandbox's own view, through the demo backend (secret key server-side). */
export async function sandboxSession(sessionId: string): Promise<{ data: { attributes: Record<string, unknown> } }> {
  const response = await fetch(`${prefix}/api/demo/session/${encodeURIComponent(sessionId)}`);
  return response.json();
}

/** The integrator's backend expires the session. */
export async function expireSession(sessionId: string): Promise<void> {
  const response = await fetch(`${prefix}/api/demo/session/${encodeURIComponent(sessionId)}/expire`, { method: 'POST' });
  if (!response.ok) throw new Error(`demo backend: ${response.status}`);
}

export async function fixtureBlob(name: string): Promise<Blob> {
  const response = await fetch(`/test/fixtures/generated/${name}`);
  if (!response.ok) throw new Error(`fixture ${name} missing: run node --import tsx test/fixtures/generate.ts`);
  return response.blob();
}

/** Every element mount() made: clearWidgetStorage lets their last writes land before it clears. */
const mounted = new Set<BelticVerify>();

export async function mount(session: DemoSession, attributes = ''): Promise<BelticVerify> {
  const element = await fixture<BelticVerify>(
    html`<beltic-verify api-base=${apiBase()} document-types=${attributes || 'passport drivers_license national_id residence_permit'}></beltic-verify>`,
  );
  element.clientToken = session.client_token;
  mounted.add(element);
  return element;
}

/** The element's flow is in place: its code (flow-parts.ts) loads on connect, so the tests may reach it through the harness. */
export async function flowLoaded(element: BelticVerify): Promise<void> {
  await waitUntil(() => harness(element).flowLoaded, "the flow's code was loaded", { timeout: 10000 });
}

/** The flow's state; null before it opens, or before its code is in (it loads on connect). */
export function flowState(element: BelticVerify): FlowState | null {
  const parts = harness(element);
  return parts.flowLoaded ? parts.flow.state : null;
}

export function currentStep(element: BelticVerify): StepName | null {
  return flowState(element)?.step.name ?? null;
}

/** `context`, where given, says more about where things stood when the wait ran out. */
export async function waitForStep(element: BelticVerify, step: StepName, timeout = 15000, context?: () => string): Promise<void> {
  // Reached and shown: a step after the intro waits for its code (capture-parts.ts) with a spinner and no heading.
  await waitUntil(
    () => currentStep(element) === step && !element.isUpdatePending && element.shadowRoot?.querySelector('[part=content] h2') != null,
    () => `step ${step} not reached (at ${currentStep(element)}${context ? `, ${context()}` : ''})`,
    { timeout, interval: 20 },
  );
  await element.updateComplete;
}

export function shadow<T extends Element = HTMLElement>(element: BelticVerify, selector: string): T {
  const found = element.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector} in the widget`);
  return found;
}

export async function consent(element: BelticVerify): Promise<void> {
  await waitForStep(element, 'intro');
  shadow<HTMLInputElement>(element, 'input[name=consent]').click();
  shadow<HTMLButtonElement>(element, 'form button[type=submit]').click();
  await waitForStep(element, 'document');
}

export async function chooseDocument(element: BelticVerify, type: string, country = 'US'): Promise<void> {
  shadow<HTMLInputElement>(element, `input[name=document_type][value=${type}]`).click();
  await chooseCountry(element, country);
  shadow<HTMLButtonElement>(element, 'form button[type=submit]').click();
  await waitForStep(element, 'capture');
}

/** The document step's country field (a combobox: ui/country-field.ts). */
export function countryField(element: BelticVerify): HTMLInputElement {
  return shadow<HTMLInputElement>(element, 'input[role=combobox]');
}

/** Types into the country field as the applicant would (one input event for the whole text), and lets it render. */
export async function typeCountry(element: BelticVerify, text: string): Promise<void> {
  const field = countryField(element);
  field.focus();
  field.value = text;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: text }));
  await element.updateComplete;
}

/** Chooses the issuing country by its ISO code: typed in the field (a code finds its country), then picked in the list. */
export async function chooseCountry(element: BelticVerify, code: string): Promise<void> {
  await typeCountry(element, code);
  shadow<HTMLElement>(element, `[role=option][data-code=${code}]`).click();
  await element.updateComplete;
}

/** Chooses a file in the capture step's file input, as the file picker would. */
export async function chooseFile(element: BelticVerify, blob: Blob, name = 'photo.jpg'): Promise<void> {
  const input = shadow<HTMLInputElement>(element, 'input[type=file]');
  const transfer = new DataTransfer();
  transfer.items.add(new File([blob], name, { type: blob.type }));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

export async function captureAndAccept(element: BelticVerify, blob: Blob): Promise<void> {
  await waitForStep(element, 'capture');
  await chooseFile(element, blob);
  await waitForStep(element, 'review');
  shadow<HTMLButtonElement>(element, '.actions button:not(.secondary)').click();
}

export async function untilComplete(element: BelticVerify): Promise<CustomEvent<{ sessionId: string; status: string }>> {
  return oneEvent(element, 'beltic-verify-complete') as Promise<CustomEvent<{ sessionId: string; status: string }>>;
}

/** The widget's own object store, wherever it lives (a Storage Bucket where the browser has them). */
export function widgetDatabase(): UseStore {
  return openWidgetDatabase(DEFAULT_TTL_MS).use;
}

/**
 * Holds a read-write transaction on the widget's store, as another tab's long write would, until
 * the returned function is called: every other read or write of the store waits behind it. The
 * transaction is real, kept alive by one request after another.
 */
export function holdWidgetStore(): Promise<() => void> {
  return new Promise((held, failed) => {
    widgetDatabase()('readwrite', (store) => {
      let holding = true;
      const next = () => {
        if (holding) store.count().onsuccess = next;
      };
      next();
      held(() => (holding = false));
      return new Promise((done) => (store.transaction.oncomplete = done));
    }).catch(failed);
  });
}

/**
 * Empties the widget's store, so each test starts from a browser that never saw the widget. A flow
 * the last test left halfway (its element removed by the fixture's cleanup) may still be writing its
 * step: that write lands first, or it would fill the store again after it was cleared.
 */
export async function clearWidgetStorage(): Promise<void> {
  const writes = [...mounted].map((element) => {
    const parts = harness(element);
    return parts.flowLoaded ? parts.flow.saved().catch(() => undefined) : Promise.resolve();
  });
  mounted.clear();
  // Bounded, and named: a hook that never ends fails only as the suite's own time limit, without saying what it waited for.
  await resolvesWithin(Promise.all(writes), "the last test's flows to end their writes");
  await clearStore();
}

/**
 * Empties the widget's store through a connection of its own, closed after, one named step at a
 * time. Twice in CI, Chromium's clear hung in one page for good and no step could be blamed: now
 * the failure names the step (the Storage Bucket, the database or the transaction).
 */
async function clearStore(): Promise<void> {
  const buckets = (navigator as { storageBuckets?: { open(name: string): Promise<{ indexedDB: IDBFactory }> } }).storageBuckets;
  const factory = buckets ? (await resolvesWithin(buckets.open(BUCKET_NAME), "the widget's Storage Bucket to open")).indexedDB : indexedDB;
  const request = factory.open(DATABASE_NAME);
  request.onupgradeneeded = () => request.result.createObjectStore(STORE_NAME);
  const database = await resolvesWithin(promisifyRequest(request), "the widget's database to open");
  try {
    const transaction = database.transaction(STORE_NAME, 'readwrite');
    transaction.objectStore(STORE_NAME).clear();
    await resolvesWithin(promisifyRequest(transaction), "the widget's store to be cleared (its read-write transaction)");
  } finally {
    database.close();
  }
}

async function resolvesWithin<T>(promise: Promise<T>, what: string, limit = timeLimit(15000)): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ranOutOfTime = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(ranOut(`Timeout: waited ${limit} ms for ${what}`)), limit)));
  try {
    return await Promise.race([promise, ranOutOfTime]);
  } finally {
    clearTimeout(timer);
  }
}

/** The number of keys the widget's store holds; with `sessionId`, only that session's (another test's flow left halfway keeps its own, by design). */
export async function widgetStorage(sessionId?: string): Promise<{ keys: number }> {
  const all = await keys(widgetDatabase());
  return { keys: sessionId === undefined ? all.length : all.filter((key) => JSON.stringify(key).includes(sessionId)).length };
}

/** axe on the widget in its current state; the failure names the state. */
export async function expectAccessible(element: BelticVerify, label: string): Promise<void> {
  await element.updateComplete;
  try {
    await expect(element).to.be.accessible();
  } catch (error) {
    throw new Error(`axe, ${label}: ${(error as Error).message}`);
  }
}

/**
 * Puts the widget straight at a step, the way a reload finds it: `state` is saved in the session's
 * storage (with `images` as the blobs its captures name), then the widget mounts and resumes there.
 * For tests of one step, beside the tests that walk the whole flow.
 */
export async function mountAtState(
  session: DemoSession,
  build: (state: FlowState, blobKeys: Record<string, string>) => FlowState,
  images: Record<string, Blob> = {},
): Promise<BelticVerify> {
  const scope = createWidgetStorage().scope(session.session_id);
  const blobKeys: Record<string, string> = {};
  for (const [side, blob] of Object.entries(images)) blobKeys[side] = await scope.addBlob(side, blob);
  await scope.saveState(build(initialState(session.session_id), blobKeys));
  await scope.settled();
  return mount(session);
}
