import { BaselineZxing } from './baseline-zxing.js';
import type { DecoderName, FrameDecoder } from './frame-decoder.js';
import { NoDecoder } from './no-decoder.js';
import { OursBarcodeClient } from './ours-barcode-client.js';

export function createDecoder(name: DecoderName | 'none'): FrameDecoder {
  if (name === 'none') return new NoDecoder();
  return name === 'ours' ? new OursBarcodeClient() : new BaselineZxing();
}
