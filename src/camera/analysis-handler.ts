/**
 * The analysis worker's work, importable on the main thread too (the fallback when a page's
 * Content-Security-Policy forbids workers): measuring downscaled frames, and encoding the frame
 * that is kept. Both close the bitmap they were given.
 */
import { bitmapToRgba } from './bitmap-luma.js';
import { measureFrame, type FrameMetrics } from '../frame/frame-quality.js';
import { rgbaToChroma, rgbaToLuma } from '../frame/luma.js';
import type { Reply } from '../workers/rpc.js';

export type AnalysisRequest =
  /** A frame already shrunk to about ANALYSIS_SIZE (createImageBitmap does that on the GPU). */
  | { type: 'measure'; frame: ImageBitmap }
  /** A full-resolution frame to encode for prepareImage. */
  | { type: 'encode'; frame: ImageBitmap };

export type AnalysisResult =
  | { type: 'measured'; metrics: FrameMetrics; ms: number }
  | { type: 'encoded'; blob: Blob; width: number; height: number }
  /** The frame was all black: WebKit's copy of a live video's frame now and then is (scan-loop.ts `takePhoto`). */
  | { type: 'black' };

/**
 * Nearly lossless: prepareImage re-encodes this once more (its one resize and encode), and a
 * second JPEG generation at this quality costs nothing visible. A canvas encode carries no metadata.
 */
export const KEPT_FRAME_QUALITY = 0.95;

export async function handleAnalysis(request: AnalysisRequest): Promise<Reply<AnalysisResult>> {
  const { frame } = request;
  try {
    if (request.type === 'measure') {
      const started = performance.now();
      const rgba = bitmapToRgba(frame);
      const metrics = measureFrame(rgbaToLuma(rgba, frame.width, frame.height), rgbaToChroma(rgba, frame.width, frame.height));
      return { body: { type: 'measured', metrics, ms: performance.now() - started }, transfer: [metrics.thumbnail.buffer] };
    }
    const canvas = new OffscreenCanvas(frame.width, frame.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('No 2D canvas is available to encode the frame.');
    context.drawImage(frame, 0, 0);
    if (allBlack(canvas)) return { body: { type: 'black' } };
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: KEPT_FRAME_QUALITY });
    return { body: { type: 'encoded', blob, width: frame.width, height: frame.height } };
  } finally {
    frame.close();
  }
}

/** Whether every pixel is black, from a copy 8 px across: one small read-back. */
function allBlack(canvas: OffscreenCanvas): boolean {
  const size = 8;
  const context = new OffscreenCanvas(size, size).getContext('2d');
  if (!context) return false;
  context.drawImage(canvas, 0, 0, size, size);
  const { data } = context.getImageData(0, 0, size, size);
  for (let i = 0; i < data.length; i += 4) if (data[i]! | data[i + 1]! | data[i + 2]!) return false;
  return true;
}
