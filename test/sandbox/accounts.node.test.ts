import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BASE, harness, KEY } from './helpers.js';

const accountBody = (attributes: Record<string, unknown> = {}) => ({ data: { type: 'account', attributes } });

describe('sandbox accounts', () => {
  it('creates, reads, lists and updates an account', async () => {
    const h = harness();
    const created = await h.api(
      'POST',
      '/identity/accounts',
      accountBody({
        external_id: 'user-42',
        person: { name: { first: 'Jane', last: 'Doe' }, birth_date: '1990-01-15' },
        address: { line1: '1 Main St', city: 'Springfield', subdivision: 'VA', country_code: 'us' },
      }),
    );
    assert.equal(created.status, 201);
    const account = created.body.data;
    assert.match(account.id, /^acc_[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.equal(account.type, 'account');
    assert.equal(account.attributes.status, 'pending');
    assert.equal(account.attributes.entity_type, 'person');
    assert.equal(account.attributes.address.locality, 'Springfield');
    assert.equal(account.attributes.address.administrative_area, 'VA');
    assert.equal(account.attributes.address.country_code, 'US');
    assert.equal('city' in account.attributes.address, false);
    assert.equal(account.attributes.created_at, '2028-03-01T12:00:00.000Z');
    assert.equal(created.body.links.self, `${BASE}/identity/accounts/${account.id}`);

    const got = await h.api('GET', `/identity/accounts/${account.id}`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.body.data.attributes, account.attributes);

    h.clock.advance(5000);
    const patched = await h.api('PATCH', `/identity/accounts/${account.id}`, {
      data: { type: 'account', id: account.id, attributes: { contact: { email: 'jane@example.com' }, status: 'suspended' } },
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.data.attributes.contact.email, 'jane@example.com');
    assert.equal(patched.body.data.attributes.status, 'suspended');
    assert.equal(patched.body.data.attributes.person.name.first, 'Jane', 'attributes not sent are kept');
    assert.equal(patched.body.data.attributes.updated_at, '2028-03-01T12:00:05.000Z');

    await h.api('POST', '/identity/accounts', accountBody({ external_id: 'user-43' }));
    const list = await h.api('GET', '/identity/accounts?filter[external_id]=user-42');
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.data.map((a: { id: string }) => a.id),
      [account.id],
    );
    const all = await h.api('GET', '/identity/accounts');
    assert.equal(all.body.data.length, 2);
  });

  it('refuses bad input with a pointer and stores nothing', async () => {
    const h = harness();
    const cases: [unknown, number, string | undefined][] = [
      [accountBody({ entity_type: 'robot' }), 422, '/data/attributes/entity_type'],
      [accountBody({ person: { birth_date: '1990-02-30' } }), 422, '/data/attributes/person/birth_date'],
      [accountBody({ contact: { email: 'not-an-email' } }), 422, '/data/attributes/contact/email'],
      [accountBody({ address: { city: 'A', locality: 'B' } }), 422, '/data/attributes/address/city'],
      [accountBody({ nickname: 'x' }), 422, '/data/attributes/nickname'],
      [accountBody({ created_at: '2020-01-01T00:00:00Z' }), 422, '/data/attributes/created_at'],
      [accountBody({ identity_numbers: [{ class: 'ssn' }] }), 422, '/data/attributes/identity_numbers/0/number'],
      [accountBody({ identity_numbers: [{ number: '1', created_at: '2020-01-01T00:00:00Z' }] }), 422, '/data/attributes/identity_numbers/0/created_at'],
      [{ data: { type: 'session', attributes: {} } }, 409, '/data/type'],
      [{ data: { attributes: {} } }, 400, '/data/type'],
      [{ nothing: true }, 400, '/data'],
      [[1, 2], 400, undefined],
    ];
    for (const [body, status, pointer] of cases) {
      const r = await h.api('POST', '/identity/accounts', body);
      assert.equal(r.status, status, JSON.stringify(body));
      assert.equal(r.body.errors[0].status, String(status));
      assert.equal(r.body.errors[0].source?.pointer, pointer, JSON.stringify(body));
    }
    const list = await h.api('GET', '/identity/accounts?page[total]=true');
    assert.equal(list.body.meta.page.total, 0);
  });

  it('answers malformed JSON, wrong media type and unknown ids', async () => {
    const h = harness();
    const malformed = await h.api('POST', '/identity/accounts', '{"data": ');
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.errors[0].code, 'malformed_json');
    const form = await h.api('POST', '/identity/accounts', 'a=1', { 'Content-Type': 'application/x-www-form-urlencoded' });
    assert.equal(form.status, 415);
    const missing = await h.api('GET', '/identity/accounts/acc_nope');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.errors[0].code, 'not_found');
    const mismatch = await h.api('PATCH', `/identity/accounts/${await h.account()}`, { data: { type: 'account', id: 'acc_other', attributes: {} } });
    assert.equal(mismatch.status, 409);
    assert.equal(mismatch.body.errors[0].source.pointer, '/data/id');
  });

  it('requires the API key', async () => {
    const h = harness();
    const none = await h.sandbox.fetch(new Request(`${BASE}/identity/accounts`));
    assert.equal(none.status, 401);
    const body = await none.json();
    assert.equal(body.errors[0].code, 'unauthorized');
    assert.equal(body.errors[0].source.header, 'X-Api-Key');
    const wrong = await h.api('GET', '/identity/accounts', undefined, { 'X-Api-Key': `${KEY}x` });
    assert.equal(wrong.status, 401);
    const production = await h.api('GET', '/identity/accounts', undefined, { 'X-Api-Key': 'sk_production_abc' });
    assert.equal(production.status, 401);
    assert.match(production.body.errors[0].detail, /production key/);
  });

  it('answers 404 for unknown routes and 405 for wrong methods, without CORS on the API', async () => {
    const h = harness();
    const unknown = await h.api('GET', '/identity/nothing');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.errors[0].code, 'route_not_found');
    const outside = await h.sandbox.fetch(new Request('http://sandbox.test/elsewhere'));
    assert.equal(outside.status, 404);
    const wrong = await h.api('DELETE', '/identity/accounts');
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'POST, GET');
    const options = await h.sandbox.fetch(new Request(`${BASE}/identity/accounts`, { method: 'OPTIONS', headers: { Origin: 'http://evil.test' } }));
    assert.equal(options.status, 405);
    assert.equal(options.headers.get('access-control-allow-origin'), null);
  });

  it('redacts an account and everything held about it, keeping the records', async () => {
    const h = harness();
    const sessionId = await h.session(undefined, { person: { name: { first: 'Jane' } } });
    const session = await h.api('GET', `/identity/sessions/${sessionId}`);
    const accountId = session.body.data.relationships.account.data.id;
    await h.api('PATCH', `/identity/accounts/${accountId}`, { data: { type: 'account', attributes: { person: { name: { first: 'Jane' } } } } });
    const redacted = await h.api('POST', `/identity/accounts/${accountId}/redact`);
    assert.equal(redacted.status, 200);
    assert.equal(redacted.body.data.attributes.person, null);
    assert.equal(redacted.body.data.attributes.redacted_at, '2028-03-01T12:00:00.000Z');
    const after = await h.api('GET', `/identity/sessions/${sessionId}`);
    assert.equal(after.body.data.attributes.person, null);
    assert.notEqual(after.body.data.attributes.redacted_at, null);
    const patch = await h.api('PATCH', `/identity/accounts/${accountId}`, { data: { type: 'account', attributes: { external_id: 'x' } } });
    assert.equal(patch.status, 409);
    const again = await h.api('POST', `/identity/accounts/${accountId}/redact`);
    assert.equal(again.status, 200, 'redaction is idempotent');
  });
});
