/**
 * Pixels of an ImageBitmap, as RGBA or luma, through one reusable OffscreenCanvas per thread (a
 * worker draws every frame of a scan at the same size, so the canvas is allocated once, at the
 * frame's size: a part of the frame, or the frame shrunk, is drawn into its corner and read from there).
 */
import type { FramePixels } from '../document/frame-pixels.js';
import { rgbaToLuma, type LumaImage, type Rect } from '../frame/luma.js';

let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;

/** Draws `from` of `bitmap` (all of it by default) at `width` × `height` (by default its size) and reads it back as luma. */
export function bitmapToLuma(bitmap: ImageBitmap, width?: number, height?: number, from?: Rect): LumaImage {
  const rgba = bitmapToRgba(bitmap, width, height, from);
  return rgbaToLuma(rgba, width ?? from?.width ?? bitmap.width, height ?? from?.height ?? bitmap.height);
}

/** Draws `from` of `bitmap` (all of it by default) at `width` × `height` (by default its size) and reads its RGBA back. */
export function bitmapToRgba(
  bitmap: ImageBitmap,
  width?: number,
  height?: number,
  from: Rect = { x: 0, y: 0, width: bitmap.width, height: bitmap.height },
): Uint8ClampedArray {
  const outWidth = width ?? from.width;
  const outHeight = height ?? from.height;
  if (!bitmap.width || !bitmap.height || !outWidth || !outHeight) throw new RangeError('The frame has no pixels (was its bitmap closed or transferred?).');
  const canvasWidth = Math.max(bitmap.width, outWidth);
  const canvasHeight = Math.max(bitmap.height, outHeight);
  if (!canvas || !context || canvas.width !== canvasWidth || canvas.height !== canvasHeight) {
    canvas = new OffscreenCanvas(canvasWidth, canvasHeight);
    // Read back every frame: a CPU-backed canvas avoids a GPU readback per getImageData.
    context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('No 2D canvas is available to read the frame.');
  }
  // Cleared first: a frame with transparent pixels would otherwise show the last one through.
  context.clearRect(0, 0, outWidth, outHeight);
  context.drawImage(bitmap, from.x, from.y, from.width, from.height, 0, 0, outWidth, outHeight);
  return context.getImageData(0, 0, outWidth, outHeight).data;
}

/**
 * The pixels of `bitmap` as the barcode decoder asks for them (document/frame-pixels.ts): each read
 * out when asked, the whole frame once; the time spent reading is added to `spent.ms`.
 */
export function bitmapPixels(bitmap: ImageBitmap, spent: { ms: number }): FramePixels {
  if (!bitmap.width || !bitmap.height) throw new RangeError('The frame has no pixels (was its bitmap closed or transferred?).');
  const timed = (read: () => LumaImage): LumaImage => {
    const started = performance.now();
    try {
      return read();
    } finally {
      spent.ms += performance.now() - started;
    }
  };
  let whole: LumaImage | null = null;
  return {
    width: bitmap.width,
    height: bitmap.height,
    whole: () => (whole ??= timed(() => bitmapToLuma(bitmap))),
    shrunk: (factor) => timed(() => bitmapToLuma(bitmap, Math.max(1, Math.round(bitmap.width * factor)), Math.max(1, Math.round(bitmap.height * factor)))),
    region: (rect) => timed(() => bitmapToLuma(bitmap, undefined, undefined, rect)),
  };
}
