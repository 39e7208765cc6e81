/**
 * Turns whatever the applicant picked or the camera captured into the bytes we upload: an upright,
 * metadata-free JPEG no larger than the target, with its SHA-256 for the declaration. JPEG, PNG and
 * WebP are taken; HEIC (iPhones) and AVIF too, where the browser decodes them.
 * The heavy work runs in a module worker (picture.worker.ts, through the shared worker RPC); the
 * same handler runs on the main thread where there is no worker, or the worker cannot start.
 */
import { ImagePreparationError, isImagePreparationErrorCode } from './image-errors.js';
import type { ImageRequest, ImageResult } from './image-handler.js';
import type { ImageInspection } from './inspect-image.js';
import { sniffImageType, type HeifImageType } from '../document/sniff.js';
import { WorkerClient, type RemoteError } from '../workers/client.js';
import type { Handler } from '../workers/rpc.js';

export { ImagePreparationError, isImagePreparationError, type ImagePreparationErrorCode } from './image-errors.js';

export interface PrepareImageOptions {
  /** Longest side of the output, in pixels. Default 2400: sharp enough for OCR and MRZ. */
  maxDimension?: number;
  /** Size budget of the output, in bytes. Default 1.5 MB. */
  targetBytes?: number;
  /** Measure the photo for the checks before upload, in the same worker job (image-pipeline.ts). */
  inspect?: { barcodeLuma: boolean };
}

export interface PreparedImage {
  blob: Blob;
  contentType: 'image/jpeg';
  width: number;
  height: number;
  byteSize: number;
  /** SHA-256 of `blob`, lowercase hex. */
  checksum: string;
  /** What was measured of it, when `inspect` asked for it. */
  inspection?: ImageInspection;
}

export const DEFAULT_MAX_DIMENSION = 2400;
export const DEFAULT_TARGET_BYTES = 1_500_000;

export async function prepareImage(file: Blob, options: PrepareImageOptions = {}): Promise<PreparedImage> {
  const request: ImageRequest = {
    file,
    maxDimension: positive(options.maxDimension ?? DEFAULT_MAX_DIMENSION, 'maxDimension'),
    targetBytes: positive(options.targetBytes ?? DEFAULT_TARGET_BYTES, 'targetBytes'),
    ...(options.inspect ? { inspect: options.inspect } : {}),
  };

  // Sniffed here, not in the worker: a wrong file is refused without starting a worker.
  const type = await sniffImageType(file);
  if (type === null || type === 'application/pdf') {
    throw new ImagePreparationError('unsupported_type', 'This file is not a photo. Please use a JPEG, PNG or WebP image.');
  }

  const result = await (canUseWorker() ? runInWorker(request) : runOnMainThread(request)).catch((error: unknown) => {
    throw isHeif(type) ? undecodableHeif(type, error) : error;
  });
  return {
    blob: result.blob,
    contentType: 'image/jpeg',
    width: result.width,
    height: result.height,
    byteSize: result.blob.size,
    checksum: result.checksum,
    ...(result.inspection ? { inspection: result.inspection } : {}),
  };
}

function isHeif(type: string): type is HeifImageType {
  return type === 'image/heic' || type === 'image/heif' || type === 'image/avif';
}

/**
 * HEIC and AVIF go through the pipeline like any photo: the browser decodes them if it can (Safari
 * decodes an iPhone's HEIC; Chromium and Firefox do not; all three decode AVIF), and what comes out
 * is a JPEG. Where the decode fails, a missing decoder is far likelier than a damaged file, and
 * "could not be opened, choose another" would leave an iPhone user picking HEIC after HEIC: they are
 * told what works instead.
 */
function undecodableHeif(type: HeifImageType, error: unknown): unknown {
  if (!(error instanceof ImagePreparationError) || error.code !== 'unreadable_image') return error;
  if (type === 'image/avif') {
    return new ImagePreparationError('unsupported_type', 'This browser cannot decode AVIF images. Please use a JPEG, PNG or WebP image.', { cause: error });
  }
  return new ImagePreparationError('unsupported_heic', 'This browser cannot decode HEIC/HEIF photos. Please use a JPEG, PNG or WebP image.', {
    cause: error,
  });
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number.`);
  return value;
}

function canUseWorker(): boolean {
  return typeof Worker === 'function' && typeof OffscreenCanvas === 'function';
}

/** Loaded on demand: the handler brings the pipeline and its compression library, which the worker path never needs here. */
function loadHandler(): Promise<Handler<ImageRequest, ImageResult>> {
  return import('./image-handler.js').then((module) => module.handleImage);
}

async function runOnMainThread(request: ImageRequest): Promise<ImageResult> {
  const handleImage = await loadHandler();
  return (await handleImage(request)).body;
}

/**
 * One job per worker: images are prepared seldom (one per side), so the worker is not kept warm;
 * it is ended as soon as it answers, and with it whatever memory the decode left behind.
 * A worker that cannot start (blocked by a CSP, failed to load) is the same as no worker: the
 * client runs the job here through the same handler.
 */
async function runInWorker(request: ImageRequest): Promise<ImageResult> {
  const client = new WorkerClient<ImageRequest, ImageResult>({
    // Keep exactly this shape: Vite finds the worker by the text `new Worker(new URL('./…', import.meta.url)`.
    // This `Worker` is the one the client hands in: it passes a Trusted Types URL (workers/trusted-worker.ts).
    create: (Worker) => new Worker(new URL('../picture.worker.ts', import.meta.url), { type: 'module' }),
    fallback: loadHandler,
    name: 'image',
    lost: 'photos are prepared on the main thread (the page may pause while one is)',
  });
  try {
    return await client.request(request);
  } catch (error) {
    throw revive(error);
  } finally {
    client.terminate();
  }
}

/** The worker's ImagePreparationError arrives as its name, message and code: made whole again, so callers can rely on its class. */
function revive(error: unknown): unknown {
  if (error instanceof ImagePreparationError || !(error instanceof Error) || error.name !== 'ImagePreparationError') return error;
  const { code } = error as RemoteError;
  return isImagePreparationErrorCode(code) ? new ImagePreparationError(code, error.message) : error;
}
