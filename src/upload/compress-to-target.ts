/**
 * Size-targeted compression for the rare photo that stays over budget after the single pass (fine
 * texture, noise): browser-image-compression where it can decode, then our own steps until the
 * budget holds. Input is our own upright, metadata-free JPEG, so the library never sees EXIF to
 * re-apply.
 */
import imageCompressionImport from 'browser-image-compression';
import { dimensionsOf, drawAsJpeg, fitWithin, type DecodedImage } from './image-codec.js';

export interface TargetOptions {
  maxDimension: number;
  targetBytes: number;
  /** Quality of the single pass, the library's starting point. */
  initialQuality: number;
}

export interface EncodedJpeg {
  blob: Blob;
  width: number;
  height: number;
}

export interface TargetedJpeg extends EncodedJpeg {
  /** Whether browser-image-compression took part, or our own steps did it all (see libraryDecodesHere). */
  compressor: 'library' | 'own';
}

/**
 * The package's typings are CommonJS-flavoured, so under NodeNext TypeScript types the default
 * import as the module object; bundlers and the dev server load its ESM build, whose default
 * export is the function itself. Fall back to `.default` should a CommonJS build ever be loaded.
 */
type ImageCompression = typeof imageCompressionImport.default;
const loaded = imageCompressionImport as unknown as ImageCompression | { default: ImageCompression };
const imageCompression: ImageCompression = typeof loaded === 'function' ? loaded : loaded.default;

/** Our steps encode a notch below the single pass (0.88): fewer bytes per pixel before pixels go. */
const OWN_STEP_QUALITY = 0.8;
/** Each step takes at least half of the side away, so 8 steps reach any budget a JPEG can meet. */
const OWN_MAX_STEPS = 8;

/**
 * `first` is the single pass's output, over budget; `source` the decoded photo it came from, which our
 * steps draw again at each size (a JPEG re-encoded from a JPEG would lose more at every step).
 */
export async function compressToTarget(
  first: EncodedJpeg,
  source: DecodedImage,
  options: TargetOptions,
  useLibrary = libraryDecodesHere(),
): Promise<TargetedJpeg> {
  let output = first;
  if (useLibrary) {
    const blob = await compressWithLibrary(first.blob, options);
    output = { blob, ...(await dimensionsOf(blob)) };
  }
  // The library gives up after a fixed number of steps (and does not run at all where it cannot
  // decode); the target is a promise we make to the upload (the sandbox caps sizes), so keep
  // shrinking until it holds.
  for (let step = 0; output.blob.size > options.targetBytes && step < OWN_MAX_STEPS; step++) {
    // JPEG bytes grow about with the pixel count: aim the area a little under the budget.
    const scale = Math.min(0.95, Math.max(0.5, 0.95 * Math.sqrt(options.targetBytes / output.blob.size)));
    const size = fitWithin(source.width, source.height, Math.round(Math.max(output.width, output.height) * scale));
    output = { blob: await drawAsJpeg(source.image, size.width, size.height, OWN_STEP_QUALITY), ...size };
  }
  return { ...output, compressor: useLibrary ? 'library' : 'own' };
}

/**
 * Whether browser-image-compression can decode where this runs. It decodes with createImageBitmap,
 * except in the Safari family (any browser on iOS, where all are WebKit, and desktop Safari; see its
 * issue #118), where it reads the file into a data URL and loads that into `new Image()`. A worker has
 * no `Image`, so there it fails with "Can't find variable: Image": every photo that needed a second
 * pass failed in Safari's worker, that is for every iPhone applicant. It chooses by the user agent and
 * the platform (`drawFileInCanvas` in 2.0.2), so we ask it the same questions; where it would need an
 * `Image` and there is none, our own steps (createImageBitmap and OffscreenCanvas, which WebKit has in
 * workers) do the work alone. On a main thread it always can.
 */
export function libraryDecodesHere(): boolean {
  if (typeof Image === 'function') return true;
  const browserName = (imageCompression as { getBrowserName?: () => string }).getBrowserName?.();
  // A library that no longer says is not trusted with a worker: our steps always work.
  if (browserName === undefined) return false;
  return !['IOS', 'DESKTOP_SAFARI', 'MOBILE_SAFARI'].includes(browserName) && !IOS_PLATFORMS.includes(navigator.platform);
}

/** The library's `isIOS()` (not exported): its other test, `'ontouchend' in document`, cannot hold in a worker. */
const IOS_PLATFORMS = ['iPad Simulator', 'iPhone Simulator', 'iPod Simulator', 'iPad', 'iPhone', 'iPod'];

/**
 * `useWebWorker: false`: its own worker would load the library from a public CDN; we are already off
 * the main thread (or have no worker to offer).
 */
function compressWithLibrary(jpeg: Blob, options: TargetOptions): Promise<Blob> {
  const input = new File([jpeg], 'document.jpg', { type: 'image/jpeg' });
  return imageCompression(input, {
    maxSizeMB: options.targetBytes / (1024 * 1024),
    maxWidthOrHeight: options.maxDimension,
    useWebWorker: false,
    fileType: 'image/jpeg',
    initialQuality: options.initialQuality,
    preserveExif: false,
  });
}
