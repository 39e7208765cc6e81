/** The automatic-photo policy with made-up frames: when it fires, when it must not, which frame it keeps. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AutoCapture } from '../../src/camera/auto-capture.js';
import { CARD, metrics } from './metrics.js';
import type { FrameMetrics } from '../../src/frame/frame-quality.js';

/** Adds one frame every 125 ms (8 per second) with the given metrics; returns the last decision. */
function run(auto: AutoCapture, from: number, count: number, make: (i: number) => Partial<FrameMetrics> = () => ({}), motion = 0.005) {
  let decision = auto.decide(from);
  for (let i = 0; i < count; i++) {
    const t = from + i * 125;
    auto.addFrame({ id: t, t, metrics: metrics(make(i)), motion });
    decision = auto.decide(t);
  }
  return decision;
}

describe('AutoCapture without a barcode', () => {
  it('fires once the frames were good and steady for 700 ms, and reports progress before', () => {
    const auto = new AutoCapture({ needsBarcode: false });
    const early = run(auto, 0, 4);
    assert.equal(early.ready, false);
    assert.ok(early.progress > 0.5 && early.progress < 1, `progress ${early.progress}`);
    const later = run(auto, 500, 3);
    assert.equal(later.ready, true);
    assert.equal(typeof later.frameId, 'number');
  });

  it('a bad frame restarts the wait', () => {
    const auto = new AutoCapture({ needsBarcode: false });
    run(auto, 0, 5);
    const decision = run(auto, 625, 3, (i) => (i === 0 ? { sharpness: 0.2 } : {}));
    assert.equal(decision.ready, false);
    assert.equal(run(auto, 1000, 6).ready, true);
  });

  it('does not fire on movement, darkness, or without a document-shaped object', () => {
    assert.equal(run(new AutoCapture({ needsBarcode: false }), 0, 20, () => ({}), 0.1).ready, false);
    assert.equal(run(new AutoCapture({ needsBarcode: false }), 0, 20, () => ({ brightness: 40 })).ready, false);
    assert.equal(run(new AutoCapture({ needsBarcode: false }), 0, 20, () => ({ document: null })).ready, false);
    assert.equal(run(new AutoCapture({ needsBarcode: false }), 0, 20, () => ({ document: { ...CARD, aspect: 1 } })).ready, false);
  });

  it('keeps the sharpest of the recent good frames', () => {
    const auto = new AutoCapture({ needsBarcode: false });
    const sharpness = [0.7, 0.7, 0.7, 0.9, 0.75, 0.72, 0.71];
    const decision = run(auto, 0, sharpness.length, (i) => ({ sharpness: sharpness[i]! }));
    assert.equal(decision.ready, true);
    assert.equal(decision.frameId, 3 * 125);
  });

  it('stays put while blocked (the wrong side is shown)', () => {
    const auto = new AutoCapture({ needsBarcode: false });
    auto.setBlocked(true);
    assert.equal(run(auto, 0, 20).ready, false);
    auto.setBlocked(false);
    assert.equal(auto.decide(2500).ready, true);
  });
});

describe('AutoCapture on a barcode side', () => {
  it('waits for a recent read, then keeps a frame whose barcode read', () => {
    const auto = new AutoCapture({ needsBarcode: true });
    const steady = run(auto, 0, 10, (i) => ({ sharpness: i === 8 ? 0.95 : 0.8 }));
    assert.equal(steady.ready, false, 'steady but no barcode yet');
    assert.ok(steady.progress <= 0.5);
    auto.barcodeRead(7 * 125, 1200);
    const decision = auto.decide(1250);
    assert.equal(decision.ready, true);
    assert.equal(decision.frameId, 7 * 125, 'the frame that read, over a sharper one that did not');
    assert.equal(auto.decide(1250 + 1600).ready, false, 'a read goes stale');
  });

  it('needs the whole card in view as well as the read (a barcode reads on a card cut off by the frame)', () => {
    const cutOff = new AutoCapture({ needsBarcode: true });
    run(cutOff, 0, 20, () => ({ document: { ...CARD, y: 0, height: 0.7, aspect: 2.07, clipped: true } }));
    cutOff.barcodeRead(2000, 2100);
    const decision = cutOff.decide(2150);
    assert.equal(decision.ready, false);
    assert.equal(decision.progress, 0);
    const none = new AutoCapture({ needsBarcode: true });
    run(none, 0, 20, () => ({ document: null }));
    none.barcodeRead(2000, 2100);
    assert.equal(none.decide(2150).ready, false);
    const whole = new AutoCapture({ needsBarcode: true });
    run(whole, 0, 8);
    whole.barcodeRead(875, 900);
    assert.equal(whole.decide(950).ready, true);
    const blurred = new AutoCapture({ needsBarcode: true });
    run(blurred, 0, 8, () => ({ sharpness: 0.3 }));
    blurred.barcodeRead(875, 900);
    assert.equal(blurred.decide(950).ready, false);
  });
});

describe('AutoCapture while a check is under way', () => {
  it('shows progress up to halfway and fires once the check is done', () => {
    const auto = new AutoCapture({ needsBarcode: false });
    auto.setWaiting(true);
    const waiting = run(auto, 0, 10);
    assert.equal(waiting.ready, false);
    assert.equal(waiting.progress, 0.5);
    auto.setWaiting(false);
    assert.equal(auto.decide(1125).ready, true);
  });
});
