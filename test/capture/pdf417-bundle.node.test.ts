/**
 * The PDF417 decoder (src/document/pdf417.ts and its reader, pdf417/) depends on no package: it
 * bundles small, and decodes once bundled (esbuild and Vite, as the widget's build does) or run
 * unbundled in plain Node (as the sandbox runs it once built). Prints the gzip figures.
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
const TILTED_FRAME = 'camera-1280x720-skew12-scale60-normal.png';

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

describe('the PDF417 decoder, bundled', () => {
  it('bundles small, with no package in it', async () => {
    const bundled = await build({ entryPoints: [DECODER], bundle: true, platform: 'browser', format: 'esm', write: false, metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(bundled.metafile.inputs);
    assert.deepEqual(
      inputs.filter((path) => path.includes('node_modules')),
      [],
      'the decoder imports no package',
    );
    const { code, gzip } = await bundle({ file: DECODER });
    figures.push(`  src/document/pdf417.ts with its reader: ${(gzip / KiB).toFixed(1)} KiB gzip (${(code.length / KiB).toFixed(0)} KiB min)`);
    // zxing's PDF417 reader alone, which this replaced, was about 22 KiB gzip.
    assert.ok(gzip < 16 * KiB, `the decoder bundle is ${gzip} B gzip, over 16 KiB`);
  });

  it('still decodes once bundled by esbuild', async () => {
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
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    const files = [
      'document/pdf417',
      'document/frame-pixels',
      'document/guard-scan',
      'frame/luma',
      'frame/perspective',
      'frame/levelled',
      'document/barcode-locator',
      'document/pdf417/read',
      'document/pdf417/symbol',
      'document/pdf417/codewords',
      'document/pdf417/error-correction',
      'document/pdf417/text',
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
});
