/**
 * The public events of <beltic-verify>. All bubble and cross shadow roots (`composed`), and no
 * `detail` ever carries personal data: ids, step names, byte counts and codes only.
 */
import type { Side } from './api/contract.js';
import type { Outcome, StepName } from './flow/machine.js';
import { BelticVerifyErrorEvent, type ErrorDetail } from './error-event.js';

export { BelticVerifyErrorEvent, type ErrorDetail };

export interface ReadyDetail {
  sessionId: string;
}
export interface StepChangeDetail {
  step: StepName;
  /** The side being captured or reviewed, when the step has one. */
  side: Side | null;
  previous: StepName | null;
}
export interface UploadProgressDetail {
  side: Side;
  loaded: number;
  total: number;
  /** 0–100 */
  percent: number;
}
export interface CompleteDetail {
  sessionId: string;
  status: Outcome;
}
export interface CancelDetail {
  sessionId: string | null;
}
export interface ContinueDetail {
  sessionId: string;
  /** How the flow ended: `passed`, `review`, `failed`, `expired` or `cancelled`. */
  status: Outcome;
}

function init<T>(detail: T, cancelable = false): CustomEventInit<T> {
  return { detail, bubbles: true, composed: true, cancelable };
}

export class BelticVerifyReadyEvent extends CustomEvent<ReadyDetail> {
  constructor(detail: ReadyDetail) {
    super('beltic-verify-ready', init(detail));
  }
}
export class BelticVerifyStepChangeEvent extends CustomEvent<StepChangeDetail> {
  constructor(detail: StepChangeDetail) {
    super('beltic-verify-step-change', init(detail));
  }
}
export class BelticVerifyUploadProgressEvent extends CustomEvent<UploadProgressDetail> {
  constructor(detail: UploadProgressDetail) {
    super('beltic-verify-upload-progress', init(detail));
  }
}
export class BelticVerifyCompleteEvent extends CustomEvent<CompleteDetail> {
  constructor(detail: CompleteDetail) {
    super('beltic-verify-complete', init(detail));
  }
}
/** Cancelable: the host page may call `preventDefault()` to keep the flow going. */
export class BelticVerifyCancelEvent extends CustomEvent<CancelDetail> {
  constructor(detail: CancelDetail) {
    super('beltic-verify-cancel', init(detail, true));
  }
}

/**
 * The applicant chose "Continue" on a result screen. Cancelable: `preventDefault()` keeps the
 * browser from following the link, e.g. to route inside a single-page app instead.
 */
export class BelticVerifyContinueEvent extends CustomEvent<ContinueDetail> {
  constructor(detail: ContinueDetail) {
    super('beltic-verify-continue', init(detail, true));
  }
}

declare global {
  interface HTMLElementEventMap {
    'beltic-verify-ready': BelticVerifyReadyEvent;
    'beltic-verify-step-change': BelticVerifyStepChangeEvent;
    'beltic-verify-upload-progress': BelticVerifyUploadProgressEvent;
    'beltic-verify-complete': BelticVerifyCompleteEvent;
    'beltic-verify-error': BelticVerifyErrorEvent;
    'beltic-verify-cancel': BelticVerifyCancelEvent;
    'beltic-verify-continue': BelticVerifyContinueEvent;
  }
}
