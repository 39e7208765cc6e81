/**
 * Decoding a picture and encoding pixels as JPEG, through createImageBitmap and a canvas
 * (OffscreenCanvas in a worker, `<canvas>` on an old main thread). Shared by the single pass
 * (image-pipeline.ts) and the size-targeted steps (compress-to-target.ts).
 */
import { ImagePreparationError } from './image-errors.js';

export interface DecodedImage {
  image: CanvasImageSource;
  width: number;
  height: number;
  release(): void;
}

type Canvas2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/** Scales (never up) so that the longer side is at most `maxDimension`. */
export function fitWithin(width: number, height: number, maxDimension: number): { width: number; height: number } {
  const scale = Math.min(1, maxDimension / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export async function decode(file: Blob): Promise<DecodedImage> {
  try {
    if (typeof createImageBitmap === 'function') {
      // 'from-image' applies the EXIF orientation, so a phone photo taken sideways comes out upright.
      const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
      return { image: bitmap, width: bitmap.width, height: bitmap.height, release: () => bitmap.close() };
    }
    return await decodeWithImageElement(file);
  } catch (cause) {
    throw new ImagePreparationError('unreadable_image', 'The image could not be read. It may be damaged.', { cause });
  }
}

/** For old main threads without createImageBitmap; `<img>` applies EXIF orientation by default. */
async function decodeWithImageElement(file: Blob): Promise<DecodedImage> {
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return { image: img, width: img.naturalWidth, height: img.naturalHeight, release: () => undefined };
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function drawAsJpeg(image: CanvasImageSource, width: number, height: number, quality: number): Promise<Blob> {
  const surface = createSurface(width, height);
  const ctx = surface.context;
  // JPEG has no alpha: without a background, transparent PNG areas would turn black.
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(image, 0, 0, width, height);
  return surface.toJpeg(quality);
}

/** The RGBA pixels of `image` drawn at `width` × `height` (smoothed as the JPEG is), for the photo's measures. */
export function drawnPixels(image: CanvasImageSource, width: number, height: number): Uint8ClampedArray {
  const { context } = createSurface(width, height, true);
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(image, 0, 0, width, height);
  return context.getImageData(0, 0, width, height).data;
}

/** `readBack`: the pixels are read with getImageData (a CPU-backed canvas saves a GPU readback). */
function createSurface(width: number, height: number, readBack = false): { context: Canvas2D; toJpeg(quality: number): Promise<Blob> } {
  const options: CanvasRenderingContext2DSettings = { willReadFrequently: readBack };
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d', options);
    if (context) return { context, toJpeg: (quality) => canvas.convertToBlob({ type: 'image/jpeg', quality }) };
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', options);
  if (!context) throw new Error('No 2D canvas is available to prepare the image.');
  return {
    context,
    toJpeg: (quality) =>
      new Promise((resolve, reject) =>
        canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The image could not be encoded.'))), 'image/jpeg', quality),
      ),
  };
}
