// `npm run build`:
//   dist/index.js, dist/define.js   ESM for npm: lit and the other libraries external, workers as files
//   dist/server, dist/sandbox        Node/Fetch-runtime code, compiled as is
//   dist/**/*.d.ts                   types
//   dist/cdn/beltic-verify.js        script tag, type=module: everything bundled, heavy parts on demand
//   dist/cdn/beltic-verify.classic.js  script tag for pages without modules: one file, window.BelticVerify
//   custom-elements.json             the element's manifest
import { rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { build } from 'vite';

const root = new URL('..', import.meta.url).pathname;
const pkg = (await import('../package.json', { with: { type: 'json' } })).default;
const dependencies = Object.keys(pkg.dependencies);

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

// base './': worker and chunk URLs resolve against the script's own URL, wherever it is hosted.
const quiet = { configFile: false, root, base: './', logLevel: 'warn', clearScreen: false };

rmSync(`${root}/dist`, { recursive: true, force: true });
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--emitDeclarationOnly']);
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.node.json']);

// npm ESM build of the browser entries.
await build({
  ...quiet,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    // Minified too: bundlers copy the worker files as they are, and source maps keep it debuggable.
    minify: true,
    target: 'es2022',
    lib: { entry: { index: 'src/index.ts', define: 'src/define.ts' }, formats: ['es'] },
    rolldownOptions: {
      external: (id) => dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`)),
      output: {
        chunkFileNames: 'chunks/[name]-[hash].js',
        // lit is external here, and a chunk's imports run before its code: src/workers/trusted-types.ts
        // (with what it imports) is a chunk of its own, so that it is imported, and runs, before lit does
        // (it must, to tell when the page's Trusted Types policy does not let lit load).
        codeSplitting: { groups: [{ name: 'trusted-types', test: /src[\\/]workers[\\/]trusted-types\.ts$/ }] },
      },
    },
  },
  worker: { format: 'es' },
});

// Script-tag ES module: the dynamic imports stay separate chunks, fetched only when needed.
await build({
  ...quiet,
  build: {
    outDir: 'dist/cdn',
    emptyOutDir: false,
    sourcemap: true,
    target: 'es2022',
    minify: true,
    lib: { entry: { 'beltic-verify': 'src/define.ts' }, formats: ['es'] },
    rolldownOptions: { output: { chunkFileNames: 'chunks/[name]-[hash].js' } },
  },
  worker: { format: 'es' },
});

// Script-tag classic build: one file. A classic script has no import.meta.url, which the worker
// URLs are resolved against: the script's own URL stands in for it.
await build({
  ...quiet,
  define: { 'import.meta.url': '__belticScriptUrl' },
  experimental: { renderBuiltUrl: (file) => ({ runtime: `new URL(${JSON.stringify(file)}, __belticScriptUrl).href` }) },
  build: {
    minify: true,
    outDir: 'dist/cdn',
    emptyOutDir: false,
    sourcemap: true,
    target: 'es2022',
    lib: { entry: 'src/browser-global.ts', name: 'BelticVerify', formats: ['iife'], fileName: () => 'beltic-verify.classic.js' },
    rolldownOptions: {
      output: { intro: 'var __belticScriptUrl = (document.currentScript && document.currentScript.src) || location.href;' },
    },
  },
  worker: { format: 'es' },
});

run(process.execPath, [
  'node_modules/@custom-elements-manifest/analyzer/cem.js',
  'analyze',
  '--litelement',
  '--globs',
  'src/beltic-verify.ts',
  'src/events.ts',
  '--quiet',
]);
