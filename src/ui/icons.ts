/**
 * The result screens' icons: inline SVG in the widget's own templates (nothing fetched, nothing in a
 * style attribute, so a strict CSP and Trusted Types allow them), drawn in `currentColor` so the
 * stylesheet gives each outcome its colour, and hidden from assistive technology: the heading
 * beside each says the same.
 */
import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import type { Outcome } from '../flow/machine.js';

// The shapes are SVG fragments (`svg`, not `html`): parsed as HTML they would be unknown HTML elements.
const PATHS: Record<Outcome, SVGTemplateResult> = {
  // A tick in a circle.
  passed: svg`<circle cx="12" cy="12" r="10" /><path d="M7.5 12.5l3 3 6-7" />`,
  // A clock: someone will look at it.
  review: svg`<circle cx="12" cy="12" r="10" /><path d="M12 6.5V12l3.5 2.5" />`,
  // A cross in a circle.
  failed: svg`<circle cx="12" cy="12" r="10" /><path d="M8.5 8.5l7 7M15.5 8.5l-7 7" />`,
  // An hourglass.
  expired: svg`<path d="M7 3h10M7 21h10M8 3c0 5 8 6 8 9s-8 4-8 9M16 3c0 5-8 6-8 9s8 4 8 9" />`,
  // A circle struck through.
  cancelled: svg`<circle cx="12" cy="12" r="10" /><path d="M5 19L19 5" />`,
};

/** The icon of an outcome, decorative (its meaning is in the heading). */
export function outcomeIcon(outcome: Outcome): TemplateResult {
  return html`<svg
    class="result-icon ${outcome}"
    part="result-icon"
    viewBox="0 0 24 24"
    width="48"
    height="48"
    fill="none"
    stroke="currentColor"
    stroke-width="1.8"
    stroke-linecap="round"
    stroke-linejoin="round"
    aria-hidden="true"
    focusable="false"
  >
    ${PATHS[outcome]}
  </svg>`;
}
