/**
 * The image worker's work, importable on the main thread too (the fallback where a worker cannot
 * start or is missing): decode, orient, resize and re-encode one picked or captured image. It
 * brings the pipeline and its compression library, so the main bundle only loads it on demand.
 */
import { runImagePipeline, type PipelineOptions, type PipelineResult } from './image-pipeline.js';
import type { Reply } from '../workers/rpc.js';

export interface ImageRequest extends PipelineOptions {
  /** Already sniffed as a JPEG, PNG, WebP, HEIC or AVIF (prepare-image.ts). A Blob is passed by reference, not copied. */
  file: Blob;
}

export type ImageResult = PipelineResult;

/**
 * Throws ImagePreparationError ('unreadable_image') for an image that cannot be decoded: from the
 * worker its name, message and code cross the RPC, and prepare-image.ts rebuilds the error.
 */
export async function handleImage({ file, maxDimension, targetBytes, inspect }: ImageRequest): Promise<Reply<ImageResult>> {
  const body = await runImagePipeline(file, { maxDimension, targetBytes, ...(inspect ? { inspect } : {}) });
  // The luma for the barcode reader (megabytes) is moved to the page, not copied.
  const luma = body.inspection?.barcodeLuma;
  return { body, ...(luma ? { transfer: [luma.data.buffer as ArrayBuffer] } : {}) };
}
