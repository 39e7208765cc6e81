/**
 * A chosen or captured photo, prepared for upload and checked before it goes further: big enough,
 * a whole document in it, sharp enough, and on the back of a US or Canadian licence or ID card, a
 * barcode that reads (the rules: frame/photo-check.ts). The photo is measured in the image worker,
 * in the same job that prepares it (prepare-image.ts); the barcode is read in the barcode worker,
 * on the pixels of the photo as it is uploaded, trying as hard as the verification does. Where the
 * barcode worker cannot start (a strict CSP, missing files), the barcode is not held against the photo.
 *
 * Loaded on demand with the image preparation: nothing of it is in the element's first download.
 */
import { BarcodeClient } from '../camera/barcode-client.js';
import { assetsBase } from '../workers/assets.js';
import type { LumaImage } from '../frame/luma.js';
import { barcodeWorthReading, photoProblems, type BarcodeResult, type PhotoProblem } from '../frame/photo-check.js';
import { prepareImage, type PreparedImage } from './prepare-image.js';

export interface PhotoExpectation {
  /** The side must carry a barcode that reads (document/barcode-rule.ts `carriesAamvaBarcode`, on a back). */
  barcode: boolean;
}

export interface CheckedPhoto {
  /** The photo as it would be uploaded, whether or not it passed. */
  image: PreparedImage;
  /** What is wrong with it, most pressing first; empty when it may go on. */
  problems: PhotoProblem[];
}

export interface CheckOptions {
  /** How long the barcode reader may try, ms (default BARCODE_BUDGET_MS). */
  barcodeBudgetMs?: number;
}

/**
 * A barcode that has not read in this long is not waited for: a back whose barcode does not read
 * takes the slower variants seconds (on a phone, several), the applicant is not kept waiting
 * longer, and the photo is not held against the barcode (the verification reads it again).
 */
export const BARCODE_BUDGET_MS = 8000;
/** The quick look at the barcode: the first variants (the photo as it is, the located symbol) of most backs. */
const QUICK_LOOK_MS = 500;

export async function checkPhoto(file: Blob, expectation: PhotoExpectation, options: CheckOptions = {}): Promise<CheckedPhoto> {
  // The barcode worker loads (its decoder is the big part) while the image worker prepares the photo.
  const lent = expectation.barcode ? borrowReader() : null;
  try {
    const prepared = await prepareImage(file, { inspect: { barcodeLuma: expectation.barcode } });
    const { inspection, ...image } = prepared;
    // Without measures (never, by prepareImage's contract), nothing is held against the photo.
    if (!inspection) return { image, problems: [] };
    const facts = { ...inspection.measures, width: image.width, height: image.height };
    let barcode: BarcodeResult = 'not_expected';
    if (lent) {
      const worth = inspection.barcodeLuma && barcodeWorthReading(facts);
      barcode = worth ? await read(lent, inspection.barcodeLuma!, options.barcodeBudgetMs ?? BARCODE_BUDGET_MS) : 'skipped';
    }
    return { image, problems: photoProblems(facts, barcode) };
  } finally {
    if (lent) giveBack(lent);
  }
}

/**
 * One barcode reader for the page's checks while they keep coming: a back is often checked more
 * than once (refused, then taken again; a retry; a second applicant on a kiosk), and every new
 * worker parses the decoder again, the bulk of checking a back whose barcode reads at once. It
 * ends a minute after the last check, and with it the decoder's memory. A reader that failed, or
 * one started from a folder the page has since moved its worker files away from, is not lent again.
 */
const READER_IDLE_MS = 60_000;

interface KeptReader {
  reader: BarcodeClient;
  /** Where its worker was started from (workers/assets.ts). */
  base: string;
  borrowers: number;
  idle: ReturnType<typeof setTimeout> | null;
  failed: boolean;
}

let kept: KeptReader | null = null;

function borrowReader(): KeptReader {
  const base = assetsBase()?.href ?? '';
  if (!kept || kept.base !== base || kept.failed) {
    // A reader still lent is ended by its last borrower (giveBack).
    if (kept && kept.borrowers === 0) kept.reader.terminate();
    kept = { reader: new BarcodeClient(), base, borrowers: 0, idle: null, failed: false };
  }
  if (kept.idle) clearTimeout(kept.idle);
  kept.idle = null;
  kept.borrowers += 1;
  kept.reader.warm();
  return kept;
}

function giveBack(entry: KeptReader): void {
  entry.borrowers -= 1;
  if (entry.borrowers > 0) return;
  if (entry !== kept || entry.failed) {
    entry.reader.terminate();
    if (entry === kept) kept = null;
    return;
  }
  entry.idle = setTimeout(() => {
    entry.reader.terminate();
    if (kept === entry) kept = null;
  }, READER_IDLE_MS);
}

/**
 * A quick look first (trying harder runs up to a dozen more variants where a symbol does not read
 * at once), then, if that did not read, as hard as the verification tries. The quick look's budget
 * only saves time: its failing decides nothing.
 */
async function read(lent: KeptReader, luma: LumaImage, budgetMs: number): Promise<BarcodeResult> {
  const { reader } = lent;
  try {
    const quick = await reader.read(luma, { budgetMs: Math.min(QUICK_LOOK_MS, budgetMs) });
    if (quick.found) return 'read';
    // The last read may have the pixels (the page keeps no copy of them).
    const thorough = await reader.readTransferring(luma, { tryHarder: true, budgetMs });
    if (thorough.found) return 'read';
    return thorough.gaveUp ? 'unknown' : 'not_read';
  } catch {
    // No worker (WorkerUnavailableError), or it failed: the verification will say. The next check tries a new one.
    lent.failed = true;
    return 'unknown';
  }
}
