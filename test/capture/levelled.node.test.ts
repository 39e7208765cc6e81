/** Local contrast levelling (src/frame/levelled.ts): each pixel between the darkest and brightest of its square, computed in O(1) a pixel. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { levelled } from '../../src/frame/levelled.js';
import type { LumaImage } from '../../src/frame/luma.js';

/** The same, the slow way: every square looked at whole, its edges repeated. */
function levelledByHand({ data, width, height }: LumaImage, r: number): number[] {
  const at = (x: number, y: number) => data[Math.min(height - 1, Math.max(0, y)) * width + Math.min(width - 1, Math.max(0, x))]!;
  const out: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let high = 0;
      let low = 255;
      for (let dy = -r; dy <= r; dy++) {
        for (let dx = -r; dx <= r; dx++) {
          high = Math.max(high, at(x + dx, y + dy));
          low = Math.min(low, at(x + dx, y + dy));
        }
      }
      // Rounded as a Uint8ClampedArray rounds (half to even).
      out.push(high - low < 16 ? 255 : Uint8ClampedArray.of(((at(x, y) - low) * 255) / (high - low))[0]!);
    }
  }
  return out;
}

function noise(width: number, height: number, seed: number): LumaImage {
  let state = seed;
  const data = new Uint8ClampedArray(width * height).map(() => (state = (state * 1103515245 + 12345) % 2 ** 31) % 256);
  return { data, width, height };
}

describe('levelled', () => {
  for (const [width, height, r] of [
    [37, 23, 3],
    [5, 40, 6],
    [64, 1, 2],
    [20, 20, 0],
  ] as const) {
    it(`equals the square-by-square result on ${width}×${height} noise, radius ${r} (squares wider than the image included)`, () => {
      const image = noise(width, height, width * 31 + r);
      assert.deepEqual([...levelled(image, r).data], levelledByHand(image, r));
    });
  }

  it('stretches a faint pattern under a bright wash to full contrast, and leaves flat paper white', () => {
    // Bars 4 px wide, 230 against 250 (a reflection's halo), then plain 240 paper.
    const width = 64;
    const data = new Uint8ClampedArray(width * 8).map((_, i) => (i % width < 32 ? (Math.floor((i % width) / 4) % 2 ? 250 : 230) : 240));
    const out = levelled({ data, width, height: 8 }, 4).data;
    assert.equal(out[3 * width + 1], 0, 'a bar: black');
    assert.equal(out[3 * width + 5], 255, 'a space: white');
    assert.equal(out[3 * width + 60], 255, 'paper: white');
  });
});
