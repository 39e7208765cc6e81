/**
 * A PDF417 symbol's codewords, read from a grey image in which it stands upright (within about 8°
 * on clean symbols) or upside down.
 *
 * 1. Each pixel row becomes a list of edges, placed between pixels where the grey crosses a local
 *    threshold (per 8×8 block, from its 5×5 neighbourhood, as zxing's hybrid binarizer: glare and
 *    shadows move it).
 * 2. Rows that cross the start pattern (bar 8, then 1,1,1,1,1,1,3 modules) and the stop pattern
 *    (7,1,1,3,1,1,1,2,1) give the symbol's left and right edges as two straight lines, and how many
 *    codewords a row holds between them.
 * 3. Every row between them is cut into that many slots; each slot's codeword is read from its
 *    edge-to-similar-edge widths (codewords.ts). The first and last slot of a row are its row
 *    indicators: they say which row this is, and, spread over three rows, how many rows and
 *    columns the symbol has and its error-correction level.
 * 4. A data codeword's cluster says its row modulo 3; the rows the indicators name, fitted along the
 *    scan line, say which of three rows that is. A scan line that crosses from one row into the
 *    next (a tilted symbol) thus puts each codeword where it belongs. Each cell takes the value most
 *    scan lines read in it; cells nobody read are erasures for the error correction.
 */
import type { LumaImage } from '../../frame/luma.js';
import { codewordOf, type Codeword } from './codewords.js';

export interface SymbolCodewords {
  /** Row by row, `rows × columns` codewords; erased ones are 0. */
  codewords: number[];
  /** Indices of the codewords no scan line read. */
  erasures: number[];
  /** Error-correction level: 2^(level + 1) codewords of the symbol are error correction. */
  ecLevel: number;
}

/** Thresholds are set per block of 8 × 8 pixels. */
const BLOCK_SHIFT = 3;
const BLOCK = 1 << BLOCK_SHIFT;
/** A block whose grey spans less than this is flat: its threshold comes from its neighbours. */
const MIN_DYNAMIC_RANGE = 24;
/** A guard pattern: its elements' widths (a bar first), and their sum. */
interface Pattern {
  widths: readonly number[];
  modules: number;
}
const pattern = (...widths: number[]): Pattern => ({ widths, modules: widths.reduce((sum, width) => sum + width, 0) });
const START = pattern(8, 1, 1, 1, 1, 1, 1, 3);
const STOP = pattern(7, 1, 1, 3, 1, 1, 1, 2, 1);
/** Their mirror images: what a symbol upside down shows at its left and right. */
const STOP_MIRRORED = pattern(...[...STOP.widths].reverse());
const START_MIRRORED = pattern(...[...START.widths].reverse());
/** How far (modules) one element of a pattern may be off, and all of its elements together. */
const ELEMENT_TOLERANCE = 0.8;
const PATTERN_TOLERANCE = 3;
/** A codeword's measured length may be off by this share of the expected one. */
const SLOT_TOLERANCE = 0.2;

interface Row {
  /** Where the grey crosses the threshold, in pixels from the row's start. */
  edges: Float32Array;
  /** Whether the row's first pixel is dark: then odd edges lead into bars, otherwise even ones. */
  firstDark: boolean;
}

/** Where one row meets the symbol's left or right side: the guard pattern's inner edge, and its module width. */
interface Side {
  y: number;
  x: number;
  module: number;
}

export function readSymbol(image: LumaImage): SymbolCodewords | null {
  const rows = scanRows(image);
  const sides = findSides(rows);
  // More rows show the patterns mirrored than as they are: the symbol is upside down.
  if (sides.mirrored <= sides.left.length + sides.right.length) return readCodewords(rows, sides.left, sides.right);
  const turned = scanRows(turnedHalf(image));
  const turnedSides = findSides(turned);
  return readCodewords(turned, turnedSides.left, turnedSides.right);
}

/** A guard pattern crossed by a scan line: on the symbol's left as the line runs (a start pattern, or a stop pattern upside down), or its right. */
interface Guard {
  /** The scan line: a row of the lines' image. */
  line: number;
  side: 'left' | 'right';
  /** Where the pattern begins and ends along the line, pixels. */
  from: number;
  to: number;
  module: number;
}

/** The guard patterns each of `lines` crosses (each row an independent scan line, thresholded on its own). */
function guardsOn({ width, height, data }: LumaImage): Guard[] {
  const guards: Guard[] = [];
  for (let line = 0; line < height; line++) {
    const [row] = scanRows({ width, height: 1, data: data.subarray(line * width, (line + 1) * width) });
    const { edges } = row!;
    for (let k = 0; k < edges.length; k++) {
      const patterns = intoBar(row!, k) ? BAR_FIRST : SPACE_FIRST;
      for (let p = 0; p < patterns.length; p++) {
        const { pattern, side } = patterns[p]!;
        const module = matches(edges, k, pattern);
        if (module) guards.push({ line, side, from: edges[k]!, to: edges[k + pattern.widths.length]!, module });
      }
    }
  }
  return guards;
}
const BAR_FIRST: ReadonlyArray<{ pattern: Pattern; side: Guard['side'] }> = [
  { pattern: START, side: 'left' },
  { pattern: STOP, side: 'right' },
  { pattern: STOP_MIRRORED, side: 'left' },
];
const SPACE_FIRST: ReadonlyArray<{ pattern: Pattern; side: Guard['side'] }> = [{ pattern: START_MIRRORED, side: 'right' }];

/** A symbol's outer sides, as lines x = at(y) (x along the scan lines, y across them), and its module width. */
export interface SymbolSides {
  left: Line;
  right: Line;
  module: number;
}

/**
 * What scan lines show of a symbol: `lines` holds one line per row (each thresholded on its own), row i lying
 * at `at[i]` across them. `crossed`: how many cross a start or stop pattern, either way round; every line through
 * a symbol does and little else does (a licence's front: no line, in any fixture), so a few dozen lines tell
 * whether a symbol is there at all, at a fraction of a read's cost. `sides`: the symbol's outer sides, fitted
 * through the patterns, when both show on three lines or more (a symbol within about 45° of square to the lines).
 */
export function findGuards(lines: LumaImage, at: readonly number[]): { crossed: number; sides: SymbolSides | null } {
  const guards = guardsOn(lines);
  const crossed = new Set(guards.map(({ line }) => line)).size;
  const module = median(guards.map((guard) => guard.module));
  const side = (which: 'left' | 'right') => {
    const points = guards.filter((guard) => guard.side === which).map((guard) => ({ y: at[guard.line]!, x: which === 'left' ? guard.from : guard.to }));
    return fitSide(points, 3 * module);
  };
  const left = side('left');
  const right = side('right');
  return { crossed, sides: left && right ? { left, right, module } : null };
}

/** fitSide draws lines through pairs of at most this many points: an image full of stray matches stays cheap. */
const MAX_SIDE_PAIRS_FROM = 64;

/**
 * The line through the patterns on one side: of the lines through any two of them, the one the most lie near (within
 * `tolerance`), refitted through those. A stray match (in text, or in a symbol's own data) cannot drag it off the
 * others, not even one far along the side, which would pull a least-squares fit its way. Null unless three lie on it.
 */
function fitSide(points: ReadonlyArray<{ y: number; x: number }>, tolerance: number): Line | null {
  const every = Math.ceil(points.length / MAX_SIDE_PAIRS_FROM);
  const through = points.filter((_, i) => i % every === 0);
  let best: ReadonlyArray<{ y: number; x: number }> = [];
  for (let i = 0; i < through.length; i++) {
    for (let j = i + 1; j < through.length; j++) {
      const [a, b] = [through[i]!, through[j]!];
      if (a.y === b.y) continue;
      const slope = (b.x - a.x) / (b.y - a.y);
      const near = points.filter((p) => Math.abs(p.x - (a.x + slope * (p.y - a.y))) <= tolerance);
      if (near.length > best.length) best = near;
    }
  }
  return best.length >= 3 ? fitLine(best, Infinity) : null;
}

function turnedHalf(image: LumaImage): LumaImage {
  const data = new Uint8Array(image.width * image.height);
  for (let i = 0, j = data.length - 1; j >= 0; i++, j--) data[i] = image.data[j]!;
  return { width: image.width, height: image.height, data };
}

function scanRows(image: LumaImage): Row[] {
  const { width, height, data } = image;
  const threshold = thresholds(image);
  const blocksAcross = Math.ceil(width / BLOCK);
  const rows: Row[] = [];
  // A row has fewer edges than pixels: one scratch row, each row's copied out at its length.
  const edges = new Float32Array(width);
  for (let y = 0; y < height; y++) {
    let count = 0;
    const offset = y * width;
    const thresholdRow = (y >> BLOCK_SHIFT) * blocksAcross;
    let previous = data[offset]!;
    const firstDark = previous <= threshold[thresholdRow]!;
    let dark = firstDark;
    for (let x = 1; x < width; x++) {
      const value = data[offset + x]!;
      const t = threshold[thresholdRow + (x >> BLOCK_SHIFT)]!;
      if (value <= t !== dark) {
        dark = !dark;
        // Between the two pixels, where the grey would cross the threshold.
        edges[count++] = x - 1 + (previous - t) / (previous - value || 1);
      }
      previous = value;
    }
    rows.push({ edges: edges.slice(0, count), firstDark });
  }
  return rows;
}

/** Each block's threshold: its black point (mean, or for a flat block its neighbours'), averaged over 5×5 blocks. */
function thresholds({ width, height, data }: LumaImage): Uint8Array {
  const across = Math.ceil(width / BLOCK);
  const down = Math.ceil(height / BLOCK);
  const black = new Float32Array(across * down);
  for (let by = 0; by < down; by++) {
    const top = by * BLOCK;
    const bottom = Math.min(height, top + BLOCK);
    for (let bx = 0; bx < across; bx++) {
      const left = bx * BLOCK;
      const right = Math.min(width, left + BLOCK);
      let min = 255;
      let max = 0;
      let sum = 0;
      for (let y = top; y < bottom; y++) {
        for (let i = y * width + left, end = y * width + right; i < end; i++) {
          const value = data[i]!;
          sum += value;
          if (value < min) min = value;
          if (value > max) max = value;
        }
      }
      let point = sum / ((bottom - top) * (right - left));
      if (max - min <= MIN_DYNAMIC_RANGE) {
        // Flat: paper or ink all over. Assume paper, unless the neighbours say this is darker than their black.
        point = min / 2;
        if (by > 0 && bx > 0) {
          const around = (black[(by - 1) * across + bx]! + 2 * black[by * across + bx - 1]! + black[(by - 1) * across + bx - 1]!) / 4;
          if (min < around) point = around;
        }
      }
      black[by * across + bx] = point;
    }
  }
  const threshold = new Uint8Array(across * down);
  const clamp = (value: number, size: number) => Math.min(Math.max(value, 2), Math.max(2, size - 3));
  for (let by = 0; by < down; by++) {
    for (let bx = 0; bx < across; bx++) {
      const cy = clamp(by, down);
      const cx = clamp(bx, across);
      const top = Math.max(0, cy - 2);
      const bottom = Math.min(down - 1, cy + 2);
      const left = Math.max(0, cx - 2);
      const right = Math.min(across - 1, cx + 2);
      let sum = 0;
      for (let y = top; y <= bottom; y++) for (let x = left; x <= right; x++) sum += black[y * across + x]!;
      threshold[by * across + bx] = Math.floor(sum / ((bottom - top + 1) * (right - left + 1)));
    }
  }
  return threshold;
}

/** Whether edge `k` of `row` leads into a bar. */
const intoBar = (row: Row, k: number) => (k + (row.firstDark ? 1 : 0)) % 2 === 0;

/** The module width if the elements from edge `k` on have the widths of `pattern`, else 0. */
function matches(edges: Float32Array, k: number, { widths, modules }: Pattern): number {
  if (k + widths.length >= edges.length) return 0;
  const module = (edges[k + widths.length]! - edges[k]!) / modules;
  let off = 0;
  for (let i = 0; i < widths.length; i++) {
    const deviation = Math.abs((edges[k + i + 1]! - edges[k + i]!) / module - widths[i]!);
    if (deviation > ELEMENT_TOLERANCE) return 0;
    off += deviation;
  }
  return off <= PATTERN_TOLERANCE ? module : 0;
}

/**
 * Per row, the leftmost start pattern's end (where the left row indicator begins) and the rightmost stop pattern's
 * start; and how many rows show the patterns mirrored (the symbol upside down).
 */
function findSides(rows: Row[]): { left: Side[]; right: Side[]; mirrored: number } {
  const left: Side[] = [];
  const right: Side[] = [];
  let mirrored = 0;
  rows.forEach((row, y) => {
    const { edges } = row;
    let start: Side | null = null;
    let stop: Side | null = null;
    let mirror = false;
    for (let k = 0; k < edges.length; k++) {
      if (intoBar(row, k)) {
        let module = 0;
        if (!start && (module = matches(edges, k, START))) start = { y, x: edges[k + START.widths.length]!, module };
        else if ((module = matches(edges, k, STOP))) stop = { y, x: edges[k]!, module };
        else if (!mirror && matches(edges, k, STOP_MIRRORED)) mirror = true;
      } else if (!mirror && matches(edges, k, START_MIRRORED)) mirror = true;
    }
    if (start) left.push(start);
    if (stop) right.push(stop);
    if (mirror) mirrored++;
  });
  return { left, right, mirrored };
}

export interface Line {
  at: (y: number) => number;
  from: number;
  to: number;
}

/** x = a + b·y through the points, refitted without those more than `tolerance` off. */
function fitLine(points: ReadonlyArray<{ y: number; x: number }>, tolerance: number): Line | null {
  let kept = points;
  for (let pass = 0; pass < 3 && kept.length >= 2; pass++) {
    const n = kept.length;
    const meanY = kept.reduce((sum, p) => sum + p.y, 0) / n;
    const meanX = kept.reduce((sum, p) => sum + p.x, 0) / n;
    const spread = kept.reduce((sum, p) => sum + (p.y - meanY) ** 2, 0);
    const slope = spread ? kept.reduce((sum, p) => sum + (p.y - meanY) * (p.x - meanX), 0) / spread : 0;
    const at = (y: number) => meanX + slope * (y - meanY);
    const inliers = kept.filter((p) => Math.abs(p.x - at(y(p))) <= tolerance);
    if (inliers.length === kept.length) {
      const ys = kept.map(y);
      return { at, from: Math.min(...ys), to: Math.max(...ys) };
    }
    kept = inliers;
  }
  return null;
}
const y = (point: { y: number }) => point.y;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? 0;
}

/** The codeword in the slot expected at `start`, `length` pixels long, if it reads; `end`: where it ends. */
function readSlot(row: Row, start: number, length: number): { codeword: Codeword; end: number } | undefined {
  const { edges } = row;
  // The bar edge nearest to where the slot should begin.
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (edges[middle]! < start) low = middle + 1;
    else high = middle;
  }
  let k = -1;
  for (const candidate of [low - 2, low - 1, low, low + 1]) {
    if (candidate < 0 || candidate >= edges.length || !intoBar(row, candidate)) continue;
    if (k < 0 || Math.abs(edges[candidate]! - start) < Math.abs(edges[k]! - start)) k = candidate;
  }
  if (k < 0 || Math.abs(edges[k]! - start) > length * 0.3 || k + 8 >= edges.length) return undefined;
  const span = edges[k + 8]! - edges[k]!;
  if (Math.abs(span - length) > length * SLOT_TOLERANCE) return undefined;
  const module = span / 17;
  const widths: number[] = [];
  for (let i = 0; i < 6; i++) {
    const width = Math.round((edges[k + i + 2]! - edges[k + i]!) / module);
    if (width < 2 || width > 12) return undefined;
    widths.push(width);
  }
  const codeword = codewordOf(widths);
  return codeword && { codeword, end: edges[k + 8]! };
}

/** One side of the symbol: where its pattern meets the codewords, and its module width, along the rows. */
interface Edge {
  x: Line;
  module: Line;
}

function edgeOf(sides: Side[], module: number): Edge | null {
  if (sides.length < 2) return null;
  const x = fitLine(sides, 2 * module);
  const width = fitLine(
    sides.map((side) => ({ y: side.y, x: side.module })),
    module / 4,
  );
  return x && width && { x, module: width };
}

/**
 * Where slot `slot` of `slots` begins on scan line `y`, and where the next begins. With both sides, the
 * module width goes from the left's to the right's along the row (a symbol tilted away is narrower at its
 * far side); with one, slots are that side's module width × 17 from it.
 */
function slotBounds(left: Edge | null, right: Edge | null, slots: number, y: number, slot: number): [number, number] {
  if (left && right) {
    const from = left.x.at(y);
    const moduleLeft = left.module.at(y);
    const growth = (right.module.at(y) - moduleLeft) / (2 * slots);
    // Modules from the left side to the start of slot n: n × (left module + growth × n), in 17s.
    const scale = (right.x.at(y) - from) / (slots * (moduleLeft + growth * slots));
    const at = (n: number) => from + scale * n * (moduleLeft + growth * n);
    return [at(slot), at(slot + 1)];
  }
  const length = 17 * (left ?? right)!.module.at(y);
  const start = left ? left.x.at(y) + slot * length : right!.x.at(y) - (slots - slot) * length;
  return [start, start + length];
}

interface Reading {
  y: number;
  slot: number;
  codeword: Codeword;
}

/** What the row indicators say, by majority. */
class Indicators {
  readonly rowsHigh = new Votes();
  readonly rowsLow = new Votes();
  readonly ecLevel = new Votes();
  readonly lastColumn = new Votes();
  /** The row each indicator names, by scan line, per side. */
  readonly rows = { left: [] as Array<{ y: number; x: number }>, right: [] as Array<{ y: number; x: number }> };

  add(codeword: Codeword, y: number, side: 'left' | 'right'): void {
    this.rows[side].push({ y, x: 3 * Math.floor(codeword.value / 30) + codeword.cluster });
    const info = codeword.value % 30;
    // Which of three facts an indicator holds turns with its cluster, and differs between the sides.
    const fact = (side === 'left' ? ['rowsHigh', 'levelAndRowsLow', 'lastColumn'] : ['lastColumn', 'rowsHigh', 'levelAndRowsLow'])[codeword.cluster];
    if (fact === 'levelAndRowsLow') {
      this.ecLevel.add(Math.floor(info / 3));
      this.rowsLow.add(info % 3);
    } else this[fact as 'rowsHigh' | 'lastColumn'].add(info);
  }
}

/** Every scan line from `from` to `to`, cut into `slots`, each slot read where the one before it ended. */
function readRows(rows: Row[], from: number, to: number, left: Edge | null, right: Edge | null, slots: number) {
  const indicators = new Indicators();
  const readings: Reading[] = [];
  for (let y = Math.ceil(from); y <= to; y++) {
    let end: number | undefined;
    for (let slot = 0; slot < slots; slot++) {
      const [start, next] = slotBounds(left, right, slots, y, slot);
      const read = readSlot(rows[y]!, end ?? start, next - start);
      end = read?.end;
      if (!read) continue;
      if (slot === 0) indicators.add(read.codeword, y, 'left');
      else if (slot === slots - 1) indicators.add(read.codeword, y, 'right');
      else readings.push({ y, slot, codeword: read.codeword });
    }
  }
  return { indicators, readings };
}

function readCodewords(rows: Row[], leftSides: Side[], rightSides: Side[]): SymbolCodewords | null {
  const module = median([...leftSides, ...rightSides].map((side) => side.module));
  if (!module) return null;
  const left = edgeOf(leftSides, module);
  const right = edgeOf(rightSides, module);
  if (!left && !right) return null;
  const from = Math.min(left?.x.from ?? Infinity, right?.x.from ?? Infinity);
  const to = Math.max(left?.x.to ?? -Infinity, right?.x.to ?? -Infinity);
  const middle = (from + to) / 2;
  // Codewords between the two lines, by their mean module; with one line, its row indicators say (one slot read).
  let slots = left && right ? Math.round((right.x.at(middle) - left.x.at(middle)) / ((17 * (left.module.at(middle) + right.module.at(middle))) / 2)) : 0;
  if (!slots) {
    const side = left ? 'left' : 'right';
    const edge = (left ?? right)!;
    const indicators = new Indicators();
    for (let y = Math.ceil(from); y <= to; y++) {
      const length = 17 * edge.module.at(y);
      const read = readSlot(rows[y]!, edge.x.at(y) - (left ? 0 : length), length);
      if (read) indicators.add(read.codeword, y, side);
    }
    slots = (indicators.lastColumn.winner() ?? -3) + 3;
  }
  if (slots < 3) return null;
  let { indicators, readings } = readRows(rows, from, to, left, right, slots);
  // Perspective can make the count between the lines off by one: the indicators know better.
  const said = indicators.lastColumn.winner();
  if (said !== undefined && said + 3 !== slots) {
    slots = said + 3;
    ({ indicators, readings } = readRows(rows, from, to, left, right, slots));
    if (indicators.lastColumn.winner() !== slots - 3) return null;
  }
  return assemble(indicators, readings, slots);
}

function assemble(indicators: Indicators, readings: Reading[], slots: number): SymbolCodewords | null {
  const columns = slots - 2;
  const rowsHigh = indicators.rowsHigh.winner();
  const rowsLow = indicators.rowsLow.winner();
  const ecLevel = indicators.ecLevel.winner();
  if (rowsHigh === undefined || rowsLow === undefined || ecLevel === undefined) return null;
  const rowCount = 3 * rowsHigh + rowsLow + 1;
  if (rowCount < 3 || rowCount > 90) return null;

  // The row number along each scan line: fitted on each side from its indicators, in between by slot.
  const leftRow = fitLine(indicators.rows.left, 1.5);
  const rightRow = fitLine(indicators.rows.right, 1.5);
  if (!leftRow && !rightRow) return null;
  const rowAt = (y: number, slot: number) => {
    const l = (leftRow ?? rightRow)!.at(y);
    const r = (rightRow ?? leftRow)!.at(y);
    return l + ((r - l) * slot) / (slots - 1);
  };
  const cells = Array.from({ length: rowCount * columns }, () => new Votes());
  for (const { y, slot, codeword } of readings) {
    // The nearest row whose cluster is this codeword's.
    const row = Math.round((rowAt(y, slot) - codeword.cluster) / 3) * 3 + codeword.cluster;
    if (row >= 0 && row < rowCount) cells[row * columns + slot - 1]!.add(codeword.value);
  }
  const codewords: number[] = [];
  const erasures: number[] = [];
  cells.forEach((votes, index) => {
    const value = votes.winner();
    if (value === undefined) erasures.push(index);
    codewords.push(value ?? 0);
  });
  return { codewords, erasures, ecLevel };
}

/** Counts of what was read for one thing; the winner is the value read most often. */
class Votes {
  private counts = new Map<number, number>();
  add(value: number): void {
    this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
  }
  winner(): number | undefined {
    let best: number | undefined;
    let most = 0;
    for (const [value, count] of this.counts) if (count > most) [best, most] = [value, count];
    return best;
  }
}
