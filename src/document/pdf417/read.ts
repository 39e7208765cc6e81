/**
 * One PDF417 read of one grey image: the symbol's codewords (symbol.ts), corrected (error-correction.ts),
 * as text (text.ts). Null when there is no symbol upright in the image, or it does not read.
 */
import type { LumaImage } from '../../frame/luma.js';
import { correctErrors } from './error-correction.js';
import { readSymbol } from './symbol.js';
import { decodeText } from './text.js';

export function readPdf417(image: LumaImage): string | null {
  const symbol = readSymbol(image);
  if (!symbol) return null;
  const { codewords, erasures, ecLevel } = symbol;
  const ecCount = 2 ** (ecLevel + 1);
  if (ecCount >= codewords.length || correctErrors(codewords, ecCount, erasures) === null) return null;
  // A length of 0 stands for "all but the error correction".
  if (codewords[0] === 0) codewords[0] = codewords.length - ecCount;
  if (codewords[0]! > codewords.length - ecCount) return null;
  return decodeText(codewords.slice(0, codewords.length - ecCount));
}
