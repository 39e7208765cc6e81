/**
 * The Vite entry points a developer meets: `npm run demo -- --port N` serves the working demo on
 * that port and prints no warning; the top-level vite.config.ts builds the library with plain
 * `npx vite build` (here into a scratch directory, so the shared dist/ is left alone).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const vite = join(root, 'node_modules/vite/bin/vite.js');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Vite's own warning lines (and Node's), which a clean start must not print. */
const WARNING = /\bwarn(ing)?\b|\(!\)|deprecat/i;

describe('Vite entry points', () => {
  it('npm run demo -- --port N: serves the demo page and the backend on that port, with no warning', async () => {
    const port = await freePort();
    // What `npm run demo -- --port N` runs (the predemo step, the fixtures, is done by npm test already).
    const child = spawn(process.execPath, [vite, '--config', 'demo/vite.config.ts', '--port', String(port), '--strictPort'], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const deadline = Date.now() + 60_000;
      while (!output.includes(`:${port}/`) && !output.includes('Sandbox API key')) {
        if (Date.now() > deadline) throw new Error(`the demo did not start: ${output}`);
        if (child.exitCode !== null) throw new Error(`the demo exited: ${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const page = await fetch(`http://127.0.0.1:${port}/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /beltic-verify/);
      const session = await fetch(`http://127.0.0.1:${port}/api/demo/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      assert.equal(session.status, 201, 'the demo backend answers on the same port');
      // Wait for the banner printed after listening, then judge everything printed so far.
      while (!output.includes('Sandbox API key') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      const warnings = output.split('\n').filter((line) => WARNING.test(line));
      assert.deepEqual(warnings, [], `the demo printed warnings:\n${output}`);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });

  it('npx vite build: the top-level config builds the library (entries, chunks, workers, licences)', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'beltic-vite-build-'));
    after(() => rmSync(outDir, { recursive: true, force: true }));
    const child = spawn(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir'], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 0, output);
    for (const file of ['index.js', 'define.js', 'cdn/beltic-verify.js', 'THIRD_PARTY_LICENSES.txt'])
      assert.ok(existsSync(join(outDir, file)), `${file} built`);
    const workers = readdirSync(join(outDir, 'assets')).filter((name) => name.endsWith('.js'));
    assert.deepEqual(workers.map((name) => name.replace(/-[\w-]+\.js$/, '')).sort(), ['barcode.worker', 'picture.worker']);
  });
});
