/**
 * Writing validated personal data (validate.ts `manualData`) onto an account or a session.
 *
 * A PATCH merges: the accounts guide updates `{ contact: { email } }` alone, which must not lose
 * the phone. So nested objects merge member by member, an explicit null clears a member (or, for
 * the whole object, the object), and arrays (`identity_numbers`) are replaced whole. Stored objects
 * always carry every member of their shape, null when unknown, as the accounts guide's response does.
 */
import type { Address, Person } from '../api/contract.js';
import { isObject, type Json } from './request.js';
import type { Contact, IdentityNumberRecord, Ms } from './store.js';
import { ADDRESS_FIELDS, type IdentityNumberInput, type ManualData } from './validate.js';

export interface ManualValues {
  person: Person | null;
  business: Json | null;
  contact: Contact | null;
  address: Address | null;
  identity_numbers: IdentityNumberRecord[] | null;
}

/** What a new record holds before its create request's data is merged in. */
export const NO_MANUAL_DATA: Readonly<ManualValues> = { person: null, business: null, contact: null, address: null, identity_numbers: null };

type Shape = { [member: string]: null | Shape };

const PERSON_SHAPE: Shape = { name: { first: null, middle: null, last: null }, birth_date: null, sex: null };
const CONTACT_SHAPE: Shape = { email: null, phone: null };
const ADDRESS_SHAPE: Shape = Object.fromEntries(ADDRESS_FIELDS.map((field) => [field, null]));

/** The new values of the members `patch` names, merged over `current`; members not sent are absent. */
export function mergeManualData(current: ManualValues, patch: ManualData, now: Ms): Partial<ManualValues> {
  const out: Partial<ManualValues> = {};
  if (patch.person !== undefined) out.person = mergeShaped(current.person, patch.person, PERSON_SHAPE) as Person | null;
  if (patch.contact !== undefined) out.contact = mergeShaped(current.contact, patch.contact, CONTACT_SHAPE) as Contact | null;
  if (patch.address !== undefined) out.address = mergeShaped(current.address, patch.address, ADDRESS_SHAPE) as Address | null;
  // `business` has no documented shape here (a free object): merged, but not filled in.
  if (patch.business !== undefined) out.business = patch.business === null ? null : mergeObject(current.business, patch.business);
  if (patch.identity_numbers !== undefined) {
    out.identity_numbers = patch.identity_numbers === null ? null : identityNumberRecords(patch.identity_numbers, current.identity_numbers, now);
  }
  return out;
}

function mergeShaped(current: object | null, patch: object | null, shape: Shape): Json | null {
  return patch === null ? null : shaped(mergeObject(current as Json | null, patch as Json), shape);
}

/** `patch` over `current`: objects merge member by member; anything else (null, arrays, scalars) replaces. */
function mergeObject(current: Json | null, patch: Json): Json {
  const out: Json = { ...(current ?? {}) };
  for (const [key, value] of Object.entries(patch)) {
    const held = out[key];
    out[key] = isObject(value) && isObject(held) ? mergeObject(held, value) : value;
  }
  return out;
}

/** Every member of `shape`, null where `value` has none; a cleared nested object keeps its members, all null. */
function shaped(value: Json, shape: Shape): Json {
  const out: Json = {};
  for (const [key, member] of Object.entries(shape)) {
    const given = value[key];
    out[key] = member === null ? (given ?? null) : shaped(isObject(given) ? given : {}, member);
  }
  return out;
}

const sameNumber = (a: IdentityNumberInput, b: IdentityNumberInput) => a.number === b.number && a.class === b.class;

/**
 * The list as sent, in its order, with the server's timestamps: an item already held (same number
 * and class) keeps its `created_at`, and its `updated_at` unless the item changed.
 */
function identityNumberRecords(items: IdentityNumberInput[], held: IdentityNumberRecord[] | null, now: Ms): IdentityNumberRecord[] {
  return items.map((item) => {
    const previous = held?.find((h) => sameNumber(h, item));
    if (!previous) return { ...item, created_at: now, updated_at: now };
    const changed = previous.issuing_country_code !== item.issuing_country_code;
    return { ...item, created_at: previous.created_at, updated_at: changed ? now : previous.updated_at };
  });
}

/** Adds the numbers not held yet (by number and class), for what a verification extracted. */
export function addIdentityNumbers(held: IdentityNumberRecord[] | null, items: IdentityNumberInput[], now: Ms): IdentityNumberRecord[] {
  const out = [...(held ?? [])];
  for (const item of items) {
    if (!out.some((h) => sameNumber(h, item))) out.push({ ...item, created_at: now, updated_at: now });
  }
  return out;
}
