/** When the live loop decodes on a side that must have a barcode: never a frame without edges, and seldom the picture a decode just missed. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DecodePacing, FIRST_PAUSE_MS, LONGEST_PAUSE_MS, type PacedFrame } from '../../src/camera/decode-pacing.js';
import { THUMBNAIL_HEIGHT, THUMBNAIL_WIDTH } from '../../src/frame/analysed-frame.js';

const picture = (level: number, sharpness: number | null = 0.8): PacedFrame => ({
  sharpness,
  thumbnail: new Uint8Array(THUMBNAIL_WIDTH * THUMBNAIL_HEIGHT).fill(level),
});

/** The times, 100 ms apart from `from` to `to`, at which the pacing lets a decode of `frame` run (each one missing). */
function decodesOfUnchanged(pacing: DecodePacing, frame: PacedFrame, from: number, to: number): number[] {
  const at: number[] = [];
  for (let t = from; t <= to; t += 100) {
    if (!pacing.shouldDecode(t, frame)) continue;
    at.push(t);
    pacing.readNothing(t, frame);
  }
  return at;
}

describe('decode pacing', () => {
  it('decodes the first frame, before anything was analysed', () => {
    assert.equal(new DecodePacing().shouldDecode(0, null), true);
  });

  it('never decodes a frame with no edges', () => {
    const pacing = new DecodePacing();
    assert.equal(pacing.shouldDecode(0, picture(20, null)), false);
    assert.equal(pacing.shouldDecode(10_000, picture(20, null)), false);
  });

  it('decodes an unchanged picture that read nothing again after 0.5 s, then 1 s, then every 2 s', () => {
    const pacing = new DecodePacing();
    assert.deepEqual(decodesOfUnchanged(pacing, picture(100), 0, 8000), [0, 500, 1500, 3500, 5500, 7500]);
    assert.equal(FIRST_PAUSE_MS, 500);
    assert.equal(LONGEST_PAUSE_MS, 2000);
  });

  it('decodes at once when the picture changes, and paces from the start again', () => {
    const pacing = new DecodePacing();
    decodesOfUnchanged(pacing, picture(100), 0, 4000);
    // A change of 10 grey levels over the whole thumbnail: 0.039, over the "unchanged" 0.02.
    assert.equal(pacing.shouldDecode(4100, picture(110)), true);
    pacing.readNothing(4100, picture(110));
    assert.deepEqual(decodesOfUnchanged(pacing, picture(110), 4200, 5100), [4600]);
  });

  it('a small change (sensor noise, a still hand) is the same picture', () => {
    const pacing = new DecodePacing();
    pacing.readNothing(0, picture(100));
    assert.equal(pacing.shouldDecode(100, picture(103)), false);
  });

  it('after a read, every frame is decoded again', () => {
    const pacing = new DecodePacing();
    decodesOfUnchanged(pacing, picture(100), 0, 4000);
    pacing.read();
    assert.equal(pacing.shouldDecode(4100, picture(100)), true);
  });
});
