/**
 * An image with its local contrast stretched: each pixel is placed between the darkest and the
 * brightest of the square around it, from black to white. A lamp's reflection over a barcode
 * lifts its bars to light grey and its spaces to white, which no threshold, global or per
 * block, tells apart; after levelling, the bars at the reflection's edges are dark again and
 * the symbol's error correction covers what the reflection's white core took.
 *
 * The square's extremes come from running maxima and minima along rows, then columns (van Herk
 * and Gil-Werman: three comparisons a pixel whatever the size), so a 1.1-megapixel card costs a
 * few passes over its pixels.
 */
import type { LumaImage } from './luma.js';

/** A square whose range is under this is flat (paper, a white core of glare): it stays white. */
const FLAT_RANGE = 16;

/** `image` levelled over squares of (2 × `radius` + 1) pixels. */
export function levelled(image: LumaImage, radius: number): LumaImage {
  const { width, height, data } = image;
  const highest = squareMaxima(data, width, height, radius);
  // The darkest of each square is the brightest of the negative's.
  const negative = new Uint8ClampedArray(data.length);
  for (let i = 0; i < data.length; i++) negative[i] = 255 - data[i]!;
  const lowestNegative = squareMaxima(negative, width, height, radius);
  const out = new Uint8ClampedArray(data.length);
  for (let i = 0; i < data.length; i++) {
    const lowest = 255 - lowestNegative[i]!;
    const range = highest[i]! - lowest;
    out[i] = range < FLAT_RANGE ? 255 : ((data[i]! - lowest) * 255) / range;
  }
  return { data: out, width, height };
}

function squareMaxima(source: ArrayLike<number>, width: number, height: number, r: number): Uint8ClampedArray {
  return runningMaxima(runningMaxima(source, width, height, r, true), width, height, r, false);
}

/** The running maximum over 2r + 1 samples along each row (or column), its edges repeated. */
function runningMaxima(source: ArrayLike<number>, width: number, height: number, r: number, alongRows: boolean): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * height);
  const length = alongRows ? width : height;
  const lines = alongRows ? height : width;
  const step = alongRows ? 1 : width;
  const size = 2 * r + 1;
  const padded = new Uint8ClampedArray(length + 2 * r);
  const fromStart = new Uint8ClampedArray(padded.length);
  const toEnd = new Uint8ClampedArray(padded.length);
  for (let line = 0; line < lines; line++) {
    const first = alongRows ? line * width : line;
    for (let i = 0; i < padded.length; i++) padded[i] = source[first + Math.min(length - 1, Math.max(0, i - r)) * step]!;
    // Within blocks of `size`: the maximum from the block's start to i, and from i to the block's end.
    for (let block = 0; block < padded.length; block += size) {
      const end = Math.min(block + size, padded.length);
      let high = 0;
      for (let i = block; i < end; i++) fromStart[i] = high = padded[i]! > high ? padded[i]! : high;
      high = 0;
      for (let i = end - 1; i >= block; i--) toEnd[i] = high = padded[i]! > high ? padded[i]! : high;
    }
    // The window [i, i + size - 1] spans at most two blocks: the end of one and the start of the next.
    for (let i = 0; i < length; i++) {
      const a = toEnd[i]!;
      const b = fromStart[i + size - 1]!;
      out[first + i * step] = a > b ? a : b;
    }
  }
  return out;
}
