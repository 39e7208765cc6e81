/**
 * Pixels of an ImageBitmap, as RGBA or luma, through one reusable OffscreenCanvas per thread (a
 * worker draws every frame of a scan at the same size, so the canvas is allocated once).
 */
import { rgbaToLuma, type LumaImage } from '../frame/luma.js';

let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;

/** Draws `bitmap` (at `width` × `height`, by default its own size) and reads it back as luma. */
export function bitmapToLuma(bitmap: ImageBitmap, width = bitmap.width, height = bitmap.height): LumaImage {
  return rgbaToLuma(bitmapToRgba(bitmap, width, height), width, height);
}

/** Draws `bitmap` (at `width` × `height`, by default its own size) and reads its RGBA back. */
export function bitmapToRgba(bitmap: ImageBitmap, width = bitmap.width, height = bitmap.height): Uint8ClampedArray {
  if (!width || !height) throw new RangeError('The frame has no pixels (was its bitmap closed or transferred?).');
  if (!canvas || !context || canvas.width !== width || canvas.height !== height) {
    canvas = new OffscreenCanvas(width, height);
    // Read back every frame: a CPU-backed canvas avoids a GPU readback per getImageData.
    context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('No 2D canvas is available to read the frame.');
  }
  context.drawImage(bitmap, 0, 0, width, height);
  return context.getImageData(0, 0, width, height).data;
}
