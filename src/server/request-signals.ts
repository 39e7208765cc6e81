/**
 * What only the server can see about the applicant's browser: the client IP and the request
 * headers (signals.md, "Observed by the server"), and whether those headers agree with each other
 * and with what the page reported about itself.
 *
 * Pure functions over Fetch `Headers`, so they run in every runtime and test without a server.
 * Header values are compared, never stored beyond the session device's `observed` block.
 */
import type { EvidenceId } from '../behavior/score.js';
import { headerInconsistencies } from '../behavior/user-agent.js';

/** `attributes.observed` on a session device. */
export interface ObservedDevice {
  ip: string | null;
  user_agent: string | null;
  sec_ch_ua: string | null;
  sec_ch_ua_mobile: string | null;
  sec_ch_ua_platform: string | null;
  accept_language: string | null;
}

export function observedDevice(headers: Headers, ip: string | null): ObservedDevice {
  return {
    ip,
    user_agent: headers.get('user-agent'),
    sec_ch_ua: headers.get('sec-ch-ua'),
    sec_ch_ua_mobile: headers.get('sec-ch-ua-mobile'),
    sec_ch_ua_platform: headers.get('sec-ch-ua-platform'),
    accept_language: headers.get('accept-language'),
  };
}

/**
 * The headers that identify a browser build on a device. A client token replayed from another
 * browser changes this; the same browser sends the same values on every request.
 */
export function deviceFingerprint(headers: Headers): string {
  return ['user-agent', 'sec-ch-ua', 'sec-ch-ua-mobile', 'sec-ch-ua-platform'].map((name) => headers.get(name) ?? '').join('\n');
}

/**
 * The client IP: from the connection (the runtime adapter passes it), or, behind a proxy the
 * integrator trusts, the left-most X-Forwarded-For entry. Without trustProxy the header is ignored,
 * because any client can send it.
 */
export function clientIp(headers: Headers, connectionIp: string | null | undefined, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return connectionIp || null;
}

/**
 * Chromium sends Sec-CH-UA only to potentially trustworthy origins: HTTPS, or localhost.
 * Behind a trusted TLS-terminating proxy, X-Forwarded-Proto says what the browser used.
 */
export function isSecureContextRequest(url: URL, headers: Headers, trustProxy: boolean): boolean {
  const forwardedProto = trustProxy ? headers.get('x-forwarded-proto')?.split(',')[0]?.trim() : undefined;
  if ((forwardedProto ?? url.protocol.replace(':', '')) === 'https') return true;
  const host = url.hostname;
  return host === 'localhost' || host.endsWith('.localhost') || host === '127.0.0.1' || host === '[::1]';
}

/** Automation evidence readable from headers alone; the page cannot take it back. */
export function headerEvidence(headers: Headers, secureContext: boolean): EvidenceId[] {
  const evidence: EvidenceId[] = [];
  const userAgent = headers.get('user-agent') ?? '';
  if (/HeadlessChrome|PhantomJS|\bHeadless\b/i.test(userAgent)) evidence.push('headless_ua');
  if (headerInconsistencies(headers, secureContext).includes('client_hints_missing')) evidence.push('ua_ch_missing');
  return evidence;
}
