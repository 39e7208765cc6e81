/**
 * The verification engine: real checks on the uploaded bytes, in the order a person would fix
 * them (readable, big enough, showing a document; then the barcode; then validity). Each failing
 * check carries a reason the applicant can act on. A check that cannot run because an earlier
 * one failed on the same side is `not_applicable`, so the applicant sees one thing to fix.
 *
 * PDF uploads are accepted by the upload target but not rendered (sharp's prebuilt libvips has no
 * PDF loader): their image checks are `not_applicable`, which lets a one-sided document pass on
 * the remaining checks, while a PDF back fails the barcode check (requires_retry).
 */
import type { DocumentType, Side, VerificationCheck } from '../../api/contract.js';
import { parseAamva, type AamvaFields } from '../../capture/aamva.js';
import { decodePdf417 } from '../../capture/pdf417.js';
import type { VerificationOutcome } from '../store.js';
import { decodeImage, lumaStdDev, type DecodedImage } from './image.js';

/** Below this, an ID photo is too small to read (and zxing cannot resolve PDF417 modules). */
export const MIN_SHORT_SIDE_PX = 600;
/** Luma standard deviation below which a frame is taken as empty (a flat colour, a lens cap). */
export const MIN_LUMA_STDDEV = 8;
/** Where AAMVA barcodes are issued: there a licence/ID back must carry a readable one. */
const AAMVA_COUNTRIES = ['US', 'CA'];

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

export async function verifyDocument(input: EngineInput): Promise<VerificationOutcome> {
  const sides = (['front', 'back', 'portrait'] as const).filter((s) => input.sides[s]);
  const decoded: Partial<Record<Side, DecodedImage | 'pdf' | null>> = {};
  for (const side of sides) {
    const file = input.sides[side]!;
    decoded[side] = file.contentType === 'application/pdf' ? 'pdf' : await decodeImage(file.bytes);
  }
  /** Sides whose image passed every image check so far. */
  const usable = new Set<Side>();

  const readable = perSide('image_readable', sides, (side) => {
    const d = decoded[side];
    if (d === 'pdf') return { skip: `The sandbox does not render PDF files; ${SIDE_WORDS[side]} was not inspected.` };
    if (!d) return { fail: `The photo of ${SIDE_WORDS[side]} could not be opened. Take the photo again.` };
    usable.add(side);
    return { meta: { format: d.format, width: d.width, height: d.height } };
  });

  const resolution = perSide('image_resolution', sides, (side) => {
    const d = decoded[side];
    if (!usable.has(side) || !d || d === 'pdf') return { skip: 'The image could not be inspected.' };
    const short = Math.min(d.width, d.height);
    if (short < MIN_SHORT_SIDE_PX) {
      usable.delete(side);
      return {
        fail: `The photo of ${SIDE_WORDS[side]} is too small (${d.width} × ${d.height} px). Take it closer, filling the frame with the document.`,
        meta: { width: d.width, height: d.height, min_short_side: MIN_SHORT_SIDE_PX },
      };
    }
    return { meta: { width: d.width, height: d.height, min_short_side: MIN_SHORT_SIDE_PX } };
  });

  const visible = perSide('document_visible', sides, (side) => {
    const d = decoded[side];
    if (!usable.has(side) || !d || d === 'pdf') return { skip: 'The image could not be inspected.' };
    const stddev = Math.round(lumaStdDev(d.luma) * 10) / 10;
    if (stddev < MIN_LUMA_STDDEV) {
      usable.delete(side);
      return {
        fail: `No document is visible in the photo of ${SIDE_WORDS[side]}. Place the whole document in the frame, on a contrasting background, and take the photo again.`,
        meta: { luma_stddev: stddev },
      };
    }
    return { meta: { luma_stddev: stddev } };
  });

  const barcode = barcodeCheck(input, decoded, usable);
  const expiry = expiryCheck(input.today, barcode.fields);
  const checks: Finding[] = [readable, resolution, visible, barcode.check, expiry];

  const failed = checks.filter((c) => c.status === 'failed' && c.requirement === 'required');
  const status = failed.some((c) => c.effect === 'fail') ? 'failed' : failed.length ? 'requires_retry' : 'passed';
  return {
    status,
    checks: checks.map(({ effect: _effect, ...check }) => check),
    extracted: status === 'requires_retry' ? null : extractedFrom(input, barcode.fields),
  };
}

type SideResult = { fail?: string; skip?: string; meta?: Record<string, unknown> };

/** One check over every uploaded side: failed if any side fails, not_applicable if all were skipped. */
function perSide(name: string, sides: Side[], run: (side: Side) => SideResult): Finding {
  const reasons: string[] = [];
  const skipped: string[] = [];
  const metadata: Record<string, unknown> = {};
  for (const side of sides) {
    const result = run(side);
    if (result.meta) metadata[side] = result.meta;
    if (result.skip) skipped.push(`${capitalize(SIDE_WORDS[side])}: ${result.skip}`);
    else if (result.fail) reasons.push(result.fail);
  }
  if (reasons.length) return { name, status: 'failed', reasons, requirement: 'required', metadata, effect: 'retry' };
  if (skipped.length === sides.length) return { name, status: 'not_applicable', reasons: skipped, requirement: 'required', metadata };
  return { name, status: 'passed', reasons: [], requirement: 'required', metadata };
}

function barcodeCheck(
  input: EngineInput,
  decoded: Partial<Record<Side, DecodedImage | 'pdf' | null>>,
  usable: Set<Side>,
): { check: Finding; fields: AamvaFields | null } {
  const name = 'barcode_readable';
  const type = input.documentType;
  const required =
    type === 'drivers_license' || (type !== 'passport' && type !== null && AAMVA_COUNTRIES.includes(input.issuingCountry ?? ''));
  const requirement: VerificationCheck['requirement'] = required ? 'required' : 'not_required';
  const na = (reason: string) => ({ check: { name, status: 'not_applicable' as const, reasons: [reason], requirement }, fields: null });
  const retry = (reason: string, metadata: Record<string, unknown> = {}) => ({
    check: { name, status: 'failed' as const, reasons: [reason], requirement, metadata, effect: 'retry' as const },
    fields: null,
  });
  if (type === 'passport') return na('Passports carry no PDF417 barcode.');
  const back = decoded.back;
  if (back === undefined) {
    return required ? retry('The back of the document is missing. Take a photo of the back.') : na('No back side was uploaded.');
  }
  if (back === 'pdf') {
    const reason = 'The back was uploaded as a PDF, which the sandbox does not render.';
    return required ? retry(`${reason} Upload a photo (JPEG, PNG or WebP) of the back.`) : na(reason);
  }
  // An earlier check already asks for a new photo of the back: one thing to fix at a time.
  if (back === null || !usable.has('back')) return na('Skipped until the photo of the back is fixed.');
  const result = decodePdf417({ data: back.luma, width: back.width, height: back.height }, { tryHarder: true });
  if (!result) {
    return retry('The barcode on the back could not be read. Take the photo again in good light, with the whole barcode sharp and inside the frame.');
  }
  const fields = parseAamva(result.text);
  if (!fields) {
    return retry('The barcode on the back is not a driver licence or ID card barcode. Photograph the back of the same document.', {
      variant: result.variant,
    });
  }
  return {
    check: {
      name,
      status: 'passed',
      reasons: [],
      requirement,
      metadata: { variant: result.variant, standard: 'AAMVA', aamva_version: fields.version ?? null, jurisdiction: fields.jurisdiction },
    },
    fields,
  };
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
    identity_numbers: f.document_number
      ? [{ number: f.document_number, issuing_country_code: country ?? null, class: identityType }]
      : [],
  };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
