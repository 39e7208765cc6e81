/**
 * The barcode worker's work: one frame in, what its PDF417 says out. The payload is parsed
 * here and only the parsed AAMVA fields leave the worker: the raw text (with every element
 * the card carries) is never posted, logged or kept.
 */
import { parseAamva, type AamvaFields } from '../document/aamva.js';
import { bitmapPixels } from './bitmap-luma.js';
import type { LumaImage } from '../frame/luma.js';
import { decodePdf417 } from '../document/pdf417.js';
import type { Quad } from '../frame/perspective.js';
import type { Reply } from '../workers/rpc.js';

export interface BarcodeRequest {
  /** A full-resolution frame (transferred and closed), or luma already extracted. */
  frame: ImageBitmap | LumaImage;
  /**
   * Give up after this long (ms). A live scan wants an answer per frame rather than every
   * variant of a frame that has no barcode; a still photo can afford more. Default: no limit.
   */
  budgetMs?: number;
  /** Try the slower variants too (for a still photo). */
  tryHarder?: boolean;
  /**
   * The document's corners as the frame analysis traced them (fractions of the frame's width and
   * height, frame-quality.ts DocumentRegion.corners), in this frame or one just before: the card
   * is flattened and read first (pdf417.ts).
   */
  outline?: Quad;
}

export interface BarcodeReading {
  /** A PDF417 was read (whatever it holds). */
  found: boolean;
  /** Its AAMVA fields, when it was an AAMVA DL/ID payload; null otherwise. */
  fields: AamvaFields | null;
  /** Which decoder variant read it (pdf417.ts), for measurements. */
  variant: string | null;
  /** Time spent reading the pixels out of the bitmap (as far as the decoder asked for them), ms. */
  prepareMs: number;
  /** Time spent decoding, ms. */
  decodeMs: number;
  /** The budget ran out before every variant was tried. */
  gaveUp: boolean;
  width: number;
  height: number;
}

export function handleBarcode(request: BarcodeRequest): Reply<BarcodeReading> {
  const started = performance.now();
  // A bitmap's pixels are read out as the decoder asks for them (often a half-size look and the
  // symbol's region, not the whole frame); the budget is the decoding's, as it was when the whole
  // frame was read out first.
  const reading = { ms: 0 };
  const frame = request.frame;
  const pixels = isBitmap(frame) ? bitmapPixels(frame, reading) : frame;
  const deadline = request.budgetMs === undefined ? Infinity : started + request.budgetMs;
  let gaveUp = false;
  const signal = {
    get aborted() {
      gaveUp ||= performance.now() - reading.ms > deadline;
      return gaveUp;
    },
  };
  const outline = request.outline?.map(({ x, y }) => ({ x: x * pixels.width, y: y * pixels.height })) as Quad | undefined;
  let result: ReturnType<typeof decodePdf417>;
  try {
    result = decodePdf417(pixels, { signal, tryHarder: request.tryHarder ?? false, ...(outline ? { outline } : {}) });
  } finally {
    if (isBitmap(frame)) frame.close();
  }
  const finished = performance.now();
  return {
    body: {
      found: result !== null,
      fields: result ? parseAamva(result.text) : null,
      variant: result?.variant ?? null,
      prepareMs: reading.ms,
      decodeMs: finished - started - reading.ms,
      gaveUp: result === null && gaveUp,
      width: pixels.width,
      height: pixels.height,
    },
  };
}

function isBitmap(frame: ImageBitmap | LumaImage): frame is ImageBitmap {
  return typeof ImageBitmap === 'function' && frame instanceof ImageBitmap;
}
