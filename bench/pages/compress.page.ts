/**
 * Compressing the 12-megapixel photo: OURS is prepareImage() exactly as shipped (its module
 * worker, the single-pass fast path, browser-image-compression only when over budget);
 * BASELINE is browser-image-compression called the way its README shows, with the same size
 * and dimension targets and every other option at its default (including useWebWorker: true,
 * whose worker loads the library from cdn.jsdelivr.net).
 */
import imageCompressionImport from 'browser-image-compression';
import { prepareImage } from '../../src/upload/prepare-image.js';
import type { DecoderName } from '../decoders/frame-decoder.js';
import { exposeBench } from '../shared/expose.js';
import { watchMainThread, type MainThreadStalls } from '../shared/main-thread-monitor.js';
import { spyOnWorkers, type WorkerEvent } from '../shared/worker-spy.js';

/** The package's typings are CommonJS-flavoured; bundlers hand the function itself (see src/upload/compress-to-target.ts). */
type ImageCompression = typeof imageCompressionImport.default;
const loaded = imageCompressionImport as unknown as ImageCompression | { default: ImageCompression };
const imageCompression: ImageCompression = typeof loaded === 'function' ? loaded : loaded.default;

/** prepareImage's defaults (DEFAULT_TARGET_BYTES = 1.5 MB, DEFAULT_MAX_DIMENSION = 2400), in the library's units. */
export const BASELINE_OPTIONS = { maxSizeMB: 1.5, maxWidthOrHeight: 2400 } as const;

const workerEvents = spyOnWorkers();

export interface CompressBenchOptions {
  which: DecoderName;
  /** Timed runs after one untimed cold run. */
  repeats: number;
  photo: string;
}

export interface CompressRun {
  ms: number;
  bytes: number;
  width: number;
  height: number;
  stalls: MainThreadStalls;
}

export interface CompressBenchResult {
  inputBytes: number;
  cold: CompressRun;
  runs: CompressRun[];
  workers: WorkerEvent[];
}

async function run(options: CompressBenchOptions): Promise<CompressBenchResult> {
  const response = await fetch(options.photo);
  if (!response.ok) throw new Error(`${options.photo}: HTTP ${response.status}`);
  const file = new File([await response.blob()], options.photo.split('/').pop()!, { type: 'image/jpeg' });
  const compress = options.which === 'ours' ? compressOurs : compressBaseline;

  const cold = await timeOne(() => compress(file));
  const runs: CompressRun[] = [];
  for (let i = 0; i < options.repeats; i++) runs.push(await timeOne(() => compress(file)));
  return { inputBytes: file.size, cold, runs, workers: workerEvents };
}

interface Compressed {
  blob: Blob;
  /** Null when the compressor does not say (the baseline): measured after the timed part. */
  size: { width: number; height: number } | null;
}

async function compressOurs(file: File): Promise<Compressed> {
  const prepared = await prepareImage(file);
  return { blob: prepared.blob, size: { width: prepared.width, height: prepared.height } };
}

async function compressBaseline(file: File): Promise<Compressed> {
  return { blob: await imageCompression(file, BASELINE_OPTIONS), size: null };
}

async function timeOne(compress: () => Promise<Compressed>): Promise<CompressRun> {
  let ms = 0;
  const { result, stalls } = await watchMainThread(async () => {
    const started = performance.now();
    const output = await compress();
    ms = performance.now() - started;
    return output;
  });
  const { width, height } = result.size ?? (await dimensionsOf(result.blob));
  return { ms, bytes: result.blob.size, width, height, stalls };
}

async function dimensionsOf(blob: Blob): Promise<{ width: number; height: number }> {
  const bitmap = await createImageBitmap(blob);
  const { width, height } = bitmap;
  bitmap.close();
  return { width, height };
}

exposeBench({ run });
