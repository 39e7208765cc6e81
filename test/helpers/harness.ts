/**
 * Typed access to a <beltic-verify>'s parts (its flow, camera and signals) for the tests, through
 * the symbol in src/internals.ts: no casts into private fields, and a renamed part is a type error.
 */
import type { BelticVerify } from '../../src/beltic-verify.js';
import { internals, type Internals } from '../../src/internals.js';

export function harness(element: BelticVerify | Element): Internals {
  return (element as BelticVerify)[internals];
}
