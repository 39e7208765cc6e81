/**
 * What bundlers that do not emit workers make of the package's built worker URLs, so that
 * `assets-base` can place them (src/workers/assets.ts, client.ts): plain esbuild leaves each call
 * site's ``new URL(`../assets/<file>`, import.meta.url)`` as it is, and in its default iife format
 * empties `import.meta`. Bundles the built dist/define.js (skipped where there is no build).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '../..');
const DEFINE = join(ROOT, 'dist/define.js');
const skip = !existsSync(DEFINE) && 'no build in dist/';
const SCRATCH = join(ROOT, 'node_modules/.cache/beltic-verify-tests');

describe('the built worker URLs through plain esbuild', { skip }, () => {
  mkdirSync(SCRATCH, { recursive: true });
  const scratch = mkdtempSync(join(SCRATCH, 'esbuild-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));
  const workers = existsSync(DEFINE) ? readdirSync(join(ROOT, 'dist/assets')).filter((name) => /\.worker-[\w-]+\.js$/.test(name)) : [];

  for (const format of ['iife', 'esm'] as const) {
    it(`${format}: every worker file is still named, relative to import.meta.url${format === 'iife' ? ', which esbuild empties' : ''}`, async () => {
      const entry = join(scratch, `app-${format}.js`);
      writeFileSync(entry, `import ${JSON.stringify(DEFINE)};\n`);
      const result = await build({ entryPoints: [entry], bundle: true, format, write: false, logLevel: 'silent', outfile: join(scratch, `out-${format}.js`) });
      const code = result.outputFiles.map((file) => file.text).join('\n');
      assert.equal(workers.length, 2, `dist/assets: ${workers.join(', ')}`);
      for (const name of workers) {
        // Quoted as the build writes it (a template literal without substitutions: a string to every bundler).
        const site = new RegExp(
          `new URL\\(\\s*(["'\`])\\.\\./assets/${name.replace(/[.-]/g, '\\$&')}\\1,\\s*(import\\.meta\\.url|import_meta\\d*\\.url)\\s*\\)`,
        );
        const found = site.exec(code);
        assert.ok(found, `the call site of ${name}`);
        if (format === 'iife') {
          assert.match(found[2]!, /^import_meta\d*\.url$/);
          assert.match(code, new RegExp(`${found[2]!.split('.')[0]} = \\{\\}`), 'import.meta is emptied');
        } else {
          assert.equal(found[2], 'import.meta.url');
        }
      }
    });
  }
});
