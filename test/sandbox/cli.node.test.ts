import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fixture } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'src/sandbox/cli.ts');

describe('beltic-verify-sandbox CLI', () => {
  it('starts, prints its base URL and key, serves real HTTP (API and uploads), and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--api-key', 'sk_staging_cli_test', '--delay', '0'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      const banner = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner; output so far: ${out}`)), 15_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (/API key.*\n/.test(out)) {
            clearTimeout(timer);
            resolve(out);
          }
        });
        child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
      });
      const base = /Beltic sandbox: (http:\/\/127\.0\.0\.1:\d+\/v1)\n/.exec(banner)?.[1];
      assert.ok(base, banner);
      assert.match(banner, /API key \(X-Api-Key\): sk_staging_cli_test\n/);

      const headers = { 'X-Api-Key': 'sk_staging_cli_test', 'Content-Type': 'application/json' };
      const post = async (path: string, body: unknown) => {
        const r = await fetch(base + path, { method: 'POST', headers, body: JSON.stringify(body) });
        return { status: r.status, body: await r.json() };
      };
      const account = await post('/identity/accounts', { data: { type: 'account' } });
      assert.equal(account.status, 201);
      const session = await post('/identity/sessions', {
        data: { type: 'session', relationships: { account: { data: { type: 'account', id: account.body.data.id } } } },
      });
      const spec = fixture('passport.jpg');
      const doc = await post('/identity/documents/idvs', {
        data: {
          type: 'document/idv',
          attributes: {
            document_type: 'passport',
            files: [{ filename: 'p.jpg', content_type: 'image/jpeg', byte_size: spec.bytes.byteLength, side: 'front' }],
          },
          relationships: { session: { data: { type: 'session', id: session.body.data.id } } },
        },
      });
      const url: string = doc.body.meta.files[0].presigned_upload_url;
      assert.ok(url.startsWith(`${base}/uploads/`), url);
      const put = await fetch(url, { method: 'PUT', body: spec.bytes, headers: { 'Content-Type': 'image/jpeg', Origin: 'http://localhost:5173' } });
      assert.equal(put.status, 200);
      assert.ok(put.headers.get('etag'));
      assert.equal(put.headers.get('access-control-allow-origin'), 'http://localhost:5173');
      const noKey = await fetch(`${base}/identity/accounts`);
      assert.equal(noKey.status, 401);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', resolve)));
    assert.equal(code, 0);
  });

  it('prints help, and refuses bad options with a clear message', async () => {
    const run = (...args: string[]) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        child.on('close', (status) => resolve({ status, stdout, stderr }));
      });
    const [help, bad] = await Promise.all([run('--help'), run('--port', 'eighty')]);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage: beltic-verify-sandbox/);
    assert.match(help.stdout, /--data-dir/);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /--port must be an integer/);
  });

  it('the bin explains how to build when dist is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'beltic-bin-'));
    try {
      mkdirSync(join(dir, 'bin'));
      copyFileSync(join(root, 'packages/sandbox/bin/beltic-verify-sandbox.js'), join(dir, 'bin/beltic-verify-sandbox.js'));
      const r = spawnSync(process.execPath, [join(dir, 'bin/beltic-verify-sandbox.js'), '--help'], { encoding: 'utf8' });
      assert.equal(r.status, 1);
      assert.match(r.stderr, /npm run build/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
