import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHROME_LINUX, FIREFOX_WINDOWS, relationshipTo, setup } from './helpers.js';

const deviceBody = (sid: string, attributes: Record<string, unknown> = {}) => ({
  data: { type: 'session_device', attributes, relationships: { session: relationshipTo('session', sid) } },
});

const behaviorPatch = (behavior: Record<string, unknown>, meta?: Record<string, unknown>) => ({
  data: { type: 'session', id: 'sess_A', attributes: { behavior_analysis: behavior } },
  ...(meta ? { meta } : {}),
});

const quietBehavior = {
  completion_time_seconds: 95,
  devtools_open: false,
  user_agent_spoof_attempts: 0,
  request_spoof_attempts: 0,
  bot_score: 0,
  threat_level: 'low',
};

/** The behavior block and evidence the upstream received with the last PATCH. */
function lastPatch(requests: { method: string; body: string }[]) {
  const body = JSON.parse(requests.filter((r) => r.method === 'PATCH').at(-1)!.body);
  return { behavior: body.data.attributes.behavior_analysis, evidence: body.meta?.evidence };
}

test('a new session device gets what the server observed, replacing anything the page claimed', async () => {
  const { call, token, upstream } = setup();
  const t = await token('sess_A');
  const response = await call('POST', '/identity/session-devices', {
    token: t,
    body: deviceBody('sess_A', { device_type: 'desktop', observed: { ip: '1.2.3.4', user_agent: 'forged' } }),
    connection: { clientIp: '198.51.100.20' },
  });
  assert.equal(response.status, 201);
  const sent = JSON.parse(upstream.requests[0]!.body).data.attributes;
  assert.equal(sent.device_type, 'desktop');
  assert.deepEqual(sent.observed, {
    ip: '198.51.100.20',
    user_agent: CHROME_LINUX['User-Agent'],
    sec_ch_ua: CHROME_LINUX['Sec-CH-UA'],
    sec_ch_ua_mobile: '?0',
    sec_ch_ua_platform: '"Linux"',
    accept_language: 'en-GB,en;q=0.9',
  });
});

test('behind a trusted proxy the observed IP is the X-Forwarded-For client', async () => {
  const { call, token, upstream } = setup({ trustProxy: true });
  await call('POST', '/identity/session-devices', {
    token: await token('sess_A'),
    body: deviceBody('sess_A'),
    headers: { 'X-Forwarded-For': '203.0.113.5, 10.0.0.1' },
    connection: { clientIp: '10.0.0.1' },
  });
  assert.equal(JSON.parse(upstream.requests[0]!.body).data.attributes.observed.ip, '203.0.113.5');
});

test('an honest session keeps a low threat; the page cannot lower a score the evidence raises', async () => {
  const { call, token, upstream } = setup();
  const t = await token('sess_A');
  await call('PATCH', '/identity/sessions/sess_A', { token: t, body: behaviorPatch(quietBehavior, { evidence: [], interactions: 40 }) });
  assert.deepEqual(lastPatch(upstream.requests).behavior, { ...quietBehavior, bot_score: 0, threat_level: 'low' });

  await call('PATCH', '/identity/sessions/sess_A', { token: t, body: behaviorPatch(quietBehavior, { evidence: ['webdriver'], interactions: 40 }) });
  const { behavior } = lastPatch(upstream.requests);
  assert.equal(behavior.bot_score, 100);
  assert.equal(behavior.threat_level, 'high');
});

test('the page cannot raise or invent request_spoof_attempts; the server counts requests from another browser', async () => {
  const { call, token, upstream } = setup();
  const t = await token('sess_A');
  await call('GET', '/identity/sessions/sess_A', { token: t }); // first device: Chrome on Linux
  await call('PATCH', '/identity/sessions/sess_A', {
    token: t,
    body: behaviorPatch({ ...quietBehavior, request_spoof_attempts: 12 }, { evidence: [], interactions: 40 }),
  });
  assert.equal(lastPatch(upstream.requests).behavior.request_spoof_attempts, 0);

  // The same token replayed from Firefox on Windows: two requests, both counted.
  await call('GET', '/identity/sessions/sess_A', { token: t, headers: FIREFOX_WINDOWS });
  await call('GET', '/identity/sessions/sess_A', { token: t, headers: FIREFOX_WINDOWS });
  await call('PATCH', '/identity/sessions/sess_A', { token: t, body: behaviorPatch(quietBehavior, { evidence: [], interactions: 40 }) });
  const { behavior } = lastPatch(upstream.requests);
  assert.equal(behavior.request_spoof_attempts, 2);
  assert.equal(behavior.threat_level, 'high');
});

test('a token issued for one browser and used by another counts as a spoof attempt', async () => {
  const { call, token, upstream } = setup();
  const t = await token('sess_A', { userAgent: FIREFOX_WINDOWS['User-Agent'] });
  await call('PATCH', '/identity/sessions/sess_A', { token: t, body: behaviorPatch(quietBehavior, { evidence: [], interactions: 40 }) });
  assert.equal(lastPatch(upstream.requests).behavior.request_spoof_attempts, 1);
});

test("header inconsistencies add to the page's user_agent_spoof_attempts, each kind once", async () => {
  const { call, token, upstream } = setup();
  const t = await token('sess_A');
  const mobileOnDesktop = { 'Sec-CH-UA-Mobile': '?1' };
  await call('GET', '/identity/sessions/sess_A', { token: t, headers: mobileOnDesktop });
  await call('GET', '/identity/sessions/sess_A', { token: t, headers: mobileOnDesktop });
  await call('PATCH', '/identity/sessions/sess_A', {
    token: t,
    headers: mobileOnDesktop,
    body: behaviorPatch({ ...quietBehavior, user_agent_spoof_attempts: 2 }, { evidence: [], interactions: 40 }),
  });
  const { behavior } = lastPatch(upstream.requests);
  assert.equal(behavior.user_agent_spoof_attempts, 3);
  assert.equal(behavior.threat_level, 'medium');
});

test('a device that misreports itself adds to user_agent_spoof_attempts', async () => {
  const { call, token, upstream } = setup();
  const t = await token('sess_A');
  await call('POST', '/identity/session-devices', { token: t, body: deviceBody('sess_A', { ua_platform: 'iOS', ua_mobile: true }) });
  await call('PATCH', '/identity/sessions/sess_A', { token: t, body: behaviorPatch(quietBehavior, { evidence: [], interactions: 40 }) });
  assert.equal(lastPatch(upstream.requests).behavior.user_agent_spoof_attempts, 2);
});

test('header evidence joins the page evidence and the score, even when the page sent none', async () => {
  const { call, token, upstream } = setup();
  const t = await token('sess_A');
  const chromeWithoutHints = { 'User-Agent': CHROME_LINUX['User-Agent']!.replace('Chrome/', 'HeadlessChrome/') };
  const headers = { ...chromeWithoutHints, 'Sec-CH-UA': '', 'Sec-CH-UA-Mobile': '', 'Sec-CH-UA-Platform': '' };
  await call('PATCH', '/identity/sessions/sess_A', { token: t, headers, body: behaviorPatch({ ...quietBehavior, bot_score: 3 }, { evidence: ['too_fast'] }) });
  const patched = lastPatch(upstream.requests);
  assert.deepEqual(patched.evidence, ['too_fast', 'headless_ua', 'ua_ch_missing']);
  assert.equal(patched.behavior.user_agent_spoof_attempts, 1);
  assert.equal(patched.behavior.bot_score, 100);
  assert.equal(patched.behavior.threat_level, 'high');
});

test('with collection off (nulls, no evidence) the server still fills its own fields and claims no score', async () => {
  const { call, token, upstream } = setup();
  const t = await token('sess_A');
  const nulls = { ...Object.fromEntries(Object.keys(quietBehavior).map((k) => [k, null])) };
  await call('PATCH', '/identity/sessions/sess_A', { token: t, body: behaviorPatch(nulls) });
  const { behavior, evidence } = lastPatch(upstream.requests);
  assert.equal(behavior.request_spoof_attempts, 0);
  assert.equal(behavior.user_agent_spoof_attempts, 0);
  assert.equal(behavior.bot_score, null);
  assert.equal(behavior.threat_level, null);
  assert.equal(evidence, undefined);
});

test('too few interactions leave the threat level unjudged', async () => {
  const { call, token, upstream } = setup();
  const t = await token('sess_A');
  await call('PATCH', '/identity/sessions/sess_A', { token: t, body: behaviorPatch(quietBehavior, { evidence: [], interactions: 1 }) });
  assert.equal(lastPatch(upstream.requests).behavior.threat_level, null);
});
