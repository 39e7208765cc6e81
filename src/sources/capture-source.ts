/**
 * A way for the applicant to give the flow a photo of a side: the live camera, a file, and
 * whatever comes next (another device, a native bridge). The capture step renders every source
 * of the element's list in order; adding one is adding an entry, without touching the element.
 * A source hands its photo to the flow (`FlowController.takeImage`), which prepares and keeps it.
 */
import type { FlowController } from '../flow/flow-controller.js';
import type { FocusTarget } from '../ui/focus-keeper.js';
import type { SourceView } from '../ui/steps.js';
import type { Strings } from '../ui/strings.js';

/** A capture source is what the capture step renders (`SourceView`: ui/steps.ts), made with a `SourceContext`. */
export type CaptureSource = SourceView;

/** What every source is given: the flow it hands photos to, and the element's words and voice. */
export interface SourceContext {
  readonly flow: FlowController;
  strings(): Strings;
  lang(): string;
  /** Text for the element's polite live region. */
  announce(text: string): void;
  /** A `beltic-verify-error` event (never with personal data). */
  reportError(code: string, message: string, recoverable: boolean): void;
  /**
   * Where focus goes if a render of this step removes the element holding it (the control just used
   * gives way to a message or a notice): ui/focus-keeper.ts. Else it goes to the step's heading.
   */
  keepFocus(find: FocusTarget): void;
}
