import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paths } from '../../src/api/contract.js';
import { ALLOWED, matchRoute } from '../../src/server/allow-list.js';
import { createProxy } from '../../src/server/proxy.js';
import { API_KEY, errorOf, relationshipTo, setup, T0, TOKEN_SECRET } from './helpers.js';

test('every path the widget calls (contract.paths) is on the allow-list', () => {
  for (const [name, build] of Object.entries(paths)) {
    const path = (build as (id: string) => string)('some-id').split('?')[0]!;
    assert.ok(
      ALLOWED.some((route) => matchRoute(route.method, path).outcome === 'allowed'),
      `${name}: ${path}`,
    );
  }
});

test('decisions, expiry, redaction, accounts and lists are 403, for any session', async () => {
  const { call, token, upstream } = setup();
  const t = await token('sess_A');
  const refused: [string, string][] = [
    ['POST', '/identity/sessions/sess_A/approve'],
    ['POST', '/identity/sessions/sess_A/decline'],
    ['POST', '/identity/sessions/sess_A/expire'],
    ['POST', '/identity/sessions/sess_A/redact'],
    ['POST', '/identity/sessions/sess_B/approve'],
    ['GET', '/identity/sessions'],
    ['POST', '/identity/sessions'],
    ['GET', '/identity/documents/idvs'],
    ['GET', '/identity/session-devices'],
    ['GET', '/identity/accounts'],
    ['POST', '/identity/accounts'],
    ['GET', '/identity/accounts/acc_1'],
    ['POST', '/identity/accounts/acc_1/redact'],
    ['POST', '/identity/documents/addresses'],
  ];
  for (const [method, path] of refused) {
    const response = await call(method, path, { token: t, body: method === 'POST' ? { data: {} } : undefined });
    assert.equal(response.status, 403, `${method} ${path}`);
    assert.equal((await errorOf(response)).code, 'forbidden');
  }
  assert.equal(upstream.requests.length, 0);
});

test('wrong methods on known routes are 405 with Allow; unknown paths are 404', async () => {
  const { call, token, upstream } = setup();
  const t = await token('sess_A');
  const del = await call('DELETE', '/identity/sessions/sess_A', { token: t });
  assert.equal(del.status, 405);
  assert.equal(del.headers.get('allow'), 'GET, PATCH');
  assert.equal((await call('PUT', '/identity/verifications/ver_A0', { token: t, body: { data: {} } })).status, 405);
  assert.equal((await call('PATCH', '/identity/documents/idvs/doc_A0', { token: t, body: { data: {} } })).status, 405);
  for (const path of ['/identity/widgets', '/identity/sessions/sess_A/start/now', '/identity/sessions/sess_A%2F..%2Fsess_B', '/identity/sessions/..']) {
    assert.equal((await call('GET', path, { token: t })).status, 404, path);
  }
  assert.equal(upstream.requests.length, 0);
});

test("another session's session is 404 and its resources are 404, never revealed", async () => {
  const { call, token, upstream } = setup();
  const t = await token('sess_A');
  const attempts: [string, string, unknown?][] = [
    ['GET', '/identity/sessions/sess_B'],
    ['PATCH', '/identity/sessions/sess_B', { data: { type: 'session', attributes: { person: {} } } }],
    ['POST', '/identity/sessions/sess_B/start'],
    ['GET', '/identity/documents/idvs/doc_B1'],
    ['POST', '/identity/documents/idvs/doc_B1/files', { data: { attributes: { filename: 'x.jpg' } } }],
    ['POST', '/identity/documents/idvs/doc_B1/submit'],
    ['GET', '/identity/session-devices/dev_B1'],
    ['GET', '/identity/verifications/ver_B1'],
    ['GET', '/identity/documents/idvs/doc_nonexistent'],
  ];
  for (const [method, path, body] of attempts) {
    const response = await call(method, path, { token: t, body });
    assert.equal(response.status, 404, `${method} ${path}`);
    assert.equal((await errorOf(response)).code, 'not_found');
  }
  // Only ownership lookups (GETs) reached the upstream; nothing was changed or uploaded.
  assert.ok(upstream.requests.every((r) => r.method === 'GET'));
});

test('creating resources for another session is 404; a missing session link is 422', async () => {
  const { call, token, upstream } = setup();
  const t = await token('sess_A');
  const forB = { data: { type: 'document/idv', attributes: {}, relationships: { session: relationshipTo('session', 'sess_B') } } };
  assert.equal((await call('POST', '/identity/documents/idvs', { token: t, body: forB })).status, 404);
  const device = { data: { type: 'session_device', attributes: {}, relationships: { session: relationshipTo('session', 'sess_B') } } };
  assert.equal((await call('POST', '/identity/session-devices', { token: t, body: device })).status, 404);
  const unlinked = await call('POST', '/identity/documents/idvs', { token: t, body: { data: { type: 'document/idv', attributes: {} } } });
  assert.equal(unlinked.status, 422);
  assert.equal((await errorOf(unlinked)).source?.pointer, '/data/relationships/session');

  const verifyOthersDocument = {
    data: {
      type: 'verification/idv',
      relationships: { session: relationshipTo('session', 'sess_A'), document: relationshipTo('document/idv', 'doc_B1') },
    },
  };
  assert.equal((await call('POST', '/identity/verifications', { token: t, body: verifyOthersDocument })).status, 404);
  const noDocument = { data: { type: 'verification/idv', relationships: { session: relationshipTo('session', 'sess_A') } } };
  assert.equal((await call('POST', '/identity/verifications', { token: t, body: noDocument })).status, 422);
  assert.ok(upstream.requests.every((r) => r.method === 'GET'));
});

test('PATCH may change only the behaviour signals: the identity is refused with its own code, other attributes and links too', async () => {
  const { call, token, upstream } = setup();
  const t = await token('sess_A');
  for (const attribute of ['status', 'completed_at', 'entity_type', 'redacted_at']) {
    const response = await call('PATCH', '/identity/sessions/sess_A', { token: t, body: { data: { type: 'session', attributes: { [attribute]: 'x' } } } });
    assert.equal(response.status, 403, attribute);
    const error = await errorOf(response);
    assert.equal(error.code, 'attribute_not_allowed');
    assert.equal(error.source?.pointer, `/data/attributes/${attribute}`);
  }
  for (const [attribute, value] of Object.entries({
    person: { name: { first: 'Mallory' } },
    address: { locality: 'London' },
    contact: { email: 'm@example.com' },
    identity_numbers: [{ number: 'X1', issuing_country_code: 'US', class: 'drivers_license' }],
    business: { legal_name: 'Mallory Ltd' },
  })) {
    const response = await call('PATCH', '/identity/sessions/sess_A', {
      token: t,
      body: { data: { type: 'session', id: 'sess_A', attributes: { behavior_analysis: { bot_score: 0 }, [attribute]: value } } },
    });
    assert.equal(response.status, 403, attribute);
    const error = await errorOf(response);
    assert.equal(error.code, 'identity_not_writable', attribute);
    assert.equal(error.source?.pointer, `/data/attributes/${attribute}`);
  }
  const relink = { data: { type: 'session', attributes: {}, relationships: { account: relationshipTo('account', 'acc_X') } } };
  assert.equal((await call('PATCH', '/identity/sessions/sess_A', { token: t, body: relink })).status, 403);
  const wrongId = { data: { type: 'session', id: 'sess_B', attributes: {} } };
  assert.equal((await call('PATCH', '/identity/sessions/sess_A', { token: t, body: wrongId })).status, 409);
  assert.equal(upstream.requests.length, 0, 'nothing refused reached the upstream');

  const ok = await call('PATCH', '/identity/sessions/sess_A', {
    token: t,
    body: { data: { type: 'session', id: 'sess_A', attributes: { behavior_analysis: { completion_time_seconds: 30 } } } },
  });
  assert.equal(ok.status, 200);
  assert.equal(upstream.requests.length, 1);
});

test('answers carry what the widget uses and never the identity, extracted data, check metadata, scores or device observations', async () => {
  const { call, token, upstream } = setup();
  const t = await token('sess_A');
  const identity = {
    person: { name: { first: 'Jane', last: 'Specimen' }, birth_date: '1990-01-15' },
    address: { line1: '1 Main St' },
    contact: { email: 'j@example.com' },
    identity_numbers: [{ number: 'D1234567' }],
  };
  Object.assign(upstream.resources.get('/identity/sessions/sess_A')!.attributes, identity, { behavior_analysis: { bot_score: 80, threat_level: 'high' } });
  upstream.resources.get('/identity/sessions/sess_A')!.meta = { evidence: ['webdriver'] };
  Object.assign(upstream.resources.get('/identity/verifications/ver_A0')!.attributes, {
    checks: [{ name: 'barcode_readable', status: 'passed', reasons: [], requirement: 'required', metadata: { jurisdiction: 'CA', expiry_date: '2034-01-15' } }],
    extracted: { person: identity.person, document: { number: 'D1234567' } },
  });
  upstream.resources.get('/identity/documents/idvs/doc_A0')!.attributes.files = [
    { id: 'file_1', filename: 'jane-specimen-licence.jpg', content_type: 'image/jpeg', byte_size: 10, status: 'uploaded', side: 'front' },
  ];

  const answers = [
    await call('GET', '/identity/sessions/sess_A', { token: t }),
    await call('PATCH', '/identity/sessions/sess_A', { token: t, body: { data: { type: 'session', attributes: { behavior_analysis: {} } } } }),
    await call('GET', '/identity/verifications/ver_A0', { token: t }),
    await call('GET', '/identity/verifications', { token: t }),
    await call('GET', '/identity/documents/idvs/doc_A0', { token: t }),
  ];
  for (const answer of answers) {
    assert.equal(answer.status, 200);
    const text = await answer.text();
    for (const secret of [
      'Jane',
      'Specimen',
      '1990-01-15',
      '1 Main St',
      'j@example.com',
      'D1234567',
      'jurisdiction',
      '2034-01-15',
      'bot_score',
      'webdriver',
      'extracted',
      'jane-specimen',
    ]) {
      assert.equal(text.includes(secret), false, `${secret} in ${text}`);
    }
  }
  const session = JSON.parse(await (await call('GET', '/identity/sessions/sess_A', { token: t })).text());
  assert.equal(session.data.attributes.status, 'created');
  const verification = JSON.parse(await (await call('GET', '/identity/verifications/ver_A0', { token: t })).text());
  assert.deepEqual(verification.data.attributes.checks, [{ name: 'barcode_readable', status: 'passed', reasons: [], requirement: 'required' }]);
});

test('a failed check keeps, of its metadata, only the side names it failed on (failed_sides), so the widget returns to that photo', async () => {
  const { call, token, upstream } = setup();
  const t = await token('sess_A');
  Object.assign(upstream.resources.get('/identity/verifications/ver_A0')!.attributes, {
    status: 'requires_retry',
    checks: [
      {
        name: 'barcode_readable',
        status: 'failed',
        reasons: ['The barcode on the back could not be read.'],
        requirement: 'required',
        metadata: { failed_sides: ['back', 'D1234567', { side: 'front' }], jurisdiction: 'CA', variant: 'as-is' },
      },
      { name: 'document_visible', status: 'failed', reasons: [], requirement: 'required', metadata: { failed_sides: 'front', front: { found: null } } },
      { name: 'image_readable', status: 'passed', reasons: [], requirement: 'required', metadata: { front: { width: 1600 } } },
    ],
  });
  const text = await (await call('GET', '/identity/verifications/ver_A0', { token: t })).text();
  for (const secret of ['D1234567', 'jurisdiction', 'variant', 'width']) assert.equal(text.includes(secret), false, `${secret} in ${text}`);
  assert.deepEqual(JSON.parse(text).data.attributes.checks, [
    {
      name: 'barcode_readable',
      status: 'failed',
      reasons: ['The barcode on the back could not be read.'],
      requirement: 'required',
      metadata: { failed_sides: ['back'] },
    },
    { name: 'document_visible', status: 'failed', reasons: [], requirement: 'required' },
    { name: 'image_readable', status: 'passed', reasons: [], requirement: 'required' },
  ]);
});

test("auto_update_session is the integrator's choice (createProxy option, default true), whatever the browser sends", async () => {
  for (const [option, expected] of [
    [undefined, true],
    [false, false],
    [true, true],
  ] as const) {
    const { call, token, upstream } = setup(option === undefined ? {} : { autoUpdateSession: option });
    const t = await token('sess_A');
    const relationships = { session: relationshipTo('session', 'sess_A'), document: relationshipTo('document/idv', 'doc_A0') };
    const created = await call('POST', '/identity/verifications', {
      token: t,
      body: { data: { type: 'verification/idv', relationships, meta: { auto_update_session: !expected } }, meta: { auto_update_session: !expected } },
    });
    assert.equal(created.status, 201);
    const sent = JSON.parse(upstream.requests.at(-1)!.body);
    assert.equal(sent.data.meta.auto_update_session, expected, `option ${option}`);
    assert.equal(sent.meta, undefined, 'no top-level meta goes upstream');
  }
  assert.throws(() => setup({ autoUpdateSession: 'yes' as unknown as boolean }), /autoUpdateSession must be a boolean/);
});

test('a secret key anywhere in a request is refused and never forwarded: headers, query names and values, the body', async () => {
  const { call, token, upstream } = setup();
  const t = await token('sess_A');
  const key = 'sk_staging_0123456789abcdef';
  const attempts: [string, string, Record<string, unknown>][] = [
    ['GET', `/identity/sessions/sess_A?${key}=1`, {}],
    ['GET', `/identity/sessions/sess_A?x=${key}`, {}],
    ['GET', '/identity/sessions/sess_A', { headers: { 'X-Api-Key': key } }],
    ['GET', '/identity/sessions/sess_A', { headers: { 'X-Debug': `key=${key}` } }],
    ['PATCH', '/identity/sessions/sess_A', { body: { data: { type: 'session', attributes: { behavior_analysis: {} } }, meta: { note: key } } }],
  ];
  for (const [method, path, extra] of attempts) {
    const response = await call(method, path, { token: t, ...extra });
    assert.equal(response.status, 401, `${method} ${path} ${JSON.stringify(extra)}`);
    assert.equal((await errorOf(response)).code, 'secret_key_refused');
  }
  assert.equal(upstream.requests.length, 0);
});

test('ownership is read from the token session as documented (its relationships list its resources), every time, by any proxy', async () => {
  const { call, token, upstream } = setup();
  const t = await token('sess_A');
  assert.equal((await call('GET', '/identity/documents/idvs/doc_A0', { token: t })).status, 200);
  assert.equal((await call('POST', '/identity/documents/idvs/doc_A0/submit', { token: t })).status, 200);
  // One read of the session per call, never of the resource itself (an undocumented GET may not exist).
  assert.deepEqual(
    upstream.requests.map((r) => `${r.method} ${r.path}`),
    ['GET /identity/sessions/sess_A', 'GET /identity/documents/idvs/doc_A0', 'GET /identity/sessions/sess_A', 'POST /identity/documents/idvs/doc_A0/submit'],
  );
  // A verification that names only its document is listed by the document's session.
  assert.equal((await call('GET', '/identity/verifications/ver_A0', { token: t })).status, 200);

  // A document created through one proxy is proven on another, which has never seen it.
  const created = await call('POST', '/identity/documents/idvs', {
    token: t,
    body: { data: { type: 'document/idv', attributes: {}, relationships: { session: relationshipTo('session', 'sess_A') } } },
  });
  assert.equal(created.status, 201);
  const id = ((await created.json()) as { data: { id: string } }).data.id;
  const other = createProxy({ apiKey: API_KEY, tokenSecret: TOKEN_SECRET, upstream: upstream.fetch, basePath: '/beltic', now: () => T0 });
  const fromOther = await other(
    new Request(`https://shop.example/beltic/identity/documents/idvs/${id}/files`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ filename: 'f.jpg' }),
    }),
  );
  assert.equal(fromOther.status, 200);
  // Another session's resources stay out of reach.
  assert.equal((await call('GET', '/identity/documents/idvs/doc_B1', { token: t })).status, 404);
  assert.equal((await call('GET', '/identity/verifications/ver_B1', { token: t })).status, 404);
});

test("the verifications list is narrowed to the token's session: the filter is the proxy's, and other sessions' items never pass", async () => {
  const { call, token, upstream } = setup();
  const t = await token('sess_A');
  const listed = await call('GET', '/identity/verifications?session_id=sess_B&filter[status]=passed&page[size]=5', { token: t });
  assert.equal(listed.status, 200);
  assert.equal(upstream.requests.find((r) => r.path === '/identity/verifications')!.search, '?page%5Bsize%5D=5&session_id=sess_A');
  assert.deepEqual(
    ((await listed.json()) as { data: { id: string }[] }).data.map((v) => v.id),
    ['ver_A0'],
  );

  // An upstream that ignored the filter still leaks nothing.
  upstream.answerNextWith(
    new Response(JSON.stringify({ data: [{ type: 'verification/idv', id: 'ver_B1', relationships: { session: relationshipTo('session', 'sess_B') } }] }), {
      headers: { 'Content-Type': 'application/json' },
    }),
  );
  const ignored = await call('GET', '/identity/verifications', { token: t });
  assert.deepEqual(((await ignored.json()) as { data: unknown[] }).data, []);
});

test('a body nested too deep or too large is a 400 in the request’s terms, never an internal error', async () => {
  const { call, token, upstream } = setup();
  const t = await token('sess_A');
  const session = { data: { type: 'session', id: 'sess_A', type_: 1 } };
  const deep = JSON.stringify(session).replace('"type_":1', `"attributes":{"behavior_analysis":${'['.repeat(40_000)}${']'.repeat(40_000)}}`);
  const wide = JSON.stringify({
    data: { type: 'session_device', attributes: { x: new Array(20_000).fill(0) }, relationships: { session: relationshipTo('session', 'sess_A') } },
  });
  for (const [method, path, body, code] of [
    ['PATCH', '/identity/sessions/sess_A', deep, 'json_too_deep'],
    ['POST', '/identity/session-devices', wide, 'json_too_large'],
    ['PATCH', '/identity/sessions/sess_A', '{"data":', 'invalid_json'],
  ] as const) {
    const response = await call(method, path, { token: t, body });
    assert.equal(response.status, 400, code);
    const error = await errorOf(response);
    assert.equal(error.code, code);
    assert.doesNotMatch(JSON.stringify(error), /Unexpected|position|SyntaxError|at \w+ \(/);
  }
  assert.equal(upstream.requests.length, 0);
});
