// A virtual X display for WebKitGTK, which has no headless mode. Xvfb picks a free display number
// and writes it to the descriptor given with -displayfd: no guessing, no lock-file races.
import { spawnGroup, stopGroup } from './process-group.mjs';

/** Starts Xvfb; resolves with `{ display: ':N', stop() }` once it accepts clients. */
export function startXvfb() {
  return new Promise((resolve, reject) => {
    const xvfb = spawnGroup('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    let number = '';
    xvfb.stderr.on('data', (chunk) => (errors += chunk));
    xvfb.on('error', reject);
    xvfb.on('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it was ready: ${errors.trim()}`)));
    xvfb.stdio[3].on('data', (chunk) => {
      number += chunk;
      if (!number.includes('\n')) return;
      xvfb.removeAllListeners('exit');
      resolve({ display: `:${number.trim()}`, stop: () => stopGroup(xvfb.pid) });
    });
  });
}
