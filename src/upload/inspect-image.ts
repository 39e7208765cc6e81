/**
 * What the checks before upload need of a decoded photo, measured where it was decoded (the image
 * worker, or the main thread where there is none): whether it shows a whole document and how sharp
 * it is, on a copy shrunk as the camera shrinks its frames (frame/document-presence.ts), and, for a
 * back whose barcode is checked, its grey pixels at the size it is uploaded, for the barcode reader.
 */
import { ANALYSIS_SIZE } from '../frame/analysed-frame.js';
import { documentPresence } from '../frame/document-presence.js';
import { rgbaToChroma, rgbaToLuma, type LumaImage } from '../frame/luma.js';
import { photoMeasures, type PhotoMeasures } from '../frame/photo-check.js';
import { drawnPixels, fitWithin } from './image-codec.js';

export interface ImageInspection {
  measures: PhotoMeasures;
  /** The photo's luma, when asked for (its buffer is transferred out of the worker). */
  barcodeLuma: LumaImage | null;
}

/**
 * `image` is the decoded photo, `width` × `height` its upright size; `barcodeLumaAt`, the size to
 * hand its luma back at (the size it is uploaded at: what the verification reads), or null for none.
 */
export function inspectImage(
  image: CanvasImageSource,
  width: number,
  height: number,
  barcodeLumaAt: { width: number; height: number } | null,
): ImageInspection {
  const small = fitWithin(width, height, ANALYSIS_SIZE);
  const rgba = drawnPixels(image, small.width, small.height);
  const presence = documentPresence({
    luma: rgbaToLuma(rgba, small.width, small.height),
    chroma: rgbaToChroma(rgba, small.width, small.height),
    width,
    height,
  });
  const at = barcodeLumaAt;
  const barcodeLuma = at ? rgbaToLuma(drawnPixels(image, at.width, at.height), at.width, at.height) : null;
  return { measures: photoMeasures(presence), barcodeLuma };
}
