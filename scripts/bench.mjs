// `npm run bench`: speed and size figures of the widget next to a baseline measured in the
// same run (docs/bench.md says what each figure means). Prints a plain-text report to stdout
// (progress goes to stderr) and writes the Markdown version to bench/results.md.
//
//   node scripts/bench.mjs            full run (~1.5 min on 2 cores)
//   node scripts/bench.mjs --quick    fewer repeats and 3 s scans: a smoke test of the harness, not figures to
//                                     quote (never writes bench/results.md)
//   node scripts/bench.mjs --build    rebuild dist/ even when it looks current
//   node scripts/bench.mjs --no-write print only; leave bench/results.md alone
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { buildBenchPages } from '../bench/node/build-pages.mjs';
import { downloadSizes, measureBuilds } from '../bench/node/chunk-sizes.mjs';
import { currentLoad, machineFacts } from '../bench/node/machine.mjs';
import { ensureBuild, ensureFixtures } from '../bench/node/prerequisites.mjs';
import * as report from '../bench/node/report.mjs';
import { runBenchPage } from '../bench/node/run-page.mjs';
import { startStaticServer } from '../bench/node/static-server.mjs';
import { renderMarkdown, renderText } from '../bench/node/table.mjs';
import { findChromium } from './engines/find.mjs';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');

const SETTINGS = {
  repeats: quick ? 1 : 5,
  repeatsUnreadable: quick ? 1 : 3,
  scanMs: quick ? 3000 : 10_000,
  compressRepeats: quick ? 1 : 5,
  captureTrials: quick ? 2 : 8,
  oursDecoder: "src/camera/barcode-client.ts → barcode.worker.ts: decodePdf417 + AAMVA parsing, with the live scan's per-frame budget",
};
const RESOLUTIONS = ['1280x720', '1920x1080'];
const PHOTO = 'photo-12mp.jpg';
const CAPTURE_VIDEOS = ['licence-back-1080p', 'licence-back-720p'];
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

const started = performance.now();
const progress = (message) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);

async function main() {
  const machine = machineFacts(root);
  progress('fixtures');
  ensureFixtures(root);
  progress('build (when dist/ is missing or older than src/)');
  machine.builtNow = ensureBuild(root, { force: args.has('--build') });

  const buildDir = mkdtempSync(join(tmpdir(), 'beltic-verify-bench-'));
  const server = await startStaticServer({ root, buildDir });
  let browser;
  try {
    progress('bundling the bench pages');
    await buildBenchPages(root, buildDir);
    browser = await puppeteer.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS, protocolTimeout: 300_000 });
    machine.chromium = (await browser.version()).replace('/', ' ');
    const { decode, scan, compress } = await measureInBrowser((page, options) => runBenchPage(browser, server.origin, page, options));
    await browser.close();
    browser = undefined;
    const capture = await measureCapture(server.origin);

    progress('document finder over the scene fixtures');
    const finder = measureDocumentFinder();
    progress('sizes of the built files');
    const builds = measureBuilds(root);
    machine.loadEnd = currentLoad();
    const photo = photoFacts(compress.ours.result.inputBytes);
    const sections = [
      report.machineSection(machine, { ...SETTINGS, totalMs: performance.now() - started }),
      report.decodeTimeSection(decode, SETTINGS),
      report.decodeSuccessSection(decode),
      report.scanSection(scan, SETTINGS),
      report.compressSection(compress, photo, SETTINGS),
      report.captureSection(capture, SETTINGS),
      report.documentFinderSection(finder),
      ...report.chunkSections(builds),
      report.downloadSection(downloadSizes(root)),
      report.perFrameSection(decode),
    ];

    const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    process.stdout.write(`beltic-verify benchmarks, ${date}${quick ? ' (--quick: smoke test, not figures to quote)' : ''}\n\n${renderText(sections)}\n`);
    if (!quick && !args.has('--no-write')) {
      const markdown =
        `# Benchmark results\n\n` +
        `Written by \`npm run bench\` (scripts/bench.mjs) on ${date}; ` +
        `docs/bench.md explains each figure. Regenerate rather than edit.\n\n${renderMarkdown(sections)}\n`;
      writeFileSync(join(root, 'bench/results.md'), markdown);
      progress('wrote bench/results.md');
    }
  } finally {
    await browser?.close();
    await server.close();
    rmSync(buildDir, { recursive: true, force: true });
  }
}

/** The browser figures, one bench page at a time (pages running side by side would share the 2 cores). */
async function measureInBrowser(run) {
  const decode = { liveBudgetMs: null, byResolution: {} };
  for (const resolution of RESOLUTIONS) {
    progress(`decode time and success, ${resolution}`);
    const { result } = await run('decode', { resolution, repeats: SETTINGS.repeats, repeatsUnreadable: SETTINGS.repeatsUnreadable });
    decode.liveBudgetMs = result.liveBudgetMs;
    decode.byResolution[resolution] = result.frames;
  }
  const scan = {};
  for (const decoder of ['ours', 'baseline', 'none']) {
    progress(`scanning for ${SETTINGS.scanMs / 1000} s: ${decoder}`);
    scan[decoder] = (await run('scan', { decoder, durationMs: SETTINGS.scanMs })).result;
  }
  const compress = {};
  for (const which of ['ours', 'baseline']) {
    progress(`compressing ${PHOTO}: ${which}`);
    compress[which] = await run('compress', { which, repeats: SETTINGS.compressRepeats, photo: `/test/fixtures/generated/${PHOTO}` });
  }
  return { decode, scan, compress };
}

/** The live capture page, in a Chromium whose fake camera plays each generated back (the flag is per browser). */
async function measureCapture(origin) {
  const capture = [];
  for (const video of CAPTURE_VIDEOS) {
    progress(`live capture: ${video}`);
    const file = join(root, `test/fixtures/generated/${video}.y4m`);
    const camera = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${file}`];
    const browser = await puppeteer.launch({ executablePath: findChromium(), headless: true, args: [...CHROMIUM_ARGS, ...camera], protocolTimeout: 300_000 });
    try {
      capture.push({ video, result: (await runBenchPage(browser, origin, 'capture', { trials: SETTINGS.captureTrials })).result });
    } finally {
      await browser.close();
    }
  }
  return capture;
}

/** In Node, through tsx (the finder is TypeScript): see bench/node/document-finder.ts. */
function measureDocumentFinder() {
  const output = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'bench/node/document-finder.ts'), String(quick ? 1 : 9)], {
    cwd: root,
    encoding: 'utf8',
  });
  return JSON.parse(output);
}

function photoFacts(bytes) {
  const entry = readManifest().files.find((file) => file.file === PHOTO);
  return { file: PHOTO, width: entry.width, height: entry.height, bytes };
}

function readManifest() {
  const path = join(root, 'test/fixtures/generated/index.json');
  if (!existsSync(path)) throw new Error(`${path} is missing after generating the fixtures`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

main().then(
  () => progress('done'),
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
