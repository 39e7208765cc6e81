/**
 * What the steps after the intro need, in a chunk of its own (#16): the capture sources (the live
 * camera with its workers' clients, the file), the review step's preview, the document step's country
 * field and how those steps are shown and styled. The element's first download holds what the intro needs; the
 * element loads this while the intro is read, or at once when a reload resumes past the intro.
 */
import type { CSSResult, ReactiveControllerHost } from 'lit';
import { LiveCapture } from './camera/live-capture.js';
import type { CaptureSource, SourceContext } from './sources/capture-source.js';
import { FileSource } from './sources/file-source.js';
import { CountryField } from './ui/country-field.js';
import { LATER_STEPS } from './ui/later-steps.js';
import { laterStyles } from './ui/later-styles.js';
import { PreviewController } from './ui/preview.js';
import type { LaterSteps } from './ui/steps.js';
import { reportUnavailableWorkers, setAssetsBase } from './workers/assets.js';

export interface CaptureParts {
  /** The live camera of the capture steps: opens on a capture step, closes on leaving it. */
  readonly camera: LiveCapture;
  /** The capture step offers these, in order; a source after an active one is folded as an alternative. */
  readonly sources: readonly CaptureSource[];
  readonly preview: PreviewController;
  /** The document step's country field: it keeps what the applicant types between renders. */
  readonly countryField: CountryField;
  readonly steps: LaterSteps;
  /** How those steps look: added to the element's styles when they arrive. */
  readonly styles: CSSResult;
  /** The element's `assets-base` changed: where the workers, all started from these parts, are taken from. */
  assetsBaseChanged(value: string): void;
}

/**
 * The parts, made for `host` (each controller follows the flow from its current state), with the
 * element's `assets-base` of the moment: every worker of the widget starts from here, after this.
 */
export function createCaptureParts(host: ReactiveControllerHost & HTMLElement, context: SourceContext, assetsBase: string): CaptureParts {
  setAssetsBase(assetsBase, host);
  // A worker that cannot start: a recoverable `worker_unavailable`, once.
  reportUnavailableWorkers(host, (code, message, recoverable) => context.reportError(code, message, recoverable));
  const camera = new LiveCapture(host, context);
  return {
    camera,
    sources: [camera, new FileSource(context)],
    preview: new PreviewController(host, context.flow),
    countryField: new CountryField(host, (text) => context.announce(text)),
    steps: LATER_STEPS,
    styles: laterStyles,
    assetsBaseChanged: (value) => setAssetsBase(value, host),
  };
}
