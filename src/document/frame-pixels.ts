/**
 * Where the barcode decoder gets its pixels. A frame held as luma already has them all; a camera
 * frame in the barcode worker is a bitmap whose pixels cost more to read out than to decode
 * (a 1080p frame: ~40 ms drawn and read back, against ~20 ms of decoding, in headless Chromium),
 * so the decoder asks for only what it needs: scan lines across the card or the frame, which place
 * the symbol by its guard patterns, then the symbol's region (or a half-size copy to look for it),
 * and the whole frame only when those did not read.
 */
import { crop, scale, type LumaImage, type Rect } from '../frame/luma.js';

export interface FramePixels {
  readonly width: number;
  readonly height: number;
  /** The whole frame at full size. */
  whole(): LumaImage;
  /** The whole frame scaled by `factor` (below 1). */
  shrunk(factor: number): LumaImage;
  /** `rect` (whole pixels, inside the frame) at full size, or scaled by `factor` (below 1). */
  region(rect: Rect, factor?: number): LumaImage;
  /** Scan lines one pixel thick, at full size: row i of the image is the frame's row (or column) `at[i]`, from `from`, `length` long. */
  lines(direction: LineDirection, at: readonly number[], from: number, length: number): LumaImage;
}

export type LineDirection = 'rows' | 'columns';

/** A frame whose luma is all there already. */
export function lumaPixels(image: LumaImage): FramePixels {
  return {
    width: image.width,
    height: image.height,
    whole: () => image,
    shrunk: (factor) => scale(image, factor),
    region: (rect, factor = 1) => (factor < 1 ? scale(crop(image, rect), factor) : crop(image, rect)),
    lines: (direction, at, from, length) => {
      const data = new Uint8Array(at.length * length);
      at.forEach((line, i) => {
        for (let j = 0; j < length; j++)
          data[i * length + j] = image.data[direction === 'rows' ? line * image.width + from + j : (from + j) * image.width + line]!;
      });
      return { width: length, height: at.length, data };
    },
  };
}

/** `rect` of an image `factor` times smaller, in `frame`'s whole pixels and inside it. */
export function wholePixels(rect: Rect, factor: number, frame: { width: number; height: number }): Rect {
  const x = Math.max(0, Math.floor(rect.x * factor));
  const y = Math.max(0, Math.floor(rect.y * factor));
  return {
    x,
    y,
    width: Math.min(frame.width, Math.ceil((rect.x + rect.width) * factor)) - x,
    height: Math.min(frame.height, Math.ceil((rect.y + rect.height) * factor)) - y,
  };
}
