/**
 * Decode → orient → resize → re-encode as JPEG. Runs through image-handler.ts, inside the picture worker
 * or on the main thread where module workers or OffscreenCanvas are missing (or the worker cannot
 * start). Re-encoding through a canvas is also what strips every metadata segment (EXIF with GPS,
 * maker notes, XMP): pixels go in, a bare JFIF comes out.
 */
import { sniffImageType } from '../document/sniff.js';
import { checksum } from './checksum.js';
import { compressToTarget } from './compress-to-target.js';
import { decode, drawAsJpeg, fitWithin } from './image-codec.js';
import { inspectImage, type ImageInspection } from './inspect-image.js';

export { fitWithin } from './image-codec.js';

export interface PipelineOptions {
  maxDimension: number;
  targetBytes: number;
  /**
   * Measure the photo for the checks before upload (inspect-image.ts), from the same decode; with
   * `barcodeLuma`, also hand back its luma at the size it is uploaded at, for the barcode reader.
   */
  inspect?: { barcodeLuma: boolean };
}

export interface PipelineResult {
  blob: Blob;
  width: number;
  height: number;
  checksum: string;
  /** Which path produced the bytes (for tests and benchmarks): one encode, or smaller ones until the budget held. */
  strategy: 'single-pass' | 'size-targeted';
  /** What was measured of the photo, when `inspect` asked for it. */
  inspection?: ImageInspection;
}

/** Good enough for OCR and face match, about a third of the bytes of quality 1. */
export const FAST_PATH_QUALITY = 0.88;

export async function runImagePipeline(file: Blob, options: PipelineOptions): Promise<PipelineResult> {
  const source = await decode(file);
  try {
    const size = fitWithin(source.width, source.height, options.maxDimension);
    const first = { blob: await drawAsJpeg(source.image, size.width, size.height, FAST_PATH_QUALITY), ...size };
    const overBudget = first.blob.size > options.targetBytes;
    const { blob, width, height } = overBudget ? await compressToTarget(first, source, options) : first;
    await expectJpeg(blob);
    const strategy = overBudget ? 'size-targeted' : 'single-pass';
    const result: PipelineResult = { blob, width, height, checksum: await checksum(blob), strategy };
    if (options.inspect) result.inspection = inspectImage(source.image, source.width, source.height, options.inspect.barcodeLuma ? { width, height } : null);
    return result;
  } finally {
    source.release();
  }
}

/**
 * Every prepared image is declared as image/jpeg, and the upload target checks the bytes. A canvas
 * asked for a type it cannot encode gives PNG without an error (WebKit does for WebP): whoever encoded,
 * bytes of another type never go on under that name.
 */
async function expectJpeg(blob: Blob): Promise<void> {
  const type = await sniffImageType(blob);
  if (type !== 'image/jpeg') throw new Error(`The image was encoded as ${type ?? 'an unknown type'} instead of image/jpeg.`);
}
