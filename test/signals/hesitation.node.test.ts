import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hesitationFigures, hesitationThreshold, HesitationRecorder, median, type AwaySpan } from '../../src/signals/hesitation.js';

/** One field visit: focus at `focus`, entries at the given times. */
function visit(recorder: HesitationRecorder, field: object, focus: number, entries: number[]): void {
  recorder.focus(field, focus);
  for (const at of entries) recorder.entry(field, at);
  recorder.blur(field);
}

test('the worked example of signals.md, exactly', () => {
  const recorder = new HesitationRecorder();
  visit(recorder, {}, 0, [500, 620, 740, 6740, 6860]);
  assert.deepEqual(
    recorder.intervals.map((i) => i.ms),
    [500, 120, 120, 6000, 120],
  );
  assert.equal(hesitationThreshold(recorder.intervals), 2000);
  assert.deepEqual(hesitationFigures(recorder.intervals), {
    hesitation_baseline: 6860,
    hesitation_count: 1,
    hesitation_time: 6000,
    hesitation_percentage: 87.46,
  });
});

test('no field visit: baseline 0 and percentage null', () => {
  assert.deepEqual(hesitationFigures([]), { hesitation_baseline: 0, hesitation_count: 0, hesitation_time: 0, hesitation_percentage: null });
  // A focus and a blur without any entry is a visit with no interval.
  const recorder = new HesitationRecorder();
  visit(recorder, {}, 100, []);
  assert.equal(hesitationFigures(recorder.intervals).hesitation_percentage, null);
});

test('the threshold follows a slow typist: 3 × their median when that is above 2 s', () => {
  const recorder = new HesitationRecorder();
  // Intervals 1000 (first), 900, 1000, 1100, 2500: median of the non-first 1050 → T = 3150.
  visit(recorder, {}, 0, [1000, 1900, 2900, 4000, 6500]);
  assert.equal(hesitationThreshold(recorder.intervals), 3150);
  const figures = hesitationFigures(recorder.intervals);
  assert.equal(figures.hesitation_count, 0);
  assert.equal(figures.hesitation_baseline, 6500);
});

test('the first interval of a visit is measured but left out of the median', () => {
  const recorder = new HesitationRecorder();
  visit(recorder, {}, 0, [9000, 9100, 9200]);
  assert.deepEqual(recorder.intervals, [
    { ms: 9000, first: true },
    { ms: 100, first: false },
    { ms: 100, first: false },
  ]);
  assert.equal(hesitationThreshold(recorder.intervals), 2000);
  assert.equal(hesitationFigures(recorder.intervals).hesitation_count, 1);
});

test('visits to several fields share one threshold; each visit has its own first interval', () => {
  const recorder = new HesitationRecorder();
  const name = {};
  const email = {};
  visit(recorder, name, 0, [300, 400]);
  visit(recorder, email, 10_000, [12_500, 12_600]);
  assert.deepEqual(
    recorder.intervals.map((i) => [i.ms, i.first]),
    [
      [300, true],
      [100, false],
      [2500, true],
      [100, false],
    ],
  );
  const figures = hesitationFigures(recorder.intervals);
  assert.equal(figures.hesitation_baseline, 3000);
  assert.equal(figures.hesitation_count, 1);
  assert.equal(figures.hesitation_time, 2500);
  assert.equal(figures.hesitation_percentage, 83.33);
});

test('entries outside the focused field, or after its blur, are not measured', () => {
  const recorder = new HesitationRecorder();
  const field = {};
  recorder.focus(field, 0);
  recorder.entry({}, 50);
  recorder.entry(field, 100);
  recorder.blur(field);
  recorder.entry(field, 5000);
  assert.deepEqual(recorder.intervals, [{ ms: 100, first: true }]);
});

test('intervals that overlap an away episode are dropped', () => {
  const away: AwaySpan[] = [{ start: 1000, end: 4000 }];
  const recorder = new HesitationRecorder([], () => away);
  visit(recorder, {}, 0, [500, 600, 4500, 4600]);
  // 600 → 4500 spans the episode: dropped; the rest stay.
  assert.deepEqual(
    recorder.intervals.map((i) => i.ms),
    [500, 100, 100],
  );
  // A span still open overlaps everything after its start.
  const open = new HesitationRecorder([], () => [{ start: 1000, end: null }]);
  visit(open, {}, 0, [500, 1500]);
  assert.deepEqual(
    open.intervals.map((i) => i.ms),
    [500],
  );
});

test('median: odd, even and empty', () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([]), null);
});
