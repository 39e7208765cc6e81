/**
 * "Step 3 of 5": where the applicant is in the flow, from the intro to the check. The steps are
 * the intro, the choice of document, one per side of the document (its capture and review
 * together), and sending with the check; so a passport (one side) has four and a licence (two) five.
 * The result is the end, not a step. Before a document is chosen the count follows the one
 * selected in the form (or the first offered), so it may change as the applicant chooses.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Side } from '../api/contract.js';
import type { Step } from '../flow/machine.js';
import type { Strings } from './strings.js';

export interface StepPosition {
  /** From 1. */
  step: number;
  total: number;
}

/** The id of the text, which each step's heading names as its description (heard with it as it takes the focus). */
export const STEP_PROGRESS_ID = 'step-progress';

/**
 * Where `step` is, for a document whose sides are taken in the order `sides` (after a retry about
 * the back, the back comes first: it is then step 3); null on the steps that are not counted
 * (starting, the result).
 */
export function stepPosition(step: Step, sides: readonly Side[]): StepPosition | null {
  const total = 3 + Math.max(1, sides.length);
  switch (step.name) {
    case 'intro':
      return { step: 1, total };
    case 'document':
      return { step: 2, total };
    case 'capture':
    case 'review':
      return { step: 3 + Math.max(0, sides.indexOf(step.side)), total };
    case 'uploading':
    case 'verifying':
      return { step: total, total };
    case 'starting':
    case 'result':
      return null;
  }
}

/** The text, and a bar that shows the same to the eye only (the text is what is read). */
export function renderStepProgress(strings: Strings, position: StepPosition | null): TemplateResult | typeof nothing {
  if (!position) return nothing;
  return html`<div class="step-progress" part="step-progress">
    <p id=${STEP_PROGRESS_ID}>${strings.stepOf(position.step, position.total)}</p>
    <progress max=${position.total} .value=${position.step} aria-hidden="true"></progress>
  </div>`;
}
