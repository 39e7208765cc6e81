/**
 * The checks a photo passes before it is uploaded, from what was measured of it: big enough, a
 * whole document in it, sharp enough, and on the back of a US or Canadian licence or ID card a
 * barcode that reads. Pure: the measures come in (document-presence.ts, the barcode reader's
 * answer), the problems go out, most pressing first; the words are in ui/strings.ts (`precheck`).
 *
 * Size, document and barcode are the verification's own rules (the sandbox imports MIN_SHORT_SIDE_PX
 * from here and the document rule from document-presence.ts, and reads the barcode as hard): a photo
 * stopped for them would be refused after its upload. Sharpness is the camera's own "blurry"
 * (guidance.ts): the sandbox does not judge it, a person reviewing the photo would.
 */
import type { DocumentPresence, FoundBy } from './document-presence.js';
import type { DocumentRegion } from './frame-quality.js';
import { BLURRY } from './guidance.js';

/** Below this, an ID photo is too small to read (and no reader can resolve PDF417 modules). */
export const MIN_SHORT_SIDE_PX = 600;

/**
 * - too_small: fewer pixels than the verification reads (alone: a bigger photo is needed whatever else).
 * - no_document: no whole document was found (alone: nothing else can be judged).
 * - cut_off: a document is there, but not all of it (its region touches the photo's edge, or its barcode read).
 * - blurry: the print is soft.
 * - barcode_unreadable: the back's barcode did not read on a photo that is whole and sharp.
 */
export const PHOTO_PROBLEMS = ['too_small', 'no_document', 'cut_off', 'blurry', 'barcode_unreadable'] as const;
export type PhotoProblem = (typeof PHOTO_PROBLEMS)[number];

/**
 * - not_expected: the side carries no barcode the verification requires.
 * - skipped: expected, but not read because the photo fails already (it would not read, or would not help).
 * - read / not_read: what the reader said.
 * - unknown: expected, but the reader could not run (no worker) or ran out of time: not held against the photo.
 */
export type BarcodeResult = 'not_expected' | 'skipped' | 'read' | 'not_read' | 'unknown';

/** What the checks need of a photo's measures (document-presence.ts): small enough to cross from a worker. */
export interface PhotoMeasures {
  /** How a whole document was found, or null. */
  found: FoundBy | null;
  /** The region the finder took for the document, whole or not. */
  region: DocumentRegion | null;
  sharpness: number | null;
}

export interface PhotoFacts extends PhotoMeasures {
  /** The size of the photo as it is uploaded (after preparation). */
  width: number;
  height: number;
}

export function photoMeasures({ found, metrics }: DocumentPresence): PhotoMeasures {
  return { found, region: metrics.document, sharpness: metrics.sharpness };
}

/**
 * A region this close to the whole photo (share of its width and height) is the photo itself (a
 * wall, a window, the desk filling the view), not a card whose edge runs out of it.
 */
const WHOLE_FRAME = 0.97;
/** A region cut off by the photo's edge must cover at least this share of it to be taken for a document. */
const MIN_CUT_OFF_AREA = 0.2;

/** Whether the back's barcode is worth reading: the photo does not already fail on its size or its sharpness. */
export function barcodeWorthReading(facts: PhotoFacts): boolean {
  return !tooSmall(facts) && !isBlurry(facts);
}

/** The photo's problems, most pressing first; empty when it may go on. */
export function photoProblems(facts: PhotoFacts, barcode: BarcodeResult): PhotoProblem[] {
  if (tooSmall(facts)) return ['too_small'];
  const whole = facts.found !== null;
  const cutOff = !whole && (barcode === 'read' || looksCutOff(facts.region));
  if (!whole && !cutOff) return ['no_document'];
  const problems: PhotoProblem[] = [];
  if (cutOff) problems.push('cut_off');
  if (isBlurry(facts)) problems.push('blurry');
  // A barcode on a cut-off or blurry photo is not asked for as well: fixing those is what makes it read.
  if (problems.length === 0 && barcode === 'not_read') problems.push('barcode_unreadable');
  return problems;
}

function tooSmall({ width, height }: PhotoFacts): boolean {
  return Math.min(width, height) < MIN_SHORT_SIDE_PX;
}

/** The camera's "blurry" (guidance.ts), on the photo shrunk as the camera shrinks its frames. */
function isBlurry({ sharpness }: PhotoMeasures): boolean {
  return sharpness !== null && sharpness < BLURRY;
}

/**
 * A region that stands out as a card would, but runs into the photo's edge: the document held too
 * close or off-centre. One filling the whole photo is the photo itself, and a small one is clutter.
 */
function looksCutOff(region: DocumentRegion | null): boolean {
  if (!region?.clipped) return false;
  if (region.width >= WHOLE_FRAME && region.height >= WHOLE_FRAME) return false;
  return region.width * region.height >= MIN_CUT_OFF_AREA;
}
