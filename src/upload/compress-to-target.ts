/**
 * Size-targeted compression for the rare photo that stays over budget after the single pass (fine
 * texture, noise): the photo is drawn again, smaller, until its JPEG fits. Our own steps, the same in
 * every engine and in a worker or not (createImageBitmap and a canvas, OffscreenCanvas in a worker).
 * browser-image-compression did this until 2026-12: it was 18 KiB of the image worker's 26 (gzip),
 * and its Safari path needs `new Image()`, which a worker has not, so there our steps already did it all.
 */
import { drawAsJpeg, fitWithin, type DecodedImage } from './image-codec.js';

export interface TargetOptions {
  maxDimension: number;
  targetBytes: number;
}

export interface EncodedJpeg {
  blob: Blob;
  width: number;
  height: number;
}

/** A notch below the single pass (0.88): fewer bytes per pixel before pixels go. */
const STEP_QUALITY = 0.8;
/** Each step takes at least half of the side away, so 8 steps reach any budget a JPEG can meet. */
const MAX_STEPS = 8;

/**
 * `first` is the single pass's output, over budget; `source` the decoded photo it came from, drawn
 * again at each size (a JPEG re-encoded from a JPEG would lose more at every step).
 */
export async function compressToTarget(first: EncodedJpeg, source: DecodedImage, options: TargetOptions): Promise<EncodedJpeg> {
  let output = first;
  for (let step = 0; output.blob.size > options.targetBytes && step < MAX_STEPS; step++) {
    // JPEG bytes grow about with the pixel count: aim the area a little under the budget.
    const scale = Math.min(0.95, Math.max(0.5, 0.95 * Math.sqrt(options.targetBytes / output.blob.size)));
    const size = fitWithin(source.width, source.height, Math.round(Math.max(output.width, output.height) * scale));
    output = { blob: await drawAsJpeg(source.image, size.width, size.height, STEP_QUALITY), ...size };
  }
  return output;
}
