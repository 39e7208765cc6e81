/**
 * Attribute validators. Each returns the normalized value to store or throws a 422 pointing at
 * the offending member; none of them writes anything.
 */
import {
  ACCEPTED_CONTENT_TYPES,
  BEHAVIOR_FIELDS,
  DOCUMENT_TYPES,
  type Address,
  type BehaviorAnalysis,
  type DeclaredFile,
  type DocumentType,
  type EntityType,
  type IdentityNumber,
  type PersonName,
  type Side,
} from '../api/contract.js';
import { invalid } from './errors.js';
import { isObject, rejectUnknown, type Json } from './request.js';
import type { Contact } from './store.js';

const MAX_TEXT = 500;

export const ENTITY_TYPES = ['person', 'business'] as const satisfies readonly EntityType[];

export function text(value: unknown, pointer: string, max = MAX_TEXT): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw invalid('Expected a string or null.', pointer);
  if (value.length > max) throw invalid(`At most ${max} characters.`, pointer);
  return value;
}

export function requiredText(value: unknown, pointer: string, max = MAX_TEXT): string {
  const out = text(value, pointer, max);
  if (out === null || out.trim() === '') throw invalid('Required: a non-empty string.', pointer);
  return out;
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], pointer: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalid(`Must be one of: ${allowed.join(', ')}.`, pointer);
  }
  return value as T;
}

/** `YYYY-MM-DD` that names a real calendar day. */
export function isoDate(value: unknown, pointer: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw invalid('Expected a date YYYY-MM-DD.', pointer);
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) throw invalid(`${value} is not a calendar date.`, pointer);
  return value;
}

export function countryCode(value: unknown, pointer: string): string | null {
  const code = text(value, pointer, 2);
  if (code === null) return null;
  if (!/^[A-Za-z]{2}$/.test(code)) throw invalid('Expected an ISO 3166-1 alpha-2 country code, e.g. "US".', pointer);
  return code.toUpperCase();
}

/**
 * The object validators below return only the members that were sent (each a value or an explicit
 * null), so that a PATCH can merge them into what is stored (manual-data.ts fills in the rest).
 */
export interface PersonPatch {
  name?: PersonName | null;
  birth_date?: string | null;
  sex?: string | null;
}

const NAME_FIELDS = ['first', 'middle', 'last'] as const;

export function person(value: unknown, pointer: string): PersonPatch | null {
  if (value === null) return null;
  if (!isObject(value)) throw invalid('person must be an object.', pointer);
  rejectUnknown(value, ['name', 'birth_date', 'sex'], pointer);
  const out: PersonPatch = {};
  if (value.name !== undefined) out.name = personName(value.name, `${pointer}/name`);
  if (value.birth_date !== undefined) out.birth_date = isoDate(value.birth_date, `${pointer}/birth_date`);
  if (value.sex !== undefined) out.sex = text(value.sex, `${pointer}/sex`, 32);
  return out;
}

function personName(value: unknown, pointer: string): PersonName | null {
  if (value === null) return null;
  if (!isObject(value)) throw invalid('person.name must be an object { first, middle, last }.', pointer);
  rejectUnknown(value, NAME_FIELDS, pointer);
  const out: PersonName = {};
  for (const field of NAME_FIELDS) if (value[field] !== undefined) out[field] = text(value[field], `${pointer}/${field}`);
  return out;
}

export const ADDRESS_FIELDS = ['line1', 'line2', 'sublocality', 'locality', 'administrative_area', 'postal_code', 'country_code'] as const;
/** The guide's PATCH example spells two fields differently from the reference; both are read, the reference's written. */
const ADDRESS_ALIASES: Record<string, (typeof ADDRESS_FIELDS)[number]> = { city: 'locality', subdivision: 'administrative_area' };

export function address(value: unknown, pointer: string): Address | null {
  if (value === null) return null;
  if (!isObject(value)) throw invalid('address must be an object.', pointer);
  rejectUnknown(value, [...ADDRESS_FIELDS, ...Object.keys(ADDRESS_ALIASES)], pointer);
  const out: Address = {};
  for (const field of ADDRESS_FIELDS) {
    if (value[field] === undefined) continue;
    out[field] = field === 'country_code' ? countryCode(value[field], `${pointer}/${field}`) : text(value[field], `${pointer}/${field}`);
  }
  for (const [alias, field] of Object.entries(ADDRESS_ALIASES)) {
    if (value[alias] === undefined) continue;
    const aliased = text(value[alias], `${pointer}/${alias}`);
    const named = out[field];
    if (named != null && named !== aliased) {
      throw invalid(`${alias} and ${field} name the same field with different values; send one.`, `${pointer}/${alias}`);
    }
    out[field] = named ?? aliased;
  }
  return out;
}

export function contact(value: unknown, pointer: string): Contact | null {
  if (value === null) return null;
  if (!isObject(value)) throw invalid('contact must be an object.', pointer);
  rejectUnknown(value, ['email', 'phone'], pointer);
  const out: Contact = {};
  if (value.email !== undefined) {
    const email = text(value.email, `${pointer}/email`, 254);
    if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw invalid('Not an email address.', `${pointer}/email`);
    out.email = email;
  }
  if (value.phone !== undefined) {
    const phone = text(value.phone, `${pointer}/phone`, 32);
    if (phone !== null && !/^\+?[0-9 ()\-.]{3,31}$/.test(phone)) throw invalid('Not a phone number.', `${pointer}/phone`);
    out.phone = phone;
  }
  return out;
}

/** An `identity_numbers` item as a client writes it; the server adds `created_at` and `updated_at`. */
export type IdentityNumberInput = Pick<IdentityNumber, 'number' | 'issuing_country_code' | 'class'>;

const IDENTITY_NUMBER_SHAPE = '{ number, issuing_country_code?, class? }';

/** The whole list (a PATCH replaces it); null clears it. */
export function identityNumbers(value: unknown, pointer: string): IdentityNumberInput[] | null {
  if (value === null) return null;
  if (!Array.isArray(value) || value.length > 20) throw invalid(`identity_numbers must be an array of at most 20 ${IDENTITY_NUMBER_SHAPE}.`, pointer);
  return value.map((item, i) => {
    const at = `${pointer}/${i}`;
    if (!isObject(item)) throw invalid(`Expected ${IDENTITY_NUMBER_SHAPE}.`, at);
    rejectUnknown(item, ['number', 'issuing_country_code', 'class'], at, ['created_at', 'updated_at']);
    return {
      number: requiredText(item.number, `${at}/number`, 64),
      issuing_country_code: countryCode(item.issuing_country_code, `${at}/issuing_country_code`),
      class: text(item.class, `${at}/class`, 64),
    };
  });
}

export function freeObject(value: unknown, pointer: string, maxBytes = 32 * 1024): Json | null {
  if (value === null) return null;
  if (!isObject(value)) throw invalid('Expected an object.', pointer);
  if (JSON.stringify(value).length > maxBytes) throw invalid(`At most ${maxBytes} bytes of JSON.`, pointer);
  return value;
}

const BOOLEAN_FIELDS = new Set(['devtools_open', 'debugger_attached']);
const FRACTIONAL_FIELDS = new Set(['completion_time_seconds', 'hesitation_percentage']);

/** The 16 fields of signals.md; missing ones are stored as null, unknown ones refused. */
export function behaviorAnalysis(value: unknown, pointer: string): BehaviorAnalysis | null {
  if (value === null) return null;
  if (!isObject(value)) throw invalid('behavior_analysis must be an object.', pointer);
  rejectUnknown(value, BEHAVIOR_FIELDS, pointer);
  const out = {} as Record<string, unknown>;
  for (const field of BEHAVIOR_FIELDS) {
    const v = value[field];
    const at = `${pointer}/${field}`;
    if (v === undefined || v === null) out[field] = null;
    else if (field === 'threat_level') out[field] = oneOf(v, ['low', 'medium', 'high'], at);
    else if (BOOLEAN_FIELDS.has(field)) {
      if (typeof v !== 'boolean') throw invalid('Expected a boolean or null.', at);
      out[field] = v;
    } else {
      const integer = !FRACTIONAL_FIELDS.has(field);
      const max = field === 'bot_score' || field === 'hesitation_percentage' ? 100 : Number.MAX_SAFE_INTEGER;
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > max || (integer && !Number.isInteger(v))) {
        throw invalid(`Expected ${integer ? 'an integer' : 'a number'} from 0${max === 100 ? ' to 100' : ''}, or null.`, at);
      }
      out[field] = v;
    }
  }
  return out as unknown as BehaviorAnalysis;
}

export function documentType(value: unknown, pointer: string): DocumentType | null {
  if (value === undefined || value === null) return null;
  return oneOf(value, DOCUMENT_TYPES, pointer);
}

export interface ValidDeclaredFile extends DeclaredFile {
  checksum?: string;
}

export function declaredFile(value: unknown, pointer: string, maxBytes: number): ValidDeclaredFile {
  if (!isObject(value)) throw invalid('A file is { filename, content_type, byte_size, checksum?, side? }.', pointer);
  rejectUnknown(value, ['filename', 'content_type', 'byte_size', 'checksum', 'side'], pointer);
  const out: ValidDeclaredFile = {
    filename: requiredText(value.filename, `${pointer}/filename`, 255),
    content_type: oneOf(value.content_type, ACCEPTED_CONTENT_TYPES, `${pointer}/content_type`),
    byte_size: 0,
  };
  const size = value.byte_size;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) throw invalid('byte_size must be a positive integer.', `${pointer}/byte_size`);
  if (size > maxBytes) throw invalid(`byte_size exceeds the upload limit of ${maxBytes} bytes. Compress the image first.`, `${pointer}/byte_size`);
  out.byte_size = size;
  if (value.checksum !== undefined && value.checksum !== null) {
    if (typeof value.checksum !== 'string' || !/^[0-9a-fA-F]{64}$/.test(value.checksum)) {
      throw invalid('checksum must be the SHA-256 of the bytes as 64 hex digits.', `${pointer}/checksum`);
    }
    out.checksum = value.checksum.toLowerCase();
  }
  if (value.side !== undefined && value.side !== null) out.side = oneOf<Side>(value.side, ['front', 'back', 'portrait'], `${pointer}/side`);
  return out;
}

/** What a create or PATCH sent of the personal data; each object holds only the members sent. */
export interface ManualData {
  person?: PersonPatch | null;
  business?: Json | null;
  contact?: Contact | null;
  address?: Address | null;
  identity_numbers?: IdentityNumberInput[] | null;
}

export const MANUAL_DATA_FIELDS = ['person', 'business', 'contact', 'address', 'identity_numbers'] as const;

/** The personal-data attributes accounts and sessions share; only those present in `attributes` are returned. */
export function manualData(attributes: Json, pointer = '/data/attributes'): ManualData {
  const out: ManualData = {};
  if ('person' in attributes) out.person = person(attributes.person, `${pointer}/person`);
  if ('business' in attributes) out.business = freeObject(attributes.business, `${pointer}/business`);
  if ('contact' in attributes) out.contact = contact(attributes.contact, `${pointer}/contact`);
  if ('address' in attributes) out.address = address(attributes.address, `${pointer}/address`);
  if ('identity_numbers' in attributes) out.identity_numbers = identityNumbers(attributes.identity_numbers, `${pointer}/identity_numbers`);
  return out;
}
