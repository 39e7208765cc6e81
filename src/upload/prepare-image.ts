/**
 * Turns whatever the applicant picked or the camera captured into the bytes we upload: an upright,
 * metadata-free JPEG no larger than the target, with its SHA-256 for the declaration.
 * The heavy work runs in a module worker; the main thread is only a fallback for browsers without one.
 */
import { ImagePreparationError } from './image-errors.js';
import type { PipelineOptions, PipelineResult } from './image-pipeline.js';
import type { ImageJob, ImageWorkerMessage } from './image-protocol.js';
import { sniffImageType } from '../document/sniff.js';

export { ImagePreparationError, isImagePreparationError, type ImagePreparationErrorCode } from './image-errors.js';

export interface PrepareImageOptions {
  /** Longest side of the output, in pixels. Default 2400: sharp enough for OCR and MRZ. */
  maxDimension?: number;
  /** Size budget of the output, in bytes. Default 1.5 MB. */
  targetBytes?: number;
}

export interface PreparedImage {
  blob: Blob;
  contentType: 'image/jpeg';
  width: number;
  height: number;
  byteSize: number;
  /** SHA-256 of `blob`, lowercase hex. */
  checksum: string;
}

export const DEFAULT_MAX_DIMENSION = 2400;
export const DEFAULT_TARGET_BYTES = 1_500_000;

export async function prepareImage(file: Blob, options: PrepareImageOptions = {}): Promise<PreparedImage> {
  const pipeline: PipelineOptions = {
    maxDimension: positive(options.maxDimension ?? DEFAULT_MAX_DIMENSION, 'maxDimension'),
    targetBytes: positive(options.targetBytes ?? DEFAULT_TARGET_BYTES, 'targetBytes'),
  };

  // Sniffed here, not in the worker: a wrong file is refused without starting a worker.
  const type = await sniffImageType(file);
  if (type === null || type === 'application/pdf') {
    throw new ImagePreparationError('unsupported_type', 'This file is not a photo. Please use a JPEG, PNG or WebP image.');
  }

  const result = canUseWorker() ? await runInWorkerOrFallBack(file, pipeline) : await runOnMainThread(file, pipeline);
  return {
    blob: result.blob,
    contentType: 'image/jpeg',
    width: result.width,
    height: result.height,
    byteSize: result.blob.size,
    checksum: result.checksum,
  };
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number.`);
  return value;
}

function canUseWorker(): boolean {
  return typeof Worker === 'function' && typeof OffscreenCanvas === 'function';
}

/** Loaded on demand: the pipeline brings the compression library, which the worker path never needs here. */
async function runOnMainThread(file: Blob, options: PipelineOptions): Promise<PipelineResult> {
  const { runImagePipeline } = await import('./image-pipeline.js');
  return runImagePipeline(file, options);
}

/** A worker that cannot start (blocked by a CSP, failed to load) is the same as no worker. */
class WorkerStartFailure extends Error {}

async function runInWorkerOrFallBack(file: Blob, options: PipelineOptions): Promise<PipelineResult> {
  try {
    return await runInWorker(file, options);
  } catch (error) {
    if (error instanceof WorkerStartFailure) return runOnMainThread(file, options);
    throw error;
  }
}

function runInWorker(file: Blob, options: PipelineOptions): Promise<PipelineResult> {
  return new Promise<PipelineResult>((resolve, reject) => {
    let worker: Worker;
    try {
      // Keep exactly this shape: Vite's library build and the test runner both recognise it.
      worker = new Worker(new URL('./image.worker.ts', import.meta.url), { type: 'module' });
    } catch (cause) {
      reject(new WorkerStartFailure('The image worker could not be created.', { cause }));
      return;
    }
    let started = false;
    const finish = (settle: () => void): void => {
      worker.terminate();
      settle();
    };

    worker.addEventListener('message', (event: MessageEvent<ImageWorkerMessage>) => {
      const message = event.data;
      if (message.type === 'ready') {
        started = true;
      } else if (message.type === 'done') {
        finish(() => resolve(message.result));
      } else {
        const error = message.code
          ? new ImagePreparationError(message.code, message.message)
          : new Error(message.message);
        finish(() => reject(error));
      }
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      finish(() =>
        reject(
          started
            ? new Error('Preparing the image failed unexpectedly.')
            : new WorkerStartFailure('The image worker could not start.'),
        ),
      );
    });
    worker.addEventListener('messageerror', () => {
      finish(() => reject(new Error('The prepared image could not be received from the worker.')));
    });

    const job: ImageJob = { file, ...options };
    worker.postMessage(job);
  });
}
