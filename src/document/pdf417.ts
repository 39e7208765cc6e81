/**
 * PDF417 decoding that copes with how people hold a licence to a camera: turned a little,
 * turned a lot (portrait), small in the frame, or on a busy background.
 *
 * The reader (pdf417/read.ts) reads a PDF417 only when it is within about 8° of upright (or upside
 * down), and has modules of about 2 px or more. So this module tries a sequence
 * of transformed images (variants), cheapest and likeliest first, and stops at the first
 * that reads. Guard patterns come first, found on a few dozen scan lines (guard-scan.ts): a card
 * the frame analysis outlined is crossed along its long side, and without a start or stop pattern
 * on any line it is not a back this way up (a licence's front), so nothing is read (a 1080p front
 * costs ~4 ms, not a decode); a frame with no card outlined is crossed by rows. Where the lines
 * cross both sides of a symbol (within about 45° of square to them) they place it and measure its
 * tilt: it is read from that region alone, its modules brought to 2 px, as it is within 8° and
 * turned upright beyond ('guarded'). Then:
 *
 *   0. the symbol where a quick look at the edges (barcode-locator.ts, sampled sparsely, at half
 *      size from 1600 px wide unless a near card was outlined: step 1 looks at that; at two thirds
 *      from 1200 px with no card outlined) finds a field of bars: read from the smaller copy the
 *      look saw, turned upright; then from the frame's pixels, turned upright and shrunk to about
 *      2 px a module in one resampling: a portrait symbol, or one the rows did not place,
 *      reads here, at a fraction of what reading the whole frame costs;
 *   1. with the document's outline (its four corners, from the frame analysis): the card, read
 *      from its own pixels only (looked at again there, when the half-size look found
 *      nothing), flattened to an upright rectangle (perspective.ts), which undoes turn, tilt and
 *      distance at once; a flattened card with no field of bars ends the search there (a card
 *      near enough is judged before it is read: a front costs a look, not a decode), one
 *      with bars that did not read is read again levelled (levelled.ts: a lamp's reflection);
 *   2. the frame as it is;
 *   3. the region where the full edge analysis found the symbol, turned upright by its
 *      measured angle, enlarged 2× when the modules are small;
 *   4. the whole frame turned by the measured angle, and by a quarter (portrait cards);
 *   5. a fan of fixed angles, in case the measurement was fooled by the background;
 *   6. the lower half and the centre band (where a licence back carries its barcode);
 *   7. with `tryHarder`: the fan on the whole frame and wider, enlarged crops.
 *
 * A frame without any edge, or without a field of parallel bars anywhere, not even the runner-up to
 * something else in view (a licence's front, a desk), stops after step 2: see `looksLikeSymbol`.
 * Whole-frame transforms of photos above ~2 MP run on a downscaled copy (named '+downscaled'), so a
 * 12 MP still stays affordable.
 *
 * Pure and synchronous, for a Worker and for Node alike. The `signal` is checked between
 * variants, so a caller can drop a stale camera frame mid-way.
 */
import { estimateBarcodes, type BarcodeEstimate } from './barcode-locator.js';
import { crop, rotate, rotate90, scale, type LumaImage, type Rect } from '../frame/luma.js';
import { readPdf417 } from './pdf417/read.js';
import { flatten, warp, type Homography, type Quad } from '../frame/perspective.js';
import { levelled } from '../frame/levelled.js';
import { lumaPixels, wholePixels, type FramePixels } from './frame-pixels.js';
import { MIN_SIDE, scanAcrossCard, scanAcrossFrame } from './guard-scan.js';

export { rgbaToLuma, type LumaImage } from '../frame/luma.js';

export interface Pdf417Result {
  text: string;
  /** Which transform read it, e.g. 'as-is', 'rot90', 'located+deskew+7', 'crop-lower-half+2x'. */
  variant: string;
}

export interface DecodePdf417Options {
  /**
   * The document's four corners in this image (pixels, in order around it), when the document
   * finder traced them in this frame or one just before: the card is flattened and read first.
   */
  outline?: Quad;
  /** Try the slower variants too (wider angles, enlarged crops). */
  tryHarder?: boolean;
  /** Checked between variants: when it is aborted, decoding stops and returns null. */
  signal?: { aborted: boolean };
}

interface Variant {
  name: string;
  /** Builds the image to read; null when the variant does not apply to this frame. */
  image: () => LumaImage | null;
}

/** Below this tilt a rotation gains nothing: the reader's scan lines then cross at most a row or two. */
const UPRIGHT_TOLERANCE = 1.5;
/** Up to this tilt a symbol placed by its guard patterns is read as it is first (the reader's own: about 8°). */
const READS_AS_IT_IS = 8;
/**
 * Fixed fan for when the measured angle is wrong. The reader covers about ±8° around each on clean symbols
 * (test/capture/pdf417-reader.node.test.ts); the fan counts on ±6° for a camera's.
 */
const SWEEP = [6, -6, 12, -12];
const SWEEP_HARDER = [18, -18, 24, -24];
/**
 * A symbol shorter than this (pixels along its rows) has modules under ~2.5 px for the
 * 250–300 module rows of AAMVA barcodes: enlarge it 2× before reading.
 */
const SMALL_SYMBOL = 700;
/** Frames narrower than this are enlarged whole (a thumbnail, a far-away card). */
const SMALL_FRAME = 1000;
/** Whole-frame transforms run on a copy shrunk to this size (a 1080p frame is 2.07 MP). */
const MAX_WORK_PIXELS = 2_100_000;
/** No 2× enlargement beyond this: decoding 8 MP costs more than a retake. */
const MAX_ENLARGED_PIXELS = 4_200_000;
/** An edge field this dominant is worth trusting over the fixed fan. */
const CONFIDENT_STRENGTH = 0.3;
/**
 * The first look for the symbol samples the edges every QUICK_STEP pixels of the frame: a quarter
 * of the full look's cost (a 1080p frame in ~3 ms, against ~12), the same angle to a tenth of a degree.
 */
const QUICK_STEP = 4;
/**
 * Frames at least this wide are first looked at half size (every other pixel of that, so the same
 * cells of the frame): a bitmap's half-size copy is a quarter of the pixels to read out. Symbols
 * with modules under ~3 px (a far card, one turned near a quarter) do not show there, and are
 * looked for again on the whole frame.
 */
const LOOK_AT_HALF_FROM = 1600;
/**
 * Frames at least this wide (a 720p camera's) with no card outlined (a barcode held close, the card cut off)
 * are first looked at two thirds of their size, under half the pixels: a symbol of 2 px modules and more
 * shows there, and reads (5 of the 6 720p camera frames that must read, in Node).
 */
const LOOK_AT_TWO_THIRDS_FROM = 1200;
/**
 * The located symbol is read with its rows this long (pixels) when it is longer: ~2 px per
 * module for the widest AAMVA symbols (about 400 modules a row), and a fraction of the pixels
 * the reader would threshold and scan at the camera's size. Shorter symbols are read as they are.
 */
const READ_LENGTH = 900;
/**
 * Fewer field cells than this (barcode-locator.ts `fieldCells`) and there is no symbol to turn
 * upright: the fixtures' fronts and desks count 0 to 8, the smallest symbol read past 'as-is' 27.
 */
const MIN_FIELD_CELLS = 12;

/** Around an outlined card, this share of its width and height is read too (flatten's margin is 3%). */
const CARD_PADDING = 0.04;
/**
 * A card whose longest side is at least this long (pixels) has symbol modules of about 2 px and more, which
 * the look sees: the fixtures' backs that near (held to a 1080p camera) count 24 field cells and up on the card
 * as seen, 49 and up flattened; their fronts, near or far, 0 to 6 as seen. A far card's bars can read where the
 * look sees none (one 760 px long counts none flattened, and reads), so a card less near is flattened and read
 * before it is judged.
 */
const TRUSTED_LOOK_LENGTH = 950;

/** `image`: the frame's luma, or a source that reads the frame's pixels only as far as they are needed. */
export function decodePdf417(image: LumaImage | FramePixels, options: DecodePdf417Options = {}): Pdf417Result | null {
  const pixels = image && 'whole' in image ? image : lumaPixels(assertLumaImage(image));
  if (pixels.width < MIN_SIDE || pixels.height < MIN_SIDE) return null;
  const tried = new Set<string>();
  for (const variant of variants(pixels, options.tryHarder ?? false, options.outline)) {
    if (options.signal?.aborted) return null;
    if (tried.has(variant.name)) continue;
    tried.add(variant.name);
    const candidate = variant.image();
    if (!candidate || candidate.width < MIN_SIDE || candidate.height < MIN_SIDE) continue;
    const text = readPdf417(candidate);
    if (text !== null) return { text, variant: variant.name };
  }
  return null;
}

/** The variants in the order they are tried; built lazily, so an early success costs nothing more. */
function* variants(pixels: FramePixels, tryHarder: boolean, outline: Quad | undefined): Generator<Variant> {
  // Scan lines across the outlined card along its long side (where a back's rows run), or rows across a frame with no
  // card outlined (a barcode held close, the card cut off): a card without a start or stop pattern on any line is
  // not a back this way up (a licence's front), and nothing in the frame is read (trying harder reads on); a symbol
  // whose two sides show on them is placed and read first.
  const scan = outline ? scanAcrossCard(pixels, outline, cardBox(outline, pixels)) : scanAcrossFrame(pixels);
  if (outline && scan?.crossed === 0 && !tryHarder) return;
  // Lines across a card that cross guard patterns but do not place the symbol (an outline that cuts it off, or takes in
  // more than the card): rows across the whole frame may.
  const symbol = scan?.symbol ?? (outline && scan?.crossed ? scanAcrossFrame(pixels)?.symbol : null);
  if (symbol) {
    const { region, angle, factor } = symbol;
    let symbolPixels: LumaImage | null = null;
    const seen = () => (symbolPixels ??= pixels.region(region, factor));
    // Read as it is when the reader's own tolerance covers the tilt: turning the region costs more than reading it.
    if (Math.abs(angle) <= READS_AS_IT_IS) yield { name: 'guarded', image: seen };
    if (Math.abs(angle) > UPRIGHT_TOLERANCE) yield { name: `guarded${rotationName(angle)}`, image: () => turnUpright(seen(), angle) };
  }
  // The symbol found by a quick look, turned upright and no larger than needed: for a frame with a
  // field of bars, the cheapest read there is. Without one, the usual order follows.
  // A near card the analysis outlined is looked at on its own pixels instead (cardVariants): the look there decides.
  const near = outline !== undefined && longestSide(outline) >= TRUSTED_LOOK_LENGTH;
  const factor = pixels.width >= LOOK_AT_HALF_FROM ? 0.5 : pixels.width >= LOOK_AT_TWO_THIRDS_FROM && !outline ? 2 / 3 : 1;
  const smaller = factor < 1 && !near;
  const copy = smaller ? pixels.shrunk(factor) : null;
  const [look] = copy ? estimateBarcodes(copy, 1, { step: Math.round(QUICK_STEP * factor) }) : [];
  if (look?.region && looksLikeSymbol(look)) {
    // Read first where the look saw it: a symbol near enough to show there has modules of 1.5 px and more in the
    // smaller copy, which the reader reads, and the frame's pixels at full size are then never read out.
    const seen = look.region;
    yield { name: `symbol@smaller${rotationName(look.angle)}`, image: () => turnUpright(crop(copy!, seen), look.angle) };
    const region = wholePixels(look.region, 1 / factor, pixels);
    yield symbolVariant(() => pixels.region(region), region, look.angle);
  }
  // A card the frame analysis outlined is looked at first, from its own pixels: a licence's front has no
  // field of bars, and that is known without reading the rest of the frame or decoding.
  const lookAgain = !smaller || !looksLikeSymbol(look);
  if (outline && !(yield* cardVariants(pixels, outline, near, tryHarder, lookAgain))) return;
  // Past here the whole frame is needed.
  const image = pixels.whole();
  if (!outline && lookAgain) {
    const [quick] = estimateBarcodes(image, 1, { step: QUICK_STEP });
    if (quick?.region && looksLikeSymbol(quick)) yield symbolVariant(() => crop(image, quick.region!), quick.region, quick.angle);
  }
  yield { name: 'as-is', image: () => image };

  const [estimate, runnerUp] = estimateBarcodes(image, 2);
  // No edges at all (a blank page, a covered lens): no transform can find a symbol.
  if (!estimate) return;
  // Edges, but nowhere a field of bars (a licence's front, a desk, a face): the transforms below
  // would cost ten reads of the frame for nothing. Trying harder looks all the same.
  if (!tryHarder && !looksLikeSymbol(estimate) && !looksLikeSymbol(runnerUp)) return;
  const { angle, region } = estimate;
  const confident = estimate.strength >= CONFIDENT_STRENGTH;

  // Whole-frame transforms work on a copy of at most MAX_WORK_PIXELS: a 12 MP photo turned a
  // dozen ways would take seconds, and any symbol a person photographs whole is big in it.
  const area = image.width * image.height;
  const shrink = area > MAX_WORK_PIXELS ? Math.sqrt(MAX_WORK_PIXELS / area) : 1;
  const suffix = shrink < 1 ? '+downscaled' : '';
  let workCopy: LumaImage | null = null;
  const work = () => (workCopy ??= shrink < 1 ? scale(image, shrink) : image);
  const whole = (name: string, build: (frame: LumaImage) => LumaImage | null): Variant => ({ name: name + suffix, image: () => build(work()) });
  const lowerHalf = (frame: LumaImage) => crop(frame, { x: 0, y: frame.height / 2, width: frame.width, height: frame.height / 2 });
  const centreBand = (frame: LumaImage) => crop(frame, { x: 0, y: frame.height / 4, width: frame.width, height: frame.height / 2 });
  const enlarged = (frame: LumaImage) => (frame.width * frame.height * 4 <= MAX_ENLARGED_PIXELS ? scale(frame, 2) : null);

  if (region) yield* locatedVariants(image, region, angle);
  if (Math.abs(angle) > UPRIGHT_TOLERANCE) yield whole(rotationName(angle).slice(1), (frame) => turnUpright(frame, angle));
  yield whole('rot90', rotate90);
  if (image.width < SMALL_FRAME) yield { name: 'as-is+2x', image: () => enlarged(image) };

  // The fan, for when the measured angle was off: around upright, or around the quarter turn
  // for a portrait symbol; on the located region when its edge field was convincing (far
  // cheaper), otherwise on the whole frame. Angles the measurement already covered are skipped.
  const quarter = isNearlyQuarterTurn(angle);
  const measured = quarter ? quarterTurnResidual(angle) : angle;
  const fanOnRegion = region && confident ? region : null;
  for (const degrees of SWEEP) {
    if (Math.abs(degrees - measured) < 2.5) continue;
    yield fanOnRegion ? fanVariant(image, fanOnRegion, quarter, degrees) : whole(fanName(quarter, degrees), (frame) => fanTurn(frame, quarter, degrees));
  }

  yield whole('crop-lower-half', lowerHalf);
  yield whole('crop-centre-band', centreBand);

  if (!tryHarder) return;
  for (const degrees of [...SWEEP, ...SWEEP_HARDER]) yield whole(fanName(quarter, degrees), (frame) => fanTurn(frame, quarter, degrees));
  for (const degrees of [4, -4, 8, -8]) yield whole(fanName(!quarter, degrees), (frame) => fanTurn(frame, !quarter, degrees));
  if (region) yield { name: 'located+2x', image: () => enlarged(uprightRegion(image, region, angle)) };
  yield whole('crop-lower-half+2x', (frame) => enlarged(lowerHalf(frame)));
  yield whole('crop-centre-band+2x', (frame) => enlarged(centreBand(frame)));
}

/**
 * The card inside `outline` (`near`: long enough for the look to decide, TRUSTED_LOOK_LENGTH), read from its bounding box only: a look for the symbol there (when the half-size
 * look found none), then the card flattened (perspective.ts), which undoes turn, tilt and distance at once,
 * and levelled when its bars did not read (levelled.ts: a lamp's reflection). False when the card has no field
 * of bars: it is not a back, or not this side up, and whatever else is in view is not read in this frame
 * (trying harder reads on).
 */
function* cardVariants(pixels: FramePixels, outline: Quad, near: boolean, tryHarder: boolean, lookAgain: boolean): Generator<Variant, boolean> {
  const box = cardBox(outline, pixels);
  if (box.width < MIN_SIDE || box.height < MIN_SIDE) return true;
  const card = pixels.region(box);
  // A near card shows its bars to the look, which then decides without flattening or reading it.
  if (lookAgain) {
    // Near, the full look: its verdict stands. A far card's look only finds the symbol: the quick one does.
    const [seen] = estimateBarcodes(card, 1, { step: near ? undefined : QUICK_STEP });
    if (seen?.region && looksLikeSymbol(seen)) yield symbolVariant(() => crop(card, seen.region!), seen.region, seen.angle);
    else if (!tryHarder && near) return false;
  }
  const flattened = flatten(card, outline.map(({ x, y }) => ({ x: x - box.x, y: y - box.y })) as unknown as Quad);
  if (!flattened) return true;
  let fieldless: boolean | undefined;
  const noField = () => (fieldless ??= !looksLikeSymbol(estimateBarcodes(flattened, 1)[0]));
  if (!tryHarder && near && noField()) return false;
  yield { name: 'flattened', image: () => flattened };
  if (!tryHarder && noField()) return false;
  // A field of bars that did not read: perhaps a lamp's reflection over it. Levelled over squares of about
  // 8 modules (a thirty-second of a licence's width), each holds a bar and a space.
  yield { name: 'flattened+levelled', image: () => levelled(flattened, Math.round(flattened.width / 64)) };
  return true;
}

/** The box around `outline`, with room for the margin flatten() keeps (3% of each side), in `frame`'s whole pixels. */
function cardBox(outline: Quad, frame: { width: number; height: number }): Rect {
  const xs = outline.map(({ x }) => x);
  const ys = outline.map(({ y }) => y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const padX = (maxX - minX) * CARD_PADDING;
  const padY = (maxY - minY) * CARD_PADDING;
  return wholePixels({ x: minX - padX, y: minY - padY, width: maxX - minX + 2 * padX, height: maxY - minY + 2 * padY }, 1, frame);
}

function longestSide(quad: Quad): number {
  return Math.max(...quad.map((corner, i) => Math.hypot(corner.x - quad[(i + 1) % 4]!.x, corner.y - quad[(i + 1) % 4]!.y)));
}

/** The symbol in `region` (its pixels from `read`) turned upright by its `angle`, shrunk to READ_LENGTH along its rows. */
function symbolVariant(read: () => LumaImage, region: Rect, angle: number): Variant {
  const factor = Math.min(1, READ_LENGTH / symbolLength(region, angle));
  return { name: `symbol${rotationName(angle)}`, image: () => turnedAndScaled(read(), angle, factor) };
}

/** What turnUpright(image, angle) gives, scaled by `factor`, sampled once. */
function turnedAndScaled(image: LumaImage, angle: number, factor: number): LumaImage {
  const radians = (-angle * Math.PI) / 180;
  const cos = Math.cos(radians) / factor;
  const sin = Math.sin(radians) / factor;
  const width = Math.ceil((Math.abs(image.width * Math.cos(radians)) + Math.abs(image.height * Math.sin(radians))) * factor);
  const height = Math.ceil((Math.abs(image.width * Math.sin(radians)) + Math.abs(image.height * Math.cos(radians))) * factor);
  // From the output's pixels to the image's: about the output's centre, turned back by the angle, onto the image's centre.
  const centreX = image.width / 2;
  const centreY = image.height / 2;
  const toFrame: Homography = [
    cos,
    sin,
    centreX - (width / 2) * cos - (height / 2) * sin,
    -sin,
    cos,
    centreY + (width / 2) * sin - (height / 2) * cos,
    0,
    0,
    1,
  ];
  return warp(image, toFrame, width, height);
}

function looksLikeSymbol(estimate: BarcodeEstimate | undefined): boolean {
  return estimate !== undefined && estimate.fieldCells >= MIN_FIELD_CELLS;
}

/** The located symbol: cropped, turned upright, and enlarged when its modules are small. */
function* locatedVariants(image: LumaImage, region: Rect, angle: number): Generator<Variant> {
  const name = `located${rotationName(angle)}`;
  let cached: LumaImage | null = null;
  const upright = () => (cached ??= uprightRegion(image, region, angle));
  yield { name, image: upright };
  const length = symbolLength(region, angle);
  if (length < SMALL_SYMBOL) yield { name: `${name}+2x`, image: () => scale(upright(), 2) };
  // (A region that small is always far below MAX_ENLARGED_PIXELS.)
}

function uprightRegion(image: LumaImage, region: Rect, angle: number): LumaImage {
  return turnUpright(crop(image, region), angle);
}

/**
 * Turns by -angle. Near a quarter turn: one exact clockwise quarter turn, then the small
 * residual (the reader reads the symbol upside down as well, so the direction does not matter).
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

function fanVariant(image: LumaImage, region: Rect, quarter: boolean, degrees: number): Variant {
  return { name: `located+${fanName(quarter, degrees)}`, image: () => fanTurn(crop(image, region), quarter, degrees) };
}

/** A fan member: turned by -degrees, after a quarter turn for a portrait symbol. */
function fanTurn(image: LumaImage, quarter: boolean, degrees: number): LumaImage {
  return rotate(quarter ? rotate90(image) : image, -degrees);
}

function fanName(quarter: boolean, degrees: number): string {
  return `${quarter ? 'rot90+' : ''}deskew${signed(degrees)}`;
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
  // The box of a tilted field is (length × cos + height × sin) long: dividing by cos(tilt)
  // slightly overestimates the length, so a borderline symbol is left at its size.
  return along / Math.cos(tilt);
}

const signed = (degrees: number) => (degrees >= 0 ? `+${degrees}` : `${degrees}`);

function assertLumaImage(image: LumaImage): LumaImage {
  const { width, height, data } = image ?? {};
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new TypeError('decodePdf417: width and height must be non-negative integers');
  }
  if (!data || data.length < width * height) {
    throw new TypeError(`decodePdf417: expected ${width}×${height} bytes of luma, got ${data?.length ?? 0}`);
  }
  return image;
}
