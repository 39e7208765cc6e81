/**
 * Whether a photo shows a document, by the widget's own measure where it can: the camera takes
 * its photo when the frame holds a card- or passport-shaped region wholly in view (frame-quality.ts
 * `measureFrame`, guidance.ts `looksLikeDocument`), and the sandbox accepts the same. A photo
 * that IS the document (a flat scan, a file cropped to the card's edges) has no outline inside
 * the frame; it is accepted when the frame itself has a document's proportions and looks
 * printed (printed.ts). A back whose AAMVA barcode reads shows a licence or ID card however it
 * is framed; that rule is applied by the checks, which read the barcode.
 */
import { measureFrame } from '../../frame/frame-quality.js';
import { looksLikeDocument } from '../../frame/guidance.js';
import type { InspectedImage } from './image.js';
import { looksPrinted, printFigures } from './printed.js';

/**
 * Long side over short side of the documents a whole frame may be: ID-1 cards (85.60 × 53.98 mm,
 * 1.586: licences, ID cards) and passport data pages (125 × 88 mm, 1.420; TD2 cards are 1.419).
 */
const DOCUMENT_ASPECTS = [1.586, 1.42];
/**
 * How far (relative) a frame's proportions may be from one of those: room for a hand-made crop
 * and for the fixture passport page (1.455, 2.4% off), while a camera's own frames stay out:
 * 4:3 is 2.2% below the passport range, 3:2 1.5% outside both ranges, 16:9 far above.
 */
const ASPECT_TOLERANCE = 0.04;

export type FoundBy = 'in_photo' | 'whole_photo' | 'barcode';

export interface Visibility {
  found: FoundBy | null;
  /** What the verdict rests on, for the check's metadata. */
  metadata: Record<string, unknown>;
}

export function findDocument(image: InspectedImage): Visibility {
  const { luma, chroma } = image.analysis;
  const region = measureFrame(luma, chroma).document;
  if (looksLikeDocument(region)) {
    const { x, y, width, height, aspect } = region;
    return {
      found: 'in_photo',
      metadata: { found: 'in_photo', region: { x: round(x), y: round(y), width: round(width), height: round(height), aspect: round(aspect) } },
    };
  }
  // The full image's proportions: the analysis size rounds them.
  const frameAspect = Math.max(image.width, image.height) / Math.min(image.width, image.height);
  const shaped = isDocumentShaped(frameAspect);
  // Print is measured only when the frame's shape allows it to be a document: its figures are the reason then.
  const figures = shaped ? printFigures(luma) : null;
  const metadata: Record<string, unknown> = {
    frame_aspect: round(frameAspect),
    ...(figures ? { ink: round(figures.ink), strokes: round(figures.strokes) } : {}),
  };
  if (figures && looksPrinted(figures)) return { found: 'whole_photo', metadata: { found: 'whole_photo', ...metadata } };
  return { found: null, metadata: { found: null, ...metadata } };
}

export function isDocumentShaped(aspect: number): boolean {
  return DOCUMENT_ASPECTS.some((document) => Math.abs(aspect / document - 1) <= ASPECT_TOLERANCE);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
