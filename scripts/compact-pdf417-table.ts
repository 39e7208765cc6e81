/**
 * A build step for the barcode worker (vite.config.ts): zxing's two PDF417 tables, 2,787 numbers
 * each written out in full, are replaced by short encodings decoded when the worker loads (under a
 * millisecond). The tables are the same; only their text shrinks.
 *
 * - SYMBOL_TABLE, every codeword's bar pattern (17 bits) in ascending order: the differences between
 *   neighbours, in base 36 (the worker 44.1 → 37.5 KiB gzip: the differences are small and repeat).
 * - CODEWORD_TABLE, for each of those patterns, 1 + its cluster's index × 929 + its codeword. The
 *   cluster is the pattern's own ((bar 1 − bar 3 + bar 5 − bar 7) mod 9 of its widths: 0, 3 or 6,
 *   the PDF417 rule), so only the codewords are written: per cluster, in the patterns' order, as the
 *   differences between successive ones (38.8 → 35.0 KiB: the standard assigned its patterns in runs).
 *
 * The build fails if zxing's file no longer has a table as expected, or if an encoded one decodes
 * to anything but zxing's.
 */
import type { Plugin } from 'vite';

const FILE = /[\\/]@zxing[\\/]library[\\/]esm[\\/]core[\\/]pdf417[\\/]PDF417Common\.js$/;
const SYMBOLS = /(PDF417Common\.SYMBOL_TABLE = )Int32Array\.from\(\[([\s\S]*?)\]\);/;
const CODEWORDS = /(PDF417Common\.CODEWORD_TABLE = )Int32Array\.from\(\[([\s\S]*?)\]\);/;
const CODEWORD_COUNT = 929;
const CLUSTERS = [0, 3, 6];

/** What the worker runs in place of SYMBOL_TABLE's literal: the running sum of the base-36 differences. */
const DECODE_SYMBOLS = (encoded: string) =>
  `(function (d) { var t = 0; return Int32Array.from(d.split(','), function (x) { return (t += parseInt(x, 36)); }); })(${JSON.stringify(encoded)})`;

/**
 * What the worker runs in place of CODEWORD_TABLE's literal, from `symbols` (the decoded SYMBOL_TABLE): each
 * pattern's cluster from its bar widths, then each cluster's codewords as running sums, in the patterns' order.
 */
const DECODE_CODEWORDS = (symbols: string, encoded: string) => `(function (s, d) {
  var t = new Int32Array(s.length), cw = [], next = [0, 0, 0];
  d = d.split(';').map(function (part) { return part.split(','); });
  for (var i = 0; i < s.length; i++) {
    for (var w = [], run = 1, b = 15; b >= -1; b--) {
      if (b >= 0 && ((s[i] >> b) & 1) === ((s[i] >> (b + 1)) & 1)) run++;
      else { w.push(run); run = 1; }
    }
    var k = ((w[0] - w[2] + w[4] - w[6] + 9) % 9) / 3;
    cw[k] = (cw[k] || 0) + Number(d[k][next[k]++]);
    t[i] = k * ${CODEWORD_COUNT} + cw[k] + 1;
  }
  return t;
})(${symbols}, ${JSON.stringify(encoded)})`;

export function compactPdf417Table(): Plugin {
  let replaced = false;
  return {
    name: 'beltic-compact-pdf417-table',
    transform(code, id) {
      if (!FILE.test(id)) return null;
      const symbols = literal(code, SYMBOLS, 'SYMBOL_TABLE', id);
      const codewords = literal(code, CODEWORDS, 'CODEWORD_TABLE', id);
      if (symbols.some((value, i) => i > 0 && value <= symbols[i - 1]!)) throw new Error(`${id}: PDF417Common.SYMBOL_TABLE is not sorted any more`);
      if (codewords.length !== symbols.length) throw new Error(`${id}: PDF417Common's two tables differ in length`);

      const symbolsSource = DECODE_SYMBOLS(symbols.map((value, i) => (value - (i > 0 ? symbols[i - 1]! : 0)).toString(36)).join(','));
      const byCluster = CLUSTERS.map(() => [] as number[]);
      codewords.forEach((value) => byCluster[Math.floor((value - 1) / CODEWORD_COUNT)]!.push((value - 1) % CODEWORD_COUNT));
      const encodedCodewords = byCluster.map((list) => list.map((codeword, i) => codeword - (i > 0 ? list[i - 1]! : 0)).join(',')).join(';');
      const codewordsSource = DECODE_CODEWORDS('PDF417Common.SYMBOL_TABLE', encodedCodewords);

      const decodedSymbols = new Function(`return ${symbolsSource}`)() as Int32Array;
      same(decodedSymbols, symbols, 'SYMBOL_TABLE', id);
      same(new Function('PDF417Common', `return ${codewordsSource}`)({ SYMBOL_TABLE: decodedSymbols }) as Int32Array, codewords, 'CODEWORD_TABLE', id);

      replaced = true;
      const compacted = code
        .replace(SYMBOLS, (_all, assignment: string) => `${assignment}${symbolsSource};`)
        .replace(CODEWORDS, (_all, assignment: string) => `${assignment}${codewordsSource};`);
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
