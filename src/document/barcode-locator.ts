/**
 * Finds where a PDF417 probably is in a frame, and how it is turned, from edge orientations.
 *
 * The reader (pdf417/read.ts) reads a PDF417 only within about 8° of upright (or upside down), so the
 * decoder must turn the frame first. Trying a fan of angles costs a full decode each; this
 * pass costs about one: a PDF417 is a dense field of parallel bars, so its edges' gradient
 * directions pile up on one angle (the bars' normal), far above the text and pattern around it.
 * The same edges, counted on a coarse grid, outline the symbol, so the decoder can also crop
 * to it (less to rotate, no distractions) and enlarge it when the modules are small.
 */
import type { LumaImage, Rect } from '../frame/luma.js';

export interface BarcodeEstimate {
  /**
   * Clockwise turn of the bars away from upright, degrees in (-90, 90]. Turning the image by
   * `-angle` makes the bars vertical (the reader then reads it upright or upside down).
   */
  angle: number;
  /** Share of all edge energy on that orientation (±6°): ~0.1 means no dominant direction. */
  strength: number;
  /** Bounding box of the densest field of such edges, in image pixels; null if none stands out. */
  region: Rect | null;
  /**
   * How much of the image looks like a PDF417's field of bars: grid cells whose edges lie mostly on
   * that orientation and whose neighbours (6 of 8 or more) do too. A symbol's bars fill such cells by
   * the dozen or hundred; a card's outline or a line of text is a thin run of them and counts
   * almost none (licence fronts and desks: 0 to 8; the symbols of the fixtures: 20 and up).
   */
  fieldCells: number;
}

/** Edge samples are taken every SAMPLE_STEP pixels by default: enough statistics at a quarter the cost. */
const SAMPLE_STEP = 2;
/** Scharr magnitudes below this (a clean 0–255 step gives ~4000) are noise or paper texture. */
const MIN_GRADIENT = 400;
const BINS = 180;
/** Orientations within this many degrees of the peak count as the barcode's. */
const ALIGNED_TOLERANCE = 6;
/**
 * Grid cell size for locating the symbol, pixels, at SAMPLE_STEP: a few modules, well under a codeword.
 * Cells grow with a longer step, so that each holds as many samples (8 × 8) whatever the step.
 */
const CELL = 16;
/** A cell is on the symbol's field when this share of its edge energy is on the symbol's orientation. */
const FIELD_SHARE = 0.45;
/** ... and it has at least this much edge energy: a dozen samples at the weakest edge counted. */
const FIELD_ENERGY = 12 * MIN_GRADIENT;

/** The likeliest symbol, or null when the image has no edges at all. */
export function estimateBarcode(image: LumaImage): BarcodeEstimate | null {
  return estimateBarcodes(image, 1)[0] ?? null;
}

/**
 * Up to `max` candidates, strongest orientation first. The runner-up matters when something
 * else in view has more parallel edges than the symbol (a striped shirt, a keyboard): it is
 * the next peak of the orientation histogram that is neither the first nor perpendicular to
 * it (a PDF417's row boundaries are), holding at least a tenth of its energy.
 */
export function estimateBarcodes(image: LumaImage, max = 2, { step = SAMPLE_STEP }: { step?: number } = {}): BarcodeEstimate[] {
  if (image.width < 3 * CELL || image.height < 3 * CELL) return [];
  const field = measureEdges(image, step);
  if (field.total === 0) return [];
  return findPeaks(field.histogram, max).map((peak) => estimateAt(field, peak));
}

interface EdgeField {
  width: number;
  height: number;
  /** Samples are taken every `step` pixels across and down. */
  step: number;
  /** Edge energy per 1° of orientation (mod 180°). */
  histogram: Float64Array;
  total: number;
  /** Per sample (every `step` pixels): orientation bin (-1 = no edge), magnitude, gradient. */
  orientations: Int16Array;
  magnitudes: Float32Array;
  gradientsX: Float32Array;
  gradientsY: Float32Array;
}

/**
 * Histogram of edge orientation (mod 180°), weighted by gradient magnitude. The Scharr kernel
 * and the Euclidean magnitude keep the orientation of a slanted, pixel-stepped edge from
 * leaning towards the axes (Sobel or a plain difference read 7° as 6.3°).
 */
function measureEdges(image: LumaImage, step: number): EdgeField {
  const { width, height, data } = image;
  const histogram = new Float64Array(BINS);
  const sampleCount = Math.ceil(height / step) * Math.ceil(width / step);
  const orientations = new Int16Array(sampleCount).fill(-1);
  const magnitudes = new Float32Array(sampleCount);
  const gradientsX = new Float32Array(sampleCount);
  const gradientsY = new Float32Array(sampleCount);
  let total = 0;
  let sample = 0;
  for (let y = 0; y < height; y += step) {
    for (let x = 0; x < width; x += step, sample++) {
      if (x === 0 || y === 0 || x === width - 1 || y === height - 1) continue;
      const i = y * width + x;
      const above = i - width;
      const below = i + width;
      const gx = 3 * (data[above + 1]! + data[below + 1]! - data[above - 1]! - data[below - 1]!) + 10 * (data[i + 1]! - data[i - 1]!);
      const gy = 3 * (data[below - 1]! + data[below + 1]! - data[above - 1]! - data[above + 1]!) + 10 * (data[below]! - data[above]!);
      const magnitude = Math.sqrt(gx * gx + gy * gy);
      if (magnitude < MIN_GRADIENT) continue;
      let degrees = (Math.atan2(gy, gx) * 180) / Math.PI;
      if (degrees < 0) degrees += 180;
      const bin = Math.floor(degrees) % BINS;
      histogram[bin]! += magnitude;
      orientations[sample] = bin;
      magnitudes[sample] = magnitude;
      gradientsX[sample] = gx;
      gradientsY[sample] = gy;
      total += magnitude;
    }
  }
  return { width, height, step, histogram, total, orientations, magnitudes, gradientsX, gradientsY };
}

const binDistance = (a: number, b: number) => {
  const d = Math.abs(a - b) % BINS;
  return Math.min(d, BINS - d);
};

/** Peaks of the histogram smoothed over ±2°, strongest first (see estimateBarcodes). */
function findPeaks(histogram: Float64Array, max: number): number[] {
  const smoothed = new Float64Array(BINS);
  for (let bin = 0; bin < BINS; bin++) {
    for (let d = -2; d <= 2; d++) smoothed[bin]! += histogram[(bin + d + BINS) % BINS]!;
  }
  const byEnergy = [...smoothed.keys()].sort((a, b) => smoothed[b]! - smoothed[a]!);
  const peaks = [byEnergy[0]!];
  for (const bin of byEnergy) {
    if (peaks.length >= max || smoothed[bin]! < smoothed[peaks[0]!]! / 10) break;
    const isLocalMax = smoothed[bin]! >= smoothed[(bin + 1) % BINS]! && smoothed[bin]! >= smoothed[(bin + BINS - 1) % BINS]!;
    const isNew = peaks.every((peak) => binDistance(bin, peak) > 12 && binDistance(bin, peak + 90) > 12);
    if (isLocalMax && isNew) peaks.push(bin);
  }
  return peaks;
}

/**
 * The candidate around one histogram peak: per grid cell, the energy of edges near that
 * orientation (to locate the symbol), and the orientation refined below the 1° bins by the
 * mean doubled angle of those edges (the structure-tensor orientation: unbiased, and the
 * bars' perpendicular row boundaries do not pull it).
 */
function estimateAt(field: EdgeField, peak: number): BarcodeEstimate {
  const { width, height, step, orientations, magnitudes, gradientsX, gradientsY, histogram } = field;
  const side = (CELL * step) / SAMPLE_STEP;
  const columns = Math.ceil(width / side);
  const rows = Math.ceil(height / side);
  const cells = new Float64Array(columns * rows);
  const allCells = new Float64Array(columns * rows);
  let aligned = 0;
  for (let d = -ALIGNED_TOLERANCE; d <= ALIGNED_TOLERANCE; d++) aligned += histogram[(peak + d + BINS) % BINS]!;
  let sample = 0;
  for (let y = 0; y < height; y += step) {
    for (let x = 0; x < width; x += step, sample++) {
      const bin = orientations[sample]!;
      if (bin < 0) continue;
      const cell = Math.floor(y / side) * columns + Math.floor(x / side);
      allCells[cell]! += magnitudes[sample]!;
      if (binDistance(bin, peak) <= ALIGNED_TOLERANCE) cells[cell]! += magnitudes[sample]!;
    }
  }
  // Twice: the 1° peak bin sits off-centre in a skewed distribution, and a window around it
  // clips one side; the second pass is centred on the first estimate.
  let angle = refineOrientation(peak + 0.5, orientations, gradientsX, gradientsY);
  angle = refineOrientation(angle, orientations, gradientsX, gradientsY);
  if (angle <= -90) angle += 180;
  if (angle > 90) angle -= 180;
  return {
    angle,
    strength: aligned / field.total,
    region: densestRegion(cells, columns, rows, side, width, height),
    fieldCells: countFieldCells(cells, allCells, columns, rows),
  };
}

/** See `BarcodeEstimate.fieldCells`: `aligned` and `all` are the edge energy per cell on the orientation and in all. */
function countFieldCells(aligned: Float64Array, all: Float64Array, columns: number, rows: number): number {
  const onField = (cell: number) => all[cell]! >= FIELD_ENERGY && aligned[cell]! >= FIELD_SHARE * all[cell]!;
  let count = 0;
  for (let cy = 1; cy < rows - 1; cy++) {
    for (let cx = 1; cx < columns - 1; cx++) {
      const cell = cy * columns + cx;
      if (!onField(cell)) continue;
      let neighbours = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) if ((dx !== 0 || dy !== 0) && onField(cell + dy * columns + dx)) neighbours++;
      }
      if (neighbours >= 6) count++;
    }
  }
  return count;
}

function refineOrientation(around: number, orientations: Int16Array, gradientsX: Float32Array, gradientsY: Float32Array): number {
  const centre = ((around % 180) + 180) % 180;
  let cos2 = 0;
  let sin2 = 0;
  for (let sample = 0; sample < orientations.length; sample++) {
    const bin = orientations[sample]!;
    if (bin < 0) continue;
    const distance = Math.abs(bin + 0.5 - centre);
    if (Math.min(distance, BINS - distance) > ALIGNED_TOLERANCE) continue;
    const gx = gradientsX[sample]!;
    const gy = gradientsY[sample]!;
    cos2 += gx * gx - gy * gy;
    sin2 += 2 * gx * gy;
  }
  return cos2 === 0 && sin2 === 0 ? around : (Math.atan2(sin2, cos2) * 90) / Math.PI;
}

/**
 * The connected group of busy cells with the most edge energy, as a pixel rectangle with a
 * margin for the quiet zone. The cell map is first smoothed over 3×3 cells, since a PDF417's
 * data columns mix bar edges with row boundaries and would otherwise break into pieces. Busy
 * means a quarter of the 99th percentile: a high percentile, not the maximum, so that a few
 * very strong cells (the start pattern, the card's edge on a dark table) do not set the bar.
 */
function densestRegion(raw: Float64Array, columns: number, rows: number, side: number, width: number, height: number): Rect | null {
  const cells = new Float64Array(raw.length);
  for (let cy = 0; cy < rows; cy++) {
    for (let cx = 0; cx < columns; cx++) {
      let sum = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = cy + dy;
        if (ny < 0 || ny >= rows) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = cx + dx;
          if (nx >= 0 && nx < columns) sum += raw[ny * columns + nx]!;
        }
      }
      cells[cy * columns + cx] = sum / 9;
    }
  }
  const sorted = Float64Array.from(cells).sort();
  const high = sorted[Math.floor(sorted.length * 0.99)]!;
  if (high === 0) return null;
  const threshold = high / 4;
  const label = new Int32Array(cells.length).fill(-1);
  let best: { energy: number; minX: number; minY: number; maxX: number; maxY: number; count: number } | null = null;
  const stack: number[] = [];

  for (let start = 0; start < cells.length; start++) {
    if (label[start] !== -1 || cells[start]! < threshold) continue;
    const group = { energy: 0, minX: columns, minY: rows, maxX: -1, maxY: -1, count: 0 };
    label[start] = start;
    stack.push(start);
    while (stack.length > 0) {
      const cell = stack.pop()!;
      const cx = cell % columns;
      const cy = (cell - cx) / columns;
      group.energy += cells[cell]!;
      group.count++;
      group.minX = Math.min(group.minX, cx);
      group.maxX = Math.max(group.maxX, cx);
      group.minY = Math.min(group.minY, cy);
      group.maxY = Math.max(group.maxY, cy);
      // 8-connected, so that a diagonal symbol's staircase of cells stays one group.
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = cx + dx;
          const ny = cy + dy;
          if (nx < 0 || ny < 0 || nx >= columns || ny >= rows) continue;
          const next = ny * columns + nx;
          if (label[next] !== -1 || cells[next]! < threshold) continue;
          label[next] = start;
          stack.push(next);
        }
      }
    }
    if (!best || group.energy > best.energy) best = group;
  }
  // A symbol spans many cells; a lone busy cell is a letter or a speck.
  if (!best || best.count < 6) return null;
  const margin = 2 * side;
  const x = Math.max(0, best.minX * side - margin);
  const y = Math.max(0, best.minY * side - margin);
  return {
    x,
    y,
    width: Math.min(width, (best.maxX + 1) * side + margin) - x,
    height: Math.min(height, (best.maxY + 1) * side + margin) - y,
  };
}
