/**
 * PDF417 decoding that copes with how people hold a licence to a camera: turned a little,
 * turned a lot (portrait), small in the frame, or on a busy background.
 *
 * zxing reads a PDF417 only when it is within about 3° of upright (or upside down), fills
 * enough of the image, and has modules of about 2 px or more. So this module tries a sequence
 * of transformed images (variants), cheapest and likeliest first, and stops at the first
 * that reads:
 *
 *   1. the frame as it is;
 *   2. the region where the edge analysis (barcode-locator.ts) found the symbol, turned
 *      upright by its measured angle, enlarged 2× when the modules are small;
 *   3. the frame turned a quarter (portrait cards) and by the measured angle;
 *   4. a fan of fixed angles, in case the measurement was fooled by the background;
 *   5. the lower half and the centre band (where a licence back carries its barcode);
 *   6. with `tryHarder`: wider angles, the other binarizer, enlarged crops.
 *
 * Pure and synchronous, for a Worker and for Node alike. The `signal` is checked between
 * variants, so a caller can drop a stale camera frame mid-way.
 */
import { estimateBarcode } from './barcode-locator.js';
import { crop, rotate, rotate90, scale, type LumaImage, type Rect } from './luma.js';
import { readPdf417, type Binarizer } from './zxing-pdf417.js';

export { rgbaToLuma, type LumaImage } from './luma.js';

export interface Pdf417Result {
  text: string;
  /** Which transform read it, e.g. 'as-is', 'rot90', 'located+deskew+7', 'crop-lower-half+2x'. */
  variant: string;
}

export interface DecodePdf417Options {
  /** Try the slower variants too (wider angles, another binarizer, enlarged crops). */
  tryHarder?: boolean;
  /** Checked between variants: when it is aborted, decoding stops and returns null. */
  signal?: { aborted: boolean };
}

interface Variant {
  name: string;
  /** Builds the image to read; null when the variant does not apply to this frame. */
  image: () => LumaImage | null;
  binarizer?: Binarizer;
}

/** Below this tilt a rotation gains nothing: zxing's own tolerance is about 3°. */
const UPRIGHT_TOLERANCE = 1.5;
/** Fixed fan for when the measured angle is wrong; zxing covers ±3° around each. */
const SWEEP = [4, -4, 8, -8, 12, -12];
const SWEEP_HARDER = [16, -16, 20, -20, 25, -25];
/**
 * A symbol shorter than this (pixels along its rows) has modules under ~2.5 px for the
 * 250–300 module rows of AAMVA barcodes: enlarge it 2× before reading.
 */
const SMALL_SYMBOL = 700;
/** Frames narrower than this are enlarged whole (a thumbnail, a far-away card). */
const SMALL_FRAME = 1000;
/** An edge field this dominant is worth trusting over the fixed fan. */
const CONFIDENT_STRENGTH = 0.3;
/** Anything smaller cannot hold a readable PDF417 (the stop pattern alone is 18 modules). */
const MIN_SIDE = 24;

export function decodePdf417(image: LumaImage, options: DecodePdf417Options = {}): Pdf417Result | null {
  assertLumaImage(image);
  if (image.width < MIN_SIDE || image.height < MIN_SIDE) return null;
  const tried = new Set<string>();
  for (const variant of variants(image, options.tryHarder ?? false)) {
    if (options.signal?.aborted) return null;
    if (tried.has(variant.name)) continue;
    tried.add(variant.name);
    const candidate = variant.image();
    if (!candidate || candidate.width < MIN_SIDE || candidate.height < MIN_SIDE) continue;
    const text = readPdf417(candidate, { binarizer: variant.binarizer ?? 'hybrid', tryHarder: options.tryHarder ?? false });
    if (text !== null) return { text, variant: variant.name };
  }
  return null;
}

/** The variants in the order they are tried; built lazily, so an early success costs nothing more. */
function* variants(image: LumaImage, tryHarder: boolean): Generator<Variant> {
  yield { name: 'as-is', image: () => image };

  const estimate = estimateBarcode(image);
  const angle = estimate ? estimate.angle : 0;
  const region = estimate?.region ?? null;
  const confident = estimate !== null && estimate.strength >= CONFIDENT_STRENGTH;

  if (region) yield* locatedVariants(image, region, angle);
  if (estimate && Math.abs(angle) > UPRIGHT_TOLERANCE) {
    yield { name: rotationName(angle).slice(1), image: () => turnUpright(image, angle) };
  }
  yield { name: 'rot90', image: () => rotate90(image) };
  if (image.width < SMALL_FRAME) yield { name: 'as-is+2x', image: () => scale(image, 2) };

  // The fan: on the located region when the edge field was convincing (far cheaper than the
  // whole frame), otherwise, or when trying harder, on the whole frame.
  const fanSource = region && confident ? region : null;
  for (const degrees of SWEEP) {
    if (Math.abs(degrees - angle) < 2.5) continue;
    yield fanVariant(image, fanSource, degrees);
  }

  yield { name: 'crop-lower-half', image: () => crop(image, { x: 0, y: image.height / 2, width: image.width, height: image.height / 2 }) };
  yield { name: 'crop-centre-band', image: () => crop(image, { x: 0, y: image.height / 4, width: image.width, height: image.height / 2 }) };

  if (!tryHarder) return;
  if (fanSource) for (const degrees of SWEEP) yield fanVariant(image, null, degrees);
  for (const degrees of SWEEP_HARDER) yield fanVariant(image, null, degrees);
  for (const degrees of [4, -4, 8, -8]) {
    yield { name: `rot90+deskew${signed(degrees)}`, image: () => rotate(rotate90(image), -degrees) };
  }
  yield { name: 'as-is+global', image: () => image, binarizer: 'global' };
  if (region) {
    yield { name: 'located+global', image: () => uprightRegion(image, region, angle), binarizer: 'global' };
    yield { name: 'located+2x', image: () => scale(uprightRegion(image, region, angle), 2) };
  }
  yield { name: 'crop-lower-half+2x', image: () => scale(crop(image, { x: 0, y: image.height / 2, width: image.width, height: image.height / 2 }), 2) };
  yield { name: 'crop-centre-band+2x', image: () => scale(crop(image, { x: 0, y: image.height / 4, width: image.width, height: image.height / 2 }), 2) };
  if (estimate && isNearlyQuarterTurn(angle)) yield { name: 'rot90+global', image: () => rotate90(image), binarizer: 'global' };
}

/** The located symbol: cropped, turned upright, and enlarged when its modules are small. */
function* locatedVariants(image: LumaImage, region: Rect, angle: number): Generator<Variant> {
  const name = `located${rotationName(angle)}`;
  let cached: LumaImage | null = null;
  const upright = () => (cached ??= uprightRegion(image, region, angle));
  yield { name, image: upright };
  const length = symbolLength(region, angle);
  if (length < SMALL_SYMBOL) yield { name: `${name}+2x`, image: () => scale(upright(), 2) };
}

function uprightRegion(image: LumaImage, region: Rect, angle: number): LumaImage {
  return turnUpright(crop(image, region), angle);
}

/**
 * Turns by -angle. Near a quarter turn: one exact clockwise quarter turn, then the small
 * residual (zxing reads the symbol upside down as well, so the direction does not matter).
 */
function turnUpright(image: LumaImage, angle: number): LumaImage {
  if (isNearlyQuarterTurn(angle)) {
    const residual = quarterTurnResidual(angle);
    const turned = rotate90(image);
    return Math.abs(residual) > UPRIGHT_TOLERANCE ? rotate(turned, -residual) : turned;
  }
  return Math.abs(angle) > UPRIGHT_TOLERANCE ? rotate(image, -angle) : image;
}

/** The tilt left after a clockwise quarter turn (angles are modulo 180° for a PDF417). */
function quarterTurnResidual(angle: number): number {
  return angle > 0 ? angle - 90 : angle + 90;
}

function fanVariant(image: LumaImage, region: Rect | null, degrees: number): Variant {
  const name = `${region ? 'located+' : ''}deskew${signed(degrees)}`;
  return { name, image: () => rotate(region ? crop(image, region) : image, -degrees) };
}

/** '+deskew+7', '+rot90', '+rot90+deskew-3' or '' for the name of a turn by -angle. */
function rotationName(angle: number): string {
  if (isNearlyQuarterTurn(angle)) {
    const residual = quarterTurnResidual(angle);
    return Math.abs(residual) > UPRIGHT_TOLERANCE ? `+rot90+deskew${signed(Math.round(residual))}` : '+rot90';
  }
  return Math.abs(angle) > UPRIGHT_TOLERANCE ? `+deskew${signed(Math.round(angle))}` : '';
}

function isNearlyQuarterTurn(angle: number): boolean {
  return Math.abs(angle) > 45;
}

/** Length of the symbol's rows in pixels, from its axis-aligned box and its tilt. */
function symbolLength(region: Rect, angle: number): number {
  const tilt = (Math.abs(isNearlyQuarterTurn(angle) ? 90 - Math.abs(angle) : angle) * Math.PI) / 180;
  const along = isNearlyQuarterTurn(angle) ? region.height : region.width;
  // The box of a tilted bar field is longer than the field by its height × sin(tilt); the
  // field is much longer than high, so dividing by cos(tilt) is a fair upper estimate.
  return along / Math.cos(tilt);
}

const signed = (degrees: number) => (degrees >= 0 ? `+${degrees}` : `${degrees}`);

function assertLumaImage(image: LumaImage): void {
  const { width, height, data } = image ?? {};
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new TypeError('decodePdf417: width and height must be non-negative integers');
  }
  if (!data || data.length < width * height) {
    throw new TypeError(`decodePdf417: expected ${width}×${height} bytes of luma, got ${data?.length ?? 0}`);
  }
}
