/**
 * The error event on its own, with no import: the Trusted Types check (workers/trusted-types.ts)
 * fires it from code that runs before lit and the rest of the widget have loaded. Public through
 * events.ts, with the other events.
 */
export interface ErrorDetail {
  code: string;
  message: string;
  recoverable: boolean;
}

export class BelticVerifyErrorEvent extends CustomEvent<ErrorDetail> {
  constructor(detail: ErrorDetail) {
    super('beltic-verify-error', { detail, bubbles: true, composed: true });
  }
}
