import { BaselineZxing } from './baseline-zxing.js';
import type { DecoderName, FrameDecoder } from './frame-decoder.js';
import { NoDecoder } from './no-decoder.js';
import { OursBarcodeClient } from './ours-barcode-client.js';

/** 'ours' reads with the live scan's time budget, 'ours-unbudgeted' without one. */
export function createDecoder(name: DecoderName | 'ours-unbudgeted' | 'none'): FrameDecoder {
  if (name === 'none') return new NoDecoder();
  if (name === 'ours-unbudgeted') return new OursBarcodeClient(null);
  return name === 'ours' ? new OursBarcodeClient() : new BaselineZxing();
}
