/** The advice policy, the show/announce timeline and the barcode watch, with made-up figures and clocks. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BarcodeWatch } from '../../src/camera/barcode-watch.js';
import { guidanceFor, type GuidanceCode } from '../../src/frame/guidance.js';
import { GuidanceTimeline } from '../../src/camera/guidance-timeline.js';
import { CARD, metrics } from './metrics.js';

describe('guidanceFor', () => {
  it('says nothing about a clean, steady card', () => {
    assert.equal(guidanceFor({ metrics: metrics(), motion: 0, barcode: 'not_expected' }), null);
    assert.equal(guidanceFor({ metrics: metrics(), motion: null, barcode: 'read' }), null);
  });

  it('puts the most pressing problem first', () => {
    const everything = metrics({ brightness: 60, glare: 0.2, sharpness: 0.2, document: { ...CARD, width: 0.3, height: 0.3 } });
    const order: GuidanceCode[] = [];
    let current = everything;
    let motion: number | null = 0.2;
    for (;;) {
      const code = guidanceFor({ metrics: current, motion, barcode: 'reading' });
      if (!code) break;
      order.push(code);
      if (code === 'dark') current = { ...current, brightness: 230 };
      else if (code === 'glare') current = { ...current, glare: 0 };
      else if (code === 'moving') motion = 0;
      else if (code === 'blurry') current = { ...current, sharpness: 0.8 };
      else if (code === 'far') current = { ...current, document: CARD };
      else break;
    }
    assert.deepEqual(order, ['dark', 'glare', 'moving', 'blurry', 'far', 'reading_barcode']);
  });

  it('speaks of the barcode only once the frame itself is fine', () => {
    assert.equal(guidanceFor({ metrics: metrics(), motion: 0, barcode: 'missing' }), 'no_barcode');
    assert.equal(guidanceFor({ metrics: metrics(), motion: 0, barcode: 'unexpected' }), 'wrong_side_front');
    assert.equal(guidanceFor({ metrics: metrics({ brightness: 50 }), motion: 0, barcode: 'missing' }), 'dark');
  });

  it('asks for the whole card when its barcode reads but no whole card is in view', () => {
    const cutOff = metrics({ document: { ...CARD, y: 0, height: 0.7, aspect: 2.07, clipped: true } });
    assert.equal(guidanceFor({ metrics: cutOff, motion: 0, barcode: 'read' }), 'not_whole');
    assert.equal(guidanceFor({ metrics: metrics({ document: null }), motion: 0, barcode: 'read' }), 'not_whole');
    assert.equal(guidanceFor({ metrics: cutOff, motion: 0, barcode: 'reading' }), 'reading_barcode', 'no card is known to be there before it reads');
    assert.equal(guidanceFor({ metrics: metrics({ document: null }), motion: 0, barcode: 'not_expected' }), null);
    assert.equal(guidanceFor({ metrics: { ...cutOff, sharpness: 0.2 }, motion: 0, barcode: 'read' }), 'blurry', 'quality first');
  });

  it('says "move closer" only of something document-shaped', () => {
    const smallCard = metrics({ document: { ...CARD, width: 0.35, height: 0.3 } });
    assert.equal(guidanceFor({ metrics: smallCard, motion: 0, barcode: 'not_expected' }), 'far');
    const smallDisc = metrics({ document: { ...CARD, width: 0.35, height: 0.3, aspect: 1.05 } });
    assert.equal(guidanceFor({ metrics: smallDisc, motion: 0, barcode: 'not_expected' }), null);
    assert.equal(guidanceFor({ metrics: metrics({ document: null }), motion: 0, barcode: 'not_expected' }), null);
  });
});

describe('GuidanceTimeline', () => {
  /** Feeds one code per 100 ms from `from` to `to` (exclusive); returns the announcements with their times. */
  function feed(timeline: GuidanceTimeline, code: GuidanceCode | null, from: number, to: number): Array<[number, GuidanceCode]> {
    const said: Array<[number, GuidanceCode]> = [];
    for (let t = from; t < to; t += 100) {
      const { announce } = timeline.update(code, t);
      if (announce) said.push([t, announce]);
    }
    return said;
  }

  it('shows a message once it held 300 ms and announces it once after 1.5 s', () => {
    const timeline = new GuidanceTimeline();
    assert.equal(timeline.update('dark', 0).shown, null);
    assert.equal(timeline.update('dark', 200).shown, null);
    assert.equal(timeline.update('dark', 300).shown, 'dark');
    assert.deepEqual(feed(timeline, 'dark', 400, 10_000), [[1500, 'dark']]);
  });

  it('never announces advice that flickers', () => {
    const timeline = new GuidanceTimeline();
    const said: GuidanceCode[] = [];
    for (let t = 0; t < 20_000; t += 100) {
      const { announce } = timeline.update(t % 1000 < 500 ? 'blurry' : 'moving', t);
      if (announce) said.push(announce);
    }
    assert.deepEqual(said, []);
  });

  it('leaves a few seconds between announcements', () => {
    const timeline = new GuidanceTimeline();
    const said = [...feed(timeline, 'dark', 0, 2000), ...feed(timeline, 'far', 2000, 10_000)];
    assert.deepEqual(said, [
      [1500, 'dark'],
      [5500, 'far'],
    ]);
  });

  it('says the same advice again only after things were fine for a while', () => {
    const timeline = new GuidanceTimeline();
    const said = [...feed(timeline, 'dark', 0, 2000), ...feed(timeline, null, 2000, 3000), ...feed(timeline, 'dark', 3000, 6000)];
    assert.deepEqual(said, [[1500, 'dark']], 'a one-second break is not enough');
    const later = [...feed(timeline, null, 6000, 9000), ...feed(timeline, 'dark', 9000, 12_000)];
    assert.deepEqual(later, [[10_500, 'dark']]);
    assert.equal(timeline.update(null, 12_300).shown, 'dark');
    assert.equal(timeline.update(null, 12_600).shown, null, 'the message goes once all is well');
  });
});

describe('BarcodeWatch', () => {
  it('on a barcode side: reading, then read, then missing after long good frames without it', () => {
    const watch = new BarcodeWatch({ expected: true });
    assert.equal(watch.state(0), 'reading');
    watch.goodFrame(0);
    assert.equal(watch.state(7999), 'reading');
    assert.equal(watch.state(8000), 'missing');
    watch.read(8100);
    assert.equal(watch.state(8200), 'read');
    assert.equal(watch.state(9700), 'reading', 'a read goes stale');
  });

  it('bad frames do not count towards "missing"', () => {
    const watch = new BarcodeWatch({ expected: true });
    assert.equal(watch.state(20_000), 'reading');
  });

  it('on a side without one: a read means the wrong side, for a few seconds', () => {
    const watch = new BarcodeWatch({ expected: false });
    assert.equal(watch.state(0), 'not_expected');
    watch.read(1000);
    assert.equal(watch.state(1000), 'unexpected');
    assert.equal(watch.state(5000), 'unexpected');
    assert.equal(watch.state(5001), 'not_expected');
  });
});
