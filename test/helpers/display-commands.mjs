// Test-runner server side: how a test page is displayed (forced colours, a narrow viewport) and
// screenshots of it kept as the run's artifacts, for people to look at (test/element/screenshots.browser.test.ts).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where screenshots are written; git-ignored (.gitignore), kept by CI as the run's artifacts. */
export const SCREENSHOTS_DIR = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));

/** Puppeteer's own default, which the tests' pages start with. */
const DEFAULT_VIEWPORT = { width: 800, height: 600 };

/**
 * Chromium only (puppeteer over the DevTools protocol; Firefox's BiDi pages cannot emulate forced colours):
 *   'display'     { forcedColors, width }  forced colours on or off (`forced-colors: active`, as a Windows
 *                 contrast theme sets it: box-shadows go, system colours replace the page's), and the
 *                 viewport `width` CSS pixels wide (null: the default 800 × 600)
 *   'screenshot'  { name, selector }  a PNG of the first element matching `selector` in the test page (the
 *                 whole page without one), written to test-artifacts/screenshots/<name>.png; returns its
 *                 path (from the repository) and size in bytes
 */
export function displayCommandsPlugin() {
  /** One DevTools session per page, kept: emulated media lasts while the session that set it does. */
  const sessions = new WeakMap();
  const cdpFor = async (page) => {
    if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
    return sessions.get(page);
  };
  return {
    name: 'beltic-display-commands',
    async executeCommand({ command, payload, session }) {
      if (command !== 'display' && command !== 'screenshot') return undefined;
      const page = session.browser.type === 'puppeteer' ? session.browser.getPage(session.id) : null;
      if (!page || page.browser().protocol !== 'cdp') throw new Error(`'${command}' needs the DevTools protocol, which only Chromium has`);
      if (command === 'display') {
        // The protocol itself: puppeteer's emulateMediaFeatures does not know forced-colors.
        const cdp = await cdpFor(page);
        await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: payload.forcedColors ? 'active' : 'none' }] });
        await page.setViewport(payload.width ? { width: payload.width, height: 900 } : DEFAULT_VIEWPORT);
        return true;
      }
      if (!/^[\w-]+(\/[\w-]+)*$/.test(payload.name ?? '')) throw new Error(`screenshot: a name of words and slashes, not "${payload.name}"`);
      const path = join(SCREENSHOTS_DIR, `${payload.name}.png`);
      const target = payload.selector ? await page.$(payload.selector) : page;
      if (!target) throw new Error(`screenshot: nothing matches ${payload.selector}`);
      const png = await target.screenshot({ type: 'png' });
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, png);
      return { path: relative(fileURLToPath(new URL('../..', import.meta.url)), path), bytes: png.length };
    },
  };
}
