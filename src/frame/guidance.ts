/**
 * From what a frame measures (frame-quality.ts) and what the barcode reader found, to the one
 * piece of advice worth showing now. Pure: the thresholds are here, the words in ui/strings.ts.
 */
import type { DocumentRegion, FrameMetrics } from './frame-quality.js';

/**
 * The advice, most pressing first. Quality problems come before the barcode: a dark or blurry
 * frame is why a barcode does not read, and fixing it is what the applicant can do.
 */
export const GUIDANCE_CODES = ['dark', 'glare', 'moving', 'blurry', 'far', 'not_whole', 'wrong_side_front', 'no_barcode', 'reading_barcode'] as const;
export type GuidanceCode = (typeof GUIDANCE_CODES)[number];

/** The quality problems: a frame with any of them is never kept automatically. */
export const QUALITY_PROBLEMS: ReadonlySet<GuidanceCode> = new Set(['dark', 'glare', 'moving', 'blurry', 'far']);

/** Even the brightest tenth of the frame darker than this: too dark to read print. */
export const DARK_BRIGHTNESS = 130;
/** A reflection covering this share of the document hides print (a few module rows of a barcode). */
export const GLARE_SHARE = 0.015;
/** Between two analysed frames (~150 ms apart): a hand-held phone that is "still" moves less. */
export const MOVING = 0.035;
/**
 * Edge crispness below this is visibly soft at ANALYSIS_SIZE (frame-quality.ts): the fixtures
 * measure 0.70–0.80 sharp and 0.36 defocused (720p, sigma 3). Set low rather than high: real
 * webcams are softer and noisier than rendered cards, and a wrong "blurry" stalls the photo.
 */
export const BLURRY = 0.45;
/** The document's longer extent under this share of the frame's: too small to read its print. */
export const FAR_COVERAGE = 0.6;
/** An ID-1 card is 1.59:1 and a passport page about 1.42:1; tilt and cropping spread this. */
const DOCUMENT_ASPECT = { min: 1.25, max: 2.3 };
const DOCUMENT_RECTANGULARITY = { min: 0.85, max: 1.15 };

export interface GuidanceInput {
  metrics: FrameMetrics;
  /** Change since the previous analysed frame (frame-quality.ts `motionBetween`); null for the first. */
  motion: number | null;
  /** What the barcode reader says about this side. */
  barcode: BarcodeState;
}

/**
 * - not_expected: no barcode is looked for on this side (a passport, a front that shows none).
 * - reading: a barcode is expected and has not been read yet.
 * - read: it was read on a recent frame.
 * - missing: expected, but none was read for a long time on good frames: maybe the wrong side.
 * - unexpected: one was read on a side that should have none (the back shown for the front).
 */
export type BarcodeState = 'not_expected' | 'reading' | 'read' | 'missing' | 'unexpected';

/** The most pressing advice for a frame, or null when there is nothing to say. */
export function guidanceFor({ metrics, motion, barcode }: GuidanceInput): GuidanceCode | null {
  if (metrics.brightness < DARK_BRIGHTNESS) return 'dark';
  if (metrics.glare >= GLARE_SHARE) return 'glare';
  if (motion !== null && motion >= MOVING) return 'moving';
  if (metrics.sharpness !== null && metrics.sharpness < BLURRY) return 'blurry';
  if (isTooFar(metrics.document)) return 'far';
  // The barcode reads, so a card is there: no whole one is seen because part of it is out of the frame.
  if (barcode === 'read' && !looksLikeDocument(metrics.document)) return 'not_whole';
  if (barcode === 'unexpected') return 'wrong_side_front';
  if (barcode === 'missing') return 'no_barcode';
  if (barcode === 'reading') return 'reading_barcode';
  return null;
}

/** Whether the frame has none of the quality problems (what the barcode state says aside). */
export function isGoodFrame(metrics: FrameMetrics, motion: number | null): boolean {
  const code = guidanceFor({ metrics, motion, barcode: 'not_expected' });
  return code === null || !QUALITY_PROBLEMS.has(code);
}

/**
 * A region shaped like a card or a passport page, not a lamp, a face or a round test pattern,
 * and wholly in view: a region cut off by the frame's edge is as often the desk or the wall
 * around a card as the card itself.
 */
export function looksLikeDocument(region: DocumentRegion | null): region is DocumentRegion {
  if (!region || region.clipped) return false;
  const { aspect, rectangularity } = region;
  return (
    aspect >= DOCUMENT_ASPECT.min &&
    aspect <= DOCUMENT_ASPECT.max &&
    rectangularity >= DOCUMENT_RECTANGULARITY.min &&
    rectangularity <= DOCUMENT_RECTANGULARITY.max
  );
}

/**
 * Only said of something that looks like a document: when nothing stands out (a card on a
 * light desk) the size is unknown, and a wrong "move closer" is worse than none.
 */
function isTooFar(region: DocumentRegion | null): boolean {
  return looksLikeDocument(region) && Math.max(region.width, region.height) < FAR_COVERAGE;
}
