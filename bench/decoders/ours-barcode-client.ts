/**
 * OURS: the widget's own barcode reader, src/camera/barcode-client.ts, called the way the
 * live scan (src/camera/scan-loop.ts) calls it on a side that must read: with its per-frame
 * time budget (DEFAULT_SCAN.decodeBudgetMs), or with no budget to see what the decoder can
 * read given the time, and with the card's outline as the frame analysis traced it (`prepare`,
 * untimed: the loop analyses every frame for its advice, decoded or not). The main thread's
 * share of a frame is one createImageBitmap and one postMessage with the bitmap transferred;
 * pixels are read, decoded and parsed in barcode.worker.ts.
 */
import { AnalysisClient } from '../../src/camera/analysis-client.js';
import { BarcodeClient } from '../../src/camera/barcode-client.js';
import { DEFAULT_SCAN } from '../../src/camera/scan-loop.js';
import { ANALYSIS_SIZE } from '../../src/frame/analysed-frame.js';
import type { Quad } from '../../src/frame/perspective.js';
import type { DecodeOutcome, FrameDecoder } from './frame-decoder.js';

export const LIVE_BUDGET_MS = DEFAULT_SCAN.decodeBudgetMs;

export class OursBarcodeClient implements FrameDecoder {
  private readonly client = new BarcodeClient();
  private readonly analysis = new AnalysisClient();
  private outline: Quad | null = null;

  /** `budgetMs: null`: no budget. */
  constructor(private readonly budgetMs: number | null = LIVE_BUDGET_MS) {}

  /** The frame analysis, as the live loop runs it: on a copy shrunk to ANALYSIS_SIZE (scan-loop.ts copyFrame). */
  async prepare(source: HTMLCanvasElement): Promise<void> {
    const scale = Math.min(1, ANALYSIS_SIZE / Math.max(source.width, source.height));
    const small = await createImageBitmap(source, {
      resizeWidth: Math.round(source.width * scale),
      resizeHeight: Math.round(source.height * scale),
      resizeQuality: 'medium',
    });
    const { metrics } = await this.analysis.measure(small);
    this.outline = metrics.document?.corners ?? null;
  }

  async decode(source: HTMLCanvasElement): Promise<DecodeOutcome> {
    const frame = await createImageBitmap(source);
    const outline = this.outline;
    this.outline = null;
    const reading = await this.client.read(frame, { ...(this.budgetMs === null ? {} : { budgetMs: this.budgetMs }), ...(outline ? { outline } : {}) });
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
    this.analysis.terminate();
  }
}
