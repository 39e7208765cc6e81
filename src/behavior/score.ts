/**
 * How evidence of automation becomes `bot_score` and `threat_level` (signals.md).
 *
 * Pure and dependency-free on purpose: the proxy uses it to recompute the two fields (the page's
 * numbers can be forged, the server's win), and the widget-side collector imports the same table so
 * that what the applicant's browser shows and what the server stores never drift apart.
 *
 * The mapping, in one place:
 *
 *   bot_score    = min(100, sum of the weights of the distinct known evidence ids)
 *                  hard evidence weighs ≥ 90 on its own, so any one of it makes the score ≥ 90;
 *                  unknown ids weigh 0 (the page may send anything, only this table counts).
 *   threat_level = 'high'   if bot_score ≥ 70 or request_spoof_attempts > 0
 *                  'medium' if bot_score ≥ 40 or user_agent_spoof_attempts > 0 or devtools_open
 *                  'low'    if bot_score is known and there were ≥ 3 trusted interactions
 *                  null     otherwise (too little to judge)
 *   A positive finding is reported even with few interactions; only "low" needs enough of them.
 *   High routes a session to review, never to an automatic decline.
 */
import type { ThreatLevel } from '../api/contract.js';

export type EvidenceStrength = 'hard' | 'medium' | 'soft';

interface EvidenceRule {
  strength: EvidenceStrength;
  weight: number;
  /** What was observed, in words an applicant or a reviewer can follow. */
  meaning: string;
}

/** The evidence vocabulary. Ids are what the widget sends in `meta.evidence`. */
export const EVIDENCE = {
  // hard: the browser says it is automated
  webdriver: { strength: 'hard', weight: 100, meaning: 'navigator.webdriver is true' },
  headless_ua: { strength: 'hard', weight: 95, meaning: 'the user agent names a headless browser' },
  automation_global: { strength: 'hard', weight: 95, meaning: 'an automation framework left a global behind' },
  untrusted_input: { strength: 'hard', weight: 90, meaning: 'input events were synthesized by script' },
  // medium: unusual for a person's browser, common for automation
  ua_ch_missing: { strength: 'medium', weight: 25, meaning: 'a Chromium browser without User-Agent Client Hints' },
  software_webgl: { strength: 'medium', weight: 20, meaning: 'WebGL renders in software' },
  zero_outer_window: { strength: 'medium', weight: 25, meaning: 'the outer window has no size' },
  no_trusted_input: { strength: 'medium', weight: 30, meaning: 'no trusted pointer, keyboard or touch event before submit' },
  // soft: people do this too, it only adds up
  straight_pointer: { strength: 'soft', weight: 10, meaning: 'pointer paths are straight lines' },
  regular_keystrokes: { strength: 'soft', weight: 10, meaning: 'keystroke timing is too regular' },
  too_fast: { strength: 'soft', weight: 15, meaning: 'the flow was completed faster than a person can' },
} as const satisfies Record<string, EvidenceRule>;

export type EvidenceId = keyof typeof EVIDENCE;

/** Evidence as the widget may send it: a bare id, or an object naming one (extra fields are ignored). */
export interface Evidence {
  id: string;
}

export const MAX_BOT_SCORE = 100;
export const HIGH_BOT_SCORE = 70;
export const MEDIUM_BOT_SCORE = 40;
/** Fewer trusted interactions than this and "low" would be a guess. */
export const MIN_INTERACTIONS_TO_JUDGE = 3;

export function isEvidenceId(value: unknown): value is EvidenceId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(EVIDENCE, value);
}

/** The distinct known evidence ids in a list, in table order (so results are stable). */
export function knownEvidence(evidence: readonly (string | Evidence)[]): EvidenceId[] {
  const ids = new Set(evidence.map((item) => (typeof item === 'string' ? item : item?.id)));
  return (Object.keys(EVIDENCE) as EvidenceId[]).filter((id) => ids.has(id));
}

export function scoreEvidence(evidence: readonly (string | Evidence)[]): number {
  const sum = knownEvidence(evidence).reduce((total, id) => total + EVIDENCE[id].weight, 0);
  return Math.min(MAX_BOT_SCORE, sum);
}

export interface ThreatInputs {
  bot_score: number | null;
  request_spoof_attempts: number | null;
  user_agent_spoof_attempts: number | null;
  devtools_open: boolean | null;
  /** Trusted pointer/keyboard/touch events seen by the widget; null or undefined when unknown. */
  interactions?: number | null;
}

export function threatLevel(inputs: ThreatInputs): ThreatLevel | null {
  const score = inputs.bot_score;
  if ((score !== null && score >= HIGH_BOT_SCORE) || (inputs.request_spoof_attempts ?? 0) > 0) return 'high';
  if ((score !== null && score >= MEDIUM_BOT_SCORE) || (inputs.user_agent_spoof_attempts ?? 0) > 0 || inputs.devtools_open === true) {
    return 'medium';
  }
  const enoughInteraction = typeof inputs.interactions === 'number' && inputs.interactions >= MIN_INTERACTIONS_TO_JUDGE;
  return score !== null && enoughInteraction ? 'low' : null;
}
