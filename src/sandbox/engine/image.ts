/**
 * Decoding an uploaded image into what the checks need: its size, the frame shrunk as the
 * widget shrinks camera frames before measuring them (for the document finder), and, only for a
 * side whose barcode is read, its grey pixels at full size.
 */
import sharp from 'sharp';
import { ANALYSIS_SIZE } from '../../frame/analysed-frame.js';
import { rgbaToChroma, rgbaToLuma, type LumaImage } from '../../frame/luma.js';

/** Larger inputs are refused before decoding (a 100 MP "photo" is a decompression bomb, not an ID). */
const MAX_INPUT_PIXELS = 100_000_000;

export interface InspectedImage {
  format: string;
  /** Upright size (EXIF orientation applied). */
  width: number;
  height: number;
  /**
   * The upright frame with its longer side shrunk to ANALYSIS_SIZE, as luma and the blue–yellow
   * plane, exactly what the widget's analysis worker hands the document finder (frame-quality.ts).
   */
  analysis: { luma: LumaImage; chroma: LumaImage };
}

/**
 * Null when the bytes do not decode as an image (truncated, corrupt, or not an image at all).
 * The shrink decodes every byte of the file (libjpeg's scaled decode still reads every scan),
 * so a truncated JPEG is caught here although its full-size pixels are never made.
 */
export async function inspectImage(bytes: Uint8Array): Promise<InspectedImage | null> {
  try {
    const image = sharp(bytes, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS });
    const meta = await image.metadata();
    const { data, info } = await image
      .rotate()
      // The widget's fitWithin (scan-loop.ts) never enlarges; neither does this.
      .resize(ANALYSIS_SIZE, ANALYSIS_SIZE, { fit: 'inside', kernel: 'linear', withoutEnlargement: true })
      .toColourspace('srgb')
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 4) return null;
    const upright = meta.autoOrient ?? { width: meta.width ?? info.width, height: meta.height ?? info.height };
    return {
      format: meta.format ?? 'unknown',
      width: upright.width,
      height: upright.height,
      analysis: { luma: rgbaToLuma(data, info.width, info.height), chroma: rgbaToChroma(data, info.width, info.height) },
    };
  } catch {
    return null;
  }
}

/**
 * The upright grey pixels for the barcode decoder, at full size or with the longer side shrunk
 * to `maxSide`. Null when the bytes do not decode.
 */
export async function readLuma(bytes: Uint8Array, maxSide?: number): Promise<LumaImage | null> {
  try {
    let image = sharp(bytes, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS }).rotate();
    if (maxSide) image = image.resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true });
    const { data, info } = await image.greyscale().raw().toBuffer({ resolveWithObject: true });
    // greyscale() may still leave an alpha channel; keep the first channel of each pixel.
    const luma = info.channels === 1 ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : firstChannel(data, info.channels);
    return { data: luma, width: info.width, height: info.height };
  } catch {
    return null;
  }
}

function firstChannel(data: Uint8Array, channels: number): Uint8Array {
  const out = new Uint8Array(data.length / channels);
  for (let i = 0, j = 0; j < out.length; i += channels, j++) out[j] = data[i]!;
  return out;
}
