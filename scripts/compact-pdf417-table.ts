/**
 * A build step for the barcode worker (vite.config.ts): zxing's PDF417 symbol table, 2,787 sorted
 * 18-bit numbers written out in full, is replaced by the differences between neighbours in base 36,
 * added up again when the worker loads (under a millisecond). The table is the same; the worker is
 * 6.6 KiB smaller gzipped (44.1 → 37.5 KiB), as the differences are small and repeat where the numbers do not.
 * The build fails if zxing's file no longer has the table as expected, or if the encoded one differs.
 */
import type { Plugin } from 'vite';

const FILE = /[\\/]@zxing[\\/]library[\\/]esm[\\/]core[\\/]pdf417[\\/]PDF417Common\.js$/;
const TABLE = /(PDF417Common\.SYMBOL_TABLE = )Int32Array\.from\(\[([\s\S]*?)\]\);/;

/** What the worker runs in place of the literal: the running sum of the base-36 differences. */
const DECODE = (encoded: string) =>
  `(function (d) { var t = 0; return Int32Array.from(d.split(','), function (x) { return (t += parseInt(x, 36)); }); })(${JSON.stringify(encoded)})`;

export function compactPdf417Table(): Plugin {
  let replaced = false;
  return {
    name: 'beltic-compact-pdf417-table',
    transform(code, id) {
      if (!FILE.test(id)) return null;
      const match = TABLE.exec(code);
      if (!match) throw new Error(`${id}: PDF417Common.SYMBOL_TABLE is not the literal scripts/compact-pdf417-table.ts expects (zxing changed?)`);
      const table = match[2]!
        .replace(/\/\/.*$/gm, '')
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean)
        .map(Number);
      if (table.some((value, i) => !Number.isInteger(value) || (i > 0 && value <= table[i - 1]!))) {
        throw new Error(`${id}: PDF417Common.SYMBOL_TABLE is not a sorted list of integers any more`);
      }
      const encoded = table.map((value, i) => (value - (i > 0 ? table[i - 1]! : 0)).toString(36)).join(',');
      const decoded = new Function(`return ${DECODE(encoded)}`)() as Int32Array;
      if (decoded.length !== table.length || table.some((value, i) => decoded[i] !== value)) {
        throw new Error(`${id}: the compacted SYMBOL_TABLE does not decode to zxing's`);
      }
      replaced = true;
      return { code: code.replace(TABLE, (_all, assignment: string) => `${assignment}${DECODE(encoded)};`), map: null };
    },
    buildEnd() {
      // The barcode worker's build must have met the file: a reader bundled another way would keep the full table silently.
      if (!replaced && [...this.getModuleIds()].some((moduleId) => /[\\/]pdf417[\\/]/.test(moduleId))) {
        throw new Error('The PDF417 reader was bundled without scripts/compact-pdf417-table.ts finding its SYMBOL_TABLE.');
      }
    },
  };
}
