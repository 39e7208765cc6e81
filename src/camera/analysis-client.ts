/**
 * The main thread's side of the analysis worker: `measure` a downscaled frame, `encode` the
 * full-resolution frame that is kept. The worker starts on the first request; where workers
 * are forbidden the same code runs on this thread (it is light: ~5 ms a frame).
 */
import type { AnalysisRequest, AnalysisResult } from './analysis-handler.js';
import type { FrameMetrics } from '../frame/frame-quality.js';
import { WorkerClient } from '../workers/client.js';

export class AnalysisClient {
  private readonly client = new WorkerClient<AnalysisRequest, AnalysisResult>({
    // Keep exactly this shape: Vite finds the worker by the text `new Worker(new URL('./…', import.meta.url)`.
    // This `Worker` is the one the client hands in: it passes a Trusted Types URL (workers/trusted-worker.ts).
    create: (Worker) => new Worker(new URL('../picture.worker.ts', import.meta.url), { type: 'module' }),
    fallback: () => import('./analysis-handler.js').then((module) => module.handleAnalysis),
    name: 'analysis',
    lost: 'camera frames are measured on the main thread (the live advice may lag on a slow device)',
  });

  /** Measures a frame (about ANALYSIS_SIZE across); the bitmap is transferred and closed. */
  async measure(frame: ImageBitmap, signal?: AbortSignal): Promise<{ metrics: FrameMetrics; ms: number }> {
    const result = await this.client.request({ type: 'measure', frame }, { transfer: [frame], ...(signal ? { signal } : {}) });
    if (result.type !== 'measured') throw new Error('The analysis worker answered out of turn.');
    return { metrics: result.metrics, ms: result.ms };
  }

  /**
   * Encodes a full-resolution frame as a JPEG for prepareImage; the bitmap is transferred and closed.
   * Null when the frame came out all black (analysis-handler.ts).
   */
  async encode(frame: ImageBitmap): Promise<{ blob: Blob; width: number; height: number } | null> {
    const result = await this.client.request({ type: 'encode', frame }, { transfer: [frame] });
    if (result.type === 'black') return null;
    if (result.type !== 'encoded') throw new Error('The analysis worker answered out of turn.');
    const { blob, width, height } = result;
    return { blob, width, height };
  }

  /** Starts the worker ahead of the first frame. */
  warm(): void {
    this.client.warm();
  }

  get inWorker(): boolean | null {
    return this.client.inWorker;
  }

  terminate(): void {
    this.client.terminate();
  }
}
