/**
 * Where the barcode decoder gets its pixels. A frame held as luma already has them all; a camera
 * frame in the barcode worker is a bitmap whose pixels cost more to read out than to decode
 * (a 1080p frame: ~40 ms drawn and read back, against ~20 ms of decoding, in headless Chromium),
 * so the decoder asks for only what it needs: a half-size copy to look for the symbol, then the
 * symbol's region at full size, and the whole frame only when those did not read.
 */
import { crop, scale, type LumaImage, type Rect } from '../frame/luma.js';

export interface FramePixels {
  readonly width: number;
  readonly height: number;
  /** The whole frame at full size. */
  whole(): LumaImage;
  /** The whole frame scaled by `factor` (below 1). */
  shrunk(factor: number): LumaImage;
  /** `rect` (whole pixels, inside the frame) at full size. */
  region(rect: Rect): LumaImage;
}

/** A frame whose luma is all there already. */
export function lumaPixels(image: LumaImage): FramePixels {
  return {
    width: image.width,
    height: image.height,
    whole: () => image,
    shrunk: (factor) => scale(image, factor),
    region: (rect) => crop(image, rect),
  };
}
