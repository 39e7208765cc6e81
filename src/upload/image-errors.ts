/**
 * The ways preparing an image can fail that the applicant can act on. Kept apart from the pipeline
 * so the main bundle can recognise them without loading the pipeline (and its compression library).
 */
export type ImagePreparationErrorCode =
  /** Not a photo we can use by its bytes (a PDF, a text file named .jpg, a video), or an AVIF this browser cannot decode. */
  | 'unsupported_type'
  /** A HEIC/HEIF photo (an iPhone's own format) this browser cannot decode: the applicant is told how to get a JPEG. */
  | 'unsupported_heic'
  /** Looks like an image but cannot be decoded (truncated, corrupt). */
  | 'unreadable_image';

export class ImagePreparationError extends Error {
  override readonly name = 'ImagePreparationError';
  readonly code: ImagePreparationErrorCode;

  constructor(code: ImagePreparationErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isImagePreparationError(error: unknown): error is ImagePreparationError {
  return error instanceof ImagePreparationError;
}

const CODES = { unsupported_type: true, unsupported_heic: true, unreadable_image: true } satisfies Record<ImagePreparationErrorCode, true>;

/** Whether a code that came back from the image worker (as a plain string) is one of ours. */
export function isImagePreparationErrorCode(code: unknown): code is ImagePreparationErrorCode {
  return typeof code === 'string' && Object.hasOwn(CODES, code);
}
