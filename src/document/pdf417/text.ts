/**
 * A PDF417's data codewords to its text (ISO/IEC 15438 §5.4): text compaction (two characters a
 * codeword, in four sub-modes), byte compaction (six bytes in five codewords, or one a codeword),
 * numeric compaction (up to 44 digits in fifteen codewords). Bytes are UTF-8 where they are valid
 * UTF-8, else Latin-1 (the standard's default): encoders such as bwip-js write UTF-8 without the ECI
 * that would say so, and ASCII (all a licence holds) is the same in both. A Macro PDF417 control block ends the text:
 * what follows it describes the symbol, not the message. Returns null for a stream the standard does
 * not allow.
 */
const TEXT = 900;
const BYTE = 901;
const NUMERIC = 902;
const BYTE_SHIFT = 913;
const BYTE_6 = 924;
const ECI_USER = 925;
const ECI_GENERAL = 926;
const ECI_CHARSET = 927;
const MACRO = 928;
const MACRO_FIELD = 923;
const MACRO_END = 922;
const READER_INIT = 921;

const UPPER = 0;
const LOWER = 1;
const MIXED = 2;
const PUNCT = 3;
const MIXED_CHARS = '0123456789&\r\t,:#-.$/+%*=^';
const PUNCT_CHARS = ';<>@[\\]_`~!\r\t,:\n-.$/"|*()?{}\'';
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** `codewords`: the data codewords, the length descriptor first (as the error correction leaves them). */
export function decodeText(codewords: readonly number[]): string | null {
  const end = codewords[0]!;
  if (end < 1 || end > codewords.length) return null;
  let text = '';
  let i = 1;
  let mode = TEXT;
  while (i < end) {
    if (mode === TEXT) {
      const read = textCompaction(codewords, i, end);
      text += read.text;
      i = read.next;
    } else if (mode === BYTE || mode === BYTE_6) {
      const read = byteCompaction(codewords, i, end, mode === BYTE_6);
      text += decodeBytes(read.bytes);
      i = read.next;
    } else if (mode === NUMERIC) {
      const read = numericCompaction(codewords, i, end);
      if (read.digits === null) return null;
      text += read.digits;
      i = read.next;
    }
    if (i >= end) break;
    const code = codewords[i++]!;
    if (code === TEXT || code === BYTE || code === BYTE_6 || code === NUMERIC) mode = code;
    else if (code === ECI_CHARSET || code === ECI_USER) i += 1;
    else if (code === ECI_GENERAL) i += 2;
    else if (code === MACRO || code === MACRO_FIELD || code === MACRO_END) break;
    else if (code !== READER_INIT) return null;
  }
  return text;
}

function decodeBytes(bytes: number[]): string {
  try {
    return utf8.decode(new Uint8Array(bytes));
  } catch {
    return String.fromCharCode(...bytes);
  }
}

/** Text compaction from `start` to the next mode codeword: its characters, and where it stopped. */
function textCompaction(codewords: readonly number[], start: number, end: number): { text: string; next: number } {
  let text = '';
  let mode = UPPER;
  /** The sub-mode to return to after a one-character shift; null when no shift is pending. */
  let shiftedFrom: number | null = null;
  let i = start;
  const shift = (to: number) => {
    shiftedFrom = mode;
    mode = to;
  };
  const put = (value: number) => {
    const current = mode;
    if (shiftedFrom !== null) mode = shiftedFrom;
    shiftedFrom = null;
    if (current === UPPER || current === LOWER) {
      if (value < 26) text += String.fromCharCode((current === UPPER ? 65 : 97) + value);
      else if (value === 26) text += ' ';
      else if (value === 27 && current === UPPER) mode = LOWER;
      else if (value === 27) shift(UPPER);
      else if (value === 28) mode = MIXED;
      else shift(PUNCT);
    } else if (current === MIXED) {
      if (value < 25) text += MIXED_CHARS[value];
      else if (value === 25) mode = PUNCT;
      else if (value === 26) text += ' ';
      else if (value === 27) mode = LOWER;
      else if (value === 28) mode = UPPER;
      else shift(PUNCT);
    } else {
      if (value < 29) text += PUNCT_CHARS[value];
      else mode = UPPER;
    }
  };
  while (i < end) {
    const code = codewords[i]!;
    if (code === TEXT) {
      // Latching to text while in text starts again from upper case.
      mode = UPPER;
      shiftedFrom = null;
      i++;
    } else if (code === BYTE_SHIFT && i + 1 < end) {
      // One byte within the text; the sub-mode carries on after it.
      text += String.fromCharCode(codewords[i + 1]! & 0xff);
      i += 2;
    } else if (code >= TEXT) break;
    else {
      put(Math.floor(code / 30));
      put(code % 30);
      i++;
    }
  }
  return { text, next: i };
}

/** Byte compaction: five codewords for six bytes while more follow (always, after 924), then one byte a codeword. */
function byteCompaction(codewords: readonly number[], start: number, end: number, sixes: boolean): { bytes: number[]; next: number } {
  const bytes: number[] = [];
  let i = start;
  let stop = i;
  while (stop < end && codewords[stop]! < TEXT) stop++;
  while (i < stop) {
    // After 901, a last group of exactly five is five single bytes: six-byte groups never end that mode.
    if (stop - i >= 5 && (sixes || stop - i > 5)) {
      let value = 0n;
      for (let k = 0; k < 5; k++) value = value * 900n + BigInt(codewords[i++]!);
      for (let k = 5; k >= 0; k--) bytes.push(Number((value >> BigInt(8 * k)) & 0xffn));
    } else bytes.push(codewords[i++]! & 0xff);
  }
  return { bytes, next: stop };
}

/** Numeric compaction: groups of up to fifteen codewords, each a base-900 number whose decimal digits follow a leading 1. */
function numericCompaction(codewords: readonly number[], start: number, end: number): { digits: string | null; next: number } {
  let digits = '';
  let i = start;
  while (i < end && codewords[i]! < TEXT) {
    let value = 0n;
    for (let k = 0; k < 15 && i < end && codewords[i]! < TEXT; k++) value = value * 900n + BigInt(codewords[i++]!);
    const group = value.toString();
    if (group[0] !== '1') return { digits: null, next: i };
    digits += group.slice(1);
  }
  return { digits, next: i };
}
