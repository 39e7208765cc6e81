/**
 * The camera part of the capture step: the live video with a document-shaped guide, the
 * advice of the moment, the shutter, and the camera's problems with a way forward. A render
 * function: everything it shows comes in through `ViewfinderView`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { ref, type Ref } from 'lit/directives/ref.js';
import type { CameraStrings } from '../ui/strings.js';
import type { CameraStatus } from './camera-controller.js';
import type { GuidanceCode } from '../frame/guidance.js';

export interface ViewfinderView {
  strings: CameraStrings;
  camera: CameraStatus;
  guidance: GuidanceCode | null;
  /** 0–1 towards the automatic photo. */
  progress: number;
  /** 'taking': the photo is being taken; 'taken': it was (the cue stays until the step changes). */
  phase: 'scanning' | 'taking' | 'taken';
  /** How the photo was taken, for the cue. */
  takenAutomatically: boolean;
  /** The last press of the shutter gave no photo: said until the next press. */
  pressFailed: boolean;
  video: Ref<HTMLVideoElement>;
  on: { shutter(): void; retry(): void };
}

export function renderViewfinder(view: ViewfinderView): TemplateResult | typeof nothing {
  const { strings: t, camera } = view;
  if (camera.state === 'off') return nothing;
  if (camera.state === 'problem') {
    // No camera at all: the file source below is the way, and says so itself.
    if (camera.problem === 'absent') return html`<p class="muted camera-note" part="camera-note">${t.problems.absent}</p>`;
    return html`<div class="notice" part="notice camera-problem">
      <p>${t.problems[camera.problem]}</p>
      <div class="actions" part="actions">
        <button part="button" type="button" class="secondary" @click=${view.on.retry}>${t.tryAgain}</button>
      </div>
    </div>`;
  }
  const live = camera.state === 'live';
  const steady = view.phase === 'scanning' && view.progress > 0 && view.guidance === null;
  const message =
    view.phase === 'taken'
      ? view.takenAutomatically
        ? t.takenAutomatically
        : t.taken
      : view.pressFailed
        ? t.notTaken
        : view.guidance
          ? t.guidance[view.guidance]
          : steady
            ? t.holdStill
            : live
              ? ''
              : t.starting;
  // The <video>: muted and playsinline, so iOS Safari plays it inline and without a tap (else it would
  // wait for one, then take the preview full screen); tabindex -1, as Firefox puts every <video> in the
  // tab order and this one is hidden from assistive technology.
  // tabindex -1: where focus waits while the camera starts after "Try again" (its shutter is disabled until then).
  return html`<div class="camera" part="camera" role="group" aria-label=${t.viewfinder} tabindex="-1">
    <div
      class=${classMap({ viewfinder: true, mirrored: live && camera.facing === 'user', steady, taken: view.phase === 'taken' })}
      part="viewfinder"
      ${ref(setProgress(view.progress))}
    >
      <video ${ref(view.video)} .srcObject=${live ? camera.stream : null} .muted=${true} autoplay muted playsinline tabindex="-1" aria-hidden="true"></video>
      <div class="guide" aria-hidden="true"></div>
      ${message ? html`<p class="guidance" part="guidance">${message}</p>` : nothing}
    </div>
    <div class="actions camera-actions" part="actions">
      <button part="button shutter" type="button" class="shutter" ?disabled=${!live || view.phase !== 'scanning'} @click=${view.on.shutter}>
        ${t.shutter}
      </button>
    </div>
  </div>`;
}

/**
 * The steady cue's progress as a custom property, set through the CSSOM: a `style` attribute
 * would be refused by a strict Content-Security-Policy (style-src without 'unsafe-inline').
 */
function setProgress(progress: number): (element?: Element) => void {
  return (element) => (element as HTMLElement | undefined)?.style.setProperty('--_progress', String(progress));
}
