/**
 * What a downscaled camera frame says about the photo it would make: how bright it is, whether
 * light is blown out on the document (glare), how sharp it is, where the document is and how
 * much of the frame it fills, and a thumbnail to tell how much the picture moved since the
 * last frame. Pure functions over luma, for a Worker and for Node tests alike; the thresholds
 * that turn these figures into advice live in guidance.ts.
 *
 * Every figure is meant to be computed on a frame of a few hundred pixels across (see
 * ANALYSIS_SIZE): enough for the decisions here, and cheap enough to run several times a second.
 */
import { THUMBNAIL_HEIGHT, THUMBNAIL_WIDTH } from './analysed-frame.js';
import { findOutline, insideOutline, type Outline } from './document-outline.js';
import type { Quad } from './perspective.js';
import type { LumaImage } from './luma.js';

export { ANALYSIS_SIZE, THUMBNAIL_HEIGHT, THUMBNAIL_WIDTH, motionBetween } from './analysed-frame.js';

/** Side of the square cells the frame is averaged into (for the document, glare and motion). */
const CELL = 4;
/** A cell this bright on average is blown out: the sensor saw no detail there. */
const BLOWN_OUT = 250;
/**
 * Glare is brighter than the document's own white: cells count only this far above the paper's
 * level (its 75th percentile). A white card exposed hot is uniformly near 255, which is not a
 * reflection hiding part of it.
 */
const GLARE_ABOVE_PAPER = 8;
/** A blown-out patch must fill at least this much of its bounding box to be a reflection. */
const GLARE_SOLIDITY = 0.45;
/**
 * Central-difference gradients weaker than this are sensor grain or paper texture: the
 * sharpness figure looks only at real edges, so grain cannot pass for detail.
 */
const EDGE_GRADIENT = 24;
/** Fewer edge pixels than this share of the frame: nothing to judge sharpness on. */
const MIN_EDGE_SHARE = 0.002;
/** Otsu's two classes must be this far apart (luma) for a bright region to count as an object. */
const MIN_SEPARATION = 40;

/** Where the document is, in fractions of the frame (0–1), and how card-like its shape is. */
export interface DocumentRegion {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Long side over short side of the rectangle with the region's moments (an ID-1 card: 1.59). */
  aspect: number;
  /** Region area over that rectangle's area: ~1 for a rectangle (at any angle), lower for blobs. */
  rectangularity: number;
  /** Touches an edge of the frame (the document is cut off, or held too close). */
  clipped: boolean;
  /**
   * The outline's four corners, in order around it, as fractions of the frame's width and height
   * (so they hold at any resolution of the same frame); absent when the document was found as the
   * brightest object, which has no corners.
   */
  corners?: Quad;
}

export interface FrameMetrics {
  /** 95th percentile of luma over the frame: low only when even the brightest parts are dim. */
  brightness: number;
  /** Share of the document (or of the frame, when no document stands out) that is blown out. */
  glare: number;
  /**
   * Edge crispness, 0–~1.2: mean |Laplacian| over mean |gradient| at edges. Contrast does not
   * change it (dim or pale documents score like bright ones), blur lowers it: a sharp print is
   * ~0.7–0.9, a defocused one ~0.3–0.5 at ANALYSIS_SIZE. Null when the frame has no edges.
   */
  sharpness: number | null;
  /**
   * The document: a card-shaped outline around the middle of the frame (document-outline.ts),
   * else the brightest large object standing out from its surroundings; null when neither.
   */
  document: DocumentRegion | null;
  /** THUMBNAIL_WIDTH × THUMBNAIL_HEIGHT cell means, for `motionBetween`. */
  thumbnail: Uint8Array;
}

/** `chroma` (luma.ts rgbaToChroma) lets the document finder see a card as light as its surroundings. */
export function measureFrame(image: LumaImage, chroma?: LumaImage): FrameMetrics {
  const cells = cellMeans(image);
  const document = outlinedDocument(image, chroma, cells) ?? brightestObject(cells);
  return {
    brightness: percentile(image, 0.95),
    glare: glareShare(cells, document?.mask ?? null),
    sharpness: sharpness(image),
    document: document?.region ?? null,
    thumbnail: thumbnail(image),
  };
}

/**
 * The brighter-object finder alone, as it was the only finder before outlines (for the bench's
 * same-run baseline; measureFrame uses it only where no outline is found).
 */
export function findBrightestObject(image: LumaImage): DocumentRegion | null {
  return brightestObject(cellMeans(image))?.region ?? null;
}

// ------------------------------------------------------------ pieces

interface Cells {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Means of CELL × CELL blocks: noise averages out, and the document search has 16× fewer pixels. */
function cellMeans(image: LumaImage): Cells {
  const width = Math.max(1, Math.floor(image.width / CELL));
  const height = Math.max(1, Math.floor(image.height / CELL));
  const sums = new Uint32Array(width * height);
  for (let y = 0; y < height * CELL && y < image.height; y++) {
    const row = y * image.width;
    const cellRow = Math.floor(y / CELL) * width;
    for (let x = 0; x < width * CELL && x < image.width; x++) sums[cellRow + Math.floor(x / CELL)]! += image.data[row + x]!;
  }
  const data = new Uint8Array(width * height);
  const area = CELL * CELL;
  for (let i = 0; i < data.length; i++) data[i] = Math.round(sums[i]! / area);
  return { data, width, height };
}

function percentile(image: LumaImage, share: number): number {
  const histogram = new Uint32Array(256);
  const pixels = image.width * image.height;
  for (let i = 0; i < pixels; i++) histogram[image.data[i]!]!++;
  const target = share * pixels;
  let seen = 0;
  for (let value = 0; value < 256; value++) {
    seen += histogram[value]!;
    if (seen >= target) return value;
  }
  return 255;
}

/**
 * The largest patch of blown-out cells, as a share of the document: glare is one bright patch
 * where a lamp or window reflects, brighter than the paper around it.
 */
function glareShare(cells: Cells, mask: Uint8Array | null): number {
  const inside: number[] = [];
  for (let i = 0; i < cells.data.length; i++) if (!mask || mask[i]) inside.push(cells.data[i]!);
  if (!inside.length) return 0;
  inside.sort((a, b) => a - b);
  const paper = inside[Math.floor(inside.length * 0.75)]!;
  const floor = Math.max(BLOWN_OUT, paper + GLARE_ABOVE_PAPER);
  if (floor > 255) return 0;
  const blown = new Uint8Array(cells.data.length);
  for (let i = 0; i < cells.data.length; i++) if ((!mask || mask[i]) && cells.data[i]! >= floor) blown[i] = 1;
  const patch = largestComponent(blown, cells.width);
  // A reflection is a compact patch; the white margin printed around a barcode is a thin ring.
  return patch && patch.solidity >= GLARE_SOLIDITY ? patch.size / inside.length : 0;
}

function sharpness(image: LumaImage): number | null {
  const { width, height, data } = image;
  let laplacian = 0;
  let gradient = 0;
  let edges = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const left = data[i - 1]!;
      const right = data[i + 1]!;
      const up = data[i - width]!;
      const down = data[i + width]!;
      const g = Math.abs(right - left) + Math.abs(down - up);
      if (g < EDGE_GRADIENT) continue;
      edges++;
      gradient += g;
      laplacian += Math.abs(left + right + up + down - 4 * data[i]!);
    }
  }
  if (edges < MIN_EDGE_SHARE * width * height) return null;
  return laplacian / gradient;
}

function thumbnail(image: LumaImage): Uint8Array {
  const out = new Uint8Array(THUMBNAIL_WIDTH * THUMBNAIL_HEIGHT);
  const counts = new Uint32Array(out.length);
  const sums = new Uint32Array(out.length);
  for (let y = 0; y < image.height; y++) {
    const ty = Math.min(THUMBNAIL_HEIGHT - 1, Math.floor((y * THUMBNAIL_HEIGHT) / image.height));
    for (let x = 0; x < image.width; x++) {
      const t = ty * THUMBNAIL_WIDTH + Math.min(THUMBNAIL_WIDTH - 1, Math.floor((x * THUMBNAIL_WIDTH) / image.width));
      sums[t]! += image.data[y * image.width + x]!;
      counts[t]!++;
    }
  }
  for (let i = 0; i < out.length; i++) out[i] = counts[i] ? Math.round(sums[i]! / counts[i]!) : 0;
  return out;
}

interface FoundDocument {
  region: DocumentRegion;
  /** Which cells lie on the document. */
  mask: Uint8Array;
}

/** The document by its outline, wherever the light is: see document-outline.ts. */
function outlinedDocument(image: LumaImage, chroma: LumaImage | undefined, cells: Cells): FoundDocument | null {
  const outline = findOutline(image, chroma);
  if (!outline) return null;
  const mask = new Uint8Array(cells.data.length);
  for (let y = 0; y < cells.height; y++) {
    for (let x = 0; x < cells.width; x++) {
      if (insideOutline(outline.corners, (x + 0.5) * CELL, (y + 0.5) * CELL)) mask[y * cells.width + x] = 1;
    }
  }
  return { region: outlineRegion(outline, image), mask };
}

function outlineRegion({ corners, aspect }: Outline, image: LumaImage): DocumentRegion {
  const xs = corners.map((c) => c.x);
  const ys = corners.map((c) => c.y);
  const side = (i: number) => Math.hypot(corners[(i + 1) % 4]!.x - corners[i]!.x, corners[(i + 1) % 4]!.y - corners[i]!.y);
  const [a, b] = [(side(0) + side(2)) / 2, (side(1) + side(3)) / 2];
  // Shoelace area over the rectangle of the mean sides: 1 for a rectangle, less for a skewed quad.
  let area = 0;
  for (let i = 0; i < 4; i++) area += corners[i]!.x * corners[(i + 1) % 4]!.y - corners[(i + 1) % 4]!.x * corners[i]!.y;
  const minX = Math.max(0, Math.min(...xs));
  const minY = Math.max(0, Math.min(...ys));
  return {
    x: minX / image.width,
    y: minY / image.height,
    width: (Math.min(image.width, Math.max(...xs)) - minX) / image.width,
    height: (Math.min(image.height, Math.max(...ys)) - minY) / image.height,
    aspect,
    rectangularity: Math.abs(area) / 2 / (a * b),
    clipped: false,
    corners: corners.map(({ x, y }) => ({ x: x / image.width, y: y / image.height })) as unknown as Quad,
  };
}

/**
 * The document as the largest bright object: the cells above Otsu's threshold, their largest
 * 4-connected region, with the holes inside it (a barcode, a photo, dark print) filled. The
 * fallback for an outline the finder could not trace (a hand over a whole side, a card turned
 * past a corner of the frame): it needs a card lighter than its surroundings, and a region that
 * touches the frame's edge is reported as clipped, which no advice takes for a document.
 */
function brightestObject(cells: Cells): FoundDocument | null {
  const threshold = otsu(cells.data);
  if (threshold === null) return null;
  const { width, height, data } = cells;
  const bright = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) bright[i] = data[i]! > threshold.value ? 1 : 0;
  const largest = largestComponent(bright, width);
  if (!largest || largest.size < 0.02 * data.length) return null;
  const mask = fillHoles(largest.mask, width, height);
  const region = describeRegion(mask, width, height);
  return region ? { region, mask } : null;
}

/** Otsu's threshold over cell means; null when the two classes are too close to be an object and its surroundings. */
function otsu(values: Uint8Array): { value: number } | null {
  const histogram = new Float64Array(256);
  for (const v of values) histogram[v]!++;
  const total = values.length;
  let sumAll = 0;
  for (let v = 0; v < 256; v++) sumAll += v * histogram[v]!;
  let weightLow = 0;
  let sumLow = 0;
  let best = -1;
  let bestValue = 0;
  let separation = 0;
  for (let v = 0; v < 256; v++) {
    weightLow += histogram[v]!;
    if (weightLow === 0) continue;
    const weightHigh = total - weightLow;
    if (weightHigh === 0) break;
    sumLow += v * histogram[v]!;
    const meanLow = sumLow / weightLow;
    const meanHigh = (sumAll - sumLow) / weightHigh;
    const between = weightLow * weightHigh * (meanLow - meanHigh) ** 2;
    if (between > best) {
      best = between;
      bestValue = v;
      separation = meanHigh - meanLow;
    }
  }
  return separation >= MIN_SEPARATION ? { value: bestValue } : null;
}

interface Component {
  mask: Uint8Array;
  size: number;
  /** Size over the area of its bounding box: ~0.8 for a disc, low for a ring or a thin band. */
  solidity: number;
}

function largestComponent(mask: Uint8Array, width: number): Component | null {
  const labels = new Int32Array(mask.length);
  const queue = new Int32Array(mask.length);
  let best: { label: number; size: number; box: number } | null = null;
  let label = 0;
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || labels[start]) continue;
    label++;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    labels[start] = label;
    let minX = width;
    let maxX = 0;
    let minY = Infinity;
    let maxY = 0;
    while (head < tail) {
      const i = queue[head++]!;
      const x = i % width;
      const y = (i - x) / width;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      const neighbours = [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, i - width, i + width];
      for (const n of neighbours) {
        if (n < 0 || n >= mask.length || !mask[n] || labels[n]) continue;
        labels[n] = label;
        queue[tail++] = n;
      }
    }
    if (!best || tail > best.size) best = { label, size: tail, box: (maxX - minX + 1) * (maxY - minY + 1) };
  }
  if (!best) return null;
  const out = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) out[i] = labels[i] === best.label ? 1 : 0;
  return { mask: out, size: best.size, solidity: best.size / best.box };
}

/** Everything not reachable from the frame's border without crossing the region is inside it. */
function fillHoles(region: Uint8Array, width: number, height: number): Uint8Array {
  const outside = new Uint8Array(region.length);
  const queue = new Int32Array(region.length);
  let tail = 0;
  const seed = (i: number) => {
    if (!region[i] && !outside[i]) {
      outside[i] = 1;
      queue[tail++] = i;
    }
  };
  for (let x = 0; x < width; x++) {
    seed(x);
    seed((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    seed(y * width);
    seed(y * width + width - 1);
  }
  for (let head = 0; head < tail; head++) {
    const i = queue[head]!;
    const x = i % width;
    if (x > 0) seed(i - 1);
    if (x < width - 1) seed(i + 1);
    if (i >= width) seed(i - width);
    if (i + width < region.length) seed(i + width);
  }
  const filled = new Uint8Array(region.length);
  for (let i = 0; i < region.length; i++) filled[i] = outside[i] ? 0 : 1;
  return filled;
}

/**
 * Box, and the rectangle with the same second moments: a rectangle of sides L × W has
 * variances L²/12 and W²/12 along its axes, whatever its angle, so a card turned 20° still
 * has aspect ~1.59 and rectangularity ~1, where a round or ragged blob does not.
 */
function describeRegion(mask: Uint8Array, width: number, height: number): DocumentRegion | null {
  let count = 0;
  let sumX = 0;
  let sumY = 0;
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue;
      count++;
      sumX += x;
      sumY += y;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (!count) return null;
  const meanX = sumX / count;
  const meanY = sumY / count;
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (let y = minY; y <= maxY; y++) {
    for (let x = minX; x <= maxX; x++) {
      if (!mask[y * width + x]) continue;
      const dx = x - meanX;
      const dy = y - meanY;
      xx += dx * dx;
      yy += dy * dy;
      xy += dx * dy;
    }
  }
  xx /= count;
  yy /= count;
  xy /= count;
  const spread = Math.sqrt(((xx - yy) / 2) ** 2 + xy * xy);
  const major = (xx + yy) / 2 + spread;
  const minor = Math.max((xx + yy) / 2 - spread, 1e-6);
  // +1/12: a cell is one unit wide, so a one-cell-thick line still has a width.
  const long = Math.sqrt(12 * major + 1);
  const short = Math.sqrt(12 * minor + 1);
  const rectangularity = count / (long * short);
  const clipped = minX === 0 || minY === 0 || maxX === width - 1 || maxY === height - 1;
  // A region this close to a rectangle is one, and its corners are those of the rectangle with its
  // moments: a card whose edges the outline finder could not trace (held far, turned) still gets
  // corners, near enough to flatten it for the barcode (perspective.ts adds a margin all round).
  const angle = Math.atan2(2 * xy, xx - yy) / 2;
  const corners =
    !clipped && Math.abs(rectangularity - 1) <= RECTANGLE_TOLERANCE
      ? rectangleCorners({ x: meanX + 0.5, y: meanY + 0.5 }, angle, long, short).map(({ x, y }) => ({ x: x / width, y: y / height }))
      : null;
  return {
    x: minX / width,
    y: minY / height,
    width: (maxX - minX + 1) / width,
    height: (maxY - minY + 1) / height,
    aspect: long / short,
    rectangularity,
    clipped,
    ...(corners ? { corners: corners as unknown as Quad } : {}),
  };
}

/** How far from 1 a region's rectangularity may be for its moments' rectangle to stand for its outline. */
const RECTANGLE_TOLERANCE = 0.04;

/** The corners, in order around it, of the rectangle `long` × `short` centred on `centre` with its long axis at `angle`. */
function rectangleCorners(centre: { x: number; y: number }, angle: number, long: number, short: number): Array<{ x: number; y: number }> {
  const along = { x: (Math.cos(angle) * long) / 2, y: (Math.sin(angle) * long) / 2 };
  const across = { x: (-Math.sin(angle) * short) / 2, y: (Math.cos(angle) * short) / 2 };
  return [
    [1, 1],
    [1, -1],
    [-1, -1],
    [-1, 1],
  ].map(([a, b]) => ({ x: centre.x + a! * along.x + b! * across.x, y: centre.y + a! * along.y + b! * across.y }));
}
