/**
 * What the applicant calls the side of a document being photographed. The API knows sides (`front`,
 * `back`); the applicant knows a passport's only side as its photo page. Every text naming a side
 * is written per `PhotoSide` in the language tables (whole sentences, so each language can give a
 * noun its own article or case), and looked up through `photoSide`.
 */
import type { DocumentType, Side } from '../api/contract.js';

export type PhotoSide = 'photo_page' | Side;

/** The side as the applicant knows it: a passport's front is its photo page. */
export function photoSide(documentType: DocumentType | null, side: Side): PhotoSide {
  return documentType === 'passport' && side === 'front' ? 'photo_page' : side;
}
