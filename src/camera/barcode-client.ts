/**
 * The main thread's side of the barcode worker, exported for the scanning loop and for bench
 * pages: `read(frame)` resolves with what the frame's PDF417 says (parsed AAMVA fields only).
 * The worker is created on the first read and ended by `terminate()`. There is no main-thread
 * fallback: a decode can take hundreds of milliseconds, and the main thread must never wait on
 * it, so where workers are forbidden `read` fails with WorkerUnavailableError and the capture
 * goes on without live barcode reading.
 */
import type { BarcodeReading, BarcodeRequest } from './barcode-handler.js';
import type { LumaImage } from '../frame/luma.js';
import type { Quad } from '../frame/perspective.js';
import { WorkerClient } from '../workers/client.js';

export type { BarcodeReading } from './barcode-handler.js';
export { WorkerUnavailableError } from '../workers/client.js';

export interface ReadOptions {
  /** Give up on the frame after this long in the worker, ms (see BarcodeRequest). */
  budgetMs?: number;
  tryHarder?: boolean;
  /** The document's corners from the frame analysis (see BarcodeRequest.outline). */
  outline?: Quad;
  /** Drops the answer (the worker still finishes the frame it is on). */
  signal?: AbortSignal;
}

export class BarcodeClient {
  private readonly client = new WorkerClient<BarcodeRequest, BarcodeReading>({
    // Keep exactly this shape: Vite finds the worker by the text `new Worker(new URL('./…', import.meta.url)`.
    // This `Worker` is the one the client hands in: it passes a Trusted Types URL (workers/trusted-worker.ts).
    create: (Worker) => new Worker(new URL('./barcode.worker.ts', import.meta.url), { type: 'module' }),
    name: 'barcode',
    lost: "the barcode cannot be read live (the photo of a licence's back is taken without it)",
  });

  /** Reads a frame. An ImageBitmap is transferred (and closed); luma is copied unless its buffer is yours to give. */
  read(frame: ImageBitmap | LumaImage, options: ReadOptions = {}): Promise<BarcodeReading> {
    const { signal, ...rest } = options;
    const transfer: Transferable[] = frame instanceof ImageBitmap ? [frame] : [];
    return this.client.request({ frame, ...rest }, { transfer, ...(signal ? { signal } : {}) });
  }

  /** Reads luma whose buffer may be handed over (it is detached afterwards): no copy. */
  readTransferring(frame: LumaImage, options: ReadOptions = {}): Promise<BarcodeReading> {
    const { signal, ...rest } = options;
    return this.client.request({ frame, ...rest }, { transfer: [frame.data.buffer], ...(signal ? { signal } : {}) });
  }

  /** Starts the worker (and its decoder's loading) ahead of the first read. */
  warm(): void {
    this.client.warm();
  }

  /** Whether the worker has started (null before the first read). */
  get started(): boolean | null {
    return this.client.inWorker;
  }

  terminate(): void {
    this.client.terminate();
  }
}

export type { LumaImage };
