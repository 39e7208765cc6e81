/**
 * OURS: the widget's own barcode reader, src/capture/barcode-client.ts, with the options a
 * live scan uses (none: no time budget, no tryHarder). The main thread's share of a frame is
 * one createImageBitmap and one postMessage with the bitmap transferred; pixels are read,
 * decoded and parsed in barcode.worker.ts.
 */
import { BarcodeClient } from '../../src/capture/barcode-client.js';
import type { DecodeOutcome, FrameDecoder } from './frame-decoder.js';

export class OursBarcodeClient implements FrameDecoder {
  private readonly client = new BarcodeClient();

  async decode(source: HTMLCanvasElement): Promise<DecodeOutcome> {
    const reading = await this.client.read(await createImageBitmap(source));
    return { found: reading.found, fields: reading.fields, variant: reading.variant };
  }

  dispose(): void {
    this.client.terminate();
  }
}
