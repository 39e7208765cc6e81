/**
 * HEIF-family images by their `ftyp` box (ISO BMFF: box size, "ftyp", major brand, minor version,
 * compatible brands). iPhones save photos as HEIC (an HEVC-coded image in a HEIF container); AVIF is
 * the same container holding an AV1-coded image. Only the brands tell them apart, and they decide
 * what a browser can do with the file: Safari decodes HEIC, Chromium and Firefox do not; all three
 * decode AVIF. An iPhone photo copied to a computer often arrives with an empty `type`, so the name
 * and type are no guide.
 */

export type HeifImageType = 'image/heic' | 'image/heif' | 'image/avif';

/** Enough for the box header and the compatible brands an iPhone writes (typically 2–6 of them). */
export const HEIF_HEADER_BYTES = 64;

/** HEVC-coded images and image sequences (ISO/IEC 23008-12, Annex B). */
const HEVC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
/** AV1-coded images and image sequences (the AVIF specification). */
const AV1_BRANDS = new Set(['avif', 'avis']);
/** Structural brands: "a HEIF image" without saying the codec (some writers put "mif1" first). */
const HEIF_BRANDS = new Set(['mif1', 'msf1', 'mif2', 'miaf']);

export function sniffHeif(head: Uint8Array): HeifImageType | null {
  if (head.length < 16 || ascii(head, 4) !== 'ftyp') return null;
  const boxSize = ((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0;
  if (boxSize < 16) return null;
  const major = ascii(head, 8);
  const compatible: string[] = [];
  // A box longer than what was read: the brands read so far are the ones to go by.
  for (let at = 16; at + 4 <= Math.min(boxSize, head.length); at += 4) compatible.push(ascii(head, at));

  // The major brand is what the file is best read as; the compatible brands, what else it conforms to.
  const byMajor = codecOf([major]);
  if (byMajor) return byMajor;
  const byCompatible = codecOf(compatible);
  if (byCompatible) return byCompatible;
  // Anything else with an `ftyp` (an MP4 or MOV video, a Canon CR3 raw) is not a photo we can use.
  return [major, ...compatible].some((brand) => HEIF_BRANDS.has(brand)) ? 'image/heif' : null;
}

function codecOf(brands: readonly string[]): HeifImageType | null {
  if (brands.some((brand) => HEVC_BRANDS.has(brand))) return 'image/heic';
  if (brands.some((brand) => AV1_BRANDS.has(brand))) return 'image/avif';
  return null;
}

function ascii(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + 4));
}
