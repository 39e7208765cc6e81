/**
 * The only door to @zxing/library: one PDF417 read of one grayscale image.
 *
 * Why deep imports: the package has no `sideEffects: false`, so importing its root drags all
 * of zxing (every 1D/2D format, the browser camera readers) into a bundle: ~108 KiB gzip.
 * These files pull only the PDF417 reader and what it needs: ~41 KiB gzip (44 with our code).
 *
 * Why `#zxing/...` (package.json `imports`): the package has no `exports` map, and neither of
 * its builds loads everywhere. Its `esm/` files import each other without file extensions
 * (`from '../BarcodeFormat'`), which Node's ESM loader refuses (ERR_MODULE_NOT_FOUND), and the
 * sandbox runs this file in plain Node; its `cjs/` files load in Node and bundlers, but an
 * unbundled dev server (@web/dev-server, which the browser tests use) serves CommonJS as is and
 * browsers cannot run it. The `imports` entry picks per resolver:
 *   "#zxing/*": { "module": "@zxing/library/esm/core/*", "node": "@zxing/library/cjs/core/*",
 *                 "default": "@zxing/library/esm/core/*" }
 * Node, tsx and TypeScript (NodeNext) know no `module` condition and take `cjs/`; bundlers
 * and browser resolvers (Vite, esbuild, Rolldown, @web/dev-server's node-resolve) take `esm/`,
 * which also bundles ~2.5 KiB smaller. `module` comes first for Vite's config loader: it
 * bundles the config with Rolldown for Node, and a bundled `cjs/` file's own `require`s come
 * out as `require("file://…")`, which fails (the demo's config imports the sandbox, which
 * decodes barcodes); from `esm/` it loads.
 * test/capture/pdf417-bundle.node.test.ts measures the bundles and checks that esbuild, Vite
 * and plain Node all decode with it; the barcode worker's browser tests cover the dev server.
 *
 * Node hands an ES module `module.exports` as the default import of a CommonJS file, so the
 * class is at `.default` (TypeScript's NodeNext types say the same); a bundler that follows
 * the `__esModule` convention instead hands the class itself. `cjsDefault` accepts both.
 */
import BinaryBitmapModule from '#zxing/BinaryBitmap.js';
import DecodeHintTypeModule from '#zxing/DecodeHintType.js';
import HybridBinarizerModule from '#zxing/common/HybridBinarizer.js';
import GlobalHistogramBinarizerModule from '#zxing/common/GlobalHistogramBinarizer.js';
import PDF417ReaderModule from '#zxing/pdf417/PDF417Reader.js';
import ChecksumExceptionModule from '#zxing/ChecksumException.js';
import FormatExceptionModule from '#zxing/FormatException.js';
import NotFoundExceptionModule from '#zxing/NotFoundException.js';
import RGBLuminanceSourceModule from '#zxing/RGBLuminanceSource.js';
import type { LumaImage } from '../frame/luma.js';

function cjsDefault<T>(module: { default: T }): T {
  return (module as { default?: T }).default ?? (module as unknown as T);
}

const BinaryBitmap = cjsDefault(BinaryBitmapModule);
const DecodeHintType = cjsDefault(DecodeHintTypeModule);
const HybridBinarizer = cjsDefault(HybridBinarizerModule);
const GlobalHistogramBinarizer = cjsDefault(GlobalHistogramBinarizerModule);
const PDF417Reader = cjsDefault(PDF417ReaderModule);
/** What zxing throws when a frame simply holds no readable PDF417 (they share no base class). */
const EXPECTED_FAILURES: ReadonlyArray<abstract new (...args: never[]) => Error> = [
  cjsDefault(NotFoundExceptionModule),
  cjsDefault(ChecksumExceptionModule),
  cjsDefault(FormatExceptionModule),
];
const RGBLuminanceSource = cjsDefault(RGBLuminanceSourceModule);

/**
 * - hybrid: local thresholds per 8×8 block (zxing's default): survives glare and shadows.
 * - global: one threshold from the histogram: sometimes better on blurred or low-contrast
 *   frames, where local blocks see only grey.
 */
export type Binarizer = 'hybrid' | 'global';

const reader = new PDF417Reader();
const plainHints = new Map<number, unknown>();
/** zxing's PDF417 detector ignores TRY_HARDER today; passed so an upgrade that honours it helps. */
const tryHarderHints = new Map<number, unknown>([[DecodeHintType.TRY_HARDER, true]]);

/**
 * Reads a PDF417 in `image`, or returns null when zxing finds none or cannot decode it
 * (NotFound, Checksum and Format exceptions: the expected outcome for most frames). Anything
 * else is a bug and is thrown.
 */
export function readPdf417(image: LumaImage, options: { binarizer?: Binarizer; tryHarder?: boolean } = {}): string | null {
  // A Uint8ClampedArray view over the same bytes: RGBLuminanceSource then uses them as luma
  // without copying (it converts only 32-bit ARGB input).
  const luma = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.width * image.height);
  const source = new RGBLuminanceSource(luma, image.width, image.height);
  const binarizer = options.binarizer === 'global' ? new GlobalHistogramBinarizer(source) : new HybridBinarizer(source);
  try {
    const result = reader.decode(new BinaryBitmap(binarizer), options.tryHarder ? tryHarderHints : plainHints);
    return result.getText();
  } catch (error) {
    if (EXPECTED_FAILURES.some((expected) => error instanceof expected)) return null;
    throw error;
  }
}
