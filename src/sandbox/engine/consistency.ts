/**
 * Whether what the sandbox read off the document agrees with what the applicant declared: a
 * passport page carries no PDF417, an AAMVA barcode names its document type (the DL or the ID
 * subfile) and, through its jurisdiction, its country. A contradiction means the photos show
 * another document than the one chosen (or the wrong one was chosen): either way a new photo
 * or a new choice fixes it, so the checks ask for a retry rather than fail the applicant.
 */
import type { DocumentType, Side } from '../../api/contract.js';
import { AAMVA_DOCUMENTS, documentTypeOfSubfile } from '../../document/barcode-rule.js';
import type { BarcodeRead } from './barcode.js';

export interface Declaration {
  documentType: DocumentType | null;
  issuingCountry: string | null;
}

const TYPE_WORDS: Record<DocumentType, string> = {
  passport: 'a passport',
  drivers_license: "a driver's licence",
  national_id: 'an ID card',
  residence_permit: 'a residence permit',
};

const SIDE_WORDS: Record<Side, string> = { front: 'the front', back: 'the back', portrait: 'the portrait' };

/** Sentences the applicant can act on, one per contradiction; empty when the reads agree or nothing was read. */
export function contradictions(declared: Declaration, reads: Partial<Record<Side, BarcodeRead>>): string[] {
  const reasons: string[] = [];
  const type = declared.documentType;
  for (const [side, read] of Object.entries(reads) as [Side, BarcodeRead][]) {
    const where = SIDE_WORDS[side];
    if (type === 'passport') {
      reasons.push(
        read.fields
          ? `The photo of ${where} shows the barcode of a driver's licence or ID card, not a passport page. Photograph the page of your passport that has your photo on it, or choose the document you are showing.`
          : `The photo of ${where} shows a PDF417 barcode, which no passport page has. Photograph the page of your passport that has your photo on it.`,
      );
      continue;
    }
    const fields = read.fields;
    // A PDF417 that is not AAMVA names no type or country; the barcode check deals with it.
    if (!fields) continue;
    const shown = fields.document_type ? documentTypeOfSubfile(fields.document_type) : null;
    if (type !== null && !AAMVA_DOCUMENTS.has(type)) {
      reasons.push(
        `The barcode on ${where} is that of a driver's licence or ID card, but ${TYPE_WORDS[type]} was chosen. Photograph ${TYPE_WORDS[type]}, or choose the document you are showing.`,
      );
    } else if (type !== null && shown !== null && shown !== type) {
      reasons.push(
        `The barcode on ${where} says this is ${TYPE_WORDS[shown]}, but ${TYPE_WORDS[type]} was chosen. Photograph ${TYPE_WORDS[type]}, or choose the document you are showing.`,
      );
    }
    const country = fields.address.country_code;
    const chosen = declared.issuingCountry?.toUpperCase() ?? null;
    if (chosen && country && country !== chosen) {
      const jurisdiction = fields.jurisdiction ? ` (${fields.jurisdiction})` : '';
      reasons.push(
        `The barcode on ${where} says this document was issued in ${country}${jurisdiction}, but ${chosen} was chosen as the issuing country. Choose the country that issued it, or photograph a document issued in ${chosen}.`,
      );
    }
  }
  return reasons;
}
