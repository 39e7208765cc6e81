/**
 * The verification engine: real checks on the uploaded bytes, in the order a person would fix
 * them (an image the sandbox can open, big enough, showing a document; then the barcode; then
 * whether the document is the one declared; then validity). Each failing check carries a reason
 * the applicant can act on. A check that cannot run because an earlier one failed on the same
 * side is `not_applicable`, so the applicant sees one thing to fix.
 *
 * Nothing passes uninspected: a PDF (sharp's prebuilt libvips has no PDF loader, so the sandbox
 * renders none) or bytes that do not decode fail `image_readable` and ask for a photo.
 *
 * A failed check that is about some sides only says which in `metadata.failed_sides` (a sandbox
 * extension, contract.ts FAILED_SIDES), so the widget sends the applicant back to that photo first.
 * A check about the whole document (its expiry) names none. Beltic documents no such member.
 */
import { FAILED_SIDES, type DocumentType, type Side, type VerificationCheck, type VerificationStatus } from '../../api/contract.js';
import type { AamvaFields } from '../../document/aamva.js';
import { carriesAamvaBarcode, documentTypeOfSubfile } from '../../document/barcode-rule.js';
import { MIN_SHORT_SIDE_PX } from '../../frame/photo-check.js';
import { QUICK_MAX_SIDE, readBarcode, type BarcodeRead, type ReadMode } from './barcode.js';
import { contradictions } from './consistency.js';
import { findDocument, type Visibility } from './document-visible.js';
import { inspectImage, readLuma, type InspectedImage } from './image.js';

/** What the engine decides about a document: the verification's final status, its checks, what was read. */
export interface VerificationOutcome {
  status: Exclude<VerificationStatus, 'initiated' | 'canceled'>;
  checks: VerificationCheck[];
  extracted: Record<string, unknown> | null;
}

/** Below this, an ID photo is too small to read: the widget's own threshold (frame/photo-check.ts), so its checks before upload stop what this refuses. */
export { MIN_SHORT_SIDE_PX };

export interface EngineInput {
  documentType: DocumentType | null;
  issuingCountry: string | null;
  sides: Partial<Record<Side, { bytes: Uint8Array; contentType: string }>>;
  /** YYYY-MM-DD, from the sandbox clock. */
  today: string;
}

type Effect = 'retry' | 'fail';
interface Finding extends VerificationCheck {
  effect?: Effect;
}

const SIDE_WORDS: Record<Side, string> = { front: 'the front', back: 'the back', portrait: 'the portrait' };
const PHOTO_FORMATS = 'a photo (JPEG, PNG or WebP)';

export async function verifyDocument(input: EngineInput): Promise<VerificationOutcome> {
  const sides = (['front', 'back', 'portrait'] as const).filter((s) => input.sides[s]);
  const inspected: Partial<Record<Side, InspectedImage | 'pdf' | null>> = {};
  for (const side of sides) {
    const file = input.sides[side]!;
    inspected[side] = file.contentType === 'application/pdf' ? 'pdf' : await inspectImage(file.bytes);
  }
  /** Sides whose image passed every image check so far. */
  const usable = new Set<Side>();

  const readable = perSide('image_readable', sides, (side) => {
    const image = inspected[side];
    if (image === 'pdf') {
      return {
        fail: `${capitalize(SIDE_WORDS[side])} was uploaded as a PDF, which the sandbox cannot open. Upload ${PHOTO_FORMATS} of ${SIDE_WORDS[side]}.`,
        meta: { format: 'pdf' },
      };
    }
    if (!image) return { fail: `The file for ${SIDE_WORDS[side]} could not be opened as an image. Take the photo again, or upload ${PHOTO_FORMATS}.` };
    usable.add(side);
    return { meta: { format: image.format, width: image.width, height: image.height } };
  });

  const resolution = perSide('image_resolution', sides, (side) => {
    const image = inspected[side];
    if (!usable.has(side) || !image || image === 'pdf') return { skip: 'The image could not be inspected.' };
    const meta = { width: image.width, height: image.height, min_short_side: MIN_SHORT_SIDE_PX };
    if (Math.min(image.width, image.height) < MIN_SHORT_SIDE_PX) {
      usable.delete(side);
      return {
        fail: `The photo of ${SIDE_WORDS[side]} is too small (${image.width} × ${image.height} px). Take it closer, filling the frame with the document.`,
        meta,
      };
    }
    return { meta };
  });

  // Barcodes are read before document_visible is decided: a back whose AAMVA barcode fills the
  // photo (the widget takes the back's photo as soon as its barcode reads, framed or not) shows
  // a licence or ID card, even where no outline or whole-frame document is found.
  const seen: Partial<Record<Side, Visibility>> = {};
  const reads: Partial<Record<Side, BarcodeRead>> = {};
  for (const side of [...usable]) {
    const image = inspected[side] as InspectedImage;
    const visibility = findDocument(image);
    seen[side] = visibility;
    const mode = readModeFor(input, side);
    // Where no document was found, a barcode can only help a back (of anything but a passport,
    // whose barcode would be the wrong document's anyway), and a quick look is enough for a
    // photo filled by one: a full search takes seconds on a blank or noisy frame.
    if (!mode || (!visibility.found && (side !== 'back' || input.documentType === 'passport'))) continue;
    const effective: ReadMode = visibility.found ? mode : 'quick';
    const luma = await readLuma(input.sides[side]!.bytes, effective === 'quick' ? QUICK_MAX_SIDE : undefined);
    const read = luma && readBarcode(luma, effective);
    if (!read) continue;
    reads[side] = read;
    if (!visibility.found && read.fields) seen[side] = { found: 'barcode', metadata: { ...visibility.metadata, found: 'barcode' } };
  }

  const visible = perSide('document_visible', sides, (side) => {
    const visibility = seen[side];
    if (!usable.has(side) || !visibility) return { skip: 'The image could not be inspected.' };
    if (!visibility.found) {
      usable.delete(side);
      return {
        fail: `No document was found in the photo of ${SIDE_WORDS[side]}. Place the whole document in the frame, on a contrasting background, and take the photo again.`,
        meta: visibility.metadata,
      };
    }
    return { meta: visibility.metadata };
  });

  // Only what was read on a side that shows a document counts: one thing to fix at a time.
  const counted: Partial<Record<Side, BarcodeRead>> = {};
  for (const side of usable) if (reads[side]) counted[side] = reads[side];
  const barcode = barcodeCheck(input, counted, usable);
  const consistent = consistencyCheck(input, counted);
  const expiry = consistent.status === 'failed' ? skippedExpiry() : expiryCheck(input.today, barcode.fields);
  const checks: Finding[] = [readable, resolution, visible, barcode.check, consistent, expiry];

  const failed = checks.filter((c) => c.status === 'failed' && c.requirement === 'required');
  const status = failed.some((c) => c.effect === 'fail') ? 'failed' : failed.length ? 'requires_retry' : 'passed';
  // A document of undeclared type is what its barcode says it is (an AAMVA DL or ID subfile).
  const subfile = barcode.fields?.document_type ?? null;
  const documentType = input.documentType ?? (subfile ? documentTypeOfSubfile(subfile) : null);
  return {
    status,
    checks: checks.map(({ effect: _effect, ...check }) => check),
    extracted: status === 'requires_retry' ? null : extractedFrom({ ...input, documentType }, barcode.fields),
  };
}

/**
 * Which sides' barcodes are read, and how hard: the back of a document that must carry one,
 * thoroughly; the back of any other document but a passport, and every side of a passport,
 * with a quick look, since a barcode found there says the document is not the one declared.
 */
function readModeFor(input: EngineInput, side: Side): ReadMode | null {
  if (input.documentType === 'passport') return 'quick';
  if (side !== 'back') return null;
  return carriesAamvaBarcode(input.documentType, input.issuingCountry) ? 'thorough' : 'quick';
}

type SideResult = { fail?: string; skip?: string; meta?: Record<string, unknown> };

/** One check over every uploaded side: failed if any side fails, not_applicable if all were skipped. */
function perSide(name: string, sides: Side[], run: (side: Side) => SideResult): Finding {
  const reasons: string[] = [];
  const skipped: string[] = [];
  const failedSides: Side[] = [];
  const metadata: Record<string, unknown> = {};
  for (const side of sides) {
    const result = run(side);
    if (result.meta) metadata[side] = result.meta;
    if (result.skip) skipped.push(`${capitalize(SIDE_WORDS[side])}: ${result.skip}`);
    else if (result.fail) {
      reasons.push(result.fail);
      failedSides.push(side);
    }
  }
  if (reasons.length) return { name, status: 'failed', reasons, requirement: 'required', metadata: { ...metadata, ...onSides(failedSides) }, effect: 'retry' };
  if (skipped.length === sides.length) return { name, status: 'not_applicable', reasons: skipped, requirement: 'required', metadata };
  return { name, status: 'passed', reasons: [], requirement: 'required', metadata };
}

function barcodeCheck(input: EngineInput, reads: Partial<Record<Side, BarcodeRead>>, usable: Set<Side>): { check: Finding; fields: AamvaFields | null } {
  const name = 'barcode_readable';
  const type = input.documentType;
  const required = carriesAamvaBarcode(type, input.issuingCountry);
  const requirement: VerificationCheck['requirement'] = required ? 'required' : 'not_required';
  const na = (reason: string) => ({ check: { name, status: 'not_applicable' as const, reasons: [reason], requirement }, fields: null });
  // Every way this check fails is about the back: its photo, or its absence.
  const retry = (reason: string, metadata: Record<string, unknown> = {}) => ({
    check: { name, status: 'failed' as const, reasons: [reason], requirement, metadata: { ...metadata, ...onSides(['back']) }, effect: 'retry' as const },
    fields: null,
  });
  // A barcode read on a passport is the consistency check's business: passports carry none.
  if (type === 'passport') return na('Passports carry no PDF417 barcode.');
  if (!input.sides.back) {
    return required ? retry('The back of the document is missing. Take a photo of the back.') : na('No back side was uploaded.');
  }
  // An earlier check already asks for a new photo of the back: one thing to fix at a time.
  if (!usable.has('back')) return na('Skipped until the photo of the back is fixed.');
  const read = reads.back;
  if (read?.fields) {
    const fields = read.fields;
    return {
      check: {
        name,
        status: 'passed',
        reasons: [],
        requirement,
        metadata: { variant: read.variant, standard: 'AAMVA', aamva_version: fields.version ?? null, jurisdiction: fields.jurisdiction },
      },
      fields,
    };
  }
  if (!required) return na(noBarcodeExpected(type, input.issuingCountry));
  if (!read) {
    return retry('The barcode on the back could not be read. Take the photo again in good light, with the whole barcode sharp and inside the frame.');
  }
  return retry('The barcode on the back is not a driver licence or ID card barcode. Photograph the back of the same document.', { variant: read.variant });
}

/** Why no barcode is required of this document (document/barcode-rule.ts). */
function noBarcodeExpected(type: DocumentType | null, country: string | null): string {
  if (type === null) return 'No document type was declared, so no barcode is required.';
  if (type === 'residence_permit') return 'Residence permits carry no AAMVA barcode.';
  if (!country) return 'No issuing country was declared, so no barcode is required.';
  return `Only driver's licences and ID cards issued in the USA and Canada carry an AAMVA barcode; this one was issued in ${country.toUpperCase()}.`;
}

function consistencyCheck(input: EngineInput, reads: Partial<Record<Side, BarcodeRead>>): Finding {
  const name = 'document_consistent';
  const declared = { document_type: input.documentType, issuing_country: input.issuingCountry };
  const read = Object.values(reads);
  if (read.length === 0) {
    return {
      name,
      status: 'not_applicable',
      reasons: ['Nothing machine-readable was read to compare with the declared document.'],
      requirement: 'required',
      metadata: declared,
    };
  }
  const aamva = read.find((r) => r.fields)?.fields ?? null;
  const metadata = {
    ...declared,
    read: aamva
      ? {
          standard: 'AAMVA',
          document_type: aamva.document_type ? documentTypeOfSubfile(aamva.document_type) : null,
          country: aamva.address.country_code,
          jurisdiction: aamva.jurisdiction,
        }
      : { standard: 'PDF417' },
  };
  const declaration = { documentType: input.documentType, issuingCountry: input.issuingCountry };
  const reasons = contradictions(declaration, reads);
  if (reasons.length) {
    // The sides whose barcode contradicts the declaration: a new photo of those, or a new choice, fixes it.
    const contradicting = (Object.entries(reads) as [Side, BarcodeRead][]).filter(([side, read]) => contradictions(declaration, { [side]: read }).length);
    const failedSides = contradicting.map(([side]) => side);
    return { name, status: 'failed', reasons, requirement: 'required', metadata: { ...metadata, ...onSides(failedSides) }, effect: 'retry' };
  }
  return { name, status: 'passed', reasons: [], requirement: 'required', metadata };
}

function expiryCheck(today: string, fields: AamvaFields | null): Finding {
  const name = 'document_not_expired';
  if (!fields?.expiry_date) {
    return {
      name,
      status: 'not_applicable',
      reasons: ['The expiry date could not be read from machine-readable data.'],
      requirement: 'required',
      metadata: {},
    };
  }
  const metadata = { expiry_date: fields.expiry_date, checked_on: today };
  if (fields.expiry_date < today) {
    return {
      name,
      status: 'failed',
      reasons: [`The document expired on ${fields.expiry_date}. Use a document that is still valid.`],
      requirement: 'required',
      metadata,
      effect: 'fail',
    };
  }
  return { name, status: 'passed', reasons: [], requirement: 'required', metadata };
}

/** Another document's expiry says nothing about the declared one: fix the document first. */
function skippedExpiry(): Finding {
  return {
    name: 'document_not_expired',
    status: 'not_applicable',
    reasons: ['Skipped until the document shown is the one declared.'],
    requirement: 'required',
    metadata: {},
  };
}

/** Session-shaped, so `auto_update_session` can copy it as it is. Null when nothing was read. */
function extractedFrom(input: EngineInput, f: AamvaFields | null): Record<string, unknown> | null {
  if (!f) return null;
  const country = f.address.country_code ?? input.issuingCountry;
  const identityType = input.documentType ?? f.document_type ?? 'drivers_license';
  return {
    source: 'pdf417',
    document: {
      type: input.documentType ?? f.document_type,
      number: f.document_number,
      issue_date: f.issue_date,
      expiry_date: f.expiry_date,
      jurisdiction: f.jurisdiction,
      issuing_country: input.issuingCountry ?? country,
      aamva_version: f.version ?? null,
    },
    person: {
      name: { first: f.first_name, middle: f.middle_name, last: f.last_name },
      birth_date: f.birth_date,
      sex: f.sex,
    },
    address: {
      line1: f.address.line1,
      line2: null,
      sublocality: null,
      locality: f.address.locality,
      administrative_area: f.address.administrative_area,
      postal_code: f.address.postal_code,
      country_code: f.address.country_code,
    },
    identity_numbers: f.document_number ? [{ number: f.document_number, issuing_country_code: country ?? null, class: identityType }] : [],
  };
}

/** The extension member naming the sides a failed check is about (see the header). */
export function onSides(sides: readonly Side[]): Record<string, Side[]> {
  return { [FAILED_SIDES]: [...sides] };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
