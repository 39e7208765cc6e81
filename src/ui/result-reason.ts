/**
 * Why the flow ended as it did, for the result screen, in the applicant's words: on the failed
 * screen, the checks the last verification failed (worded by ui/reasons.ts, as the retry notice
 * words them: an expired document says so), else what the flow itself knows (too many attempts).
 * Empty when nothing is known: the screen then says only what to do next.
 */
import type { FailedCheck } from '../api/parse.js';
import { MAX_RETRIES, type FlowState } from '../flow/machine.js';
import { reasonText } from './reasons.js';
import type { Strings } from './strings.js';

export function resultReasons(strings: Strings, state: FlowState): string[] {
  const step = state.step;
  if (step.name !== 'result' || step.outcome !== 'failed') return [];
  const checks = finalChecks(state);
  if (checks.length) return [...new Set(checks.map((check) => reasonText(strings, check, state.documentType)))];
  if (state.retries > MAX_RETRIES) return [strings.failedBecause.tooManyAttempts];
  return [];
}

/**
 * The hook for the checks of the verification that ended the flow: the machine keeps them on the
 * result step (`{ name: 'result', outcome, reasons }`) where it has them. Read defensively: a
 * result reached otherwise (the session's status, a cancel, another tab) has none.
 */
function finalChecks(state: FlowState): readonly FailedCheck[] {
  const reasons = (state.step as { reasons?: unknown }).reasons;
  return Array.isArray(reasons) ? (reasons as FailedCheck[]) : [];
}
