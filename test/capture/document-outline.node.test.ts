/**
 * The outline finder on drawn frames, where the true corners are known: faint and coloured
 * edges, a finger over a side, a table's grain, and shapes that are not documents.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findOutline, insideOutline, type Point } from '../../src/frame/document-outline.js';
import type { LumaImage } from '../../src/frame/luma.js';

const WIDTH = 480;
const HEIGHT = 270;

/** A plane whose value at (x, y) is `paint(x, y)`, with a little seeded grain. */
function plane(paint: (x: number, y: number) => number, seed = 1): LumaImage {
  const data = new Uint8Array(WIDTH * HEIGHT);
  let state = seed;
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      const grain = ((state >> 16) % 5) - 2;
      data[y * WIDTH + x] = Math.max(0, Math.min(255, Math.round(paint(x, y) + grain)));
    }
  }
  return { data, width: WIDTH, height: HEIGHT };
}

/** An upright card `width` wide (ID-1 proportions) centred at (cx, cy). */
function card(width: number, cx = WIDTH / 2, cy = HEIGHT / 2) {
  const height = width / 1.586;
  const box = { left: cx - width / 2, top: cy - height / 2, right: cx + width / 2, bottom: cy + height / 2 };
  return { ...box, inside: (x: number, y: number) => x >= box.left && x < box.right && y >= box.top && y < box.bottom };
}

function extent(corners: readonly Point[]) {
  const xs = corners.map((c) => c.x);
  const ys = corners.map((c) => c.y);
  return { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) };
}

function assertNear(actual: number, expected: number, tolerance: number, what: string) {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual.toFixed(1)}, expected ${expected.toFixed(1)} ± ${tolerance}`);
}

describe('findOutline', () => {
  it('traces a card only 8 levels lighter than the desk, to within 3 px', () => {
    const c = card(300);
    const outline = findOutline(plane((x, y) => (c.inside(x, y) ? 208 : 200)));
    assert.ok(outline, 'no outline');
    const e = extent(outline.corners);
    for (const side of ['left', 'right', 'top', 'bottom'] as const) assertNear(e[side], c[side], 3, side);
    assertNear(outline.aspect, 1.586, 0.06, 'aspect');
  });

  it('sees a card exactly as light as the desk by its colour, given the colour plane', () => {
    const c = card(300);
    const luma = plane(() => 210);
    const chroma = plane((x, y) => (c.inside(x, y) ? 140 : 123), 2);
    assert.equal(findOutline(luma), null, 'brightness alone cannot see it');
    const outline = findOutline(luma, chroma);
    assert.ok(outline, 'no outline with colour');
    assertNear(extent(outline.corners).left, c.left, 3, 'left');
  });

  it('still finds a card with a thumb over its bottom edge', () => {
    const c = card(300);
    const thumb = (x: number, y: number) => (x - (c.left + 90)) ** 2 / 24 ** 2 + (y - c.bottom) ** 2 / 30 ** 2 <= 1;
    const outline = findOutline(plane((x, y) => (thumb(x, y) ? 170 : c.inside(x, y) ? 225 : 90)));
    assert.ok(outline, 'no outline');
    assertNear(extent(outline.corners).bottom, c.bottom, 3, 'bottom');
  });

  it('follows a card turned 25°', () => {
    const angle = (25 * Math.PI) / 180;
    const inside = (x: number, y: number) => {
      const dx = x - WIDTH / 2;
      const dy = y - HEIGHT / 2;
      return Math.abs(dx * Math.cos(angle) + dy * Math.sin(angle)) < 120 && Math.abs(-dx * Math.sin(angle) + dy * Math.cos(angle)) < 120 / 1.586;
    };
    const outline = findOutline(plane((x, y) => (inside(x, y) ? 220 : 80)));
    assert.ok(outline, 'no outline');
    assertNear(outline.aspect, 1.586, 0.08, 'aspect');
  });

  // A side may run on past a corner by what the corner check leaves out (6.5% of the side for
  // the rounding, and a 3% gap), and a card whose top and bottom lie along the grain may be
  // given up (the brighter-object finder takes over): either way, never a stretched card.
  it('never stretches the card along the grain of a table', () => {
    const c = card(280);
    const grain = (y: number) => 70 + 9 * Math.sin(y / 2.6);
    const outline = findOutline(plane((x, y) => (c.inside(x, y) ? 225 : grain(y))));
    if (!outline) return;
    const e = extent(outline.corners);
    assertNear(e.bottom - e.top, c.bottom - c.top, 2 * 0.095 * (c.bottom - c.top), 'height');
    assertNear(e.right - e.left, c.right - c.left, 3, 'width');
  });

  it('takes no cell of a barcode that fills the frame for a document', () => {
    // Bars of random widths over the whole frame, in rows: a grid of lines that run on.
    const bars: number[] = [];
    for (let x = 0, dark = true, state = 7; x < WIDTH; dark = !dark) {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      const width = 3 + ((state >> 16) % 9);
      for (let i = 0; i < width && x < WIDTH; i++, x++) bars[x] = dark ? 30 : 230;
    }
    const rowShift = (y: number) => Math.floor(y / 18) * 5;
    assert.equal(findOutline(plane((x, y) => bars[(x + rowShift(y)) % WIDTH]!)), null);
  });

  it('finds nothing in the grain of a table alone, a square, or a card away from the centre', () => {
    assert.equal(findOutline(plane((_, y) => 70 + 9 * Math.sin(y / 2.6))), null, 'grain');
    const square = (x: number, y: number) => Math.abs(x - WIDTH / 2) < 90 && Math.abs(y - HEIGHT / 2) < 90;
    assert.equal(findOutline(plane((x, y) => (square(x, y) ? 220 : 80))), null, 'square');
    const corner = card(150, 100, 60);
    assert.equal(findOutline(plane((x, y) => (corner.inside(x, y) ? 220 : 80))), null, 'off-centre card');
  });

  it('finds nothing in a flat frame', () => {
    assert.equal(findOutline(plane(() => 128)), null);
  });
});

describe('insideOutline', () => {
  const square = [
    { x: 0, y: 0 },
    { x: 10, y: 0 },
    { x: 10, y: 10 },
    { x: 0, y: 10 },
  ];
  it('tells inside from outside, in either winding', () => {
    assert.equal(insideOutline(square, 5, 5), true);
    assert.equal(insideOutline([...square].reverse(), 5, 5), true);
    assert.equal(insideOutline(square, 11, 5), false);
    assert.equal(insideOutline(square, 5, -1), false);
  });
});
