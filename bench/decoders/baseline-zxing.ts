/**
 * BASELINE: zxing as a typical integration uses it, on the main thread: the package root
 * import, the current video frame drawn on a canvas, HTMLCanvasElementLuminanceSource +
 * HybridBinarizer + PDF417Reader — what @zxing/library's own BrowserCodeReader does per frame
 * (createBinaryBitmap + decodeBitmap), without letting it open the camera.
 */
import {
  BinaryBitmap,
  ChecksumException,
  FormatException,
  HTMLCanvasElementLuminanceSource,
  HybridBinarizer,
  NotFoundException,
  PDF417Reader,
} from '@zxing/library';
import type { DecodeOutcome, FrameDecoder } from './frame-decoder.js';

export class BaselineZxing implements FrameDecoder {
  private readonly reader = new PDF417Reader();

  decode(source: HTMLCanvasElement): Promise<DecodeOutcome> {
    const text = this.decodeNow(source);
    return Promise.resolve({ found: text !== null, text });
  }

  /** Synchronous, as it is in the integrations it stands for: the whole read blocks the main thread. */
  private decodeNow(source: HTMLCanvasElement): string | null {
    const bitmap = new BinaryBitmap(new HybridBinarizer(new HTMLCanvasElementLuminanceSource(source)));
    try {
      return this.reader.decode(bitmap).getText();
    } catch (error) {
      // BrowserCodeReader treats NotFound as "try the next frame"; Checksum and Format errors
      // (a misread) are the same outcome for a scanner: nothing this frame.
      if (error instanceof NotFoundException || error instanceof ChecksumException || error instanceof FormatException) return null;
      throw error;
    }
  }

  dispose(): void {}
}
