/**
 * OURS: the widget's own barcode reader, src/camera/barcode-client.ts, called the way the
 * live scan (src/camera/scan-loop.ts) calls it on a side that must read: with its per-frame
 * time budget (DEFAULT_SCAN.decodeBudgetMs), or with no budget to see what the decoder can
 * read given the time. The main thread's share of a frame is one createImageBitmap and one
 * postMessage with the bitmap transferred; pixels are read, decoded and parsed in
 * barcode.worker.ts.
 */
import { BarcodeClient } from '../../src/camera/barcode-client.js';
import { DEFAULT_SCAN } from '../../src/camera/scan-loop.js';
import type { DecodeOutcome, FrameDecoder } from './frame-decoder.js';

export const LIVE_BUDGET_MS = DEFAULT_SCAN.decodeBudgetMs;

export class OursBarcodeClient implements FrameDecoder {
  private readonly client = new BarcodeClient();

  /** `budgetMs: null`: no budget. */
  constructor(private readonly budgetMs: number | null = LIVE_BUDGET_MS) {}

  async decode(source: HTMLCanvasElement): Promise<DecodeOutcome> {
    const frame = await createImageBitmap(source);
    const reading = await this.client.read(frame, this.budgetMs === null ? {} : { budgetMs: this.budgetMs });
    return {
      found: reading.found,
      fields: reading.fields,
      variant: reading.variant,
      gaveUp: reading.gaveUp,
      inWorker: { pixelsMs: reading.prepareMs, decodeMs: reading.decodeMs },
    };
  }

  dispose(): void {
    this.client.terminate();
  }
}
