/**
 * The harness alone: grabs the frame as OURS does (createImageBitmap) and answers at once.
 * Its stalls are the floor the page and the machine impose, whatever the decoder.
 */
import type { DecodeOutcome, FrameDecoder } from './frame-decoder.js';

export class NoDecoder implements FrameDecoder {
  async decode(source: HTMLCanvasElement): Promise<DecodeOutcome> {
    (await createImageBitmap(source)).close();
    return { found: false };
  }

  dispose(): void {}
}
