/**
 * The User-Agent vocabulary shared by the page's signals (signals/user-agent.ts) and the server
 * (server/request-signals.ts): how a User-Agent and its Sec-CH-UA* client hints are read, and the
 * ways they can disagree. Pure functions over Fetch `Headers`, so they run in every runtime.
 */

/** Why a header set is inconsistent; each id counts once per session in `user_agent_spoof_attempts`. */
export type UserAgentInconsistency =
  | 'client_hints_missing'
  | 'client_hints_without_chromium'
  | 'brand_version_mismatch'
  | 'mobile_mismatch'
  | 'platform_mismatch'
  | 'reported_user_agent_mismatch'
  | 'reported_mobile_mismatch'
  | 'reported_platform_mismatch'
  | 'reported_brands_mismatch';

/** Chromium has sent Sec-CH-UA by default since version 89. */
const FIRST_CHROMIUM_WITH_CLIENT_HINTS = 90;

/** The Chromium major version a User-Agent claims, or null when it is not a Chromium browser. */
export function chromiumMajor(userAgent: string): number | null {
  // Chrome, Edge and Firefox on iOS are WebKit underneath and send no client hints.
  if (/Firefox\/|FxiOS|CriOS|EdgiOS|OPiOS/.test(userAgent)) return null;
  const match = /(?:HeadlessChrome|Chromium|Chrome)\/(\d+)/.exec(userAgent);
  return match ? Number(match[1]) : null;
}

export interface Brand {
  brand: string;
  version: string;
}

/** Parses a Sec-CH-UA structured header: `"Chromium";v="126", "Not.A/Brand";v="24"`. */
export function parseBrands(header: string): Brand[] {
  return [...header.matchAll(/"((?:[^"\\]|\\.)*)"\s*;\s*v\s*=\s*"([^"]*)"/g)].map((m) => ({ brand: m[1]!, version: m[2]! }));
}

/** The platform a User-Agent names, spelled as Sec-CH-UA-Platform spells it (the widget uses it too). */
export function userAgentPlatform(userAgent: string): string | null {
  if (/Android/.test(userAgent)) return 'Android';
  if (/CrOS/.test(userAgent)) return 'Chrome OS';
  if (/iPhone|iPad|iPod/.test(userAgent)) return 'iOS';
  if (/Windows/.test(userAgent)) return 'Windows';
  if (/Macintosh|Mac OS X/.test(userAgent)) return 'macOS';
  if (/Linux|X11/.test(userAgent)) return 'Linux';
  return null;
}

const KNOWN_PLATFORMS = new Set(['Android', 'Chrome OS', 'Chromium OS', 'iOS', 'Windows', 'macOS', 'Linux']);

function unquote(value: string | null): string | null {
  return value === null ? null : value.trim().replace(/^"(.*)"$/, '$1');
}

function mobileHint(value: string | null): boolean | null {
  if (value === null) return null;
  const v = value.trim();
  return v === '?1' ? true : v === '?0' ? false : null;
}

/** Inconsistencies among one request's own User-Agent and Sec-CH-UA* headers. */
export function headerInconsistencies(headers: Headers, secureContext: boolean): UserAgentInconsistency[] {
  const found: UserAgentInconsistency[] = [];
  const userAgent = headers.get('user-agent') ?? '';
  const brandsHeader = headers.get('sec-ch-ua') || null; // an empty header is as good as none
  const major = chromiumMajor(userAgent);

  if (brandsHeader === null) {
    if (major !== null && major >= FIRST_CHROMIUM_WITH_CLIENT_HINTS && secureContext) found.push('client_hints_missing');
    return found;
  }
  if (major === null) {
    found.push('client_hints_without_chromium');
    return found;
  }
  const chromium = parseBrands(brandsHeader).find((b) => /^(Chromium|Google Chrome|HeadlessChrome)$/.test(b.brand));
  if (chromium && Number.parseInt(chromium.version, 10) !== major) found.push('brand_version_mismatch');

  const mobile = mobileHint(headers.get('sec-ch-ua-mobile'));
  if (mobile === true && !/Mobile|Android/.test(userAgent)) found.push('mobile_mismatch');
  if (mobile === false && /Android.*Mobile/.test(userAgent)) found.push('mobile_mismatch');

  const platform = unquote(headers.get('sec-ch-ua-platform'));
  const uaPlatform = userAgentPlatform(userAgent);
  if (platform && KNOWN_PLATFORMS.has(platform) && uaPlatform && normalPlatform(platform) !== uaPlatform) {
    found.push('platform_mismatch');
  }
  return found;
}

function normalPlatform(platform: string): string {
  return platform === 'Chromium OS' ? 'Chrome OS' : platform;
}

/** The browser's self-report on a session device (signals.md §Device), as far as it is compared. */
export interface ReportedDevice {
  user_agent?: unknown;
  ua_brands?: unknown;
  ua_mobile?: unknown;
  ua_platform?: unknown;
}

/**
 * Inconsistencies between what the page reported (navigator.userAgent, userAgentData) and the
 * headers the same browser sent with the report. Only fields present on both sides are compared.
 */
export function reportedDeviceInconsistencies(reported: ReportedDevice, headers: Headers): UserAgentInconsistency[] {
  const found: UserAgentInconsistency[] = [];
  const userAgent = headers.get('user-agent');
  if (typeof reported.user_agent === 'string' && userAgent !== null && reported.user_agent !== userAgent) {
    found.push('reported_user_agent_mismatch');
  }
  const mobile = mobileHint(headers.get('sec-ch-ua-mobile'));
  if (typeof reported.ua_mobile === 'boolean' && mobile !== null && reported.ua_mobile !== mobile) {
    found.push('reported_mobile_mismatch');
  }
  const platform = unquote(headers.get('sec-ch-ua-platform'));
  if (typeof reported.ua_platform === 'string' && platform && reported.ua_platform !== platform) {
    found.push('reported_platform_mismatch');
  }
  const brandsHeader = headers.get('sec-ch-ua');
  if (Array.isArray(reported.ua_brands) && brandsHeader !== null) {
    const sent = new Set(parseBrands(brandsHeader).map((b) => b.brand));
    const said = new Set(reported.ua_brands.map((b: unknown) => (b as Brand | null)?.brand).filter((b) => typeof b === 'string'));
    if (sent.size !== said.size || [...said].some((b) => !sent.has(b))) found.push('reported_brands_mismatch');
  }
  return found;
}
