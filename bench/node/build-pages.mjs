// Bundles the bench pages (bench/pages/*.page.ts) with Vite, the bundler the shipped builds
// use, so the code under test is compiled as it ships: `new Worker(new URL('./x.worker.ts',
// import.meta.url))` turned into worker files next to the page scripts.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

const PAGE_SUFFIX = '.page.ts';

/** Builds every page into `outDir`; returns the page names (decode, scan, compress…). */
export async function buildBenchPages(root, outDir) {
  const pagesDir = join(root, 'bench/pages');
  const entries = Object.fromEntries(
    readdirSync(pagesDir)
      .filter((file) => file.endsWith(PAGE_SUFFIX))
      .map((file) => [file.slice(0, -PAGE_SUFFIX.length), join(pagesDir, file)]),
  );
  await build({
    configFile: false,
    root,
    base: './',
    logLevel: 'warn',
    clearScreen: false,
    build: {
      outDir,
      emptyOutDir: true,
      // Minified like dist/cdn: the figures describe what a page would load.
      minify: true,
      sourcemap: false,
      target: 'es2022',
      lib: { entry: entries, formats: ['es'] },
      rolldownOptions: { output: { chunkFileNames: 'chunks/[name]-[hash].js' } },
    },
    worker: { format: 'es' },
  });
  return Object.keys(entries);
}
