/**
 * The widget's workers under Trusted Types.
 *
 * On a page whose CSP has `require-trusted-types-for 'script'`, `new Worker(url)` takes only a
 * TrustedScriptURL. The widget makes them with one policy of its own, `beltic-verify`, created on
 * its first worker (not before: a page that never needs a worker never sees the policy) and kept
 * on a registered symbol, so that a second copy of the widget on the page (npm and script tag)
 * uses that one instead of failing to create a duplicate.
 *
 * What the policy accepts: exactly the URL the widget's own worker constructor is starting, while
 * it starts it, and only an http(s) URL of the page's own origin (a worker's script must be
 * anyway). That URL is the call site's literal `new URL('./x.worker.ts', import.meta.url)` as the
 * build rewrote it to its own worker file or, where the page set a folder for the worker files
 * (`assets-base`, `data-assets-base`: assets.ts), the same file name in that folder; so it passes
 * whatever a bundler named the file and wherever the widget or its workers are hosted. The setting
 * chooses which one URL is started; it does not widen the rule: the policy still accepts that one
 * URL only, only during its start, only on the page's origin (a folder on another origin is refused
 * here, as the browser would refuse the worker). Anything else (another script's call through the
 * shared policy, a blob:, data: or javascript: URL, another origin) is refused with a TypeError.
 *
 * Where the page refuses the policy, the plain URL is tried: it works where Trusted Types are not
 * enforced for scripts. Where they are, the constructor throws; the workers are then blocked for
 * this copy of the widget (no further attempt, so one violation report) and `onWorkersBlocked`
 * listeners are told.
 *
 * Bundling: the call sites keep the literal `new Worker(new URL('./x.worker.ts', import.meta.url),
 * { type: 'module' })`, which Vite finds by its text (a regular expression, blind to scopes) and
 * rewrites to its built file; their `Worker` is the parameter WorkerClient hands to `create`, this
 * module's `TrustedWorker`. (webpack, which only treats the global `Worker` as one, never sees
 * these sources: the package ships them built.)
 */

/** What WorkerClient hands to `create`: called as `new Worker(url, options)`, it returns a real Worker. */
export type WorkerConstructor = new (url: URL, options?: WorkerOptions) => Worker;

/** The policy's name: the page's CSP lists it in `trusted-types`. */
export const WORKER_POLICY_NAME = 'beltic-verify';

// Trusted Types are not in TypeScript's DOM library yet: the little used here.
interface TrustedScriptURL {
  toString(): string;
}
interface WorkerPolicy {
  createScriptURL(input: string): TrustedScriptURL;
}
interface TrustedTypePolicyFactory {
  createPolicy(name: string, rules: { createScriptURL(input: string): string }): WorkerPolicy;
}

/** Shared by every copy of the widget on the page: the policy, and the one URL it may accept now. */
interface PolicyHolder {
  readonly policy: WorkerPolicy;
  expected: string | null;
}

const HOLDER = Symbol.for('beltic-verify.worker-policy');

/** undefined: not tried yet; null: the page refused it (not tried again). */
let holder: PolicyHolder | null | undefined;
let blocked = false;
const blockedListeners = new Set<() => void>();

/** Thrown instead of trying again once the page's Trusted Types policy refused a worker. */
export class WorkersBlockedError extends Error {
  override readonly name = 'WorkersBlockedError';
}

/**
 * `new TrustedWorker(url, options)`: a module Worker started from `url` through the widget's
 * Trusted Types policy where the browser has Trusted Types, from the plain URL elsewhere.
 */
export const TrustedWorker = function TrustedWorker(url: URL, options?: WorkerOptions): Worker {
  if (blocked) throw new WorkersBlockedError("The page's Trusted Types policy does not allow the widget's workers.");
  const factory = trustedTypesFactory();
  const trusted = factory ? trustedScriptUrl(factory, url) : null;
  try {
    // A TrustedScriptURL is what the constructor takes under Trusted Types; TypeScript's DOM types do not know it yet.
    return new Worker((trusted ?? url) as string | URL, options);
  } catch (error) {
    // Trusted Types enforced and no policy of ours: a TypeError, and so will every next attempt be.
    if (factory && !trusted && error instanceof TypeError) markBlocked();
    throw error;
  }
} as unknown as WorkerConstructor;

/**
 * Calls `listener` once the page's Trusted Types policy has kept a worker of this copy of the
 * widget from starting (at once, in a microtask, if it already has). Returns the function that
 * stops listening.
 */
export function onWorkersBlocked(listener: () => void): () => void {
  if (blocked) {
    let cancelled = false;
    queueMicrotask(() => cancelled || listener());
    return () => (cancelled = true);
  }
  blockedListeners.add(listener);
  return () => blockedListeners.delete(listener);
}

/** Whether the page's Trusted Types policy has kept this copy's workers from starting. */
export function workersBlocked(): boolean {
  return blocked;
}

// ------------------------------------------------------------ internals

function trustedTypesFactory(): TrustedTypePolicyFactory | null {
  return (globalThis as { trustedTypes?: TrustedTypePolicyFactory }).trustedTypes ?? null;
}

function trustedScriptUrl(factory: TrustedTypePolicyFactory, url: URL): TrustedScriptURL | null {
  const shared = workerPolicy(factory);
  if (!shared) return null;
  shared.expected = url.href;
  try {
    return shared.policy.createScriptURL(url.href);
  } finally {
    shared.expected = null;
  }
}

/** The page's one `beltic-verify` policy: found on the registered symbol, or created (once) and put there. */
function workerPolicy(factory: TrustedTypePolicyFactory): PolicyHolder | null {
  if (holder !== undefined) return holder;
  const global = globalThis as { [HOLDER]?: PolicyHolder };
  const existing = global[HOLDER];
  if (existing) return (holder = existing);
  try {
    const created: PolicyHolder = {
      expected: null,
      policy: factory.createPolicy(WORKER_POLICY_NAME, { createScriptURL: (input) => accept(created, input) }),
    };
    Object.defineProperty(global, HOLDER, { value: created });
    holder = created;
  } catch {
    // Not in the page's `trusted-types` list (or taken by a script that is not the widget).
    holder = null;
  }
  return holder;
}

function accept(shared: PolicyHolder, input: string): string {
  if (input === shared.expected && isPageOriginHttp(input)) return input;
  throw new TypeError(`The ${WORKER_POLICY_NAME} Trusted Types policy accepts only the widget's own worker scripts, not ${JSON.stringify(input)}.`);
}

function isPageOriginHttp(input: string): boolean {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return false;
  }
  // The global's origin, not location's: an about:srcdoc or about:blank page has its creator's.
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === globalThis.origin;
}

function markBlocked(): void {
  blocked = true;
  const listeners = [...blockedListeners];
  blockedListeners.clear();
  queueMicrotask(() => listeners.forEach((listener) => listener()));
}
