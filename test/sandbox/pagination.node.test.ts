import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BASE, harness, type Harness } from './helpers.js';

async function accounts(h: Harness, n: number, sameMillisecond = false): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await h.api('POST', '/identity/accounts', { data: { type: 'account', attributes: { external_id: `e${i}` } } });
    ids.push(r.body.data.id);
    if (!sameMillisecond) h.clock.advance(1000);
  }
  return ids.reverse(); // lists are newest first
}

const ids = (r: { body: { data: { id: string }[] } }) => r.body.data.map((x) => x.id);

describe('sandbox cursor pagination', () => {
  for (const sameMillisecond of [false, true]) {
    it(`walks forward and back with opaque cursors${sameMillisecond ? ' (all created in one millisecond)' : ''}`, async () => {
      const h = harness();
      const all = await accounts(h, 7, sameMillisecond);
      const p1 = await h.api('GET', '/identity/accounts?page[size]=3');
      assert.deepEqual(ids(p1), all.slice(0, 3));
      assert.equal(p1.body.meta.page.hasPreviousPage, false);
      assert.equal(p1.body.meta.page.hasNextPage, true);
      assert.equal(p1.body.links.prev, null);
      assert.equal(p1.body.meta.page.total, null, 'total only on request');
      assert.ok(p1.body.links.next.startsWith(`${BASE}/identity/accounts?`));

      const p2 = await h.api('GET', p1.body.links.next);
      assert.deepEqual(ids(p2), all.slice(3, 6));
      const p3 = await h.api('GET', p2.body.links.next);
      assert.deepEqual(ids(p3), all.slice(6));
      assert.equal(p3.body.links.next, null);
      assert.equal(p3.body.meta.page.hasNextPage, false);

      const back = await h.api('GET', p3.body.links.prev);
      assert.deepEqual(ids(back), all.slice(3, 6));
      const back2 = await h.api('GET', back.body.links.prev);
      assert.deepEqual(ids(back2), all.slice(0, 3));
      assert.equal(back2.body.meta.page.hasPreviousPage, false);

      const last = await h.api('GET', p1.body.links.last);
      assert.deepEqual(ids(last), all.slice(4));
      const first = await h.api('GET', p3.body.links.first);
      assert.deepEqual(ids(first), all.slice(0, 3));
      // The cursor is opaque to clients but must not be a bare id.
      const cursor = new URL(p1.body.links.next).searchParams.get('page[after]')!;
      assert.doesNotMatch(cursor, /^acc_/);
    });
  }

  it('keeps filters and page[total] in the links and counts the filtered total', async () => {
    const h = harness();
    await accounts(h, 4);
    await h.api('POST', '/identity/accounts', { data: { type: 'account', attributes: { external_id: 'e1' } } });
    const r = await h.api('GET', '/identity/accounts?filter[external_id]=e1&page[size]=1&page[total]=true');
    assert.equal(r.body.meta.page.total, 2);
    const next = new URL(r.body.links.next);
    assert.equal(next.searchParams.get('filter[external_id]'), 'e1');
    assert.equal(next.searchParams.get('page[total]'), 'true');
    const r2 = await h.api('GET', r.body.links.next);
    assert.equal(r2.body.data.length, 1);
    assert.equal(r2.body.data[0].attributes.external_id, 'e1');
  });

  it('defaults to 15 per page and allows at most 100', async () => {
    const h = harness();
    await accounts(h, 17, true);
    const r = await h.api('GET', '/identity/accounts?page[total]=true');
    assert.equal(r.body.data.length, 15);
    assert.equal(r.body.meta.page.total, 17);
    assert.equal((await h.api('GET', '/identity/accounts?page[size]=100')).body.data.length, 17);
    for (const bad of ['page[size]=0', 'page[size]=101', 'page[size]=abc', 'page[size]=2.5', 'page[after]=nonsense', 'page[before]=%21', 'page[total]=maybe']) {
      const res = await h.api('GET', `/identity/accounts?${bad}`);
      assert.equal(res.status, 400, bad);
      assert.equal(res.body.errors[0].source.parameter, bad.split('=')[0]);
    }
    const cursor = new URL((await h.api('GET', '/identity/accounts?page[size]=1')).body.links.next).searchParams.get('page[after]')!;
    const both = await h.api('GET', `/identity/accounts?page[after]=${cursor}&page[before]=${cursor}`);
    assert.equal(both.status, 400);
  });

  it('paginates sessions and verifications the same way', async () => {
    const h = harness();
    const a = await h.session();
    h.clock.advance(10);
    const b = await h.session();
    const r = await h.api('GET', '/identity/sessions?page[size]=1');
    assert.deepEqual(ids(r), [b]);
    assert.deepEqual(ids(await h.api('GET', r.body.links.next)), [a]);
    const v = await h.api('GET', '/identity/verifications?page[size]=5&page[total]=true');
    assert.equal(v.body.meta.page.total, 0);
    assert.deepEqual(v.body.data, []);
  });
});
