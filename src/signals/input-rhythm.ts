/**
 * The two soft bot signals read from the way input arrives (signals.md: straight-line pointer
 * paths, keystroke timing too regular). Both keep running sums only: no trace of where the pointer
 * went or which keys were pressed is stored, and nothing here is ever sent but the yes/no verdicts.
 */

/** Pointer paths: the moves between two presses. A hand never draws a ruler-straight line. */
export class PointerPaths {
  /** The path being drawn: its first and last point and its length, in memory only. */
  private path: { x0: number; y0: number; x: number; y: number; length: number; moves: number } | null = null;
  evaluated = 0;
  straight = 0;

  move(x: number, y: number): void {
    const path = this.path;
    if (!path) {
      this.path = { x0: x, y0: y, x, y, length: 0, moves: 1 };
      return;
    }
    path.length += Math.hypot(x - path.x, y - path.y);
    path.x = x;
    path.y = y;
    path.moves++;
  }

  /** A press ends the path that led to it. */
  press(): void {
    const path = this.path;
    this.path = null;
    if (!path || path.moves < MIN_PATH_MOVES) return;
    const chord = Math.hypot(path.x - path.x0, path.y - path.y0);
    if (chord < MIN_PATH_CHORD_PX) return;
    this.evaluated++;
    if (path.length / chord < STRAIGHTNESS_RATIO) this.straight++;
  }

  /** Every judged path was straight, and there were enough of them to say so. */
  get allStraight(): boolean {
    return this.evaluated >= MIN_JUDGED_PATHS && this.straight === this.evaluated;
  }
}

const MIN_PATH_MOVES = 5;
const MIN_PATH_CHORD_PX = 30;
/** Path length over straight distance; a person's wobble adds several percent. */
const STRAIGHTNESS_RATIO = 1.01;
const MIN_JUDGED_PATHS = 2;

/** Keystroke timing: the spread of the intervals between keydowns in a burst of typing. */
export class KeystrokeRhythm {
  private last: number | null = null;
  private count = 0;
  private sum = 0;
  private sumOfSquares = 0;

  keydown(at: number): void {
    const last = this.last;
    this.last = at;
    if (last === null) return;
    const interval = at - last;
    // A pause ends a burst: only intervals within typing count.
    if (interval < 0 || interval > BURST_GAP_MS) return;
    this.count++;
    this.sum += interval;
    this.sumOfSquares += interval * interval;
  }

  /** Enough intervals, and either machine-like evenness or faster than fingers. */
  get tooRegular(): boolean {
    if (this.count < MIN_KEY_INTERVALS) return false;
    const mean = this.sum / this.count;
    if (mean < MIN_HUMAN_KEY_INTERVAL_MS) return true;
    const variance = Math.max(0, this.sumOfSquares / this.count - mean * mean);
    return Math.sqrt(variance) / mean < MAX_MACHINE_VARIATION;
  }
}

const BURST_GAP_MS = 2000;
const MIN_KEY_INTERVALS = 10;
/** People's inter-key intervals vary by 30–60 % (coefficient of variation); scripts by almost none. */
const MAX_MACHINE_VARIATION = 0.1;
/** Ten keys in a row each under 25 ms apart is not typing. */
const MIN_HUMAN_KEY_INTERVAL_MS = 25;
