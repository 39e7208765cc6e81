/** How often the live loop analyses a frame: the full rate while anything goes on, a low one once the view has stayed empty and still. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ScanRate, SETTLE_MS } from '../../src/camera/scan-rate.js';
import { MOVING } from '../../src/frame/guidance.js';

const still = { motion: 0.005, document: false };
const options = { rate: 8, idleRate: 2 };

/** Feeds `frame` every 125 ms from `from` to `to` and returns the interval the rate asks for at `to`. */
function after(rate: ScanRate, frame: { motion: number | null; document: boolean }, from: number, to: number): number {
  for (let t = from; t <= to; t += 125) rate.observe(t, frame);
  return rate.intervalMs(to);
}

describe('scan rate', () => {
  it('starts at the full rate, and stays there before the first motion is known', () => {
    const rate = new ScanRate(options);
    assert.equal(rate.intervalMs(0), 125);
    assert.equal(after(rate, { motion: null, document: false }, 0, 5000), 125);
  });

  it(`drops to the low rate once an empty view has stayed still for ${SETTLE_MS} ms, not before`, () => {
    const rate = new ScanRate(options);
    assert.equal(after(rate, still, 0, SETTLE_MS - 125), 125);
    assert.equal(after(rate, still, SETTLE_MS, SETTLE_MS), 500);
    assert.equal(rate.idle(SETTLE_MS), true);
  });

  it('goes back to the full rate on the first frame that moves or shows a document, and settles again from there', () => {
    const rate = new ScanRate(options);
    after(rate, still, 0, 2000);
    rate.observe(2500, { motion: MOVING, document: false });
    assert.equal(rate.intervalMs(2500), 125);
    assert.equal(after(rate, still, 2625, 2625 + SETTLE_MS), 500);
    rate.observe(5000, { motion: 0, document: true });
    assert.equal(rate.intervalMs(5000), 125);
  });

  it('never slows while a document is in view, however still', () => {
    assert.equal(after(new ScanRate(options), { motion: 0, document: true }, 0, 10_000), 125);
  });
});
