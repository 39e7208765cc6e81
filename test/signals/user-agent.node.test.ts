import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  claimedEngine,
  clientHintHeaders,
  detectEngine,
  navigatorPlatformOs,
  userAgentInconsistencies,
  type UserAgentSnapshot,
} from '../../src/signals/user-agent.js';

const CHROME_LINUX_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const CHROME_WINDOWS_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const FIREFOX_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI_IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const ANDROID_UA = 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';

const brands = (major: string) => [
  { brand: 'Not/A)Brand', version: '8' },
  { brand: 'Chromium', version: major },
  { brand: 'Google Chrome', version: major },
];

const chromeOnLinux: UserAgentSnapshot = {
  userAgent: CHROME_LINUX_UA,
  userAgentData: { brands: brands('126'), mobile: false, platform: 'Linux' },
  platform: 'Linux x86_64',
  engine: 'other',
  secureContext: true,
};

test('a consistent browser has no inconsistency', () => {
  assert.deepEqual(userAgentInconsistencies(chromeOnLinux), []);
  assert.deepEqual(
    userAgentInconsistencies({
      userAgent: ANDROID_UA,
      userAgentData: { brands: brands('126'), mobile: true, platform: 'Android' },
      platform: 'Linux armv81',
      engine: 'other',
      secureContext: true,
    }),
    [],
  );
  assert.deepEqual(userAgentInconsistencies({ userAgent: FIREFOX_UA, userAgentData: null, platform: 'Win32', engine: 'gecko', secureContext: true }), []);
  assert.deepEqual(
    userAgentInconsistencies({ userAgent: SAFARI_IPHONE_UA, userAgentData: null, platform: 'iPhone', engine: 'other', secureContext: true }),
    [],
  );
});

test('a User-Agent override without client hints (DevTools, extensions): hints missing and platform contradicted', () => {
  // What Chromium reports after Emulation.setUserAgentOverride without userAgentMetadata.
  const found = userAgentInconsistencies({
    ...chromeOnLinux,
    userAgent: CHROME_WINDOWS_UA,
    userAgentData: { brands: [], mobile: false, platform: '' },
  });
  assert.deepEqual(found, ['client_hints_missing', 'navigator_platform_mismatch']);
});

test('client hints are only expected in a secure context', () => {
  assert.deepEqual(userAgentInconsistencies({ ...chromeOnLinux, userAgentData: null, secureContext: false }), []);
});

test('each rule between the User-Agent and the hints, shared with the server', () => {
  const data = chromeOnLinux.userAgentData!;
  assert.deepEqual(userAgentInconsistencies({ ...chromeOnLinux, userAgentData: { ...data, brands: brands('120') } }), ['brand_version_mismatch']);
  assert.deepEqual(userAgentInconsistencies({ ...chromeOnLinux, userAgentData: { ...data, mobile: true } }), ['mobile_mismatch']);
  assert.deepEqual(userAgentInconsistencies({ ...chromeOnLinux, userAgentData: { ...data, platform: 'Windows' } }), ['platform_mismatch']);
  assert.deepEqual(userAgentInconsistencies({ ...chromeOnLinux, userAgent: FIREFOX_UA, platform: 'Win32', engine: 'other' }), [
    'client_hints_without_chromium',
    'engine_mismatch',
  ]);
});

test('features contradicting the claimed engine', () => {
  assert.deepEqual(userAgentInconsistencies({ ...chromeOnLinux, engine: 'gecko' }), ['engine_mismatch']);
  assert.equal(claimedEngine(FIREFOX_UA), 'gecko');
  assert.equal(claimedEngine(CHROME_LINUX_UA), 'other');
  assert.equal(claimedEngine(SAFARI_IPHONE_UA), 'other');
  assert.equal(claimedEngine('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) FxiOS/128.0 Mobile/15E148 Safari/605.1.15'), 'other');
  assert.equal(claimedEngine('curl/8.0'), null);
  assert.equal(
    detectEngine((property) => property === '-moz-orient'),
    'gecko',
  );
  assert.equal(
    detectEngine(() => false),
    'other',
  );
});

test('navigator.platform spellings', () => {
  assert.equal(navigatorPlatformOs('Win32'), 'Windows');
  assert.equal(navigatorPlatformOs('MacIntel'), 'macOS');
  assert.equal(navigatorPlatformOs('iPhone'), 'iOS');
  assert.equal(navigatorPlatformOs('Linux aarch64'), 'Linux');
  assert.equal(navigatorPlatformOs(''), null);
  // Chrome OS and Android run on Linux: no mismatch.
  const chromeOs = 'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
  assert.deepEqual(
    userAgentInconsistencies({ ...chromeOnLinux, userAgent: chromeOs, userAgentData: { ...chromeOnLinux.userAgentData!, platform: 'Chrome OS' } }),
    [],
  );
});

test('the page writes its hints as the headers they stand for, quoting brands safely', () => {
  const headers = clientHintHeaders({
    ...chromeOnLinux,
    userAgentData: { brands: [{ brand: 'Odd "Brand"\\', version: '1' }], mobile: true, platform: 'Android' },
  });
  assert.equal(headers.get('sec-ch-ua'), '"Odd \\"Brand\\"\\\\";v="1"');
  assert.equal(headers.get('sec-ch-ua-mobile'), '?1');
  assert.equal(headers.get('sec-ch-ua-platform'), '"Android"');
  assert.equal(clientHintHeaders({ ...chromeOnLinux, userAgentData: null }).get('sec-ch-ua'), null);
});
