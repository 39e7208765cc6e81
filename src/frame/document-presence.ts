/**
 * Whether a still photo shows a whole document, by one rule for the widget (its checks before
 * upload, upload/check-photo.ts) and the sandbox (its `document_visible` check): when the two
 * disagree, the widget lets through a photo the sandbox then refuses, or stops one it would take.
 *
 * A photo shows a whole document when either holds:
 * - **in the photo**: the frame's document (frame-quality.ts `measureFrame`: a card- or
 *   passport-shaped outline, else the brighter object) looks like one and lies wholly in view
 *   (guidance.ts `looksLikeDocument`): the test the camera applies before it takes a photo itself;
 * - **the whole photo**: the photo is the document (a flat scan, a file cropped to the card's
 *   edges), so its outline lies outside the frame: the frame has a document's proportions and looks
 *   printed (printed.ts).
 *
 * Pure, over the photo shrunk to ANALYSIS_SIZE (as luma and the blue–yellow plane) and its full size.
 */
import { measureFrame, type FrameMetrics } from './frame-quality.js';
import { looksLikeDocument } from './guidance.js';
import type { LumaImage } from './luma.js';
import { looksPrinted, printFigures, type PrintFigures } from './printed.js';

/**
 * Long side over short side of the documents a whole frame may be: ID-1 cards (85.60 × 53.98 mm,
 * 1.586: licences, ID cards) and passport data pages (125 × 88 mm, 1.420; TD2 cards are 1.419).
 */
export const DOCUMENT_ASPECTS = [1.586, 1.42];
/**
 * How far (relative) a frame's proportions may be from one of those: room for a hand-made crop
 * and for the fixture passport page (1.455, 2.4% off), while a camera's own frames stay out:
 * 4:3 is 2.2% below the passport range, 3:2 1.5% outside both ranges, 16:9 far above.
 */
export const ASPECT_TOLERANCE = 0.04;

export type FoundBy = 'in_photo' | 'whole_photo';

export interface DocumentPresence {
  /** How a whole document was found, or null when none was. */
  found: FoundBy | null;
  /** What the frame measures (its `document` is the region found, whole or not). */
  metrics: FrameMetrics;
  /** Long side over short side of the full photo. */
  frameAspect: number;
  /** Ink and strokes, measured only when the frame has a document's proportions. */
  figures: PrintFigures | null;
}

export interface AnalysedPhoto {
  /** The photo with its longer side shrunk to ANALYSIS_SIZE. */
  luma: LumaImage;
  chroma?: LumaImage;
  /** The full photo's size (the analysis size rounds its proportions). */
  width: number;
  height: number;
}

export function documentPresence({ luma, chroma, width, height }: AnalysedPhoto): DocumentPresence {
  const metrics = measureFrame(luma, chroma);
  const frameAspect = Math.max(width, height) / Math.max(1, Math.min(width, height));
  if (looksLikeDocument(metrics.document)) return { found: 'in_photo', metrics, frameAspect, figures: null };
  // Print is measured only when the frame's shape allows it to be a document: its figures are the reason then.
  const figures = isDocumentShaped(frameAspect) ? printFigures(luma) : null;
  return { found: figures && looksPrinted(figures) ? 'whole_photo' : null, metrics, frameAspect, figures };
}

export function isDocumentShaped(aspect: number): boolean {
  return DOCUMENT_ASPECTS.some((document) => Math.abs(aspect / document - 1) <= ASPECT_TOLERANCE);
}
