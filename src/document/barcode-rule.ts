/**
 * Which documents carry an AAMVA PDF417 on the back: driver's licences and ID cards issued in
 * the USA and Canada (AAMVA DL/ID Card Design Standard). Passports, residence permits and the
 * licences and ID cards of other countries do not (a German licence has no barcode at all).
 *
 * One rule for the widget (whether the camera waits for a barcode) and the sandbox (whether a
 * verification requires one): when the two disagree, the widget takes a photo the sandbox then
 * refuses, or waits forever for a barcode the document does not have. Neutral: it imports only
 * the contract's types, so the browser and Node code can both use it.
 */
import type { DocumentType } from '../api/contract.js';

/** Where AAMVA cards are issued (ISO 3166-1 alpha-2). */
export const AAMVA_COUNTRIES: ReadonlySet<string> = new Set(['US', 'CA']);
/** The declared types an AAMVA card can be: its DL subfile is a licence, its ID subfile an ID card. */
export const AAMVA_DOCUMENTS: ReadonlySet<DocumentType> = new Set(['drivers_license', 'national_id']);

/**
 * Whether this document carries an AAMVA barcode on its back. False when the type or the country
 * is not known: nothing is expected that the applicant may not have.
 */
export function carriesAamvaBarcode(documentType: DocumentType | null, issuingCountry: string | null): boolean {
  return documentType !== null && AAMVA_DOCUMENTS.has(documentType) && AAMVA_COUNTRIES.has((issuingCountry ?? '').toUpperCase());
}

/** The subfile an AAMVA payload carries (aamva.ts `document_type`). */
export type AamvaSubfile = 'drivers_license' | 'id_card';

/** The declared document type an AAMVA subfile is: an ID subfile is the contract's `national_id`. */
export function documentTypeOfSubfile(subfile: AamvaSubfile): DocumentType {
  return subfile === 'id_card' ? 'national_id' : 'drivers_license';
}
