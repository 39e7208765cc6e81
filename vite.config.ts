// The library build. `npx vite build` builds the browser code as it is published:
//   dist/index.js, dist/define.js     ESM for npm and bundlers: lit, idb-keyval and browser-image-compression bundled in
//   dist/cdn/beltic-verify.js         `<script type="module">`: the same code as dist/define.js
//   dist/chunks/*.js                  shared code and what loads on demand (the image pipeline)
//   dist/i18n/<lang>.js               each language but English, loaded when an element asks for it (the classic script too)
//   dist/assets/*.worker-*.js         the three workers, each self-contained (the barcode one holds the PDF417 reader)
//   dist/THIRD_PARTY_LICENSES.txt     the licences of every package bundled in the files above
// `npx vite build --mode classic` builds dist/cdn/beltic-verify.classic.js, the `<script>` for pages without
// modules (one file, `window.BelticVerify`), which loads the same worker files from dist/assets.
// `npm run build` (scripts/build.mjs) runs both with this file, and adds the types, the server helper and
// custom-elements.json. The demo's dev server has its own config: demo/vite.config.ts.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { compactCssLiteralsPlugin } from './scripts/compact-css-literals.js';

const root = fileURLToPath(new URL('.', import.meta.url));
const LICENSES_FILE = 'THIRD_PARTY_LICENSES.txt';

export default defineConfig(({ mode }) => (mode === 'classic' ? classicBuild() : moduleBuild()));

/** Every browser entry, its chunks and its workers share these. */
function shared(licenses: ThirdPartyLicenses): UserConfig {
  // Third-party licence comments (`@license`, `/*!`) are kept where the minifier would drop them (the other
  // comments as Vite has them: the module build keeps its `#__PURE__` annotations for the app's bundler), and
  // every file starts with the list of the packages bundled in it, pointing at their licence texts.
  const output = { comments: { legal: true }, postBanner: licenses.banner };
  const workerOutput = { comments: { legal: true, annotation: false, jsdoc: false }, postBanner: licenses.banner };
  return {
    root,
    // Worker and chunk URLs resolve against the importing file's own URL, wherever the package is hosted.
    base: './',
    logLevel: 'warn',
    clearScreen: false,
    publicDir: false,
    plugins: [licenses.plugin, compactCssLiteralsPlugin()],
    build: {
      outDir: 'dist',
      // scripts/build.mjs empties dist/ once, before every build writes its part of it.
      emptyOutDir: false,
      // No source maps: with their sources (the only maps worth shipping) they tripled the package (2.5 MB
      // of 3.6); a map pointing at sources the package does not ship helps nobody.
      sourcemap: false,
      // Minified: bundlers copy the worker files as they are.
      minify: true,
      target: 'es2022',
      rolldownOptions: { output },
    },
    worker: { format: 'es', plugins: () => [licenses.plugin], rolldownOptions: { output: workerOutput } },
  };
}

function moduleBuild(): UserConfig {
  const config = shared(thirdPartyLicenses());
  return {
    ...config,
    build: {
      ...config.build,
      lib: { entry: { index: 'src/index.ts', define: 'src/define.ts', 'cdn/beltic-verify': 'src/define.ts' }, formats: ['es'] },
      rolldownOptions: {
        output: {
          ...config.build!.rolldownOptions!.output,
          // Vite keeps an ES library's whitespace, for the `#__PURE__` comments an app's bundler reads; they survive
          // without it (the first download: 34.2 → 31.2 KiB gzipped; 30.3 with the CSS compacted as well).
          minify: { compress: true, mangle: true, codegen: { removeWhitespace: true } },
          // The language tables (src/ui/i18n/) keep their names: the classic script loads them too (ui/languages.ts).
          chunkFileNames: (chunk) => (/src[\\/]ui[\\/]i18n[\\/]/.test(chunk.facadeModuleId ?? '') ? 'i18n/[name].js' : 'chunks/[name]-[hash].js'),
          // src/workers/trusted-types.ts (with what it imports) is a chunk of its own, imported, and so run,
          // before the chunk holding lit: it must run first to tell when the page's Trusted Types policy
          // does not let lit load.
          codeSplitting: { groups: [{ name: 'trusted-types', test: /src[\\/]workers[\\/]trusted-types\.ts$/ }] },
        },
      },
    },
  };
}

/**
 * One classic script: no import.meta.url, which the worker URLs are resolved against, so the script's
 * own URL stands in for it; the workers are the module build's files in dist/assets.
 */
function classicBuild(): UserConfig {
  const config = shared(thirdPartyLicenses());
  const fileName = 'cdn/beltic-verify.classic.js';
  return {
    ...config,
    define: { 'import.meta.url': '__belticScriptUrl' },
    // One file cannot split: the languages are loaded from the module build's files (src/ui/language-files.classic.ts).
    resolve: { alias: [{ find: /^\.\/language-files\.js$/, replacement: `${root}src/ui/language-files.classic.ts` }] },
    experimental: {
      renderBuiltUrl: (file, { hostId }) => ({ runtime: `new URL(${JSON.stringify(posix.relative(posix.dirname(hostId), file))}, __belticScriptUrl).href` }),
    },
    build: {
      ...config.build,
      lib: { entry: 'src/browser-global.ts', name: 'BelticVerify', formats: ['iife'], fileName: () => fileName },
      rolldownOptions: {
        output: {
          ...config.build!.rolldownOptions!.output,
          intro: 'var __belticScriptUrl = (document.currentScript && document.currentScript.src) || location.href;',
        },
      },
    },
  };
}

interface Package {
  name: string;
  version: string;
  license: string;
  dir: string;
}

interface ThirdPartyLicenses {
  /** Collects the packages of every module bundled (entries, chunks, workers); writes dist/THIRD_PARTY_LICENSES.txt. */
  plugin: Plugin;
  /** The first line of each output file: the packages bundled in it, with their licences. */
  banner: (chunk: { moduleIds: readonly string[] }) => string;
}

function thirdPartyLicenses(): ThirdPartyLicenses {
  const found = new Map<string, Package>();
  const packagesOf = (moduleIds: readonly string[]) => {
    const packages = new Map<string, Package>();
    for (const id of moduleIds) {
      const pkg = packageOf(id);
      if (pkg) packages.set(pkg.name, pkg);
    }
    return [...packages.values()].sort((a, b) => a.name.localeCompare(b.name));
  };
  return {
    banner: (chunk) => {
      const packages = packagesOf(chunk.moduleIds);
      const bundled = packages.length === 0 ? '' : ` Bundles ${packages.map((p) => `${p.name} ${p.version} (${p.license})`).join(', ')}: see ${LICENSES_FILE}.`;
      return `/*! beltic-verify (MIT License).${bundled} */`;
    },
    plugin: {
      name: 'beltic-third-party-licenses',
      generateBundle(_options, bundle) {
        for (const file of Object.values(bundle)) if (file.type === 'chunk') for (const pkg of packagesOf(file.moduleIds)) found.set(pkg.name, pkg);
      },
      writeBundle(options) {
        // The worker builds end inside the main build: by its writeBundle every package has been seen.
        if (!options.dir || found.size === 0) return;
        writeFileSync(join(options.dir, LICENSES_FILE), licensesText([...found.values()]));
      },
    },
  };
}

/** The package (outside this repository's sources) a bundled module comes from, or null for our own code. */
function packageOf(id: string): Package | null {
  const path = id.replace(/^\0/, '').split('?')[0]!;
  const at = path.lastIndexOf('/node_modules/');
  if (at < 0) return null;
  let dir = dirname(path);
  while (dir.length > at + '/node_modules'.length) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string; license?: string };
      // Nested package.json files that only set "type" (lit-html/development) are not the package.
      if (pkg.name && pkg.version) return { name: pkg.name, version: pkg.version, license: pkg.license ?? 'UNKNOWN', dir };
    }
    dir = dirname(dir);
  }
  return null;
}

function licensesText(packages: Package[]): string {
  const sorted = [...packages].sort((a, b) => a.name.localeCompare(b.name));
  const sections = sorted.map((pkg) => {
    const file = readdirSync(pkg.dir).find((name) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(name));
    if (!file) throw new Error(`${pkg.name} is bundled but ships no licence file: add its licence text to vite.config.ts.`);
    const text = readFileSync(join(pkg.dir, file), 'utf8').trim();
    return `${'-'.repeat(78)}\n${pkg.name} ${pkg.version} (${pkg.license})\n${'-'.repeat(78)}\n\n${text}\n`;
  });
  return (
    'beltic-verify bundles the packages below into its browser files (dist/*.js, dist/chunks, dist/assets, dist/cdn).\n' +
    'beltic-verify itself is under the MIT License (LICENSE).\n\n' +
    sections.join('\n')
  );
}
