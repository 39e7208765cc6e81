// `npm run size` (and .ci/run, after the build): what the module script tag makes a page download, in gzip
// bytes, against its budgets; exits 1 above one. Reads the built dist/ (run `npm run build` first).
//   first load   what the page fetches before anything lazy runs
//   whole flow   what a whole flow fetches on the worker path: the first load, what loads on demand, the
//                workers; the language tables (about 4 KiB each, one per flow at most) and the
//                main-thread fallbacks aside (bench/node/chunk-sizes.mjs downloadSizes)
// The budgets are ceilings that only come down: each is the size as last cut, with a little room, until it
// reaches issue #16's target (25 KiB first, 90 KiB whole); a change that grows a download past one has to
// say so here.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { downloadSizes } from '../bench/node/chunk-sizes.mjs';

const KiB = 1024;
const BUDGETS = {
  // Cut from 35 when the module build lost its whitespace and the CSS its comments (34.2 → 30.3 KiB), then the
  // later steps' styles went to the capture parts (→ 29.4 KiB), then the uploads and the verification to a chunk
  // loaded with them (flow/submission.ts: → 28.7 KiB), then the flow itself to a chunk loaded on connect, beside the
  // signals (flow-parts.ts: 28.8 → 21.5 KiB): the element paints without it, and its intro waits on the session anyway.
  firstLoad: { ceiling: 22 * KiB, target: 25 * KiB, label: 'first load' },
  // Cut from 114.5 by the same (114.1 → 107.4 KiB; 107.7 with the styles in two files). Raised to 109 for the
  // barcode worker's quick look and its pixels read out as needed (37.9 → 38.6 KiB), which took the decode of a
  // 1080p frame with a barcode from 1.54× zxing's time to 0.81× in the bench; then to 109.5 for flow/submission.ts
  // in a chunk of its own (108.6 → 109.1 KiB: code in two files compresses a little less), which took 0.7 KiB off
  // the first load. Cut to 105 when frame analysis and image preparation came to share one worker file
  // (picture.worker.ts: 109.1 → 104.5 KiB), then to 101 when zxing's codeword table was encoded at build
  // time like its symbol table (scripts/compact-pdf417-table.ts: → 100.7 KiB). Raised to 102.5 for the flow in a
  // chunk of its own (flow-parts.ts: 100.7 → 102.0 KiB), which took 7.3 KiB off the first load: the API contract's
  // constants, which it shares with the element and the later chunks, became a small chunk of their own. Cut to 99
  // when zxing's two tables became one bit per pattern (the codewords follow from the patterns' order: 102.1 → 98.3 KiB),
  // then to 79.5 when a PDF417 reader of our own replaced zxing's (src/document/pdf417/: the barcode worker 31.2 → 11.5
  // KiB, the whole flow → 78.6 KiB). Raised to 80 for the scan lines that find a symbol by its guard patterns
  // (the barcode worker 11.6 → 12.6 KiB, the whole flow → 79.8 KiB), which took a licence front from 0.68× zxing's
  // time to 0.1× in the bench, and a 720p frame with a barcode from 0.66× to 0.4×.
  wholeFlow: { ceiling: 80 * KiB, target: 90 * KiB, label: 'whole flow' },
};

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(`${root}/dist/cdn/beltic-verify.js`)) {
  console.error('dist/cdn/beltic-verify.js is missing: run `npm run build` first.');
  process.exit(2);
}

const sizes = downloadSizes(root);
const kib = (bytes) => `${(bytes / KiB).toFixed(1)} KiB`;
let over = false;
for (const [key, budget] of Object.entries(BUDGETS)) {
  const { bytes, files } = sizes[key];
  const within = bytes <= budget.ceiling;
  over ||= !within;
  const target = bytes <= budget.target ? 'target met' : `target ${kib(budget.target)} not met yet`;
  console.log(`${within ? 'ok  ' : 'OVER'} ${budget.label}: ${kib(bytes)} gzip in ${files.length} files (budget ${kib(budget.ceiling)}; ${target})`);
  for (const file of [...files].sort((a, b) => b.gzip - a.gzip)) console.log(`       ${kib(file.gzip).padStart(9)}  ${file.file.replace(/^dist\//, '')}`);
}
if (over) console.log('\nA download grew past its budget (scripts/size-budget.mjs): cut it, or raise the budget there and say why.');
process.exit(over ? 1 : 0);
