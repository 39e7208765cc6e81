/**
 * Decode → orient → resize → re-encode as JPEG. Runs through image-handler.ts, inside image.worker.ts
 * or on the main thread where module workers or OffscreenCanvas are missing (or the worker cannot
 * start). Re-encoding through a canvas is also what strips every metadata segment (EXIF with GPS,
 * maker notes, XMP): pixels go in, a bare JFIF comes out.
 */
import imageCompressionImport from 'browser-image-compression';
import { checksum } from './checksum.js';
import { ImagePreparationError } from './image-errors.js';

export interface PipelineOptions {
  maxDimension: number;
  targetBytes: number;
}

export interface PipelineResult {
  blob: Blob;
  width: number;
  height: number;
  checksum: string;
  /** Which path produced the bytes (for tests and benchmarks). */
  strategy: 'single-pass' | 'size-targeted';
}

/**
 * The package's typings are CommonJS-flavoured, so under NodeNext TypeScript types the default
 * import as the module object; bundlers and the dev server load its ESM build, whose default
 * export is the function itself. Fall back to `.default` should a CommonJS build ever be loaded.
 */
type ImageCompression = typeof imageCompressionImport.default;
const loaded = imageCompressionImport as unknown as ImageCompression | { default: ImageCompression };
const imageCompression: ImageCompression = typeof loaded === 'function' ? loaded : loaded.default;

/** Good enough for OCR and face match, about a third of the bytes of quality 1. */
export const FAST_PATH_QUALITY = 0.88;

type Canvas2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

export async function runImagePipeline(file: Blob, options: PipelineOptions): Promise<PipelineResult> {
  const source = await decode(file);
  try {
    const { width, height } = fitWithin(source.width, source.height, options.maxDimension);
    let blob = await drawAsJpeg(source.image, width, height, FAST_PATH_QUALITY);
    let out = { width, height };
    let strategy: PipelineResult['strategy'] = 'single-pass';

    if (blob.size > options.targetBytes) {
      strategy = 'size-targeted';
      blob = await compressToTarget(blob, options);
      out = await dimensionsOf(blob);
    }
    return { blob, ...out, checksum: await checksum(blob), strategy };
  } finally {
    source.release();
  }
}

/** Scales (never up) so that the longer side is at most `maxDimension`. */
export function fitWithin(width: number, height: number, maxDimension: number): { width: number; height: number } {
  const scale = Math.min(1, maxDimension / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

interface DecodedImage {
  image: CanvasImageSource;
  width: number;
  height: number;
  release(): void;
}

async function decode(file: Blob): Promise<DecodedImage> {
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

async function drawAsJpeg(image: CanvasImageSource, width: number, height: number, quality: number): Promise<Blob> {
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

function createSurface(width: number, height: number): { context: Canvas2D; toJpeg(quality: number): Promise<Blob> } {
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (context) return { context, toJpeg: (quality) => canvas.convertToBlob({ type: 'image/jpeg', quality }) };
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas is available to prepare the image.');
  return {
    context,
    toJpeg: (quality) =>
      new Promise((resolve, reject) =>
        canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The image could not be encoded.'))), 'image/jpeg', quality),
      ),
  };
}

/**
 * Size-targeted compression for the rare photo that stays over budget after one pass (fine texture,
 * noise). Input is our own upright, metadata-free JPEG, so the library never sees EXIF to re-apply.
 * `useWebWorker: false`: its own worker would load the library from a public CDN; we are already
 * off the main thread (or have no worker to offer).
 */
async function compressToTarget(jpeg: Blob, options: PipelineOptions): Promise<Blob> {
  const input = new File([jpeg], 'document.jpg', { type: 'image/jpeg' });
  let output: Blob = await imageCompression(input, {
    maxSizeMB: options.targetBytes / (1024 * 1024),
    maxWidthOrHeight: options.maxDimension,
    useWebWorker: false,
    fileType: 'image/jpeg',
    initialQuality: FAST_PATH_QUALITY,
    preserveExif: false,
  });
  // The library gives up after a fixed number of steps; the target is a promise we make to the
  // upload (the sandbox caps sizes), so keep shrinking until it holds.
  for (let step = 0; output.size > options.targetBytes && step < 8; step++) {
    const source = await decode(output);
    try {
      const { width, height } = fitWithin(source.width, source.height, Math.round(Math.max(source.width, source.height) * 0.8));
      output = await drawAsJpeg(source.image, width, height, 0.8);
    } finally {
      source.release();
    }
  }
  return output;
}

async function dimensionsOf(jpeg: Blob): Promise<{ width: number; height: number }> {
  const source = await decode(jpeg);
  source.release();
  return { width: source.width, height: source.height };
}
