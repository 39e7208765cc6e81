/**
 * The session device record the browser reports (signals.md §Device): what kind of device and
 * browser opened the session, for a reviewer to compare with what the server saw. Properties of
 * the device only: nothing the applicant typed, no identifiers (no deviceId, no renderer string, no
 * camera label). The server adds `observed` (IP, headers) itself.
 */
import type { CameraSummary } from './camera.js';
import { webglRendererClass, type RendererClass } from './webgl.js';

export type DeviceType = 'mobile' | 'tablet' | 'desktop';

export interface DeviceReport {
  user_agent: string;
  ua_brands: { brand: string; version: string }[] | null;
  ua_mobile: boolean | null;
  ua_platform: string | null;
  platform_version: string | null;
  model: string | null;
  full_version_list: { brand: string; version: string }[] | null;
  device_type: DeviceType;
  screen: { width: number; height: number; color_depth: number; orientation: string | null };
  viewport: { width: number; height: number };
  device_pixel_ratio: number;
  timezone: string | null;
  languages: string[];
  touch: { max_touch_points: number; coarse_pointer: boolean };
  hardware_concurrency: number | null;
  device_memory: number | null;
  connection: { effective_type: string | null; save_data: boolean | null } | null;
  webgl_renderer_class: RendererClass;
  camera: CameraSummary | null;
}

interface UserAgentData {
  brands: { brand: string; version: string }[];
  mobile: boolean;
  platform: string;
  getHighEntropyValues?(hints: string[]): Promise<{ platformVersion?: string; model?: string; fullVersionList?: { brand: string; version: string }[] }>;
}

type DeviceNavigator = Navigator & {
  userAgentData?: UserAgentData;
  deviceMemory?: number;
  connection?: { effectiveType?: string; saveData?: boolean };
};

export function deviceType(userAgent: string, mobileHint: boolean | null, maxTouchPoints: number, platform: string): DeviceType {
  if (/iPad|Tablet|PlayBook|Silk|Kindle/i.test(userAgent)) return 'tablet';
  // iPadOS asks for desktop sites: a touch "Mac" is an iPad.
  if (/Macintosh/.test(userAgent) && platform === 'MacIntel' && maxTouchPoints > 1) return 'tablet';
  if (mobileHint === true || /Mobi|iPhone|iPod/i.test(userAgent)) return 'mobile';
  // Android without "Mobile" is a tablet by Android's own convention.
  if (/Android/i.test(userAgent)) return 'tablet';
  return 'desktop';
}

/**
 * High-entropy client hints are asked only where the reduced User-Agent hides what a reviewer
 * needs: on Android it no longer names the model or the OS version. Elsewhere they stay null.
 */
async function highEntropyValues(data: UserAgentData | undefined): Promise<Pick<DeviceReport, 'platform_version' | 'model' | 'full_version_list'>> {
  const none = { platform_version: null, model: null, full_version_list: null };
  if (!data?.getHighEntropyValues || data.platform !== 'Android') return none;
  try {
    const values = await data.getHighEntropyValues(['platformVersion', 'model', 'fullVersionList']);
    return {
      platform_version: values.platformVersion ?? null,
      model: values.model || null,
      full_version_list: values.fullVersionList?.map(({ brand, version }) => ({ brand, version })) ?? null,
    };
  } catch {
    return none;
  }
}

export async function readDevice(win: Window & typeof globalThis = window, camera: CameraSummary | null = null): Promise<DeviceReport> {
  const nav = win.navigator as DeviceNavigator;
  const data = nav.userAgentData;
  const screen = win.screen;
  let timezone: string | null = null;
  try {
    timezone = Intl.DateTimeFormat().resolvedOptions().timeZone ?? null;
  } catch {
    timezone = null;
  }
  return {
    user_agent: nav.userAgent,
    ua_brands: data ? data.brands.map(({ brand, version }) => ({ brand, version })) : null,
    ua_mobile: data ? data.mobile : null,
    ua_platform: data?.platform || null,
    ...(await highEntropyValues(data)),
    device_type: deviceType(nav.userAgent, data ? data.mobile : null, nav.maxTouchPoints ?? 0, nav.platform ?? ''),
    screen: { width: screen.width, height: screen.height, color_depth: screen.colorDepth, orientation: screen.orientation?.type ?? null },
    viewport: { width: win.innerWidth, height: win.innerHeight },
    device_pixel_ratio: win.devicePixelRatio,
    timezone,
    languages: [...(nav.languages ?? [nav.language])],
    touch: { max_touch_points: nav.maxTouchPoints ?? 0, coarse_pointer: win.matchMedia?.('(pointer: coarse)').matches ?? false },
    hardware_concurrency: nav.hardwareConcurrency ?? null,
    device_memory: nav.deviceMemory ?? null,
    connection: nav.connection ? { effective_type: nav.connection.effectiveType ?? null, save_data: nav.connection.saveData ?? null } : null,
    webgl_renderer_class: webglRendererClass(win.document),
    camera,
  };
}
