/** Decoding an uploaded image once into what every check needs: size and grayscale pixels. */
import sharp from 'sharp';

export interface DecodedImage {
  format: string;
  width: number;
  height: number;
  /** One byte per pixel, upright (EXIF orientation applied). */
  luma: Uint8Array;
}

/** Null when the bytes do not decode as an image (truncated, corrupt, or not an image at all). */
export async function decodeImage(bytes: Uint8Array): Promise<DecodedImage | null> {
  try {
    const image = sharp(bytes, { failOn: 'error', limitInputPixels: 100_000_000 });
    const { format } = await image.metadata();
    const { data, info } = await image.rotate().greyscale().raw().toBuffer({ resolveWithObject: true });
    // greyscale() may still leave an alpha channel; keep the first channel of each pixel.
    const luma = info.channels === 1 ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : firstChannel(data, info.channels);
    return { format: format ?? 'unknown', width: info.width, height: info.height, luma };
  } catch {
    return null;
  }
}

function firstChannel(data: Uint8Array, channels: number): Uint8Array {
  const out = new Uint8Array(data.length / channels);
  for (let i = 0, j = 0; j < out.length; i += channels, j++) out[j] = data[i]!;
  return out;
}

/** Standard deviation of the luma: a photo of anything has texture, a blank frame does not. */
export function lumaStdDev(luma: Uint8Array): number {
  // Sampling keeps this cheap on 12-megapixel photos without changing the answer noticeably.
  const step = Math.max(1, Math.floor(luma.length / 500_000));
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < luma.length; i += step) {
    const v = luma[i]!;
    sum += v;
    sumSq += v * v;
    n++;
  }
  if (n === 0) return 0;
  const mean = sum / n;
  return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
}
