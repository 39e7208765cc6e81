import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DistractionTracker } from '../../src/signals/distraction.js';

test('a hidden page is an episode however short', () => {
  const t = new DistractionTracker();
  t.hidden(1000);
  t.visible(1200);
  assert.equal(t.count(5000), 1);
});

test('a window blur counts only beyond 1 s', () => {
  const t = new DistractionTracker();
  t.windowBlur(1000);
  t.windowFocus(1900);
  assert.equal(t.count(10_000), 0, 'a click into the browser UI is not leaving');
  t.windowBlur(3000);
  t.windowFocus(4200);
  assert.equal(t.count(10_000), 1);
});

test('a tab switch (blur, hidden, visible, focus) is one episode', () => {
  const t = new DistractionTracker();
  t.windowBlur(1000);
  t.hidden(1001);
  t.visible(5000);
  t.windowFocus(5002);
  assert.equal(t.count(6000), 1);
  assert.deepEqual(t.episodes(6000), [{ start: 1000, end: 5002 }]);
});

test('an open span counts once it qualifies: hidden at once, unfocused after 1 s', () => {
  const t = new DistractionTracker();
  t.windowBlur(1000);
  assert.equal(t.count(1500), 0);
  assert.equal(t.count(2001), 1);
  assert.deepEqual(t.episodes(2001), [{ start: 1000, end: null }]);
});

test('separate departures count separately; carried episodes add', () => {
  const t = new DistractionTracker(2);
  t.hidden(100);
  t.visible(200);
  t.hidden(300);
  t.visible(400);
  assert.equal(t.count(500), 4);
});

test('a page that starts hidden or unfocused has not been left; a trusted input proves presence', () => {
  const t = new DistractionTracker();
  t.startedWhile({ hidden: false, blurred: true });
  t.hidden(1000);
  t.visible(2000);
  // No focus event ever comes (a window that never had focus): the applicant's keydown closes the span.
  assert.deepEqual(t.episodes(3000), [{ start: 1000, end: null }]);
  t.present(2500);
  assert.deepEqual(t.episodes(9000), [{ start: 1000, end: 2500 }]);
  assert.equal(t.count(9000), 1);

  const already = new DistractionTracker();
  already.startedWhile({ hidden: true, blurred: true });
  already.visible(100);
  already.windowFocus(200);
  assert.equal(already.count(1000), 0);
});
