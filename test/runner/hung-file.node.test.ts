/**
 * `npm test`'s answer to a test file whose page hangs (seen twice in CI: WebKit's web process asleep on a lock, where
 * no test's own limit can fire): the runner stops the file at its limit, scripts/test.mjs runs it once more by itself,
 * and the figures of that second run replace the first's. Two probe files in real Chromium, with a 4 s limit
 * (BELTIC_FILE_LIMIT_MS): one hangs on its first run only, the other on every run. Chromium is found (or installed,
 * or the exact command to install it said) as for the browser tests: scripts/engines/find.mjs.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A probe's test: it asks the counter how many times it has run, and never ends on the runs in `hangOn`. */
const probe = (port: number, name: string, hangOn: string) => `
it('${name}', async function () {
  this.timeout(0);
  const run = await (await fetch('http://127.0.0.1:${port}/${name}')).json();
  if (${hangOn}) await new Promise(() => {});
});
`;

describe('a test file that never finishes', () => {
  const runs = new Map<string, number>();
  let counter: Server;
  let port = 0;
  let folder = '';

  before(async () => {
    counter = createServer((request, response) => {
      const name = request.url!.slice(1);
      runs.set(name, (runs.get(name) ?? 0) + 1);
      response.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      response.end(String(runs.get(name)));
    });
    await new Promise<void>((resolve) => counter.listen(0, '127.0.0.1', resolve));
    port = (counter.address() as { port: number }).port;
    // Inside the repository, where the runner serves files from; not a name the suite's globs pick up.
    folder = mkdtempSync(join(root, 'test/runner/.probe-'));
  });

  after(() => {
    counter.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('is stopped at its limit and run once more: its second run counts, and one that hangs again is a failure', async () => {
    const once = join(folder, 'once.probe.js');
    const always = join(folder, 'always.probe.js');
    writeFileSync(once, probe(port, 'once', 'run === 1'));
    writeFileSync(always, probe(port, 'always', 'true'));
    const args = ['scripts/test.mjs', 'browser', '--engine', 'chromium', '--group', 'default', '--files', relative(root, once), relative(root, always)];
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, BELTIC_FILE_LIMIT_MS: '4000' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));

    assert.equal(runs.get('once'), 2, output);
    assert.equal(runs.get('always'), 2, output);
    assert.match(
      output,
      /Stopped without finishing \(Browser tests did not finish within 4000ms.*\), run again:\n.*once\.probe\.js \[Chrome\]\n.*always\.probe\.js \[Chrome\]/,
    );
    assert.match(
      output,
      /Stopped without finishing, then run again \(2\):\n.*once\.probe\.js \[Chrome\]: passed when run again\n.*always\.probe\.js \[Chrome\]: failed when run again/,
    );
    assert.match(output, /\n1 passed, 1 failed\n?$/);
    assert.equal(status, 1);
  });
});
