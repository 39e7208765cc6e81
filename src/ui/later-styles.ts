import { css } from 'lit';

/**
 * The styles of the steps after the intro (ui/later-steps.ts: the document step's form and country field, the
 * capture sources, the review, the result screens), loaded with them in the capture parts (capture-parts.ts)
 * and added after the element's own (ui/styles.ts), whose private `--_*` variables they use.
 */
export const laterStyles = css`
  /* The document step's fields. */
  select,
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
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
  }
  legend {
    font-weight: 600;
    margin-bottom: 0.25rem;
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
  .notice.success {
    border-color: var(--_success);
    background: color-mix(in srgb, var(--_success) 6%, transparent);
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
  @media (forced-colors: active) {
    .file-alternative summary:focus-visible {
      outline-color: Highlight;
    }
  }
  .reading {
    font-weight: 600;
    margin-top: 0.75rem;
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
    .viewfinder.taken .guide {
      animation: none;
    }
  }
`;
