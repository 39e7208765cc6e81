/**
 * Finds a card or a passport page by its outline: four straight edges, two pairs of opposite
 * sides at right angles to each other, enclosing a card-shaped quadrilateral around the middle of
 * the frame. Opposite sides need not be parallel: a card tilted away from the camera is seen in
 * perspective, its far side shorter and its other two sides converging.
 *
 * An outline needs only a step in brightness along the card's border, one way or the other,
 * so it finds a white card on a pale desk (where the shadow or a few levels of difference make
 * the edge) and a card held in front of a face and a bright window, where "the brightest
 * object" is the desk or the window. Lines come from a Hough transform in which each edge pixel
 * votes only near its own gradient direction; every candidate rectangle is then checked back
 * against the edges along its four sides, so print, a photo box or a barcode inside the card
 * (short lines, wrong shapes) do not make a document, and a finger over part of one side does
 * not unmake one.
 *
 * Pure, over the luma of a frame already shrunk to about ANALYSIS_SIZE (frame-quality.ts); it
 * works on a further 2× reduction, which averages out sensor grain and MJPEG blocks.
 */
import type { LumaImage } from './luma.js';

export interface Point {
  x: number;
  y: number;
}

export interface Outline {
  /** Corners in pixels of the image given, in order around the rectangle. */
  corners: [Point, Point, Point, Point];
  /** Long side over short side (an ID-1 card: 1.59; a passport data page: ~1.42). */
  aspect: number;
  /** Share of the four sides' length where the image has an edge along them (0–1). */
  support: number;
}

/**
 * Sobel magnitude (|gx| + |gy|) counted as an edge: a clean step of 4–5 levels, several times
 * the grain left after the two reductions (a webcam's MJPEG blocks included).
 */
const EDGE_STRENGTH = 16;
/**
 * Stronger edges vote more (one vote per VOTE_STEP of strength, at most MAX_VOTE): a card's
 * border against a table outvotes the longer but fainter lines of the table's grain or a
 * striped cloth, which would otherwise crowd the card's sides out of the strongest lines.
 */
const VOTE_STEP = EDGE_STRENGTH;
const MAX_VOTE = 4;
/** Each edge pixel votes for line angles this close (degrees) to its gradient direction. */
const VOTE_SPREAD = 2;
/** Lines kept from the accumulator, strongest first. */
const MAX_LINES = 24;
/** A line needs votes from at least this share of the image's shorter side. */
const MIN_LINE_SHARE = 0.12;
/**
 * Opposite sides of a document differ in direction by at most this much (degrees): seen through a
 * phone's lens, a card tilted 30° away has opposite sides about 20° from parallel.
 */
const OPPOSITE = 22;
/** The two pairs of opposite sides, by their mean directions, are this close to 90° apart. */
const PERPENDICULAR = 12;
/** Opposite sides at least this share of the shorter image side apart. */
const MIN_SIDE_SHARE = 0.15;
/**
 * Aspect of what counts as a document: ID-1 cards (1.59) and passport pages (1.42), with room
 * for tilt. Excludes a licence's portrait photo box (~1.3) and its barcode (3–5).
 */
const ASPECT = { min: 1.36, max: 1.9 };
/** Along each side, an edge must be found at this share of the points checked (a finger may cover the rest)… */
const MIN_SIDE_SUPPORT = 0.55;
/** …and over all four sides, at this share. */
const MIN_SUPPORT = 0.8;
/** The side's edge may differ this much (degrees) in direction from the side. */
const SUPPORT_ANGLE = 12;
/**
 * Corners are rounded (ID-1: a 3.18 mm radius, 6% of the short side): this much of each end of
 * a side is not checked.
 */
const CORNER_SHARE = 0.065;
/**
 * A side must have its edge right up to where its corners begin, give or take this share of its
 * length: a side that runs on past the card's corner along a line of the background (a table's
 * grain, a shelf) finds no edge there, and is not the card's.
 */
const MAX_END_GAP = 0.03;
/** How far past each corner (share of the side) the test for a side that runs on looks. */
const CONTINUATION = 0.2;

interface EdgeMap {
  width: number;
  height: number;
  /** Gradient direction in whole degrees 0–179 per pixel, -1 where there is no edge. */
  angle: Int16Array;
  /** The edge's vote, 1–4 by its strength (see VOTE_STEP). */
  weight: Uint8Array;
}

interface Line {
  /** Direction of the line's normal, degrees (0–180 from the transform; refined, fractional). */
  theta: number;
  /** Signed distance from the origin along the normal, pixels. */
  rho: number;
  votes: number;
}

/**
 * The largest document-shaped outline around the image's centre, or null. With `chroma` (the
 * same frame's blue–yellow difference, luma.ts), an edge is a step in brightness or in colour.
 */
export function findOutline(image: LumaImage, chroma?: LumaImage): Outline | null {
  const small = halve(image);
  const edges = edgeMap(small, chroma && halve(chroma));
  const lines = strongestLines(edges).map((line) => refine(line, edges));
  const best = bestRectangle(lines, edges);
  if (!best) return null;
  const scaleX = image.width / small.width;
  const scaleY = image.height / small.height;
  const corners = best.corners.map((p) => ({ x: p.x * scaleX, y: p.y * scaleY })) as Outline['corners'];
  return { corners, aspect: best.aspect, support: best.support };
}

/** Whether (x, y) lies inside the convex polygon `corners` (either winding). */
export function insideOutline(corners: readonly Point[], x: number, y: number): boolean {
  let sign = 0;
  for (let i = 0; i < corners.length; i++) {
    const a = corners[i]!;
    const b = corners[(i + 1) % corners.length]!;
    const cross = (b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x);
    if (cross === 0) continue;
    if (sign === 0) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) return false;
  }
  return true;
}

// ------------------------------------------------------------ edges and lines

function halve(image: LumaImage): LumaImage {
  const width = Math.max(1, image.width >> 1);
  const height = Math.max(1, image.height >> 1);
  const data = new Uint8Array(width * height);
  const src = image.data;
  for (let y = 0; y < height; y++) {
    const top = 2 * y * image.width;
    const bottom = top + image.width;
    for (let x = 0; x < width; x++) {
      const i = 2 * x;
      data[y * width + x] = (src[top + i]! + src[top + i + 1]! + src[bottom + i]! + src[bottom + i + 1]! + 2) >> 2;
    }
  }
  return { data, width, height };
}

/** Sobel gradient at pixel i of a plane `width` wide: [gx, gy]. */
function sobel(data: LumaImage['data'], width: number, i: number): [number, number] {
  const a = data[i - width - 1]!;
  const b = data[i - width]!;
  const c = data[i - width + 1]!;
  const d = data[i - 1]!;
  const f = data[i + 1]!;
  const g = data[i + width - 1]!;
  const h = data[i + width]!;
  const k = data[i + width + 1]!;
  return [c + 2 * f + k - a - 2 * d - g, g + 2 * h + k - a - 2 * b - c];
}

/** Edge pixels and their direction, from whichever plane (brightness or colour) steps more. */
function edgeMap({ data, width, height }: LumaImage, chroma?: LumaImage): EdgeMap {
  const angle = new Int16Array(width * height).fill(-1);
  const weight = new Uint8Array(width * height);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      let [gx, gy] = sobel(data, width, i);
      if (chroma) {
        const [cx, cy] = sobel(chroma.data, width, i);
        if (Math.abs(cx) + Math.abs(cy) > Math.abs(gx) + Math.abs(gy)) [gx, gy] = [cx, cy];
      }
      const strength = Math.abs(gx) + Math.abs(gy);
      if (strength < EDGE_STRENGTH) continue;
      weight[i] = Math.min(MAX_VOTE, Math.floor(strength / VOTE_STEP));
      // Folded: a bright-to-dark and a dark-to-bright edge along the same line vote alike.
      angle[i] = lineDirection(gx, gy);
    }
  }
  return { width, height, angle, weight };
}

const COS = Float64Array.from({ length: 180 }, (_, t) => Math.cos((t * Math.PI) / 180));
const SIN = Float64Array.from({ length: 180 }, (_, t) => Math.sin((t * Math.PI) / 180));

/** Hough transform with gradient-directed votes; the strongest local maxima, as lines. */
function strongestLines({ width, height, angle, weight }: EdgeMap): Line[] {
  const diagonal = Math.ceil(Math.hypot(width, height));
  const span = 2 * diagonal + 1;
  const votes = new Uint16Array(180 * span);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const own = angle[y * width + x]!;
      if (own < 0) continue;
      for (let d = -VOTE_SPREAD; d <= VOTE_SPREAD; d++) {
        const theta = (own + d + 180) % 180;
        const rho = Math.round(x * COS[theta]! + y * SIN[theta]!);
        votes[theta * span + rho + diagonal]! += weight[y * width + x]!;
      }
    }
  }
  const minVotes = MIN_LINE_SHARE * Math.min(width, height);
  const peaks: Line[] = [];
  for (let theta = 0; theta < 180; theta++) {
    for (let r = 0; r < span; r++) {
      const count = votes[theta * span + r]!;
      if (count < minVotes || !isLocalMaximum(votes, span, theta, r, count)) continue;
      peaks.push({ theta, rho: r - diagonal, votes: count });
    }
  }
  peaks.sort((a, b) => b.votes - a.votes);
  return peaks.slice(0, MAX_LINES);
}

/** No neighbour within ±3° and ±3 px has more votes (ties go to the first in scan order). */
function isLocalMaximum(votes: Uint16Array, span: number, theta: number, r: number, count: number): boolean {
  for (let dt = -3; dt <= 3; dt++) {
    const t = theta + dt;
    if (t < 0 || t >= 180) continue;
    for (let dr = -3; dr <= 3; dr++) {
      const rr = r + dr;
      if ((dt === 0 && dr === 0) || rr < 0 || rr >= span) continue;
      const other = votes[t * span + rr]!;
      if (other > count || (other === count && (dt < 0 || (dt === 0 && dr < 0)))) return false;
    }
  }
  return true;
}

/** A refit of the line may move it this far (pixels) and turn it this much (degrees) at most. */
const REFINE_DISTANCE = 2;
const REFINE_ANGLE = 6;

/**
 * The transform's line is only as good as its 1° and 1 px bins: over a card's side that is up
 * to two pixels off at the ends, as much as the side check tolerates. Fitting a line to the
 * edge pixels near it (the principal axis of their spread) makes it exact.
 */
function refine(line: Line, { width, height, angle }: EdgeMap): Line {
  const cos = Math.cos((line.theta * Math.PI) / 180);
  const sin = Math.sin((line.theta * Math.PI) / 180);
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  const take = (x: number, y: number) => {
    const own = angle[y * width + x]!;
    if (own < 0 || Math.abs(x * cos + y * sin - line.rho) > REFINE_DISTANCE || angleApart(own, line.theta) > REFINE_ANGLE) return;
    n++;
    sx += x;
    sy += y;
    sxx += x * x;
    syy += y * y;
    sxy += x * y;
  };
  // Only the band of pixels within REFINE_DISTANCE of the line: stepping along x for a line
  // nearer horizontal (along y otherwise), through the band's few pixels across at each step.
  const horizontal = Math.abs(sin) >= Math.abs(cos);
  const [stepCos, acrossCos, steps, acrossSize] = horizontal ? [cos, sin, width, height] : [sin, cos, height, width];
  for (let a = 0; a < steps; a++) {
    const low = (line.rho - REFINE_DISTANCE - a * stepCos) / acrossCos;
    const high = (line.rho + REFINE_DISTANCE - a * stepCos) / acrossCos;
    const last = Math.min(acrossSize - 1, Math.floor(Math.max(low, high)));
    for (let b = Math.max(0, Math.ceil(Math.min(low, high))); b <= last; b++) {
      if (horizontal) take(a, b);
      else take(b, a);
    }
  }
  if (n < 2) return line;
  const mx = sx / n;
  const my = sy / n;
  const cxx = sxx / n - mx * mx;
  const cyy = syy / n - my * my;
  const cxy = sxy / n - mx * my;
  // The spread's main axis runs along the line; the normal is at right angles to it.
  const along = 0.5 * Math.atan2(2 * cxy, cxx - cyy);
  let theta = ((along + Math.PI / 2) * 180) / Math.PI;
  theta = ((theta % 180) + 180) % 180;
  const refined = { theta, rho: mx * Math.cos((theta * Math.PI) / 180) + my * Math.sin((theta * Math.PI) / 180), votes: line.votes };
  return alignTo(refined, line.theta);
}

// ------------------------------------------------------------ rectangles

interface OppositePair {
  a: Line;
  b: Line;
  /** Mean normal direction, degrees (may lie just outside 0–179). */
  theta: number;
}

interface Candidate {
  corners: [Point, Point, Point, Point];
  aspect: number;
  support: number;
  area: number;
}

/** `line` expressed with a normal within 90° of `theta` (a line is the same with θ+180 and −ρ). */
function alignTo(line: Line, theta: number): Line {
  if (Math.abs(line.theta - theta) <= 90) return line;
  return line.theta > theta ? { ...line, theta: line.theta - 180, rho: -line.rho } : { ...line, theta: line.theta + 180, rho: -line.rho };
}

/** Pairs of lines that could be opposite sides: close enough in direction, and apart at the centre by `minGap` or more. */
function oppositePairs(lines: Line[], centre: Point, minGap: number): OppositePair[] {
  const pairs: OppositePair[] = [];
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const a = lines[i]!;
      const b = alignTo(lines[j]!, a.theta);
      if (Math.abs(a.theta - b.theta) > OPPOSITE) continue;
      if (Math.abs(signedDistance(a, centre) - signedDistance(b, centre)) < minGap) continue;
      pairs.push({ a, b, theta: (a.theta + b.theta) / 2 });
    }
  }
  return pairs;
}

/** Of the quadrilaterals the lines make, the largest document-shaped one the edges bear out. */
function bestRectangle(lines: Line[], edges: EdgeMap): Candidate | null {
  const centre = { x: edges.width / 2, y: edges.height / 2 };
  const minSide = MIN_SIDE_SHARE * Math.min(edges.width, edges.height);
  const pairs = oppositePairs(lines, centre, minSide);
  const shapes: Omit<Candidate, 'support'>[] = [];
  for (let i = 0; i < pairs.length; i++) {
    for (let j = i + 1; j < pairs.length; j++) {
      const p = pairs[i]!;
      const q = pairs[j]!;
      if (90 - angleApart(p.theta, q.theta) > PERPENDICULAR) continue;
      const corners = cornersOf(p, q);
      if (!corners || !corners.every((c) => c.x >= -1 && c.y >= -1 && c.x <= edges.width && c.y <= edges.height)) continue;
      if (!isConvex(corners) || !insideOutline(corners, centre.x, centre.y)) continue;
      // Mean lengths of opposite sides: for a card in perspective, about what it would measure face on.
      const side = (k: number) => Math.hypot(corners[(k + 1) % 4]!.x - corners[k]!.x, corners[(k + 1) % 4]!.y - corners[k]!.y);
      const [across, down] = [(side(0) + side(2)) / 2, (side(1) + side(3)) / 2];
      if (Math.min(across, down) < minSide) continue;
      const aspect = Math.max(across, down) / Math.min(across, down);
      if (aspect < ASPECT.min || aspect > ASPECT.max) continue;
      shapes.push({ corners, aspect, area: polygonArea(corners) });
    }
  }
  // Largest first: the first the edges bear out is the answer, and the costly check runs on few.
  shapes.sort((a, b) => b.area - a.area);
  for (const shape of shapes) {
    const support = outlineSupport(shape.corners, edges);
    if (support !== null) return { ...shape, support };
  }
  return null;
}

/** Distance of `point` from the line along its normal, signed. */
function signedDistance(line: Line, point: Point): number {
  const radians = (line.theta * Math.PI) / 180;
  return point.x * Math.cos(radians) + point.y * Math.sin(radians) - line.rho;
}

/** Every turn along the corners the same way: no side crosses another. */
function isConvex(corners: readonly Point[]): boolean {
  let sign = 0;
  for (let i = 0; i < corners.length; i++) {
    const a = corners[i]!;
    const b = corners[(i + 1) % corners.length]!;
    const c = corners[(i + 2) % corners.length]!;
    const turn = Math.sign((b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x));
    if (turn === 0) return false;
    if (sign === 0) sign = turn;
    else if (turn !== sign) return false;
  }
  return true;
}

function polygonArea(corners: readonly Point[]): number {
  let twice = 0;
  for (let i = 0; i < corners.length; i++) twice += corners[i]!.x * corners[(i + 1) % corners.length]!.y - corners[(i + 1) % corners.length]!.x * corners[i]!.y;
  return Math.abs(twice) / 2;
}

/** The four corners where the lines of one pair cross those of the other, in order around. */
function cornersOf(p: OppositePair, q: OppositePair): [Point, Point, Point, Point] | null {
  const a = intersect(p.a, q.a);
  const b = intersect(p.a, q.b);
  const c = intersect(p.b, q.b);
  const d = intersect(p.b, q.a);
  return a && b && c && d ? [a, b, c, d] : null;
}

function intersect(l: Line, m: Line): Point | null {
  const t1 = (l.theta * Math.PI) / 180;
  const t2 = (m.theta * Math.PI) / 180;
  const det = Math.cos(t1) * Math.sin(t2) - Math.sin(t1) * Math.cos(t2);
  if (Math.abs(det) < 1e-6) return null;
  return {
    x: (l.rho * Math.sin(t2) - m.rho * Math.sin(t1)) / det,
    y: (m.rho * Math.cos(t1) - l.rho * Math.cos(t2)) / det,
  };
}

/**
 * The share of the outline's length along which the image has an edge running the side's way
 * (within a pixel of it); null when a side has too little, or the whole outline does, or when a
 * side has no edge near one of its ends: a line that runs on past the card's corner (the grain
 * of a table, a shadow) must not stretch the rectangle beyond the card. Also null when two or
 * more sides run on past their corners: that is a cell of a grid (the bars and rows of a barcode
 * filling the frame, a tiled wall), not an object with a border of its own. A card whose top
 * and bottom happen to lie along a striped background is lost to this too; the brighter-object
 * finder (frame-quality.ts) is there for it.
 */
function outlineSupport(corners: readonly Point[], edges: EdgeMap): number | null {
  let found = 0;
  let checked = 0;
  let continuing = 0;
  for (let s = 0; s < 4; s++) {
    const from = corners[s]!;
    const to = corners[(s + 1) % 4]!;
    const hits = edgesAlong(from, to, CORNER_SHARE, 1 - CORNER_SHARE, edges);
    const sideFound = hits.filter(Boolean).length;
    const maxGap = Math.max(2, hits.length * MAX_END_GAP);
    if (sideFound / hits.length < MIN_SIDE_SUPPORT || hits.indexOf(true) > maxGap || hits.length - 1 - hits.lastIndexOf(true) > maxGap) return null;
    found += sideFound;
    checked += hits.length;
    const beyond = [...edgesAlong(from, to, -CONTINUATION, -CORNER_SHARE, edges), ...edgesAlong(from, to, 1 + CORNER_SHARE, 1 + CONTINUATION, edges)];
    if (beyond.filter(Boolean).length >= MIN_SIDE_SUPPORT * beyond.length) continuing++;
  }
  if (continuing >= 2) return null;
  const support = found / checked;
  return support >= MIN_SUPPORT ? support : null;
}

/**
 * Whether the image has an edge running the line's way (within a pixel of it) at points every
 * 1.5 px along the line through `from` and `to`, between fractions `start` and `end` of the way.
 */
function edgesAlong(from: Point, to: Point, start: number, end: number, edges: EdgeMap): boolean[] {
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  const normal = { x: -(to.y - from.y) / length, y: (to.x - from.x) / length };
  const direction = lineDirection(normal.x, normal.y);
  const steps = Math.max(4, Math.floor(((end - start) * length) / 1.5));
  const hits: boolean[] = [];
  for (let k = 0; k <= steps; k++) {
    const t = start + ((end - start) * k) / steps;
    hits.push(edgeAt(edges, from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t, normal, direction));
  }
  return hits;
}

function edgeAt(edges: EdgeMap, x: number, y: number, normal: Point, direction: number): boolean {
  for (const offset of [0, -1, 1]) {
    const px = Math.round(x + normal.x * offset);
    const py = Math.round(y + normal.y * offset);
    if (px < 0 || py < 0 || px >= edges.width || py >= edges.height) continue;
    const own = edges.angle[py * edges.width + px]!;
    if (own >= 0 && angleApart(own, direction) <= SUPPORT_ANGLE) return true;
  }
  return false;
}

/** The direction of the vector (dx, dy) as a line's normal: whole degrees, folded to 0–179. */
function lineDirection(dx: number, dy: number): number {
  const degrees = Math.round((Math.atan2(dy, dx) * 180) / Math.PI);
  return ((degrees % 180) + 180) % 180;
}

/** How far apart two line directions are, 0–90 degrees (directions wrap at 180). */
function angleApart(a: number, b: number): number {
  const difference = Math.abs(a - b) % 180;
  return Math.min(difference, 180 - difference);
}
