// Finds a Chromium for the browser tests: CHROME_PATH, then the usual install paths, then
// Debian's `chromium` package when we can install it (root + apt). Never downloads a browser build.
import { accessSync, constants } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

const INSTALL_HINT = 'sudo apt-get update && sudo apt-get install -y chromium   # or set CHROME_PATH=/path/to/chrome';

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function firstFound() {
  if (process.env.CHROME_PATH) {
    if (executable(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
    throw new Error(`CHROME_PATH=${process.env.CHROME_PATH} is not an executable file.`);
  }
  return CANDIDATES.find(executable) ?? null;
}

function tryAptInstall() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || spawnSync('which', ['apt-get']).status !== 0) return false;
  console.error("[beltic-verify] Chromium not found: installing Debian's chromium package with apt-get…");
  const opts = { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  if (spawnSync('apt-get', ['update', '-qq'], opts).status !== 0) return false;
  return spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], opts).status === 0;
}

/** The path of a Chromium to run, installing Debian's package if needed and possible; throws with the exact command otherwise. */
export function findChromium() {
  const found = firstFound() ?? (tryAptInstall() ? firstFound() : null);
  if (!found) {
    throw new Error(`No Chromium found for the browser tests. Install one and run again:\n  ${INSTALL_HINT}`);
  }
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(findChromium());
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
