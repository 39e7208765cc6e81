/**
 * Reading the PDF417 on one side of a document, thoroughly where the document must carry one,
 * or as a quick look where it should not (a passport page, a German licence's back, a document
 * of unknown type): there a barcode that reads says something about the document (it is a
 * licence, from the USA or Canada), and one that does not read costs little.
 */
import { parseAamva, type AamvaFields } from '../../document/aamva.js';
import { decodePdf417 } from '../../document/pdf417.js';
import type { LumaImage } from '../../frame/luma.js';

export type ReadMode = 'thorough' | 'quick';

export interface BarcodeRead {
  text: string;
  /** Which of the decoder's transforms read it (pdf417.ts). */
  variant: string;
  /** The AAMVA data, or null for a PDF417 that is not a licence's or ID card's (a boarding pass). */
  fields: AamvaFields | null;
}

/**
 * A quick look tries only the decoder's first transforms: the frame as it is, then the symbol
 * where the edge analysis locates it, turned upright. Every fixture back that reads at all
 * (flat scans, camera frames up to 20° and in portrait, the scenes) reads by the second;
 * a side without a barcode then costs 4 transforms instead of the 13–35 a full search tries
 * (docs/sandbox.md, "The cost").
 */
export const QUICK_VARIANTS = 4;
/**
 * The quick look reads a copy at most this large: the size the widget uploads (prepareImage's
 * 2400 px), at which a barcode photographed whole still has 3 px and more per module.
 */
export const QUICK_MAX_SIDE = 2400;

export function readBarcode(luma: LumaImage, mode: ReadMode): BarcodeRead | null {
  const options = mode === 'thorough' ? { tryHarder: true } : { signal: variantBudget(QUICK_VARIANTS) };
  const result = decodePdf417(luma, options);
  return result ? { text: result.text, variant: result.variant, fields: parseAamva(result.text) } : null;
}

/**
 * decodePdf417 checks its signal once before each transform it tries: a signal that reports
 * itself aborted from the (n + 1)th check on lets exactly n transforms run, the same n on
 * every machine (a time budget would make the verdict depend on the load).
 */
function variantBudget(transforms: number): { readonly aborted: boolean } {
  let checks = 0;
  return {
    get aborted() {
      checks++;
      return checks > transforms;
    },
  };
}
