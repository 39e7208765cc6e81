/**
 * The sandbox answers in the shapes and behaviours Beltic's own pages show (the seeds in
 * ../shared/beltic-docs/: 000 overview, 001 accounts, 002 sessions, 003 sessions list).
 * Each test names the seed statement it proves.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { harness, type Harness } from './helpers.js';

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
