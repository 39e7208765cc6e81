/**
 * Proves the narrow zxing import (design.md's trap): the decoder bundled for a Worker weighs
 * a third of a bundle that imports @zxing/library's root, carries none of zxing's camera
 * readers, and still decodes once bundled (esbuild and Vite) or run unbundled in plain Node.
 * Prints the gzip figures.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import sharp from 'sharp';
import { loadFixtures, fixturePath } from '../fixtures/manifest.js';
import { PAYLOADS } from '../fixtures/payload.js';

const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../..');
const DECODER = join(ROOT, 'src/document/pdf417.ts');
/** Scratch space inside node_modules, so that bundles and plain-Node copies resolve packages. */
const SCRATCH = join(ROOT, 'node_modules/.cache/beltic-verify-tests');
mkdirSync(SCRATCH, { recursive: true });
const scratch = mkdtempSync(join(SCRATCH, 'pdf417-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

await loadFixtures();
const TILTED_FRAME = 'camera-1280x720-skew7-scale60-normal.png';

const KiB = 1024;
const figures: string[] = [];
after(() => console.log(['', 'PDF417 decoder bundle (esbuild, minified ESM, gzip -9 via zlib):', ...figures].join('\n')));

async function bundle(entry: { file: string } | { contents: string }, outfile?: string): Promise<{ code: string; gzip: number }> {
  const result = await build({
    ...('file' in entry ? { entryPoints: [entry.file] } : { stdin: { contents: entry.contents, resolveDir: ROOT, loader: 'ts' } }),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  if (outfile) writeFileSync(outfile, code);
  return { code, gzip: gzipSync(code, { level: 9 }).length };
}

/** The same classes, imported the way most code does it. */
const ROOT_IMPORT = `
  import { BinaryBitmap, DecodeHintType, HybridBinarizer, GlobalHistogramBinarizer, PDF417Reader,
    RGBLuminanceSource, NotFoundException, ChecksumException, FormatException } from '@zxing/library';
  export default [BinaryBitmap, DecodeHintType, HybridBinarizer, GlobalHistogramBinarizer, PDF417Reader,
    RGBLuminanceSource, NotFoundException, ChecksumException, FormatException];`;
const ZXING_FILES = [
  'BinaryBitmap',
  'DecodeHintType',
  'common/HybridBinarizer',
  'common/GlobalHistogramBinarizer',
  'pdf417/PDF417Reader',
  'RGBLuminanceSource',
  'NotFoundException',
  'ChecksumException',
  'FormatException',
];
/** The same classes through deep imports of one of zxing's builds. */
const deepImport = (build: 'esm' | 'cjs') =>
  ROOT_IMPORT.replace(
    /import \{[^}]+\} from '@zxing\/library';/,
    ZXING_FILES.map((path) => `import ${path.split('/').pop()} from '@zxing/library/${build}/core/${path}.js';`).join('\n'),
  );

async function lumaOf(file: string) {
  const { data, info } = await sharp(fixturePath(file)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { rgba: data, width: info.width, height: info.height };
}

type DecoderModule = typeof import('../../src/document/pdf417.js');

async function assertDecodes(decoder: DecoderModule): Promise<void> {
  const frame = await lumaOf(TILTED_FRAME);
  const result = decoder.decodePdf417(decoder.rgbaToLuma(frame.rgba, frame.width, frame.height));
  assert.equal(result?.text, PAYLOADS.licence.text);
  assert.match(result!.variant, /deskew/);
}

describe('narrow zxing import', () => {
  it("bundles the decoder well under the full library, without zxing's camera readers", async () => {
    const narrow = await bundle({ file: DECODER });
    const root = await bundle({ contents: ROOT_IMPORT });
    const esmDeep = await bundle({ contents: deepImport('esm') });
    const cjsDeep = await bundle({ contents: deepImport('cjs') });
    figures.push(
      `  src/document/pdf417.ts (#zxing -> esm/ + our code):   ${(narrow.gzip / KiB).toFixed(1)} KiB gzip (${(narrow.code.length / KiB).toFixed(0)} KiB min)`,
      `  zxing classes via cjs/ deep imports (Node's side):   ${(cjsDeep.gzip / KiB).toFixed(1)} KiB gzip`,
      `  zxing classes via esm/ deep imports (browser side): ${(esmDeep.gzip / KiB).toFixed(1)} KiB gzip`,
      `  zxing classes via the package root:                  ${(root.gzip / KiB).toFixed(1)} KiB gzip (${(root.code.length / KiB).toFixed(0)} KiB min)`,
    );
    assert.ok(narrow.gzip < 50 * KiB, `narrow bundle ${narrow.gzip} B should stay under 50 KiB gzip`);
    assert.ok(root.gzip > 90 * KiB, 'the root import pulls the whole library (if this fails, zxing became tree-shakeable)');
    assert.ok(root.gzip - narrow.gzip > 50 * KiB, 'the narrow import saves more than 50 KiB gzip');
    // zxing's browser readers open the camera themselves: their calls must not be in our bundle.
    for (const marker of ['getUserMedia', 'enumerateDevices', 'srcObject']) {
      assert.ok(root.code.includes(marker), `the root bundle contains ${marker} (so this check can fail)`);
      assert.ok(!narrow.code.includes(marker), `the decoder bundle must not contain ${marker}`);
    }
  });

  it('resolves #zxing to esm/ in bundlers and to cjs/ in plain Node', async () => {
    for (const platform of ['browser', 'node'] as const) {
      const bundled = await build({ entryPoints: [DECODER], bundle: true, platform, format: 'esm', write: false, metafile: true, logLevel: 'silent' });
      const inputs = Object.keys(bundled.metafile.inputs).filter((path) => path.includes('@zxing/library/'));
      assert.ok(inputs.length > 0);
      assert.ok(
        inputs.every((path) => path.includes('@zxing/library/esm/core/')),
        `esbuild (platform ${platform}) takes the esm/ build only`,
      );
    }
    const script = `process.stdout.write(import.meta.resolve('#zxing/pdf417/PDF417Reader.js'))`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT });
    assert.match(stdout, /@zxing\/library\/cjs\/core\/pdf417\/PDF417Reader\.js$/, 'Node takes the cjs/ build');
  });

  it('still decodes once bundled by esbuild (CommonJS interop of the deep imports)', async () => {
    const file = join(scratch, 'pdf417.esbuild.mjs');
    await bundle({ file: DECODER }, file);
    await assertDecodes((await import(pathToFileURL(file).href)) as DecoderModule);
  });

  it('still decodes once bundled by Vite (Rolldown), as the widget build does', async () => {
    const { build: viteBuild } = await import('vite');
    const outDir = join(scratch, 'vite');
    await viteBuild({
      configFile: false,
      logLevel: 'silent',
      root: ROOT,
      build: { outDir, emptyOutDir: true, minify: true, lib: { entry: DECODER, formats: ['es'], fileName: 'pdf417' } },
    });
    const output = readdirSync(outDir).find((name) => name.endsWith('.js'))!;
    const code = readFileSync(join(outDir, output));
    figures.push(`  vite lib build of src/document/pdf417.ts:             ${(gzipSync(code, { level: 9 }).length / KiB).toFixed(1)} KiB gzip`);
    await assertDecodes((await import(pathToFileURL(join(outDir, output)).href)) as DecoderModule);
  });

  it('runs unbundled in plain Node, without tsx (how the sandbox runs it once built)', async () => {
    const dir = join(scratch, 'plain');
    mkdirSync(dir, { recursive: true });
    // The copy carries the package's `imports` map, as dist/ does inside the published package.
    const { imports } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { imports: unknown };
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', imports }));
    const files = [
      'document/pdf417',
      'document/frame-pixels',
      'frame/luma',
      'frame/perspective',
      'frame/levelled',
      'document/barcode-locator',
      'document/zxing-pdf417',
    ];
    const entryPoints = files.map((name) => join(ROOT, `src/${name}.ts`));
    await build({ entryPoints, outdir: dir, outbase: join(ROOT, 'src'), format: 'esm', bundle: false, logLevel: 'silent' });
    const script = `
      import sharp from 'sharp';
      import { decodePdf417 } from ${JSON.stringify(pathToFileURL(join(dir, 'document/pdf417.js')).href)};
      import { rgbaToLuma } from ${JSON.stringify(pathToFileURL(join(dir, 'frame/luma.js')).href)};
      const { data, info } = await sharp(${JSON.stringify(fixturePath(TILTED_FRAME))}).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const result = decodePdf417(rgbaToLuma(data, info.width, info.height));
      process.stdout.write(JSON.stringify(result));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT });
    const result = JSON.parse(stdout) as { text: string; variant: string };
    assert.equal(result.text, PAYLOADS.licence.text);
  });

  it('documents why not esm/: plain Node cannot load its extensionless imports', async (t) => {
    const script = `import('@zxing/library/esm/core/pdf417/PDF417Reader.js').then(() => console.log('loaded'), (e) => console.log(e.code))`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT });
    // Informational: if a zxing release fixes this, the esm/ paths become an option (~2.5 KiB less).
    t.diagnostic(`plain Node importing @zxing/library/esm/... -> ${stdout.trim()}`);
  });
});
