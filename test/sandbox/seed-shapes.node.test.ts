/**
 * The sandbox answers in the shapes and behaviours Beltic's own pages show (the seeds in
 * ../shared/beltic-docs/: 000 overview, 001 accounts, 002 sessions, 003 sessions list).
 * Each test names the seed statement it proves.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LICENCE } from '../fixtures/payload.js';
import { fixture, harness, LICENCE_FILES, PROFILE, type Harness } from './helpers.js';

const ids = (r: { body: { data: { id: string }[] } }) => r.body.data.map((x) => x.id);

/** `n` sessions a second apart, newest first as lists answer them. */
async function sessions(h: Harness, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(await h.session());
    h.clock.advance(1000);
  }
  return out.reverse();
}

describe('seed shapes: lists', () => {
  it('seed 003: meta.page is exactly { cursors: { start, end }, hasNextPage, hasPreviousPage, total }, beside links', async () => {
    const h = harness();
    const all = await sessions(h, 3);
    const r = await h.api('GET', '/identity/sessions?page[size]=2&page[total]=true');
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body.meta.page).sort(), ['cursors', 'hasNextPage', 'hasPreviousPage', 'total']);
    assert.deepEqual(Object.keys(r.body.meta.page.cursors).sort(), ['end', 'start']);
    assert.equal(typeof r.body.meta.page.cursors.start, 'string');
    assert.equal(typeof r.body.meta.page.cursors.end, 'string');
    assert.equal(r.body.meta.page.hasNextPage, true);
    assert.equal(r.body.meta.page.hasPreviousPage, false);
    assert.equal(r.body.meta.page.total, 3);
    assert.deepEqual(Object.keys(r.body.links).sort(), ['first', 'last', 'next', 'prev', 'self']);
    assert.deepEqual(ids(r), all.slice(0, 2));
  });

  it('seed 003: page[total] "Include total count in response": total is null unless page[total]=true', async () => {
    const h = harness();
    await sessions(h, 2);
    for (const query of ['', '?page[total]=false']) {
      const r = await h.api('GET', `/identity/sessions${query}`);
      assert.equal(r.status, 200, query);
      assert.ok('total' in r.body.meta.page, `the key stays (${query})`);
      assert.equal(r.body.meta.page.total, null, query);
    }
    assert.equal((await h.api('GET', '/identity/sessions?page[total]=true')).body.meta.page.total, 2);
  });

  it('seed 003: page[after] / page[before] take the cursors of meta.page.cursors (end: the next page, start: the previous one)', async () => {
    const h = harness();
    const all = await sessions(h, 5);
    const p1 = await h.api('GET', '/identity/sessions?page[size]=2');
    const p2 = await h.api('GET', `/identity/sessions?page[size]=2&page[after]=${p1.body.meta.page.cursors.end}`);
    assert.deepEqual(ids(p2), all.slice(2, 4));
    assert.equal(p2.body.meta.page.hasPreviousPage, true);
    assert.equal(p2.body.meta.page.hasNextPage, true);
    const p3 = await h.api('GET', `/identity/sessions?page[size]=2&page[after]=${p2.body.meta.page.cursors.end}`);
    assert.deepEqual(ids(p3), all.slice(4));
    assert.equal(p3.body.meta.page.hasNextPage, false);
    const back = await h.api('GET', `/identity/sessions?page[size]=2&page[before]=${p3.body.meta.page.cursors.start}`);
    assert.deepEqual(ids(back), all.slice(2, 4));
  });

  it('seed 003: cursors.start and cursors.end are null on an empty page', async () => {
    const h = harness();
    const r = await h.api('GET', '/identity/sessions');
    assert.deepEqual(r.body.data, []);
    assert.deepEqual(r.body.meta.page, { cursors: { start: null, end: null }, hasNextPage: false, hasPreviousPage: false, total: null });
  });
});

describe('seed shapes: query parameters', () => {
  it('seed 002: "List all sessions for an account" with filter[account_id], the same filter as the reference\'s filter[account]', async () => {
    const h = harness();
    const mine = await h.session();
    await h.session();
    const account = (await h.api('GET', `/identity/sessions/${mine}`)).body.data.relationships.account.data.id;
    const byGuide = await h.api('GET', `/identity/sessions?filter[account_id]=${account}`);
    assert.equal(byGuide.status, 200);
    assert.deepEqual(ids(byGuide), [mine]);
    assert.deepEqual(ids(await h.api('GET', `/identity/sessions?filter[account]=${account}`)), [mine]);
    assert.deepEqual(ids(await h.api('GET', `/identity/sessions?filter[account]=${account}&filter[account_id]=${account}`)), [mine]);
    const both = await h.api('GET', `/identity/sessions?filter[account]=${account}&filter[account_id]=acc_other`);
    assert.equal(both.status, 400);
    assert.equal(both.body.errors[0].code, 'conflicting_parameters');
    assert.equal(both.body.errors[0].source.parameter, 'filter[account_id]');
  });

  it('seed 003: the sessions list takes exactly its documented query parameters (and their aliases); any other is a 400 naming it', async () => {
    const h = harness();
    const id = await h.session();
    const accepted = [
      'page[size]=2',
      'page[after]=',
      'page[before]=',
      'page[total]=true',
      'status=created',
      'filter[status]=created',
      'entity_type=person',
      'filter[entity_type]=person',
      'filter[account]=acc_x',
      'filter[account_id]=acc_x',
      'filter[session_device]=sdev_x',
    ];
    const cursor = (await h.api('GET', '/identity/sessions')).body.meta.page.cursors.start;
    for (const param of accepted) {
      const r = await h.api('GET', `/identity/sessions?${param.endsWith('=') ? param + cursor : param}`);
      assert.equal(r.status, 200, `${param}: ${JSON.stringify(r.body)}`);
    }
    const typo = await h.api('GET', '/identity/sessions?filter[acount]=x');
    assert.equal(typo.status, 400);
    const error = typo.body.errors[0];
    assert.equal(error.code, 'unknown_parameter');
    assert.equal(error.source.parameter, 'filter[acount]');
    for (const name of ['page[size]', 'status', 'entity_type', 'filter[account]', 'filter[account_id]', 'filter[session_device]']) {
      assert.ok(error.detail.includes(name), `the detail lists ${name}: ${error.detail}`);
    }
    const include = await h.api('GET', `/identity/sessions/${id}?include=account`);
    assert.equal(include.status, 400);
    assert.equal(include.body.errors[0].code, 'unknown_parameter');
    assert.equal(include.body.errors[0].source.parameter, 'include');
    assert.match(include.body.errors[0].detail, /no query parameters/);
  });

  it('seed 000 (one consistent API): every other route refuses what it does not read, lists and single resources alike', async () => {
    const h = harness();
    const sessionId = await h.session();
    const account = (await h.api('GET', `/identity/sessions/${sessionId}`)).body.data.relationships.account.data.id;
    const accepted = [
      '/identity/accounts?page[size]=1&external_id=x&filter[external_id]=x&status=active&filter[status]=active&page[total]=false',
      '/identity/verifications?page[size]=1&status=passed&filter[status]=passed&session_id=s&filter[session_id]=s&created_at_from=2020-01-01&filter[created_at_from]=2020-01-01&created_at_to=2030-01-01&filter[created_at_to]=2030-01-01',
    ];
    for (const path of accepted) assert.equal((await h.api('GET', path)).status, 200, path);
    const refused: [string, string, string][] = [
      ['GET', '/identity/accounts?filter[email]=x', 'filter[email]'],
      ['GET', `/identity/accounts/${account}?fields[account]=status`, 'fields[account]'],
      ['GET', '/identity/verifications?filter[document]=doc_x', 'filter[document]'],
    ];
    // The docs profile does not have these routes (exts): there they answer 404 as unknown routes.
    if (PROFILE === 'default') {
      refused.push(
        ['GET', '/identity/verifications/ver_x?include=document', 'include'],
        ['GET', '/identity/documents/idvs/doc_x?include=files', 'include'],
        ['GET', '/identity/session-devices/sdev_x?x=1', 'x'],
        ['POST', `/identity/sessions/${sessionId}/start?force=true`, 'force'],
      );
    }
    for (const [method, path, name] of refused) {
      const r = await h.api(method, path);
      assert.equal(r.status, 400, path);
      assert.equal(r.body.errors[0].code, 'unknown_parameter', path);
      assert.equal(r.body.errors[0].source.parameter, name, path);
    }
    assert.equal((await h.api('GET', `/identity/sessions/${sessionId}`)).body.data.attributes.status, 'created', 'the refused start did nothing');
  });
});

describe('seed shapes: verifications', () => {
  /** A session with an uploaded licence, and the create-verification body the sessions guide shows for it. */
  async function licenceSession(h: Harness) {
    const sessionId = await h.session();
    const doc = await h.uploadedDocument(sessionId, 'drivers_license', LICENCE_FILES());
    const relationships = {
      document: { data: { type: 'document/idv', id: doc } },
      session: { data: { type: 'session', id: sessionId } },
    };
    return { sessionId, doc, relationships };
  }

  it('seed 002: "meta": { "auto_update_session": true } inside data writes the extracted data to the session', async () => {
    const h = harness();
    const { sessionId, relationships } = await licenceSession(h);
    const created = await h.api('POST', '/identity/verifications', {
      data: { type: 'verification/idv', relationships, meta: { auto_update_session: true } },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const result = await h.outcome(created.body.data.id);
    assert.equal(result.body.data.attributes.status, 'passed');
    const session = (await h.api('GET', `/identity/sessions/${sessionId}`)).body.data.attributes;
    const person = {
      name: { first: LICENCE.first_name, middle: LICENCE.middle_name, last: LICENCE.last_name },
      birth_date: LICENCE.birth_date,
      sex: LICENCE.sex,
    };
    assert.deepEqual(session.person, person, 'the person fields are populated from the document');
    // `extracted` is an ext, left out of the docs profile's answers.
    if (PROFILE === 'default') assert.deepEqual(result.body.data.attributes.extracted.person, person);
  });

  it('seed 002: auto_update_session in the top-level meta is refused with 400 misplaced_meta, telling where it goes', async () => {
    const h = harness();
    const { sessionId, relationships } = await licenceSession(h);
    const r = await h.api('POST', '/identity/verifications', {
      data: { type: 'verification/idv', relationships },
      meta: { auto_update_session: true },
    });
    assert.equal(r.status, 400);
    const error = r.body.errors[0];
    assert.equal(error.code, 'misplaced_meta');
    assert.equal(error.source.pointer, '/meta/auto_update_session');
    assert.match(error.detail, /data\.meta\.auto_update_session/);
    assert.equal((await h.api('GET', '/identity/verifications?page[total]=true')).body.meta.page.total, 0, 'nothing was created');
    assert.equal((await h.api('GET', `/identity/sessions/${sessionId}`)).body.data.attributes.status, 'started');
  });

  it('seed 002: auto_update_session is a boolean (422 at /data/meta/auto_update_session otherwise)', async () => {
    const h = harness();
    const { relationships } = await licenceSession(h);
    const r = await h.api('POST', '/identity/verifications', {
      data: { type: 'verification/idv', relationships, meta: { auto_update_session: 'true' } },
    });
    assert.equal(r.status, 422);
    assert.equal(r.body.errors[0].source.pointer, '/data/meta/auto_update_session');
  });
});

describe('seed shapes: sessions', () => {
  it('seed 002 ("Creating a Session", the response): created, by the api, with no personal data and no timestamps but created_at/updated_at', async () => {
    const h = harness();
    const accountId = await h.account();
    const r = await h.api('POST', '/identity/sessions', {
      data: { type: 'session', attributes: { entity_type: 'person' }, relationships: { account: { data: { type: 'account', id: accountId } } } },
    });
    assert.equal(r.status, 201);
    const now = new Date(h.clock.now()).toISOString();
    const { behavior_analysis: _ext, creator_id: _creator, ...attributes } = r.body.data.attributes;
    assert.deepEqual(attributes, {
      status: 'created',
      creator_type: 'api',
      entity_type: 'person',
      person: null,
      business: null,
      contact: null,
      address: null,
      identity_numbers: null,
      created_at: now,
      updated_at: now,
      started_at: null,
      expires_at: null,
      completed_at: null,
      failed_at: null,
      marked_for_review_at: null,
      decisioned_at: null,
      expired_at: null,
      redacted_at: null,
    });
    assert.deepEqual(r.body.data.relationships.account.data, { type: 'account', id: accountId });
    assert.deepEqual(r.body.data.relationships.documents.data, []);
    assert.deepEqual(r.body.data.relationships.verifications.data, []);
    assert.equal(r.body.data.relationships.session_device.data, null);
  });

  it('seed 002: a session created with an API key has "creator_type": "api"', async () => {
    const h = harness();
    const id = await h.session();
    assert.equal((await h.api('GET', `/identity/sessions/${id}`)).body.data.attributes.creator_type, 'api');
  });

  it('seed 002: "expires_at": null on a new session, which then never expires by time', async () => {
    const h = harness();
    const id = await h.session();
    assert.equal((await h.api('GET', `/identity/sessions/${id}`)).body.data.attributes.expires_at, null);
    h.clock.advance(400 * 24 * 3600_000);
    const later = (await h.api('GET', `/identity/sessions/${id}`)).body.data.attributes;
    assert.equal(later.status, 'created');
    assert.equal(later.expired_at, null);
  });

  it('seed 002 (status flow "→ expired"): the sandbox option meta.sandbox.session_expires_in still sets expires_at, and the session expires there', async () => {
    const h = harness();
    const id = await h.session({ session_expires_in: 120 });
    const created = h.clock.now();
    assert.equal((await h.api('GET', `/identity/sessions/${id}`)).body.data.attributes.expires_at, new Date(created + 120_000).toISOString());
    h.clock.advance(120_000);
    const expired = (await h.api('GET', `/identity/sessions/${id}`)).body.data.attributes;
    assert.equal(expired.status, 'expired');
    assert.equal(expired.expired_at, new Date(created + 120_000).toISOString());
  });
});

describe('seed shapes: identity_numbers', () => {
  const patchSession = (h: Harness, id: string, attributes: Record<string, unknown>) =>
    h.api('PATCH', `/identity/sessions/${id}`, { data: { type: 'session', id, attributes } });

  it('seed 001: identity_numbers is an array, [] on a new account', async () => {
    const h = harness();
    const r = await h.api('POST', '/identity/accounts', { data: { type: 'account', attributes: { external_id: 'user-12345', entity_type: 'person' } } });
    assert.equal(r.status, 201);
    assert.deepEqual(r.body.data.attributes.identity_numbers, []);
    const cleared = await h.api('PATCH', `/identity/accounts/${r.body.data.id}`, { data: { type: 'account', attributes: { identity_numbers: null } } });
    assert.deepEqual(cleared.body.data.attributes.identity_numbers, [], "an account's list stays an array");
  });

  it('seed 002: "identity_numbers": null on a new session', async () => {
    const h = harness();
    const id = await h.session();
    assert.equal((await h.api('GET', `/identity/sessions/${id}`)).body.data.attributes.identity_numbers, null);
  });

  it('seed 003: an item is { number, issuing_country_code, class, created_at, updated_at }, the timestamps set by the server', async () => {
    const h = harness();
    const id = await h.session();
    h.clock.advance(1000);
    const written = new Date(h.clock.now()).toISOString();
    const r = await patchSession(h, id, { identity_numbers: [{ number: 'D1234567', issuing_country_code: 'us', class: 'drivers_license' }] });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body.data.attributes.identity_numbers, [
      { number: 'D1234567', issuing_country_code: 'US', class: 'drivers_license', created_at: written, updated_at: written },
    ]);
    const bare = await patchSession(h, id, { identity_numbers: [{ number: '123-45-6789' }] });
    assert.deepEqual(bare.body.data.attributes.identity_numbers[0], {
      number: '123-45-6789',
      issuing_country_code: null,
      class: null,
      created_at: written,
      updated_at: written,
    });
    const refused: [Record<string, unknown>, string][] = [
      [{ class: 'ssn' }, '/data/attributes/identity_numbers/0/number'],
      [{ number: '1', issuing_country_code: 'USA' }, '/data/attributes/identity_numbers/0/issuing_country_code'],
      [{ number: '1', created_at: written }, '/data/attributes/identity_numbers/0/created_at'],
      [{ number: '1', updated_at: written }, '/data/attributes/identity_numbers/0/updated_at'],
      [{ type: 'ssn', value: '1' }, '/data/attributes/identity_numbers/0/type'],
    ];
    for (const [item, pointer] of refused) {
      const bad = await patchSession(h, id, { identity_numbers: [item] });
      assert.equal(bad.status, 422, pointer);
      assert.equal(bad.body.errors[0].source.pointer, pointer);
    }
    assert.equal((await patchSession(h, id, { identity_numbers: { number: '1' } })).status, 422, 'the collection is an array');
  });

  it('seed 002 (automatic extraction): a passed verification adds the document number as an item, once per number and class', async () => {
    const h = harness();
    const id = await h.session();
    const doc = await h.uploadedDocument(id, 'drivers_license', LICENCE_FILES());
    const earlier = new Date(h.clock.now()).toISOString();
    const number = LICENCE.document_number;
    const held = [
      { number, issuing_country_code: 'US', class: 'drivers_license' },
      { number, issuing_country_code: 'US', class: 'state_id' },
    ];
    assert.equal((await patchSession(h, id, { identity_numbers: held })).status, 200);
    h.clock.advance(1000);
    const v = await h.verify(doc, id, { auto_update_session: true });
    const result = (await h.outcome(v.body.data.id)).body.data.attributes;
    assert.equal(result.status, 'passed');
    // `extracted` is an ext, left out of the docs profile's answers.
    if (PROFILE === 'default') assert.deepEqual(result.extracted.identity_numbers, [{ number, issuing_country_code: 'US', class: 'drivers_license' }]);
    const session = (await h.api('GET', `/identity/sessions/${id}`)).body.data.attributes;
    assert.deepEqual(
      session.identity_numbers.map((n: Record<string, string>) => [n.number, n.class, n.created_at]),
      [
        [number, 'drivers_license', earlier],
        [number, 'state_id', earlier],
      ],
      'the number the session already held (same number and class) is not added twice',
    );
  });
});

describe('seed shapes: PATCH merges', () => {
  async function fullAccount(h: Harness): Promise<string> {
    const r = await h.api('POST', '/identity/accounts', {
      data: {
        type: 'account',
        attributes: {
          external_id: 'user-12345',
          person: { name: { first: 'Jane', last: 'Doe' }, birth_date: '1990-05-15' },
          contact: { email: 'jane@example.com', phone: '+1234567890' },
          address: { line1: '123 Main St', city: 'San Francisco', subdivision: 'CA', postal_code: '94102', country_code: 'US' },
          identity_numbers: [
            { number: '1', class: 'ssn' },
            { number: '2', class: 'passport' },
          ],
        },
      },
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.data.id;
  }
  const patchAccount = async (h: Harness, id: string, attributes: Record<string, unknown>) => {
    const r = await h.api('PATCH', `/identity/accounts/${id}`, { data: { type: 'account', id, attributes } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body.data.attributes;
  };

  it('seed 001 ("Updating an Account"): { contact: { email } } alone changes the email and keeps the phone', async () => {
    const h = harness();
    const id = await fullAccount(h);
    const a = await patchAccount(h, id, { contact: { email: 'new-email@example.com' } });
    assert.deepEqual(a.contact, { email: 'new-email@example.com', phone: '+1234567890' });
    assert.equal(a.person.name.last, 'Doe', 'other attributes are kept too');
  });

  it('seed 002 ("Manual Input"): a session PATCH of { person: { name: { first } } } keeps last and birth_date; { address: { line1 } } keeps the rest', async () => {
    const h = harness();
    const id = await h.session(undefined, {
      person: { name: { first: 'Jane', last: 'Doe' }, birth_date: '1990-05-15' },
      address: { line1: '123 Main St', city: 'San Francisco', subdivision: 'CA', postal_code: '94102', country_code: 'US' },
    });
    const patch = async (attributes: Record<string, unknown>) =>
      (await h.api('PATCH', `/identity/sessions/${id}`, { data: { type: 'session', id, attributes } })).body.data.attributes;
    const named = await patch({ person: { name: { first: 'Janet' } } });
    assert.deepEqual(named.person, { name: { first: 'Janet', middle: null, last: 'Doe' }, birth_date: '1990-05-15', sex: null });
    const moved = await patch({ address: { line1: '1 Market St' } });
    assert.deepEqual(moved.address, {
      line1: '1 Market St',
      line2: null,
      sublocality: null,
      locality: 'San Francisco',
      administrative_area: 'CA',
      postal_code: '94102',
      country_code: 'US',
    });
    const aliased = await patch({ address: { city: 'Oakland' } });
    assert.equal(aliased.address.locality, 'Oakland', "the guide's spelling merges into the reference member");
    assert.equal(aliased.address.line1, '1 Market St');
  });

  it('seed 001 (PATCH semantics): an explicit null clears a member, null for the object clears the object, arrays are replaced whole', async () => {
    const h = harness();
    const id = await fullAccount(h);
    const noPhone = await patchAccount(h, id, { contact: { phone: null } });
    assert.deepEqual(noPhone.contact, { email: 'jane@example.com', phone: null });
    const noBirthDate = await patchAccount(h, id, { person: { birth_date: null } });
    assert.deepEqual(noBirthDate.person, { name: { first: 'Jane', middle: null, last: 'Doe' }, birth_date: null, sex: null });
    const noAddress = await patchAccount(h, id, { address: null });
    assert.equal(noAddress.address, null);
    assert.equal(noAddress.contact.email, 'jane@example.com');
    const numbers = await patchAccount(h, id, { identity_numbers: [{ number: '3', class: 'drivers_license' }] });
    assert.deepEqual(
      numbers.identity_numbers.map((n: { number: string }) => n.number),
      ['3'],
      'the list is replaced, not merged',
    );
  });
});

describe('seed shapes: account status', () => {
  async function account(h: Harness): Promise<string> {
    const r = await h.api('POST', '/identity/accounts', { data: { type: 'account', attributes: { external_id: 'user-12345', entity_type: 'person' } } });
    return r.body.data.id;
  }

  /** A session of `accountId` whose passport verification has come back passed. */
  async function verifiedSession(h: Harness, accountId: string, scenario = 'pass'): Promise<string> {
    const r = await h.api('POST', '/identity/sessions', {
      data: { type: 'session', attributes: { entity_type: 'person' }, relationships: { account: { data: { type: 'account', id: accountId } } } },
      meta: { sandbox: { scenario } },
    });
    const id: string = r.body.data.id;
    const doc = await h.uploadedDocument(id, 'passport', [fixture('passport.jpg', 'front')]);
    const v = await h.verify(doc, id);
    assert.equal((await h.outcome(v.body.data.id)).body.data.attributes.status, 'passed');
    return id;
  }

  const statusOf = async (h: Harness, id: string) => (await h.api('GET', `/identity/accounts/${id}`)).body.data.attributes.status;

  it('seed 001: a new account is "status": "pending" (awaiting verification or review)', async () => {
    const h = harness();
    const r = await h.api('POST', '/identity/accounts', { data: { type: 'account', attributes: { external_id: 'user-12345', entity_type: 'person' } } });
    assert.equal(r.body.data.attributes.status, 'pending');
  });

  it('seed 000 ("Make a Decision … the account status reflects the overall state of the applicant"): approved → active, declined → suspended, marked_for_review → pending', async () => {
    const h = harness();
    const id = await account(h);
    const first = await verifiedSession(h, id);
    assert.equal(await statusOf(h, id), 'pending', 'a completed session is not a decision yet');
    assert.equal((await h.api('POST', `/identity/sessions/${first}/approve`)).status, 200);
    assert.equal(await statusOf(h, id), 'active');

    const second = await verifiedSession(h, id, 'marked_for_review');
    assert.equal((await h.api('GET', `/identity/sessions/${second}`)).body.data.attributes.status, 'marked_for_review');
    assert.equal(await statusOf(h, id), 'pending');
    assert.equal((await h.api('POST', `/identity/sessions/${second}/decline`)).status, 200);
    assert.equal(await statusOf(h, id), 'suspended');
  });

  it('seed 001 (statuses are read "to gate access"): an integrator\'s PATCH of the status stands until the next decision', async () => {
    const h = harness();
    const id = await account(h);
    await h.api('POST', `/identity/sessions/${await verifiedSession(h, id)}/approve`);
    assert.equal(await statusOf(h, id), 'active');
    const patched = await h.api('PATCH', `/identity/accounts/${id}`, { data: { type: 'account', id, attributes: { status: 'inactive' } } });
    assert.equal(patched.body.data.attributes.status, 'inactive');
    const open = await verifiedSession(h, id);
    h.clock.advance(60_000);
    assert.equal(await statusOf(h, id), 'inactive', 'a session completing is not a decision');
    await h.api('POST', `/identity/sessions/${open}/decline`);
    assert.equal(await statusOf(h, id), 'suspended', 'the next decision sets it again');
  });
});
