/**
 * Whether a frame looks printed: covered with ink laid down in strokes (text, lines of a form,
 * guilloche, a barcode), as every identity document is, rather than flat (a blank page, one
 * colour, a lens cap) or uniform noise (grain, static, random pixels), which has as many edges
 * as print but none that continue.
 *
 * For a photo that is the document itself (a flat scan, a file cropped to the card's edges),
 * whose outline lies outside the frame. Pure, over a frame at about ANALYSIS_SIZE, where sensor
 * grain and JPEG blocks are averaged away and a card's print is still 1–3 px strokes.
 */
import type { LumaImage } from './luma.js';

/**
 * Central-difference gradient (|dx| + |dy|) counted as ink: frame-quality.ts's EDGE_GRADIENT,
 * below which a gradient is grain or paper texture.
 */
const EDGE_GRADIENT = 24;
/** Neighbours along an edge belong to the same stroke when their edge directions differ this little (degrees). */
const STROKE_ANGLE = 30;

/**
 * Measured at ANALYSIS_SIZE (docs/sandbox.md, "Measured on the fixtures"): the flat scans of
 * every fixture document have 0.22–0.39 of their pixels on an edge; a landscape photo 0.07, an
 * empty room cropped to a card's shape 0.03; blank, flat and blurred frames 0.
 */
export const MIN_INK = 0.12;
/**
 * The share of edge pixels that continue both ways along their edge: 0.41–0.66 on the fixture
 * documents, 0.04–0.13 on uniform noise (grey or colour, at 1, 2 and 3.3 pixels per grain).
 */
export const MIN_STROKES = 0.25;

export interface PrintFigures {
  /** Share of the frame's pixels on an edge. */
  ink: number;
  /** Share of those whose neighbours on both sides along the edge are edges running the same way. */
  strokes: number;
}

export function printFigures({ data, width, height }: LumaImage): PrintFigures {
  // Gradient direction in whole degrees 0–179 where there is an edge, -1 elsewhere.
  const direction = new Int16Array(width * height).fill(-1);
  let edges = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const dx = data[i + 1]! - data[i - 1]!;
      const dy = data[i + width]! - data[i - width]!;
      if (Math.abs(dx) + Math.abs(dy) < EDGE_GRADIENT) continue;
      edges++;
      direction[i] = (Math.round((Math.atan2(dy, dx) * 180) / Math.PI) + 180) % 180;
    }
  }
  let continuing = 0;
  for (let y = 2; y < height - 2; y++) {
    for (let x = 2; x < width - 2; x++) {
      const i = y * width + x;
      const own = direction[i]!;
      if (own < 0) continue;
      // The edge runs at right angles to its gradient: one pixel that way and the other.
      const along = ((own + 90) * Math.PI) / 180;
      const step = Math.round(Math.sin(along)) * width + Math.round(Math.cos(along));
      if (sameWay(direction[i + step]!, own) && sameWay(direction[i - step]!, own)) continuing++;
    }
  }
  const pixels = Math.max(1, (width - 2) * (height - 2));
  return { ink: edges / pixels, strokes: edges ? continuing / edges : 0 };
}

export function looksPrinted(figures: PrintFigures): boolean {
  return figures.ink >= MIN_INK && figures.strokes >= MIN_STROKES;
}

function sameWay(other: number, own: number): boolean {
  if (other < 0) return false;
  const apart = Math.abs(other - own) % 180;
  return Math.min(apart, 180 - apart) <= STROKE_ANGLE;
}
