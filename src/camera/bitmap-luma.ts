/**
 * Pixels of an ImageBitmap, as RGBA or luma, through one reusable OffscreenCanvas per thread (a
 * worker draws every frame of a scan at the same size, so the canvas is allocated once, at the
 * frame's size: a part of the frame, or the frame shrunk, is drawn into its corner and read from there).
 */
import type { FramePixels, LineDirection } from '../document/frame-pixels.js';
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
  const context = canvasOfSize(Math.max(bitmap.width, outWidth), Math.max(bitmap.height, outHeight));
  // Cleared first: a frame with transparent pixels would otherwise show the last one through.
  context.clearRect(0, 0, outWidth, outHeight);
  context.drawImage(bitmap, from.x, from.y, from.width, from.height, 0, 0, outWidth, outHeight);
  return context.getImageData(0, 0, outWidth, outHeight).data;
}

/** The thread's canvas, at `width` × `height` (the same for every frame of a scan: see the header). */
function canvasOfSize(width: number, height: number): OffscreenCanvasRenderingContext2D {
  if (!canvas || !context || canvas.width !== width || canvas.height !== height) {
    canvas = new OffscreenCanvas(width, height);
    // Read back every frame: a CPU-backed canvas avoids a GPU readback per getImageData.
    context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('No 2D canvas is available to read the frame.');
  }
  return context;
}

/**
 * Scan lines of `bitmap` (see FramePixels.lines): each drawn beside the last into the canvas, and all read back at
 * once, for a single readback however many lines there are.
 */
function bitmapLines(bitmap: ImageBitmap, direction: LineDirection, at: readonly number[], from: number, length: number): LumaImage {
  const rows = direction === 'rows';
  const [width, height] = rows ? [length, at.length] : [at.length, length];
  // Lines inside the frame fit in a canvas of its size.
  const context = canvasOfSize(bitmap.width, bitmap.height);
  context.clearRect(0, 0, width, height);
  at.forEach((line, i) => {
    if (rows) context.drawImage(bitmap, from, line, length, 1, 0, i, length, 1);
    else context.drawImage(bitmap, line, from, 1, length, i, 0, 1, length);
  });
  const drawn = rgbaToLuma(context.getImageData(0, 0, width, height).data, width, height);
  if (rows) return drawn;
  // Columns were drawn side by side: turned, so that each is a row.
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[x * height + y] = drawn.data[y * width + x]!;
  return { width: height, height: width, data };
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
    region: (rect, factor = 1) =>
      timed(() => bitmapToLuma(bitmap, Math.max(1, Math.round(rect.width * factor)), Math.max(1, Math.round(rect.height * factor)), rect)),
    lines: (direction, at, from, length) => timed(() => bitmapLines(bitmap, direction, at, from, length)),
  };
}
