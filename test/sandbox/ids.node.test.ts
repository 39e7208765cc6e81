import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createIdFactory } from '../../src/sandbox/ids.js';

describe('sandbox ids', () => {
  it('mints prefixed ULIDs whose time part encodes the clock', () => {
    const newId = createIdFactory(() => 1_700_000_000_000);
    const id = newId('sess');
    assert.match(id, /^sess_[0-9A-HJKMNP-TV-Z]{26}$/);
    // Crockford base32 of 1_700_000_000_000 ms, 10 digits.
    assert.equal(id.slice(5, 15), '01HF7YAT00');
  });

  it('sorts in creation order, also within one millisecond, and never repeats', () => {
    let t = 1_700_000_000_000;
    const newId = createIdFactory(() => t);
    const ids: string[] = [];
    for (let i = 0; i < 2000; i++) {
      if (i % 500 === 0) t += 1;
      ids.push(newId('ver').slice(4));
    }
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, ids.length);
  });
});
