/**
 * A way for the applicant to give the flow a photo of a side: the live camera, a file, and
 * whatever comes next (another device, a native bridge). The capture step renders every source
 * of the element's list in order; adding one is adding an entry, without touching the element.
 * A source hands its photo to the flow (`FlowController.takeImage`), which prepares and keeps it.
 */
import type { TemplateResult, nothing } from 'lit';
import type { Side } from '../api/contract.js';
import type { FlowController } from '../flow/flow-controller.js';
import type { Strings } from '../ui/strings.js';

export interface CaptureSource {
  /** What the source offers on the capture step of `side`. */
  render(side: Side): TemplateResult | typeof nothing;
  /** While true (e.g. the camera is live), the sources after this one are folded as alternatives. */
  readonly active: boolean;
  /** The label of the fold this source sits in when an earlier source is active. */
  alternativeLabel?(): string;
  /** Shown under the photo on the review step of `side` (e.g. what the camera read from a barcode). */
  renderReviewNotes?(side: Side): TemplateResult | typeof nothing;
}

/** What every source is given: the flow it hands photos to, and the element's words and voice. */
export interface SourceContext {
  readonly flow: FlowController;
  strings(): Strings;
  lang(): string;
  /** Text for the element's polite live region. */
  announce(text: string): void;
  /** A `beltic-verify-error` event (never with personal data). */
  reportError(code: string, message: string, recoverable: boolean): void;
}
