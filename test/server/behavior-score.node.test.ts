import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EVIDENCE, knownEvidence, scoreEvidence, threatLevel, type EvidenceId } from '../../src/behavior/score.js';

const ids = Object.keys(EVIDENCE) as EvidenceId[];

test('every piece of hard evidence alone scores at least 90; medium and soft less', () => {
  for (const id of ids) {
    const score = scoreEvidence([id]);
    if (EVIDENCE[id].strength === 'hard') assert.ok(score >= 90, `${id} scored ${score}`);
    else assert.ok(score < 40, `${id} scored ${score}`);
  }
});

test('the score is a weighted sum capped at 100', () => {
  assert.equal(scoreEvidence([]), 0);
  assert.equal(scoreEvidence(['ua_ch_missing', 'software_webgl']), 45);
  assert.equal(scoreEvidence(['straight_pointer', 'regular_keystrokes', 'too_fast']), 35);
  assert.equal(scoreEvidence(ids), 100);
  assert.equal(scoreEvidence(['webdriver', 'headless_ua']), 100);
});

test('unknown ids weigh nothing and duplicates count once (the page cannot inflate or invent weights)', () => {
  assert.equal(scoreEvidence(['nonsense', 'too_fast', 'too_fast', { id: 'too_fast' }]), 15);
  assert.equal(scoreEvidence([{ id: 'webdriver' }]), 100);
  assert.deepEqual(knownEvidence(['too_fast', 'webdriver', 'x']), ['webdriver', 'too_fast']);
  assert.equal(scoreEvidence(['__proto__', 'constructor', 'toString']), 0);
});

test('threat level follows the documented mapping', () => {
  const base = { bot_score: 0, request_spoof_attempts: 0, user_agent_spoof_attempts: 0, devtools_open: false, interactions: 10 };
  assert.equal(threatLevel(base), 'low');
  assert.equal(threatLevel({ ...base, bot_score: 39 }), 'low');
  assert.equal(threatLevel({ ...base, bot_score: 40 }), 'medium');
  assert.equal(threatLevel({ ...base, bot_score: 69 }), 'medium');
  assert.equal(threatLevel({ ...base, bot_score: 70 }), 'high');
  assert.equal(threatLevel({ ...base, request_spoof_attempts: 1 }), 'high');
  assert.equal(threatLevel({ ...base, user_agent_spoof_attempts: 1 }), 'medium');
  assert.equal(threatLevel({ ...base, devtools_open: true }), 'medium');
});

test('too little interaction makes "low" a guess (null), but never hides a finding', () => {
  const quiet = { bot_score: 0, request_spoof_attempts: 0, user_agent_spoof_attempts: 0, devtools_open: null, interactions: 2 };
  assert.equal(threatLevel(quiet), null);
  assert.equal(threatLevel({ ...quiet, interactions: null }), null);
  assert.equal(threatLevel({ ...quiet, interactions: 3 }), 'low');
  assert.equal(threatLevel({ ...quiet, bot_score: 95 }), 'high');
  assert.equal(threatLevel({ ...quiet, user_agent_spoof_attempts: 2 }), 'medium');
  assert.equal(threatLevel({ ...quiet, bot_score: null, interactions: 50 }), null);
  assert.equal(threatLevel({ ...quiet, bot_score: null, request_spoof_attempts: 1 }), 'high');
});
