import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EVIDENCE, scoreEvidence, threatLevel } from '../../src/behavior/score.js';
import { botEvidence, MIN_HUMAN_COMPLETION_SECONDS, type BotObservations } from '../../src/signals/bot-evidence.js';
import { devtoolsLikelyOpen, DevtoolsWatch, type WindowSizes } from '../../src/signals/devtools.js';
import { KeystrokeRhythm, PointerPaths } from '../../src/signals/input-rhythm.js';

const CHROME_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

/** A person's Chromium on a laptop, halfway through the flow. */
const person: BotObservations = {
  webdriver: false,
  userAgent: CHROME_UA,
  brands: ['Not:A-Brand', 'Chromium'],
  automationGlobal: false,
  untrustedInputs: 0,
  clientHintsMissing: false,
  webglRendererClass: 'hardware',
  outerWindow: { width: 1280, height: 800 },
  submitted: false,
  trustedInteractions: 12,
  straightPointerPaths: false,
  regularKeystrokes: false,
  completionSeconds: null,
};

test('a person leaves no evidence: score 0, threat low with enough interaction', () => {
  const evidence = botEvidence(person);
  assert.deepEqual(evidence, []);
  const score = scoreEvidence(evidence);
  assert.equal(score, 0);
  assert.equal(threatLevel({ bot_score: score, request_spoof_attempts: null, user_agent_spoof_attempts: 0, devtools_open: false, interactions: 12 }), 'low');
  assert.equal(threatLevel({ bot_score: score, request_spoof_attempts: null, user_agent_spoof_attempts: 0, devtools_open: false, interactions: 1 }), null);
});

test('the test runner: webdriver and a headless User-Agent, software WebGL → high', () => {
  const evidence = botEvidence({
    ...person,
    webdriver: true,
    userAgent: CHROME_UA.replace('Chrome/', 'HeadlessChrome/'),
    webglRendererClass: 'software',
  });
  assert.deepEqual(evidence, ['webdriver', 'headless_ua', 'software_webgl']);
  assert.equal(scoreEvidence(evidence), 100);
  assert.equal(threatLevel({ bot_score: 100, request_spoof_attempts: null, user_agent_spoof_attempts: 0, devtools_open: false, interactions: 0 }), 'high');
});

test('each observation maps to its evidence id, all of them known to the shared table', () => {
  const cases: [Partial<BotObservations>, string][] = [
    [{ webdriver: true }, 'webdriver'],
    [{ brands: ['HeadlessChrome'] }, 'headless_ua'],
    [{ automationGlobal: true }, 'automation_global'],
    [{ untrustedInputs: 1 }, 'untrusted_input'],
    [{ clientHintsMissing: true }, 'ua_ch_missing'],
    [{ webglRendererClass: 'software' }, 'software_webgl'],
    [{ outerWindow: { width: 0, height: 0 } }, 'zero_outer_window'],
    [{ submitted: true, trustedInteractions: 0 }, 'no_trusted_input'],
    [{ straightPointerPaths: true }, 'straight_pointer'],
    [{ regularKeystrokes: true }, 'regular_keystrokes'],
    [{ completionSeconds: MIN_HUMAN_COMPLETION_SECONDS - 0.1 }, 'too_fast'],
  ];
  for (const [change, id] of cases) {
    assert.deepEqual(botEvidence({ ...person, ...change }), [id], id);
    assert.ok(id in EVIDENCE);
  }
  assert.equal(cases.length, Object.keys(EVIDENCE).length, 'the page can observe every id of the vocabulary');
});

test('no trusted input is judged only at submit; a slow enough completion is not too fast', () => {
  assert.deepEqual(botEvidence({ ...person, trustedInteractions: 0 }), []);
  assert.deepEqual(botEvidence({ ...person, submitted: true, completionSeconds: MIN_HUMAN_COMPLETION_SECONDS }), []);
});

test('straight pointer paths: ruler lines are, a wobbly hand is not', () => {
  const ruler = new PointerPaths();
  for (let path = 0; path < 2; path++) {
    for (let i = 0; i <= 10; i++) ruler.move(10 + i * 20, 10 + i * 10);
    ruler.press();
  }
  assert.equal(ruler.allStraight, true);

  const hand = new PointerPaths();
  for (let path = 0; path < 3; path++) {
    for (let i = 0; i <= 10; i++) hand.move(10 + i * 20, 10 + i * 10 + (i % 2 ? 8 : -8));
    hand.press();
  }
  assert.equal(hand.allStraight, false);

  const teleport = new PointerPaths();
  teleport.move(10, 10);
  teleport.press();
  teleport.press();
  assert.equal(teleport.allStraight, false, 'too little to judge');
});

test('keystroke rhythm: machine-even or faster than fingers is too regular; a person is not', () => {
  const machine = new KeystrokeRhythm();
  for (let i = 0; i < 12; i++) machine.keydown(i * 100);
  assert.equal(machine.tooRegular, true);

  const burst = new KeystrokeRhythm();
  for (let i = 0; i < 12; i++) burst.keydown(i * 3 + (i % 3));
  assert.equal(burst.tooRegular, true);

  const person = new KeystrokeRhythm();
  const gaps = [180, 95, 240, 130, 310, 150, 90, 200, 170, 260, 120, 220];
  let t = 0;
  for (const gap of gaps) person.keydown((t += gap));
  assert.equal(person.tooRegular, false);

  const few = new KeystrokeRhythm();
  for (let i = 0; i < 5; i++) few.keydown(i * 100);
  assert.equal(few.tooRegular, false);
});

test("devtools: docked tools take the window's room; zoom and a sizeless window are not judged", () => {
  const plain: WindowSizes = { outerWidth: 1280, outerHeight: 800, innerWidth: 1280, innerHeight: 690, devicePixelRatio: 1 };
  assert.equal(devtoolsLikelyOpen(plain, 1), false);
  assert.equal(devtoolsLikelyOpen({ ...plain, innerWidth: 900 }, 1), true, 'docked right');
  assert.equal(devtoolsLikelyOpen({ ...plain, innerHeight: 400 }, 1), true, 'docked below');
  assert.equal(devtoolsLikelyOpen({ ...plain, innerWidth: 900, devicePixelRatio: 1.25 }, 1), null, 'zoomed');
  assert.equal(devtoolsLikelyOpen({ ...plain, outerWidth: 0, outerHeight: 0 }, 1), null);
  // Headless Chromium: the outer window is smaller than the viewport.
  assert.equal(devtoolsLikelyOpen({ outerWidth: 780, outerHeight: 580, innerWidth: 800, innerHeight: 600, devicePixelRatio: 1 }, 1), false);

  const watch = new DevtoolsWatch(plain);
  assert.equal(watch.open, false);
  watch.look({ ...plain, innerWidth: 800 });
  watch.look(plain);
  assert.equal(watch.open, true, 'open once means open');
  assert.equal(new DevtoolsWatch({ ...plain, outerWidth: 0, outerHeight: 0 }).open, null);
});
