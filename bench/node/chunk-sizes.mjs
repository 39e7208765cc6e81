// Sizes of the built files and when a page downloads each one. The module graph is read from
// the built code itself (static imports, dynamic imports, worker URLs), so the "initial load"
// is what a browser fetches before anything lazy runs, not a guess from file names.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

/** The three browser builds scripts/build.mjs writes, by their entry files. */
export const BUILDS = [
  { name: 'script tag, ES module', key: 'cdn', entries: ['dist/cdn/beltic-verify.js'], dirs: ['dist/chunks', 'dist/assets'], exclude: [] },
  { name: 'script tag, classic', key: 'classic', entries: ['dist/cdn/beltic-verify.classic.js'], dirs: [], exclude: [] },
  { name: 'npm ESM (libraries bundled)', key: 'npm', entries: ['dist/index.js', 'dist/define.js'], dirs: ['dist/chunks', 'dist/assets'], exclude: [] },
];

/** What each file is, by the name Vite gives it. First match wins. */
const ROLES = [
  [/beltic-verify\.classic\.js$/, 'everything in one classic script (window.BelticVerify); workers still separate files'],
  [/cdn\/beltic-verify\.js$/, 'entry of the module script tag: registers <beltic-verify>'],
  [/dist\/index\.js$/, 'entry: re-exports the element chunk'],
  [/dist\/define\.js$/, 'entry: registers <beltic-verify>'],
  [/chunks\/beltic-verify-/, 'main: the element, the intro and document screens, the English words, styles, lit'],
  [/flow-parts-/, "the flow: its machine's effects, storage (idb-keyval), cross-tab lock, API client (loaded on connect, beside the signals)"],
  [/contract-/, "the API contract's constants, shared by the element, the flow, the signals and the uploads"],
  [/capture-parts-/, 'what the steps after the intro need: camera, file source, preview, country field, their screens (loaded while the intro shows)'],
  [/signals-controller-/, 'behaviour signals and the device record (loaded on connect, beside the first download)'],
  [/submission-/, 'once the photos are in: the presigned uploads with their retries, the verification and its reads (fetched as the flow is loaded)'],
  [/guidance-/, 'worker clients and frame guidance, shared by the camera and the photo checks'],
  [/analysed-frame-/, 'frame analysis types shared by the camera and the photo checks'],
  [/check-photo-/, 'checks before upload: image preparation client, loaded when a photo is chosen'],
  [/i18n\//, 'a language table, loaded when an element asks for that language'],
  [/trusted-types-/, 'Trusted Types check, evaluated before lit (says so when the page refuses lit its policy)'],
  [/image-handler-/, 'image pipeline for the main-thread fallback'],
  [/prepare-image-/, 'image preparation client: file sniffing, image worker start-up'],
  [/image-pipeline-/, 'image pipeline for the main-thread fallback'],
  [/image-errors-/, 'image error class shared by the client and the pipeline'],
  [/picture\.worker-/, 'picture workers (two from one file): camera frames measured, the kept one encoded; photos prepared, checked'],
  [/barcode\.worker-/, 'barcode worker: PDF417 decoder and reader, AAMVA parser'],
  [/analysis-handler-/, 'frame analysis on the main thread (the fallback where workers are forbidden)'],
  [/frame-quality-/, 'frame quality measures: brightness, glare, sharpness, document position'],
  [/barcode-client-|barcode-/, 'barcode reader client (starts the barcode worker)'],
  [/camera-|capture-|analysis-client-/, 'camera capture: stream owner, frame analysis client'],
];

const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'`]([^"'`]+)["'`]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`]([^"'`]+)["'`]\s*\)/g;
const WORKER_URL = /new URL\(\s*["'`]([^"'`]+\.js)["'`]\s*,/g;

export function describe(file) {
  return ROLES.find(([pattern]) => pattern.test(file))?.[1] ?? '(no description yet: add it to bench/node/chunk-sizes.mjs)';
}

export function compressedSizes(path) {
  const code = readFileSync(path);
  return {
    raw: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

function matches(pattern, code) {
  return [...code.matchAll(pattern)].map((match) => match[1]);
}

/** Relative specifiers resolve to files; bare ones (lit, idb-keyval…) are the dependencies left external. */
function edges(root, file) {
  const code = readFileSync(join(root, file), 'utf8');
  const local = (specifier) => specifier.startsWith('.') || specifier.startsWith('/');
  const toFile = (specifier) => relative(root, resolve(root, dirname(file), specifier));
  const statics = matches(STATIC_IMPORT, code);
  return {
    static: statics.filter(local).map(toFile),
    external: statics.filter((specifier) => !local(specifier)),
    dynamic: matches(DYNAMIC_IMPORT, code).filter(local).map(toFile),
    workers: matches(WORKER_URL, code)
      .map(toFile)
      .filter((path) => existsSync(join(root, path))),
  };
}

/** Files reachable from `starts` through static imports. */
function staticClosure(root, starts) {
  const seen = new Set();
  const external = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const next = edges(root, file);
    next.external.forEach((name) => external.add(name));
    next.static.forEach(visit);
  };
  starts.forEach(visit);
  return { files: seen, external };
}

/**
 * When each file of a build is downloaded: 'initial' (with the entry), 'on demand' (behind a
 * dynamic import, e.g. the image preparation when a photo is chosen), or 'worker' (a worker
 * script and its imports).
 */
function loadPhases(root, entries) {
  const phase = new Map();
  const initial = staticClosure(root, entries);
  initial.files.forEach((file) => phase.set(file, 'initial'));
  // Lazy chunks may load lazy chunks of their own (the flow's code loads the uploads'): followed to the end.
  const lazy = { files: new Set(), external: new Set() };
  for (let starts = [...initial.files]; starts.length;) {
    const reached = staticClosure(
      root,
      starts.flatMap((file) => edges(root, file).dynamic).filter((file) => !phase.has(file)),
    );
    reached.external.forEach((name) => lazy.external.add(name));
    starts = [...reached.files].filter((file) => !phase.has(file));
    starts.forEach((file) => (phase.set(file, 'on demand'), lazy.files.add(file)));
  }
  const workerStarts = [...phase.keys()].flatMap((file) => edges(root, file).workers);
  staticClosure(root, workerStarts).files.forEach((file) => phase.has(file) || phase.set(file, 'worker'));
  return { phase, external: [...initial.external, ...lazy.external].filter((name, i, all) => all.indexOf(name) === i) };
}

function jsFilesIn(root, dir, exclude) {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.js') && !exclude.includes(name))
    .map((name) => join(dir, name))
    .filter((path) => statSync(join(root, path)).isFile());
}

/** Chunks only the main-thread fallbacks load (where workers are forbidden or fail to start), by Vite's names. */
const FALLBACK_ONLY = /chunks\/(analysis-handler|image-handler|frame-quality)-/;

/**
 * What the module script tag costs an English-speaking applicant, gzip bytes (scripts/size-budget.mjs):
 * `firstLoad`, what the page fetches before anything lazy runs; `wholeFlow`, everything a whole flow on
 * the worker path fetches (first load, what loads on demand, the workers and their imports), the
 * language tables and the main-thread fallbacks aside.
 */
export function downloadSizes(root) {
  const { phase } = loadPhases(root, ['dist/cdn/beltic-verify.js']);
  const gzip = (file) => compressedSizes(join(root, file)).gzip;
  const files = [...phase.entries()].map(([file, loaded]) => ({ file, loaded, gzip: gzip(file) }));
  const sum = (list) => list.reduce((total, entry) => total + entry.gzip, 0);
  const firstLoad = files.filter((entry) => entry.loaded === 'initial');
  const wholeFlow = files.filter((entry) => !/^dist\/i18n\//.test(entry.file) && !FALLBACK_ONLY.test(entry.file));
  return { firstLoad: { bytes: sum(firstLoad), files: firstLoad }, wholeFlow: { bytes: sum(wholeFlow), files: wholeFlow } };
}

/** One row per built browser file, grouped by build, with the initial-load total of each build. */
export function measureBuilds(root) {
  return BUILDS.map((build) => {
    const { phase, external } = loadPhases(root, build.entries);
    const listed = new Set([...build.entries, ...build.dirs.flatMap((dir) => jsFilesIn(root, dir, build.exclude)), ...phase.keys()]);
    const files = [...listed].sort().map((file) => ({
      file,
      role: describe(file),
      loaded: phase.get(file) ?? 'not referenced',
      ...compressedSizes(join(root, file)),
    }));
    const initial = files.filter((file) => file.loaded === 'initial');
    const sum = (key) => initial.reduce((total, file) => total + file[key], 0);
    return { ...build, files, external, initial: { files: initial.length, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') } };
  });
}
