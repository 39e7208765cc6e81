import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromiumMajor, headerInconsistencies, parseBrands, reportedDeviceInconsistencies } from '../../src/behavior/user-agent.js';
import { clientIp, headerEvidence, isSecureContextRequest } from '../../src/server/request-signals.js';
import { CHROME_LINUX, FIREFOX_WINDOWS } from './helpers.js';

const ANDROID_CHROME = {
  'User-Agent': 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
  'Sec-CH-UA': '"Chromium";v="126", "Not.A/Brand";v="24", "Google Chrome";v="126"',
  'Sec-CH-UA-Mobile': '?1',
  'Sec-CH-UA-Platform': '"Android"',
};
const IPHONE_SAFARI = {
  'User-Agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
};
const IPHONE_CHROME = {
  'User-Agent':
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
};

const h = (init: Record<string, string>) => new Headers(init);

test('real browsers have consistent headers', () => {
  for (const browser of [CHROME_LINUX, ANDROID_CHROME, FIREFOX_WINDOWS, IPHONE_SAFARI, IPHONE_CHROME]) {
    assert.deepEqual(headerInconsistencies(h(browser), true), [], browser['User-Agent']);
  }
});

test('a Chromium UA without client hints counts only from a secure context', () => {
  const noHints = h({ 'User-Agent': CHROME_LINUX['User-Agent']! });
  assert.deepEqual(headerInconsistencies(noHints, true), ['client_hints_missing']);
  assert.deepEqual(headerInconsistencies(noHints, false), []);
  assert.deepEqual(headerEvidence(noHints, true), ['ua_ch_missing']);
  const oldChrome = h({ 'User-Agent': 'Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/80.0.0.0 Safari/537.36' });
  assert.deepEqual(headerInconsistencies(oldChrome, true), []);
});

test('mobile, platform and version contradictions are each found', () => {
  assert.deepEqual(headerInconsistencies(h({ ...CHROME_LINUX, 'Sec-CH-UA-Mobile': '?1' }), true), ['mobile_mismatch']);
  assert.deepEqual(headerInconsistencies(h({ ...ANDROID_CHROME, 'Sec-CH-UA-Mobile': '?0' }), true), ['mobile_mismatch']);
  assert.deepEqual(headerInconsistencies(h({ ...CHROME_LINUX, 'Sec-CH-UA-Platform': '"Windows"' }), true), ['platform_mismatch']);
  assert.deepEqual(headerInconsistencies(h({ ...ANDROID_CHROME, 'Sec-CH-UA-Platform': '"Linux"' }), true), ['platform_mismatch']);
  assert.deepEqual(headerInconsistencies(h({ ...CHROME_LINUX, 'Sec-CH-UA': '"Chromium";v="99"' }), true), ['brand_version_mismatch']);
  assert.deepEqual(headerInconsistencies(h({ ...FIREFOX_WINDOWS, 'Sec-CH-UA': CHROME_LINUX['Sec-CH-UA']! }), true), ['client_hints_without_chromium']);
});

test('what a page reports about itself is compared with the headers it sent', () => {
  const headers = h(CHROME_LINUX);
  const honest = {
    user_agent: CHROME_LINUX['User-Agent'],
    ua_brands: parseBrands(CHROME_LINUX['Sec-CH-UA']!),
    ua_mobile: false,
    ua_platform: 'Linux',
  };
  assert.deepEqual(reportedDeviceInconsistencies(honest, headers), []);
  assert.deepEqual(reportedDeviceInconsistencies({}, headers), []);
  const liar = { user_agent: 'Mozilla/5.0 (iPhone)', ua_brands: [{ brand: 'Safari', version: '17' }], ua_mobile: true, ua_platform: 'iOS' };
  assert.deepEqual(reportedDeviceInconsistencies(liar, headers), [
    'reported_user_agent_mismatch',
    'reported_mobile_mismatch',
    'reported_platform_mismatch',
    'reported_brands_mismatch',
  ]);
});

test('headless browsers are evidence from the header alone', () => {
  const headless = h({ ...CHROME_LINUX, 'User-Agent': CHROME_LINUX['User-Agent']!.replace('Chrome/', 'HeadlessChrome/') });
  assert.deepEqual(headerEvidence(headless, true), ['headless_ua']);
  assert.equal(chromiumMajor(headless.get('user-agent')!), 126);
});

test('the client IP comes from the connection unless the proxy in front is trusted', () => {
  const headers = h({ 'X-Forwarded-For': '203.0.113.7, 10.0.0.2' });
  assert.equal(clientIp(headers, '10.0.0.2', false), '10.0.0.2');
  assert.equal(clientIp(headers, '10.0.0.2', true), '203.0.113.7');
  assert.equal(clientIp(h({}), undefined, true), null);
});

test('secure contexts: https, localhost, or https behind a trusted proxy', () => {
  assert.equal(isSecureContextRequest(new URL('https://a.example/x'), h({}), false), true);
  assert.equal(isSecureContextRequest(new URL('http://localhost:5173/x'), h({}), false), true);
  assert.equal(isSecureContextRequest(new URL('http://a.example/x'), h({ 'X-Forwarded-Proto': 'https' }), false), false);
  assert.equal(isSecureContextRequest(new URL('http://a.example/x'), h({ 'X-Forwarded-Proto': 'https' }), true), true);
});
