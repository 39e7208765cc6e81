/**
 * Which sides carry a PDF417 the camera should read. North American driver's licences and ID
 * cards carry the AAMVA barcode on the back; other documents (passports, most national ID
 * cards elsewhere, residence permits) do not, and waiting for one there would stall the
 * automatic photo forever.
 */
import type { DocumentType, Side } from '../api/contract.js';
import { carriesAamvaBarcode } from '../document/barcode-rule.js';
import type { BarcodeMode } from './scan-loop.js';

/** The rule is shared with the sandbox (document/barcode-rule.ts): what the camera waits for, the verification requires. */
export function barcodeModeFor(documentType: DocumentType | null, issuingCountry: string | null, side: Side): BarcodeMode {
  if (!carriesAamvaBarcode(documentType, issuingCountry)) return 'off';
  if (side === 'back') return 'required';
  // The front has none: one that reads means the card is the wrong way round.
  return side === 'front' ? 'watch' : 'off';
}
