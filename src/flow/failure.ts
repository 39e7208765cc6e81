/** The flow's failures, as the applicant and the host page see them: a code, whether trying again can help, and words. */
import { ApiError } from '../api/errors.js';
import type { FlowError } from './machine.js';

/** A failure with the code and words the applicant and the host page will see. */
export class FlowFailure extends Error {
  constructor(
    readonly error: FlowError,
    message: string,
  ) {
    super(message);
  }
}

/** Any error an effect threw, as a FlowFailure: the API's own code where it has one, else `unexpected` (retryable). */
export function toFailure(error: unknown): FlowFailure {
  if (error instanceof FlowFailure) return error;
  if (error instanceof ApiError) return new FlowFailure({ code: error.code, retryable: error.retryable || error.code === 'malformed_response' }, error.message);
  return new FlowFailure({ code: 'unexpected', retryable: true }, error instanceof Error ? error.message : String(error));
}
