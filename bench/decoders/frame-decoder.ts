/** What the decode and scan benches drive: something that reads the PDF417 a canvas shows now. */
import type { AamvaFields } from '../../src/document/aamva.js';

export interface FrameDecoder {
  /**
   * What the live loop has already done with this frame before it decodes it, untimed (ours: the frame
   * analysis, which runs on every frame for the advice, and whose outline of the card the decode is given).
   */
  prepare?(source: HTMLCanvasElement): Promise<void>;
  /** Reads the frame currently drawn on `source`. */
  decode(source: HTMLCanvasElement): Promise<DecodeOutcome>;
  dispose(): void;
}

/**
 * The baseline hands back the raw text; ours never lets the raw text out of its worker, only
 * the parsed AAMVA fields (src/camera/barcode-handler.ts). A read is judged on what each gives.
 */
export interface DecodeOutcome {
  found: boolean;
  text?: string | null;
  fields?: AamvaFields | null;
  /** Which of our decoder's variants read it (ours only). */
  variant?: string | null;
  /** Ours only: the time budget ran out before every variant was tried. */
  gaveUp?: boolean;
  /** Ours only: what its worker spent, ms: reading the frame's pixels out as luma, then decoding. */
  inWorker?: { pixelsMs: number; decodeMs: number };
}

export type DecoderName = 'ours' | 'baseline';
