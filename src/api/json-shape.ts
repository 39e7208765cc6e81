/**
 * How deep and how large a JSON body is, measured on its bytes before it is parsed. The parser
 * itself copes with deep nesting, but everything that walks the parsed value afterwards recurses
 * (the sandbox's filters, validation and undo copies; the proxy's checks and re-serialization), and a
 * body nested a few thousand levels deep would overflow the stack there: an internal error instead
 * of a 400. No request of the API nests more than a handful of levels or carries more than a few
 * hundred values. Shared by the sandbox and the server helper, so both refuse the same bodies.
 *
 * One pass, no allocation: structural characters are ASCII, and every byte of a multi-byte UTF-8
 * character is ≥ 0x80, so scanning bytes cannot mistake part of a character for a bracket.
 */
export const MAX_JSON_DEPTH = 32;
/** Object members and array items, counted at every level. */
export const MAX_JSON_VALUES = 10_000;

export type JsonShapeProblem = 'too_deep' | 'too_many_values' | null;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/**
 * What is wrong with the body's shape, or null. A body that is not JSON at all may pass (the
 * parser then says it is malformed) or be counted oddly; only well-formed bodies are measured exactly.
 */
export function jsonShapeProblem(bytes: Uint8Array, maxDepth = MAX_JSON_DEPTH, maxValues = MAX_JSON_VALUES): JsonShapeProblem {
  let depth = 0;
  let values = 0;
  let inString = false;
  let escaped = false;
  // Just after `[` or `{`: the next significant character is the container's first value, unless it closes it.
  let awaitingFirst = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === BACKSLASH) escaped = true;
      else if (byte === QUOTE) inString = false;
      continue;
    }
    if (isWhitespace(byte)) continue;
    if (awaitingFirst) {
      awaitingFirst = false;
      if (byte !== CLOSE_ARRAY && byte !== CLOSE_OBJECT && ++values > maxValues) return 'too_many_values';
    }
    if (byte === QUOTE) inString = true;
    else if (byte === COMMA) {
      if (++values > maxValues) return 'too_many_values';
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (++depth > maxDepth) return 'too_deep';
      awaitingFirst = true;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) depth -= 1;
  }
  return null;
}
