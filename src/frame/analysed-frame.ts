/**
 * What the main thread needs to know of the frame analysis: the size to shrink a frame to before
 * it is measured, and how much two measured frames differ. Apart from frame-quality.ts so that
 * the measuring code (the outline finder among it) stays in the worker and in the on-demand
 * fallback, not in the element's initial download.
 */

/** Longest side of the frame the analysis expects: a 1080p frame shrunk 3×, a 720p one 2×. */
export const ANALYSIS_SIZE = 480;

/** Thumbnail used for motion: coarse enough that sensor noise averages out. */
export const THUMBNAIL_WIDTH = 32;
export const THUMBNAIL_HEIGHT = 18;

/**
 * How much the picture changed between two thumbnails: mean absolute difference over 255,
 * 0 for identical frames. A hand-held phone that is "still" stays under ~0.02; a card being
 * moved into place gives 0.05 and more.
 */
export function motionBetween(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length || a.length === 0) return 1;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length / 255;
}
