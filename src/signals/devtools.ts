/**
 * `devtools_open` (signals.md): a side-effect-free look at the window's size. Developer tools
 * docked in the window take their room from the page, so the outer window is much larger than
 * the viewport. No `debugger` statement, no console tricks, no timing probes: they freeze or slow
 * the applicant's page and are easily fooled anyway.
 *
 * Limits, stated in docs/signals.md: undocked tools are invisible to this check; a page zoomed
 * during the flow is not judged (its viewport is measured in other pixels); a browser without an
 * outer window size (0 × 0) gives no answer.
 */

export interface WindowSizes {
  outerWidth: number;
  outerHeight: number;
  innerWidth: number;
  innerHeight: number;
  devicePixelRatio: number;
}

/** Wider than any browser's own side chrome; narrower than docked developer tools. */
export const DEVTOOLS_WIDTH_DELTA = 160;
/** Taller than tabs + toolbar + bookmarks bar + a window title; shorter than tools docked below. */
export const DEVTOOLS_HEIGHT_DELTA = 240;

/** true / false for one look; null when it cannot be judged. */
export function devtoolsLikelyOpen(sizes: WindowSizes, startPixelRatio: number): boolean | null {
  if (sizes.outerWidth === 0 || sizes.outerHeight === 0) return null;
  // A changed pixel ratio means zoom: the viewport shrank in CSS pixels, the window did not.
  if (sizes.devicePixelRatio !== startPixelRatio) return null;
  return sizes.outerWidth - sizes.innerWidth > DEVTOOLS_WIDTH_DELTA || sizes.outerHeight - sizes.innerHeight > DEVTOOLS_HEIGHT_DELTA;
}

/** Remembers the looks over the flow: open once means open. */
export class DevtoolsWatch {
  private seen: boolean | null;
  private readonly startPixelRatio: number;

  constructor(first: WindowSizes, carried: boolean | null = null) {
    this.startPixelRatio = first.devicePixelRatio;
    this.seen = carried;
    this.look(first);
  }

  look(sizes: WindowSizes): void {
    const open = devtoolsLikelyOpen(sizes, this.startPixelRatio);
    if (open === null) return;
    this.seen = this.seen === true || open;
  }

  get open(): boolean | null {
    return this.seen;
  }
}

export function windowSizes(win: Window): WindowSizes {
  return {
    outerWidth: win.outerWidth,
    outerHeight: win.outerHeight,
    innerWidth: win.innerWidth,
    innerHeight: win.innerHeight,
    devicePixelRatio: win.devicePixelRatio,
  };
}
