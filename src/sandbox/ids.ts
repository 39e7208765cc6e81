/**
 * Prefixed ULIDs (`sess_01J…`): 48 bits of milliseconds and 80 random bits in Crockford base32.
 * Ids minted in the same millisecond increment the random part, so that sorting by id
 * follows creation order; list ordering relies on that to break ties between equal timestamps.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export type IdPrefix = 'acc' | 'sess' | 'sdev' | 'doc' | 'file' | 'ver';

export function createIdFactory(now: () => number): (prefix: IdPrefix) => string {
  let lastTime = -1;
  let lastRandom: Uint8Array = new Uint8Array(10);
  return (prefix) => {
    const time = Math.max(0, Math.floor(now()));
    if (time <= lastTime) {
      lastRandom = increment(lastRandom);
    } else {
      lastTime = time;
      lastRandom = new Uint8Array(randomBytes(10));
    }
    return `${prefix}_${encodeTime(lastTime)}${encodeRandom(lastRandom)}`;
  };
}

function encodeTime(ms: number): string {
  let out = '';
  let rest = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function encodeRandom(bytes: Uint8Array): string {
  // 80 bits are exactly 16 base32 digits: read them five bits at a time.
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

function increment(bytes: Uint8Array): Uint8Array {
  const next = new Uint8Array(bytes);
  for (let i = next.length - 1; i >= 0; i--) {
    if (next[i]! < 255) {
      next[i] = next[i]! + 1;
      return next;
    }
    next[i] = 0;
  }
  return next; // 2^80 ids in one millisecond: wrapping is not a practical concern
}

/** A random secret as lowercase hex. */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
