/**
 * A build step for the barcode worker (vite.config.ts): zxing's two PDF417 tables, 2,787 numbers
 * each written out in full, are replaced by one short encoding decoded when the worker loads (about
 * 5 ms in Node, cold). The tables are the same; only their text shrinks: the worker was 44.1 KiB gzip
 * with them in full, 35.0 with them delta-encoded, 31.2 now.
 *
 * What makes them short: the standard's codewords follow a rule, and only its exceptions are written.
 * - A codeword's pattern is 8 widths (bar, space, …) of 1 to 6 modules, 17 in all: 10,480 patterns.
 *   Its cluster is (bar 1 − bar 2 + bar 3 − bar 4) mod 9 over the bars' widths; clusters 0, 3 and 6
 *   are used: 1,484, 1,002 and 1,002 patterns, of which the standard took 929 each.
 * - Within a cluster, the codewords are the chosen patterns in ascending order of their edge-to-edge
 *   widths (the sums of neighbouring elements, e1 to e5, then e0 and e6). Found in zxing's tables;
 *   every build checks it again.
 * - So the encoding is which patterns were chosen: one bit per pattern of the three clusters, in that
 *   order (3,488 bits, base64). SYMBOL_TABLE is the chosen patterns as 17-bit numbers in ascending
 *   order; CODEWORD_TABLE, for each, 1 + its cluster's index × 929 + its codeword.
 *
 * The build fails if zxing's file no longer has the tables as expected, or if the encoding decodes to
 * anything but zxing's.
 */
import type { Plugin } from 'vite';

const FILE = /[\\/]@zxing[\\/]library[\\/]esm[\\/]core[\\/]pdf417[\\/]PDF417Common\.js$/;
const SYMBOLS = /(PDF417Common\.SYMBOL_TABLE = )Int32Array\.from\(\[([\s\S]*?)\]\);/;
const CODEWORDS = /(PDF417Common\.CODEWORD_TABLE = )Int32Array\.from\(\[([\s\S]*?)\]\);/;

/**
 * Every pattern of the clusters in use: per cluster, in codeword order, each as one number sorted
 * natively: its order key (the edge widths, each 2 to 12, as base-13 digits: e1 first, … e5, e0, e6)
 * × 2^17 + its 17-bit symbol. Built element by element, the cluster, key and symbol as it goes.
 * Evaluated both here (to write the bits) and in the worker (to read them).
 */
const PATTERNS = `(function () {
  var clusters = [[], [], []], digit = [13, 4826809, 371293, 28561, 2197, 169, 1];
  (function add(placed, previous, sum, cluster, key, symbol) {
    if (placed === 8) return void (cluster % 3 || clusters[cluster / 3].push(key * 131072 + symbol));
    // Each element takes 1 to 6 modules, and all 8 make 17.
    for (var x = Math.max(1, 17 - sum - 6 * (7 - placed)); x <= 6 && sum + x + 7 - placed <= 17; x++) {
      add(
        placed + 1,
        x,
        sum + x,
        placed % 2 ? cluster : (cluster + (placed % 4 ? 9 - x : x)) % 9,
        placed ? key + (previous + x) * digit[placed - 1] : 0,
        (symbol << x) | (placed % 2 ? 0 : (1 << x) - 1)
      );
    }
  })(0, 0, 0, 0, 0, 0);
  return clusters.map(function (list) { return Float64Array.from(list).sort(); });
})()`;

/** What the worker runs in place of the two literals: both tables, from the chosen patterns' bits. */
const DECODE_TABLES = (bits: string) => `(function (clusters, bits) {
  var symbols = [], codewords = {}, n = 0;
  clusters.forEach(function (list, cluster) {
    var codeword = 0;
    list.forEach(function (pattern) {
      if (!((bits.charCodeAt(n >> 3) >> (n++ & 7)) & 1)) return;
      symbols.push(pattern % 131072);
      codewords[pattern % 131072] = cluster * 929 + ++codeword;
    });
  });
  var table = Int32Array.from(symbols).sort();
  return [table, table.map(function (symbol) { return codewords[symbol]; })];
})(${PATTERNS}, atob(${JSON.stringify(bits)}))`;

export function compactPdf417Table(): Plugin {
  let replaced = false;
  return {
    name: 'beltic-compact-pdf417-table',
    transform(code, id) {
      if (!FILE.test(id)) return null;
      const symbols = literal(code, SYMBOLS, 'SYMBOL_TABLE', id);
      const codewords = literal(code, CODEWORDS, 'CODEWORD_TABLE', id);
      if (codewords.length !== symbols.length) throw new Error(`${id}: PDF417Common's two tables differ in length`);

      const chosen = new Set(symbols);
      const patterns = (new Function(`return ${PATTERNS}`)() as Float64Array[]).flatMap((list) => [...list]);
      const bytes = new Uint8Array(Math.ceil(patterns.length / 8));
      patterns.forEach((pattern, n) => {
        if (chosen.has(pattern % 131072)) bytes[n >> 3]! |= 1 << (n & 7);
      });
      const source = DECODE_TABLES(Buffer.from(bytes).toString('base64'));
      const [decodedSymbols, decodedCodewords] = new Function(`return ${source}`)() as [Int32Array, Int32Array];
      same(decodedSymbols, symbols, 'SYMBOL_TABLE', id);
      same(decodedCodewords, codewords, 'CODEWORD_TABLE', id);

      replaced = true;
      const compacted = code
        .replace(SYMBOLS, (_all, assignment: string) => `var pdf417Tables = ${source};\n    ${assignment}pdf417Tables[0];`)
        .replace(CODEWORDS, (_all, assignment: string) => `${assignment}pdf417Tables[1];`);
      return { code: compacted, map: null };
    },
    buildEnd() {
      // The barcode worker's build must have met the file: a reader bundled another way would keep the full tables silently.
      if (!replaced && [...this.getModuleIds()].some((moduleId) => /[\\/]pdf417[\\/]/.test(moduleId))) {
        throw new Error("The PDF417 reader was bundled without scripts/compact-pdf417-table.ts finding PDF417Common's tables.");
      }
    },
  };
}

/** The integers of zxing's `Int32Array.from([...])` literal for `name`. */
function literal(code: string, pattern: RegExp, name: string, id: string): number[] {
  const match = pattern.exec(code);
  if (!match) throw new Error(`${id}: PDF417Common.${name} is not the literal scripts/compact-pdf417-table.ts expects (zxing changed?)`);
  const table = match[2]!
    .replace(/\/\/.*$/gm, '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map(Number);
  if (table.some((value) => !Number.isInteger(value))) throw new Error(`${id}: PDF417Common.${name} is not a list of integers any more`);
  return table;
}

function same(decoded: Int32Array, table: number[], name: string, id: string): void {
  if (decoded.length !== table.length || table.some((value, i) => decoded[i] !== value)) {
    throw new Error(`${id}: the compacted ${name} does not decode to zxing's`);
  }
}
