// Finds the browser engines the tests run in, installing Debian's packages when it can (root + apt)
// and saying the exact command when it cannot. Never downloads a browser build.
//
//   chromium  Debian's chromium (or CHROME_PATH)
//   firefox   Debian's firefox-esr (or FIREFOX_PATH), driven over WebDriver BiDi
//   webkit    WebKitGTK: WebKitWebDriver, Xvfb, and the system python3 with WebKit's GObject bindings
//
// CLI: node scripts/engines/find.mjs [engine…]   prints each engine's path, installing what is missing.
import { accessSync, constants } from 'node:fs';
import { spawnSync } from 'node:child_process';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function fromEnvironment(variable) {
  const path = process.env[variable];
  if (!path) return null;
  if (executable(path)) return path;
  throw new Error(`${variable}=${path} is not an executable file.`);
}

/** The system python3 (a different one without `gi` would make every WebKit test time out) can load WebKit2 4.1. */
function webkitBindings() {
  const probe = "import gi; gi.require_version('Gtk', '3.0'); gi.require_version('WebKit2', '4.1'); from gi.repository import WebKit2";
  return executable('/usr/bin/python3') && spawnSync('/usr/bin/python3', ['-c', probe], { stdio: 'ignore' }).status === 0;
}

const FINDERS = {
  chromium: {
    packages: ['chromium'],
    hint: 'or set CHROME_PATH=/path/to/chrome',
    find: () =>
      fromEnvironment('CHROME_PATH') ??
      [
        '/usr/bin/chromium',
        '/usr/bin/chromium-browser',
        '/usr/bin/google-chrome',
        '/usr/bin/google-chrome-stable',
        '/snap/bin/chromium',
        '/Applications/Chromium.app/Contents/MacOS/Chromium',
        '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      ].find(executable) ??
      null,
  },
  firefox: {
    packages: ['firefox-esr'],
    hint: 'or set FIREFOX_PATH=/path/to/firefox',
    find: () => fromEnvironment('FIREFOX_PATH') ?? ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find(executable) ?? null,
  },
  webkit: {
    packages: ['webkit2gtk-driver', 'gir1.2-webkit2-4.1', 'python3-gi', 'xvfb'],
    hint: '(WebKitGTK with its WebDriver, its Python bindings, and a virtual display)',
    find: () => {
      const driver = ['/usr/bin/WebKitWebDriver'].find(executable);
      return driver && ['/usr/bin/Xvfb'].some(executable) && webkitBindings() ? driver : null;
    },
  },
};

function aptInstall(engine, packages) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || spawnSync('which', ['apt-get']).status !== 0) return false;
  console.error(`[beltic-verify] ${engine} not found: installing Debian's ${packages.join(' ')} with apt-get…`);
  const options = { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  if (spawnSync('apt-get', ['update', '-qq'], options).status !== 0) return false;
  return spawnSync('apt-get', ['install', '-y', '-qq', ...packages], options).status === 0;
}

/** The path of `engine`'s browser (or driver), installing Debian's packages if needed and possible; throws with the exact command otherwise. */
export function findEngine(engine) {
  const finder = FINDERS[engine];
  if (!finder) throw new Error(`Unknown engine "${engine}": choose from ${ENGINES.join(', ')}.`);
  const found = finder.find() ?? (aptInstall(engine, finder.packages) ? finder.find() : null);
  if (!found) {
    throw new Error(
      `No ${engine} found for the browser tests. Install it and run again:\n` +
        `  sudo apt-get update && sudo apt-get install -y ${finder.packages.join(' ')}   ${finder.hint}\n` +
        `or run the other engines only: npm test -- --engine ${ENGINES.filter((name) => name !== engine).join(',')}`,
    );
  }
  return found;
}

export const findChromium = () => findEngine('chromium');

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    for (const engine of process.argv.length > 2 ? process.argv.slice(2) : ENGINES) console.log(`${engine}: ${findEngine(engine)}`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
