/**
 * Where a PDF417 is, from a few dozen scan lines one pixel thick (a few percent of the frame's pixels): each line
 * crossing the symbol crosses its start and stop patterns (pdf417/symbol.ts findGuards), and the two sides fitted
 * through them give its region, its tilt and its module width. A card's lines run along its long side, where a
 * back's rows run; with no card outlined, rows cross the whole frame.
 */
import type { Rect } from '../frame/luma.js';
import type { Quad } from '../frame/perspective.js';
import { wholePixels, type FramePixels } from './frame-pixels.js';
import { findGuards, type SymbolSides } from './pdf417/symbol.js';

export interface GuardScan {
  /** How many lines crossed a guard pattern: none on a licence's front, in any fixture. */
  crossed: number;
  /** The symbol the lines placed: its region, its tilt (degrees, as barcode-locator.ts's), and the factor that brings its modules down to READ_MODULE. */
  symbol: { region: Rect; angle: number; factor: number } | null;
}

/**
 * Lines across an outlined card: a symbol's start or stop pattern shows on several of them (the fixtures' backs: 3
 * lines in 25 at the fewest; a line every 8 to 24 px of the card), a front's on none.
 */
const CARD_LINES = 48;
/** Rows across a whole frame: 6 or more cross every camera fixture's symbol that reads (14 with 64 rows). */
const FRAME_ROWS = 40;
/** The module width (pixels) a placed symbol is read at, when its modules are wider: the reader reads 2 px modules. */
const READ_MODULE = 2;
/** Anything smaller cannot hold a readable PDF417 (the stop pattern alone is 18 modules). */
export const MIN_SIDE = 24;

/** CARD_LINES lines across the card in `outline` (its box: `box`), along its long side; null for a card too small to tell. */
export function scanAcrossCard(pixels: FramePixels, outline: Quad, box: Rect): GuardScan | null {
  return scan(pixels, box, isLevel(outline), CARD_LINES);
}

/** FRAME_ROWS rows across the whole frame. */
export function scanAcrossFrame(pixels: FramePixels): GuardScan | null {
  return scan(pixels, { x: 0, y: 0, width: pixels.width, height: pixels.height }, true, FRAME_ROWS);
}

/** Whether the card in `outline` lies level rather than upright: its long side nearer across than up. */
function isLevel(outline: Quad): boolean {
  const [a, b, c] = outline;
  const [dx, dy] = Math.hypot(b.x - a.x, b.y - a.y) >= Math.hypot(c.x - b.x, c.y - b.y) ? [b.x - a.x, b.y - a.y] : [c.x - b.x, c.y - b.y];
  return Math.abs(dx) >= Math.abs(dy);
}

/** `count` lines across `box`, rows (`rows`) or columns, and what they show of a symbol. */
function scan(pixels: FramePixels, box: Rect, rows: boolean, count: number): GuardScan | null {
  const [from, length, first, across] = rows ? [box.x, box.width, box.y, box.height] : [box.y, box.height, box.x, box.width];
  const lines = Math.min(count, Math.floor(across / 2));
  if (length < MIN_SIDE || lines < 1) return null;
  const step = across / lines;
  const at = Array.from({ length: lines }, (_, i) => first + Math.floor((i + 0.5) * step));
  const { crossed, sides } = findGuards(pixels.lines(rows ? 'rows' : 'columns', at, from, length), at);
  return { crossed, symbol: sides && symbolBetween(sides, from, step, rows, pixels) };
}

/**
 * The region and tilt of the symbol whose `sides` scan lines found (positions along them from `from`, the lines
 * `step` apart, rows or columns), in `frame`'s pixels.
 */
function symbolBetween({ left, right, module }: SymbolSides, from: number, step: number, rows: boolean, frame: FramePixels): GuardScan['symbol'] {
  // Its rows run between the first and last line that crossed it, and up to a line beyond each.
  const first = Math.min(left.from, right.from) - step;
  const last = Math.max(left.to, right.to) + step;
  const along = [left.at(first), left.at(last), right.at(first), right.at(last)].map((position) => from + position);
  const start = Math.min(...along) - 2 * module;
  const end = Math.max(...along) + 2 * module;
  const rect = rows ? { x: start, y: first, width: end - start, height: last - first } : { x: first, y: start, width: last - first, height: end - start };
  const region = wholePixels(rect, 1, frame);
  if (region.width < MIN_SIDE || region.height < MIN_SIDE) return null;
  // The sides lean as the bars do: along a row, a side of bars turned anticlockwise moves on as the rows go down.
  const lean = (Math.atan((left.at(last) - left.at(first) + right.at(last) - right.at(first)) / (2 * (last - first))) * 180) / Math.PI;
  // Columns see the frame mirrored about its diagonal, which turns the other way: what rows would call -lean is
  // the bars' turn from level.
  const angle = rows ? -lean : normalised(90 + lean);
  return { region, angle, factor: Math.min(1, READ_MODULE / module) };
}

/** An angle in (-90, 90]: a PDF417 is the same symbol turned half a turn. */
const normalised = (angle: number) => (angle > 90 ? angle - 180 : angle <= -90 ? angle + 180 : angle);
