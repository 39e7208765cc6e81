/**
 * A card seen in perspective, made flat again: the four corners the document finder traced
 * (document-outline.ts) are mapped to an upright rectangle by a projective transform, so a card
 * turned, tilted away or held far is one straight, level image for the barcode reader, in one
 * step instead of a fan of guessed rotations.
 *
 * Pure functions over LumaImage, for a Worker and for Node alike.
 */
import type { Point } from './document-outline.js';
import { bilinear, type LumaImage } from './luma.js';

/** Four corners in order around a quadrilateral. */
export type Quad = readonly [Point, Point, Point, Point];

/** Row-major 3×3, last entry 1: maps (x, y) to ((h0 x + h1 y + h2) / w, (h3 x + h4 y + h5) / w), w = h6 x + h7 y + 1. */
export type Homography = readonly [number, number, number, number, number, number, number, number, number];

/** Around the outline, this share of each side is kept too: an outline from a frame before may be a little off. */
const MARGIN = 0.03;
/** The flat card is never made longer than this (pixels): enough for 2 px modules across a licence's symbol. */
const MAX_LONG_SIDE = 1800;

/** The transform that takes `from[i]` to `to[i]` for each corner; null when the corners are degenerate (three in a line). */
export function homography(from: Quad, to: Quad): Homography | null {
  // Eight equations in h0…h7: for each pair, x' (h6 x + h7 y + 1) = h0 x + h1 y + h2, and the same for y'.
  const rows: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = from[i]!;
    const { x: u, y: v } = to[i]!;
    rows.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    rows.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  const solution = solve(rows);
  return solution ? [solution[0]!, solution[1]!, solution[2]!, solution[3]!, solution[4]!, solution[5]!, solution[6]!, solution[7]!, 1] : null;
}

export function apply(h: Homography, { x, y }: Point): Point {
  const w = h[6] * x + h[7] * y + h[8];
  return { x: (h[0] * x + h[1] * y + h[2]) / w, y: (h[3] * x + h[4] * y + h[5]) / w };
}

/**
 * `width` × `height` pixels, each sampled (bilinear) from `source` where `toSource` takes it;
 * pixels that fall outside `source` get `fill`.
 */
export function warp(source: LumaImage, toSource: Homography, width: number, height: number, fill = 255): LumaImage {
  const out = new Uint8ClampedArray(width * height).fill(fill);
  const { width: sourceWidth, height: sourceHeight } = source;
  const maxX = sourceWidth - 1;
  const maxY = sourceHeight - 1;
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = toSource;
  for (let y = 0, o = 0; y < height; y++) {
    // Pixel centres are mapped (x + 0.5, y + 0.5), so a flip of the output is an exact flip of the samples.
    // Along a row the numerators and the denominator each step by a constant.
    let nx = h0 * 0.5 + h1 * (y + 0.5) + h2;
    let ny = h3 * 0.5 + h4 * (y + 0.5) + h5;
    let w = h6 * 0.5 + h7 * (y + 0.5) + h8;
    for (let x = 0; x < width; x++, o++, nx += h0, ny += h3, w += h6) {
      const sourceX = nx / w - 0.5;
      const sourceY = ny / w - 0.5;
      if (sourceX >= 0 && sourceY >= 0 && sourceX <= maxX && sourceY <= maxY) out[o] = bilinear(source, sourceX, sourceY);
    }
  }
  return { data: out, width, height };
}

/**
 * The card inside `corners` (in order around it, in `image`'s pixels), flat and upright: its
 * longer sides run across, as on a licence's back, whichever way it was held. The size follows
 * the longer of each pair of opposite sides (no detail is thrown away), capped at MAX_LONG_SIDE.
 * Null when the corners do not make a quadrilateral.
 */
export function flatten(image: LumaImage, corners: Quad): LumaImage | null {
  // Clockwise on the screen, as the rectangle's corners are: corners taken the other way round would flatten a mirror image.
  const around = signedArea(corners) >= 0 ? corners : ([corners[0], corners[3], corners[2], corners[1]] as const);
  const side = (i: number) => distance(around[i]!, around[(i + 1) % 4]!);
  // Start the rectangle at a corner whose first side is a long one, so the result is landscape.
  const start = Math.max(side(0), side(2)) >= Math.max(side(1), side(3)) ? 0 : 1;
  const quad = [0, 1, 2, 3].map((i) => around[(start + i) % 4]!) as unknown as Quad;
  const long = Math.max(distance(quad[0], quad[1]), distance(quad[2], quad[3]));
  const short = Math.max(distance(quad[1], quad[2]), distance(quad[3], quad[0]));
  if (!(long > 0 && short > 0)) return null;
  const shrink = Math.min(1, MAX_LONG_SIDE / (long * (1 + 2 * MARGIN)));
  const width = Math.max(1, Math.round(long * shrink * (1 + 2 * MARGIN)));
  const height = Math.max(1, Math.round(short * shrink * (1 + 2 * MARGIN)));
  // The card centred in the output with its margin all round, so that the result is the same card
  // turned half a turn when the outline starts at the opposite corner.
  const marginX = (width * MARGIN) / (1 + 2 * MARGIN);
  const marginY = (height * MARGIN) / (1 + 2 * MARGIN);
  const rectangle: Quad = [
    { x: marginX, y: marginY },
    { x: width - marginX, y: marginY },
    { x: width - marginX, y: height - marginY },
    { x: marginX, y: height - marginY },
  ];
  const toSource = homography(rectangle, quad);
  return toSource ? warp(image, toSource, width, height) : null;
}

/** Twice the area, positive when the corners go clockwise on the screen (y pointing down). */
function signedArea(corners: Quad): number {
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += corners[i]!.x * corners[(i + 1) % 4]!.y - corners[(i + 1) % 4]!.x * corners[i]!.y;
  return sum;
}

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/** Gaussian elimination with partial pivoting on an augmented n × (n + 1) system; null when singular. */
function solve(rows: number[][]): number[] | null {
  const n = rows.length;
  for (let column = 0; column < n; column++) {
    let pivot = column;
    for (let row = column + 1; row < n; row++) if (Math.abs(rows[row]![column]!) > Math.abs(rows[pivot]![column]!)) pivot = row;
    if (Math.abs(rows[pivot]![column]!) < 1e-12) return null;
    [rows[column], rows[pivot]] = [rows[pivot]!, rows[column]!];
    const lead = rows[column]!;
    for (let row = 0; row < n; row++) {
      if (row === column) continue;
      const factor = rows[row]![column]! / lead[column]!;
      if (factor === 0) continue;
      for (let k = column; k <= n; k++) rows[row]![k]! -= factor * lead[k]!;
    }
  }
  return rows.map((row, i) => row[n]! / row[i]!);
}
