/**
 * Whether a photo shows a document, by the widget's own measure where it can: the camera takes
 * its photo when the frame holds a card- or passport-shaped region wholly in view (frame-quality.ts
 * `measureFrame`, guidance.ts `looksLikeDocument`), and the sandbox accepts the same. A photo
 * that IS the document (a flat scan, a file cropped to the card's edges) has no outline inside
 * the frame; it is accepted when the frame itself has a document's proportions and looks
 * printed (frame/printed.ts). The rule is the widget's own (frame/document-presence.ts), so what
 * its checks before upload let through, the sandbox accepts. A back whose AAMVA barcode reads
 * shows a licence or ID card however it is framed; that rule is applied by the checks, which
 * read the barcode.
 */
import { documentPresence, type FoundBy as FoundInPhoto } from '../../frame/document-presence.js';
import type { InspectedImage } from './image.js';

export { isDocumentShaped } from '../../frame/document-presence.js';

export type FoundBy = FoundInPhoto | 'barcode';

export interface Visibility {
  found: FoundBy | null;
  /** What the verdict rests on, for the check's metadata. */
  metadata: Record<string, unknown>;
}

export function findDocument(image: InspectedImage): Visibility {
  const { luma, chroma } = image.analysis;
  const { found, metrics, frameAspect, figures } = documentPresence({ luma, chroma, width: image.width, height: image.height });
  const region = metrics.document;
  if (found === 'in_photo' && region) {
    const { x, y, width, height, aspect } = region;
    return {
      found: 'in_photo',
      metadata: { found: 'in_photo', region: { x: round(x), y: round(y), width: round(width), height: round(height), aspect: round(aspect) } },
    };
  }
  // Ink and strokes are measured only when the frame's shape allows it to be a document: its figures are the reason then.
  const metadata: Record<string, unknown> = {
    frame_aspect: round(frameAspect),
    ...(figures ? { ink: round(figures.ink), strokes: round(figures.strokes) } : {}),
  };
  return { found, metadata: { found, ...metadata } };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
