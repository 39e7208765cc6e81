/** Shared set-up for the proxy tests: one proxy over a fake upstream, a controllable clock, browsers' headers. */
import { createClientToken } from '../../src/server/client-token.js';
import { createProxy, type ClientConnection, type ProxyOptions } from '../../src/server/proxy.js';
import { fakeUpstream } from './fake-upstream.js';

export const API_KEY = 'sk_staging_proxytests_0123456789abcdef';
export const TOKEN_SECRET = 'proxy-test-token-secret-0123456789abcdef';
export const T0 = Date.UTC(2025, 5, 1, 9, 0, 0);

export const CHROME_LINUX: Record<string, string> = {
  'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  'Sec-CH-UA': '"Chromium";v="126", "Not.A/Brand";v="24", "Google Chrome";v="126"',
  'Sec-CH-UA-Mobile': '?0',
  'Sec-CH-UA-Platform': '"Linux"',
  'Accept-Language': 'en-GB,en;q=0.9',
};

export const FIREFOX_WINDOWS: Record<string, string> = {
  'User-Agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
  'Accept-Language': 'de-DE',
};

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
  connection?: ClientConnection;
  origin?: string;
}

export function setup(extra: Partial<ProxyOptions> = {}) {
  const upstream = fakeUpstream(API_KEY);
  let clock = T0;
  const proxy = createProxy({ apiKey: API_KEY, tokenSecret: TOKEN_SECRET, upstream: upstream.fetch, basePath: '/beltic', now: () => clock, ...extra });

  return {
    upstream,
    proxy,
    advance(ms: number) {
      clock += ms;
    },
    token(sessionId = 'sess_A', options: { expiresIn?: number; userAgent?: string } = {}) {
      return createClientToken({
        sessionId,
        secret: TOKEN_SECRET,
        now: () => clock,
        expiresIn: options.expiresIn,
        device: options.userAgent ? { userAgent: options.userAgent } : undefined,
      });
    },
    async call(method: string, path: string, options: CallOptions = {}): Promise<Response> {
      const headers = new Headers({ ...CHROME_LINUX, ...options.headers });
      if (options.token) headers.set('Authorization', `Bearer ${options.token}`);
      let body: string | undefined;
      if (options.body !== undefined) {
        body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
        if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
      }
      const request = new Request(`${options.origin ?? 'https://shop.example'}/beltic${path}`, { method, headers, body });
      return proxy(request, options.connection);
    },
  };
}

export async function errorOf(response: Response): Promise<{ status: string; code: string; source?: Record<string, string> }> {
  const body = (await response.json()) as { errors: { status: string; code: string; source?: Record<string, string> }[] };
  return body.errors[0]!;
}

export const relationshipTo = (type: string, id: string) => ({ data: { type, id } });
