/**
 * Everything the widget needs on the server side, in one process, for the demo (Vite) and the
 * browser tests (@web/test-runner):
 *
 *   /sandbox/*    the Beltic emulator (the browser PUTs images to its presigned URLs)
 *   /beltic/*     the proxy (src/server), forwarding in-process to the sandbox
 *   /api/demo/*   the demo backend (demo/backend.ts): sessions and client tokens
 *
 * `handle` answers null for any other path, so the dev server can serve its static files.
 * With `prefix` all three sit under it (the browser tests mount a docs-profile backend at
 * DOCS_PROFILE_PREFIX beside the default one).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { errorResponse } from '../src/api/responses.js';
import { createSandbox, type Sandbox } from '../src/sandbox/index.js';
import type { SandboxProfile } from '../src/sandbox/profile.js';
import { createProxy, type ClientConnection } from '../src/server/index.js';
import { toNodeMiddleware } from '../src/server/node.js';
import { createDemoBackend } from './backend.js';

export const SANDBOX_PATH = '/sandbox';
export const PROXY_PATH = '/beltic';
export const DEMO_API_PATH = '/api/demo';
/** Where the browser tests reach the backend whose sandbox answers only what Beltic documents. */
export const DOCS_PROFILE_PREFIX = '/docs-profile';

export interface DevBackendOptions {
  /** The origin the browser uses; default: each request's own. */
  origin?: string;
  /** The sandbox's profile (profile.ts); default `default`. */
  profile?: SandboxProfile;
  /** A path every route of this backend sits under, e.g. `/docs-profile`; default none. */
  prefix?: string;
  /** How long the sandbox takes to decide a verification, ms; default the sandbox's own (a visible wait, for the demo). */
  processingDelayMs?: number;
}

export interface DevBackend {
  handle(request: Request, connection?: ClientConnection): Promise<Response | null>;
  sandbox: Sandbox;
  apiKey: string;
  tokenSecret: string;
}

export function createDevBackend(options: DevBackendOptions = {}): DevBackend {
  const origin = options.origin?.replace(/\/+$/, '');
  const prefix = options.prefix?.replace(/\/+$/, '') ?? '';
  const sandboxPath = prefix + SANDBOX_PATH;
  const proxyPath = prefix + PROXY_PATH;
  const demoApiPath = prefix + DEMO_API_PATH;
  const sandbox = createSandbox({
    profile: options.profile,
    basePath: sandboxPath,
    publicUrl: origin ? origin + sandboxPath : undefined,
    processingDelayMs: options.processingDelayMs,
  });
  const apiKey = sandbox.apiKey;
  const tokenSecret = randomSecret();

  // The origin the browser used, so that presigned URLs made for proxied calls point where the
  // browser can reach the sandbox (the dev server's port is not always known in advance).
  const browserOrigin = new AsyncLocalStorage<string>();

  /** An in-process call to the sandbox: the identity API's path, re-rooted under /sandbox. */
  async function toSandbox(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const apiPath = url.pathname.replace(/^\/v1(?=\/)/, '');
    const base = origin ?? browserOrigin.getStore() ?? 'http://localhost';
    const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.arrayBuffer();
    return sandbox.fetch(new Request(`${base}${sandboxPath}${apiPath}${url.search}`, { method: request.method, headers: request.headers, body }));
  }

  const proxy = createProxy({ apiKey, tokenSecret, basePath: proxyPath, upstream: toSandbox });
  const demo = createDemoBackend({
    apiKey,
    tokenSecret,
    apiBase: 'http://sandbox.internal/v1',
    fetch: (input, init) => toSandbox(new Request(input, init)),
  });

  async function route(request: Request, connection?: ClientConnection): Promise<Response | null> {
    const { pathname } = new URL(request.url);
    if (under(pathname, sandboxPath)) return sandbox.fetch(request);
    if (under(pathname, proxyPath)) return proxy(request, connection);
    if (under(pathname, demoApiPath)) {
      const demoRequest = prefix ? new Request(new URL(pathname.slice(prefix.length) + new URL(request.url).search, request.url), request) : request;
      return (await demo(demoRequest)) ?? errorResponse(404, { code: 'unknown_route', title: 'Not found' });
    }
    return null;
  }

  return {
    handle: (request, connection) => browserOrigin.run(new URL(request.url).origin, () => route(request, connection)),
    sandbox,
    apiKey,
    tokenSecret,
  };
}

/** Connect/Express/Vite middleware (Koa via a small wrapper): answers what `handle` answers, else next(). */
export function nodeMiddleware(handle: DevBackend['handle']) {
  return toNodeMiddleware(handle);
}

function under(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(prefix + '/');
}

function randomSecret(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
