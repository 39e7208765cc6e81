/**
 * Which sides carry a PDF417 the camera should read. North American driver's licences and ID
 * cards carry the AAMVA barcode on the back; other documents (passports, most national ID
 * cards elsewhere, residence permits) do not, and waiting for one there would stall the
 * automatic photo forever.
 */
import type { DocumentType, Side } from '../api/contract.js';
import type { BarcodeMode } from './scan-loop.js';

/** Jurisdictions that issue AAMVA DL/ID cards. */
const AAMVA_COUNTRIES = new Set(['US', 'CA']);
const AAMVA_DOCUMENTS = new Set<DocumentType>(['drivers_license', 'national_id']);

export function barcodeModeFor(documentType: DocumentType | null, issuingCountry: string | null, side: Side): BarcodeMode {
  if (!documentType || !AAMVA_DOCUMENTS.has(documentType) || !AAMVA_COUNTRIES.has((issuingCountry ?? '').toUpperCase())) return 'off';
  if (side === 'back') return 'required';
  // The front has none: one that reads means the card is the wrong way round.
  return side === 'front' ? 'watch' : 'off';
}
