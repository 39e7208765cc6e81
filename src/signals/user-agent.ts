/**
 * `user_agent_spoof_attempts`, the page's part (signals.md): inconsistencies between
 * `navigator.userAgent`, `navigator.userAgentData`, `navigator.platform` and what the engine can
 * actually do. Each kind counts once.
 *
 * The rules between the User-Agent and the client hints are the server's own (server/request-
 * signals.ts): the page writes its values as the headers they stand for and asks the same function,
 * so the page and the proxy can never disagree on what is consistent. Two rules only the page can
 * apply are added here.
 */
import { chromiumMajor, headerInconsistencies, userAgentPlatform, type UserAgentInconsistency } from '../behavior/user-agent.js';

export type PageUserAgentInconsistency =
  | UserAgentInconsistency
  /** `navigator.platform` names another OS than the User-Agent. */
  | 'navigator_platform_mismatch'
  /** The User-Agent names an engine the browser's features contradict. */
  | 'engine_mismatch';

export interface UserAgentSnapshot {
  userAgent: string;
  /** null where the browser has no `navigator.userAgentData`. */
  userAgentData: { brands: { brand: string; version: string }[]; mobile: boolean; platform: string } | null;
  /** `navigator.platform`, e.g. "Win32", "MacIntel", "Linux x86_64", "iPhone". */
  platform: string;
  /** The engine the features say this is. */
  engine: Engine;
  /** Client hints exist only in secure contexts (HTTPS, localhost). */
  secureContext: boolean;
}

/**
 * Engines told apart by features. Only Gecko is detected: a CSS property nothing else parses
 * settles it, while Blink and WebKit share their -webkit- past (the client-hint rules tell those
 * two apart: Chromium has them, Safari does not).
 */
export type Engine = 'gecko' | 'other';

export function detectEngine(supports: (property: string, value: string) => boolean): Engine {
  return supports('-moz-orient', 'inline') ? 'gecko' : 'other';
}

/** The engine a User-Agent claims; null when it does not say clearly. */
export function claimedEngine(userAgent: string): Engine | null {
  // Every browser on iOS is WebKit whatever it calls itself (FxiOS included).
  if (/iPhone|iPad|iPod/.test(userAgent)) return 'other';
  if (/Firefox\//.test(userAgent)) return 'gecko';
  if (chromiumMajor(userAgent) !== null || /Version\/[\d.]+.*Safari\//.test(userAgent)) return 'other';
  return null;
}

/** The OS `navigator.platform` names, spelled as userAgentPlatform spells it; null when unclear. */
export function navigatorPlatformOs(platform: string): string | null {
  if (/^Win/.test(platform)) return 'Windows';
  if (/^Mac/.test(platform)) return 'macOS';
  if (/^(iPhone|iPad|iPod)/.test(platform)) return 'iOS';
  if (/Linux|Android|CrOS|X11/.test(platform)) return 'Linux';
  return null;
}

/** Linux kernels run Android and Chrome OS: their navigator.platform says "Linux …". */
function samePlatform(fromNavigator: string, fromUserAgent: string): boolean {
  if (fromNavigator === fromUserAgent) return true;
  return fromNavigator === 'Linux' && (fromUserAgent === 'Android' || fromUserAgent === 'Chrome OS');
}

/** The client-hint headers this browser's own values stand for. */
export function clientHintHeaders(snapshot: UserAgentSnapshot): Headers {
  const headers = new Headers({ 'User-Agent': snapshot.userAgent });
  const data = snapshot.userAgentData;
  if (data && data.brands.length > 0) {
    const quote = (s: string) => `"${s.replace(/[\\"]/g, '\\$&')}"`;
    headers.set('Sec-CH-UA', data.brands.map((b) => `${quote(b.brand)};v=${quote(b.version)}`).join(', '));
    headers.set('Sec-CH-UA-Mobile', data.mobile ? '?1' : '?0');
    if (data.platform) headers.set('Sec-CH-UA-Platform', quote(data.platform));
  }
  return headers;
}

export function userAgentInconsistencies(snapshot: UserAgentSnapshot): PageUserAgentInconsistency[] {
  const found: PageUserAgentInconsistency[] = headerInconsistencies(clientHintHeaders(snapshot), snapshot.secureContext);

  const uaPlatform = userAgentPlatform(snapshot.userAgent);
  const navigatorOs = navigatorPlatformOs(snapshot.platform);
  if (uaPlatform && navigatorOs && !samePlatform(navigatorOs, uaPlatform)) found.push('navigator_platform_mismatch');

  const claimed = claimedEngine(snapshot.userAgent);
  if (claimed !== null && claimed !== snapshot.engine) found.push('engine_mismatch');
  return found;
}

export function readUserAgentSnapshot(win: Window & typeof globalThis): UserAgentSnapshot {
  const nav = win.navigator as Navigator & { userAgentData?: { brands: { brand: string; version: string }[]; mobile: boolean; platform: string } };
  const data = nav.userAgentData;
  return {
    userAgent: nav.userAgent,
    userAgentData: data ? { brands: data.brands.map(({ brand, version }) => ({ brand, version })), mobile: data.mobile, platform: data.platform } : null,
    platform: nav.platform ?? '',
    engine: detectEngine((property, value) => win.CSS?.supports?.(property, value) ?? false),
    secureContext: win.isSecureContext,
  };
}
