/** Messages between prepare-image.ts and image.worker.ts. */
import type { ImagePreparationErrorCode } from './image-errors.js';
import type { PipelineOptions, PipelineResult } from './image-pipeline.js';

export interface ImageJob extends PipelineOptions {
  file: Blob;
}

export type ImageWorkerMessage =
  /** Sent as soon as the worker's module has loaded, so that a worker that never starts can be told apart from a job that failed. */
  | { type: 'ready' }
  | { type: 'done'; result: PipelineResult }
  | { type: 'failed'; code: ImagePreparationErrorCode | null; message: string };
