/**
 * Whether a decoder read what the fixture's barcode says: the exact text for the baseline;
 * for ours, which only hands out parsed AAMVA fields, the identifying fields. A misread that
 * still parses would have to get all of these right, which PDF417's error correction makes
 * as unlikely as a wrong exact text.
 */
import type { DecodeOutcome } from '../decoders/frame-decoder.js';
import type { ExpectedPayload } from './fixtures.js';

const IDENTIFYING_FIELDS = ['first_name', 'last_name', 'birth_date', 'document_number', 'expiry_date', 'issue_date'] as const;

export function isCorrectRead(outcome: DecodeOutcome, expected: ExpectedPayload | null): boolean {
  if (!outcome.found || !expected) return false;
  if (typeof outcome.text === 'string') return outcome.text === expected.text;
  const fields = outcome.fields;
  return !!fields && IDENTIFYING_FIELDS.every((name) => fields[name] === expected.fields[name]);
}
