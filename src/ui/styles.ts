import { css, unsafeCSS } from 'lit';
import { AUTOFILL_END_ANIMATION, AUTOFILL_START_ANIMATION } from '../signals/autofill.js';

/**
 * Public theming tokens (`--beltic-verify-*`) are read once, on :host, into private `--_*`
 * variables; everything below, and the later steps' styles (ui/later-styles.ts, which come with
 * the capture parts), uses only the private ones. Parts: base, heading, content,
 * actions, button, progress, dropzone, preview, status, camera, viewfinder, guidance, shutter,
 * file-alternative, reading, camera-note, camera-problem.
 */
export const styles = css`
  :host {
    --_accent: var(--beltic-verify-accent, #1f4ed8);
    --_accent-text: var(--beltic-verify-accent-text, #ffffff);
    --_text: var(--beltic-verify-text, #1b1d21);
    --_muted: var(--beltic-verify-muted, #535862);
    --_surface: var(--beltic-verify-surface, #ffffff);
    --_border: var(--beltic-verify-border, #c9ced6);
    --_danger: var(--beltic-verify-danger, #b42318);
    --_success: var(--beltic-verify-success, #067647);
    --_radius: var(--beltic-verify-radius, 12px);
    --_font: var(--beltic-verify-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    /*
     * The focus ring, two bands: 2px of the surface, then 2px of the text colour. The outer band stands
     * out from the card (default theme: #1b1d21 on #ffffff, 16.9:1) and the inner one from a filled
     * button (#ffffff against the accent #1f4ed8, 6.7:1); 3:1 is needed (WCAG 2.2 SC 1.4.11, 2.4.13).
     * The text colour rather than the accent: a theme's light accent would fall under 3:1 on the card.
     */
    --_focus: var(--beltic-verify-focus-ring, 0 0 0 2px var(--_surface), 0 0 0 4px var(--_text));

    display: block;
    color: var(--_text);
    font-family: var(--_font);
    line-height: 1.5;
    max-width: 32rem;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  .base {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 1.5rem;
  }
  h2 {
    font-size: 1.35rem;
    line-height: 1.3;
    margin: 0 0 0.75rem;
  }
  h2:focus {
    outline: none;
  }
  h3 {
    font-size: 1rem;
    margin: 1rem 0 0.25rem;
  }
  p,
  ul,
  ol {
    margin: 0 0 0.75rem;
  }
  .muted {
    color: var(--_muted);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-top: 1.25rem;
  }
  button,
  .button {
    font: inherit;
    font-weight: 600;
    min-height: 44px;
    padding: 0.6rem 1.2rem;
    border-radius: calc(var(--_radius) * 0.66);
    border: 1px solid var(--_accent);
    background: var(--_accent);
    color: var(--_accent-text);
    cursor: pointer;
  }
  button.secondary {
    background: transparent;
    color: var(--_accent);
  }
  button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  /*
   * Forced colours (Windows contrast themes) paint no box-shadow: there, the outline is the ring. It is
   * transparent, hence unseen, elsewhere; forced colours give it the system's colour (Highlight, named
   * after the last focus rule, for engines that would keep it transparent).
   */
  button:focus-visible,
  select:focus-visible,
  input:focus-visible,
  .dropzone:focus-within {
    outline: 2px solid transparent;
    outline-offset: 2px;
    box-shadow: var(--_focus);
  }
  label {
    display: block;
    font-weight: 600;
    margin: 0.75rem 0 0.25rem;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-weight: 400;
    margin: 0.35rem 0;
  }
  .choice input {
    width: 1.2rem;
    height: 1.2rem;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .notice {
    border-inline-start: 4px solid var(--_danger);
    padding: 0.5rem 0.75rem;
    background: color-mix(in srgb, var(--_danger) 6%, transparent);
    margin: 0 0 1rem;
  }
  progress {
    width: 100%;
    height: 0.75rem;
    accent-color: var(--_accent);
  }
  .spinner {
    width: 2rem;
    height: 2rem;
    border: 3px solid var(--_border);
    border-top-color: var(--_accent);
    border-radius: 50%;
    animation: spin 0.9s linear infinite;
    margin: 1rem 0;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  /*
   * Autofill detection (signals/autofill.ts): fields the browser autofills start one empty
   * animation, fields that stop being autofilled start the other; the collector listens for
   * animationstart on this shadow root. Separate rules, as one unknown pseudo-class would void a list.
   */
  @keyframes ${unsafeCSS(AUTOFILL_START_ANIMATION)} {
    from {
    }
    to {
    }
  }
  @keyframes ${unsafeCSS(AUTOFILL_END_ANIMATION)} {
    from {
    }
    to {
    }
  }
  input,
  select,
  textarea {
    animation: ${unsafeCSS(AUTOFILL_END_ANIMATION)} 1ms;
  }
  input:-webkit-autofill,
  select:-webkit-autofill,
  textarea:-webkit-autofill {
    animation: ${unsafeCSS(AUTOFILL_START_ANIMATION)} 1ms;
  }
  input:autofill,
  select:autofill,
  textarea:autofill {
    animation: ${unsafeCSS(AUTOFILL_START_ANIMATION)} 1ms;
  }
  /* After every focus rule, which it overrides: the ring in forced colours (see the first focus rule). */
  @media (forced-colors: active) {
    button:focus-visible,
    select:focus-visible,
    input:focus-visible,
    .dropzone:focus-within {
      outline-color: Highlight;
    }
  }
  /* Where the flow stands, and leaving it (ui/step-progress.ts, ui/cancel-confirm.ts). */
  .step-progress {
    margin: 0 0 0.75rem;
  }
  .step-progress p {
    margin: 0 0 0.25rem;
    font-size: 0.875rem;
    color: var(--_muted);
  }
  .step-progress progress {
    display: block;
    height: 0.375rem;
  }
  /* Cancel sits at the end of the row, away from the step's own buttons. */
  button.cancel {
    margin-inline-start: auto;
  }
  dialog.confirm {
    max-width: min(26rem, calc(100vw - 2rem));
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 1.25rem 1.5rem;
    background: var(--_surface);
    color: var(--_text);
    font-family: var(--_font);
  }
  dialog.confirm::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  dialog.confirm h3 {
    font-size: 1.15rem;
    margin: 0 0 0.5rem;
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
    * {
      transition: none !important;
      scroll-behavior: auto !important;
    }
  }
`;
