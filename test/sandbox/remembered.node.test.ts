/**
 * The engine's outcomes remembered by what they depend on: the same bytes under the same
 * declaration on the same day are checked once; anything else that differs is checked anew.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EngineInput, VerificationOutcome } from '../../src/sandbox/engine/checks.js';
import { rememberingVerifier } from '../../src/sandbox/engine/remembered.js';
import { fixture } from './helpers.js';

function counting() {
  const seen: EngineInput[] = [];
  const engine = async (input: EngineInput): Promise<VerificationOutcome> => {
    seen.push(input);
    return { status: 'passed', checks: [{ name: 'image_readable', status: 'passed', requirement: 'required', reasons: [] }], extracted: null };
  };
  return { seen, engine };
}

const front = fixture('passport.jpg');
const input = (over: Partial<EngineInput> = {}): EngineInput => ({
  documentType: 'passport',
  issuingCountry: 'US',
  sides: { front: { bytes: front.bytes, contentType: front.content_type } },
  today: '2028-03-01',
  ...over,
});

describe('the sandbox engine, remembered', () => {
  it('checks the same bytes, declaration and day once, and gives each caller its own copy', async () => {
    const { seen, engine } = counting();
    const verify = rememberingVerifier(engine);
    const first = await verify(input());
    first.checks.push({ name: 'sandbox_scenario', status: 'failed', requirement: 'required', reasons: ['changed by a caller'] });
    // Equal bytes in another buffer are the same photo.
    const again = await verify(input({ sides: { front: { bytes: new Uint8Array(front.bytes), contentType: front.content_type } } }));
    assert.equal(seen.length, 1);
    assert.deepEqual(
      again.checks.map((c) => c.name),
      ['image_readable'],
    );
  });

  it('checks again when a byte, the side, the content type, the declared type or country, or the day differs', async () => {
    const { seen, engine } = counting();
    const verify = rememberingVerifier(engine);
    const changed = new Uint8Array(front.bytes);
    changed[changed.length - 3]! ^= 1;
    const file = { bytes: front.bytes, contentType: front.content_type };
    const variants = [
      input(),
      input({ sides: { front: { bytes: changed, contentType: front.content_type } } }),
      input({ sides: { back: file } }),
      input({ sides: { front: { bytes: front.bytes, contentType: 'image/png' } } }),
      input({ documentType: 'drivers_license' }),
      input({ issuingCountry: 'CA' }),
      input({ today: '2028-03-02' }),
      input({ sides: { front: file, back: file } }),
    ];
    for (const variant of variants) await verify(variant);
    assert.equal(seen.length, variants.length);
  });

  it('does not remember a failure: the next call checks again', async () => {
    let calls = 0;
    const verify = rememberingVerifier(async () => {
      calls++;
      if (calls === 1) throw new Error('sharp ran out of memory');
      return { status: 'passed', checks: [], extracted: null };
    });
    await assert.rejects(verify(input()), /out of memory/);
    assert.equal((await verify(input())).status, 'passed');
    assert.equal(calls, 2);
  });
});
