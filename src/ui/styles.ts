import { css, unsafeCSS } from 'lit';
import { AUTOFILL_END_ANIMATION, AUTOFILL_START_ANIMATION } from '../signals/autofill.js';

/**
 * Public theming tokens (`--beltic-verify-*`) are read once, on :host, into private `--_*`
 * variables; everything below uses only the private ones. Parts: base, heading, content,
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
  select {
    font: inherit;
    width: 100%;
    min-height: 44px;
    padding: 0.5rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.5);
    background: var(--_surface);
    color: inherit;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
  }
  legend {
    font-weight: 600;
    margin-bottom: 0.25rem;
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
  .dropzone {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 0.5rem;
    border: 2px dashed var(--_border);
    border-radius: var(--_radius);
    padding: 1.5rem 1rem;
    text-align: center;
  }
  .dropzone.over {
    border-color: var(--_accent);
    background: color-mix(in srgb, var(--_accent) 6%, transparent);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .preview {
    display: block;
    width: 100%;
    max-height: 60vh;
    /* The small viewport where there is one: on a phone, vh is the height with the browser's bars
       hidden, so 60vh could push the buttons below under Safari's toolbar or the keyboard. */
    max-height: 60svh;
    object-fit: contain;
    border-radius: calc(var(--_radius) * 0.66);
    background: #000;
  }
  .notice {
    border-inline-start: 4px solid var(--_danger);
    padding: 0.5rem 0.75rem;
    background: color-mix(in srgb, var(--_danger) 6%, transparent);
    margin: 0 0 1rem;
  }
  .notice.success {
    border-color: var(--_success);
    background: color-mix(in srgb, var(--_success) 6%, transparent);
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
  /* The live camera (camera/viewfinder.ts): video, a card-shaped guide, the advice of the moment. */
  .viewfinder {
    position: relative;
    overflow: hidden;
    aspect-ratio: 4 / 3;
    border-radius: var(--_radius);
    background: #000;
    margin: 0 0 0.5rem;
  }
  .viewfinder video {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .viewfinder.mirrored video {
    transform: scaleX(-1);
  }
  .viewfinder .guide {
    position: absolute;
    left: 50%;
    top: 50%;
    width: 86%;
    max-height: 86%;
    aspect-ratio: 85.6 / 54;
    transform: translate(-50%, -50%);
    border: 3px solid rgb(255 255 255 / 0.9);
    border-radius: 4% / 6%;
    box-shadow: 0 0 0 100vmax rgb(0 0 0 / 0.35);
    transition: border-color 0.2s;
  }
  .viewfinder.steady .guide {
    border-color: color-mix(in srgb, var(--_success) calc(var(--_progress, 0) * 100%), #fff);
  }
  .viewfinder.taken .guide {
    border-color: var(--_success);
    border-width: 5px;
    animation: taken-flash 0.5s ease-out;
  }
  @keyframes taken-flash {
    from {
      background: rgb(255 255 255 / 0.7);
    }
    to {
      background: transparent;
    }
  }
  .viewfinder .guidance {
    position: absolute;
    inset-inline: 0.75rem;
    bottom: 0.75rem;
    margin: 0;
    padding: 0.4rem 0.75rem;
    border-radius: calc(var(--_radius) * 0.5);
    background: rgb(0 0 0 / 0.7);
    color: #fff;
    text-align: center;
    font-weight: 600;
    font-size: 0.9rem;
    line-height: 1.3;
  }
  .camera-actions {
    margin-top: 0.5rem;
    justify-content: center;
  }
  .file-alternative {
    margin-top: 0.75rem;
  }
  .file-alternative summary {
    cursor: pointer;
    color: var(--_accent);
    font-weight: 600;
    min-height: 44px;
    display: flex;
    align-items: center;
  }
  .file-alternative summary:focus-visible {
    outline: 2px solid transparent;
    outline-offset: 2px;
    box-shadow: var(--_focus);
  }
  /* After every focus rule, which it overrides: the ring in forced colours (see the first focus rule). */
  @media (forced-colors: active) {
    button:focus-visible,
    select:focus-visible,
    input:focus-visible,
    .dropzone:focus-within,
    .file-alternative summary:focus-visible {
      outline-color: Highlight;
    }
  }
  .reading {
    font-weight: 600;
    margin-top: 0.75rem;
  }
  /*
   * Screens that lead somewhere (ui/step-progress.ts, ui/icons.ts, ui/cancel-confirm.ts,
   * ui/country-field.ts, the drop hint of sources/file-source.ts).
   */
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
  .result-icon {
    display: block;
    width: 3rem;
    height: 3rem;
    margin: 0 0 0.75rem;
    color: var(--_muted);
  }
  .result-icon.passed {
    color: var(--_success);
  }
  .result-icon.review {
    color: var(--_accent);
  }
  .result-icon.failed,
  .result-icon.expired {
    color: var(--_danger);
  }
  .reasons {
    padding-inline-start: 1.25rem;
  }
  a.button {
    display: inline-flex;
    align-items: center;
    text-decoration: none;
  }
  a.button:focus-visible {
    outline: 2px solid transparent;
    outline-offset: 2px;
    box-shadow: var(--_focus);
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
  .country-field input[type='text'] {
    font: inherit;
    width: 100%;
    min-height: 44px;
    padding: 0.5rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.5);
    background: var(--_surface);
    color: inherit;
  }
  .country-list {
    list-style: none;
    margin: 0.25rem 0 0;
    padding: 0.25rem 0;
    max-height: 15rem;
    overflow-y: auto;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.5);
    background: var(--_surface);
  }
  .country-list[hidden] {
    display: none;
  }
  .country-list li {
    display: flex;
    align-items: center;
    min-height: 44px;
    padding: 0.25rem 0.75rem;
    cursor: pointer;
  }
  .country-list li.chosen {
    font-weight: 600;
  }
  .country-list li[aria-selected='true'] {
    background: var(--_accent);
    color: var(--_accent-text);
  }
  .country-hint,
  .country-none {
    margin: 0.25rem 0 0;
    font-size: 0.875rem;
  }
  .dropzone .drop-only {
    display: none;
  }
  @media (hover: hover) and (pointer: fine) {
    .dropzone .drop-only {
      display: inline;
    }
    .dropzone .no-drop {
      display: none;
    }
  }
  @media (forced-colors: active) {
    .country-list li[aria-selected='true'] {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
    }
    a.button:focus-visible {
      outline-color: Highlight;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
    .viewfinder.taken .guide {
      animation: none;
    }
    * {
      transition: none !important;
      scroll-behavior: auto !important;
    }
  }
`;
