// WebKit for the browser tests: WebKitGTK under a virtual X display, one WebKitWebDriver per
// concurrent test file, and each test file in a fresh browser with a fresh profile (the driver
// starts scripts/engines/webkit-browser.py per session), so files never share IndexedDB, as with
// Chromium's and Firefox's browser contexts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnGroup, stopGroup } from './process-group.mjs';
import { startXvfb } from './xvfb.mjs';
import { WebDriverSession, driverReady } from './webdriver.mjs';

const BROWSER = fileURLToPath(new URL('./webkit-browser.py', import.meta.url));

/** The keys the tests press, by their names in @web/test-runner-commands, as WebDriver's code points. */
const KEYS = {
  Tab: '\uE004',
  Enter: '\uE007',
  Escape: '\uE00C',
  Space: '\uE00D',
  Backspace: '\uE003',
  Shift: '\uE008',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
};

const BUTTONS = { left: 0, middle: 1, right: 2 };

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The installed WebKitGTK's version, for the reports ("WebKit 2.50.6"). */
function webkitVersion() {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Version}', 'libwebkit2gtk-4.1-0'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.split(/[-+]/)[0] : '';
}

class WebKitLauncher {
  type = 'webdriver';

  /**
   * @param {object} options
   * @param {number} [options.concurrency] test files at once (one driver and one browser each)
   * @param {string[]} [options.browserArgs] for webkit-browser.py: --ephemeral, --reduced-motion, --user-agent=…
   * @param {string} [options.label] added to the name in the reports
   * @param {boolean} [options.composited] pages composited, as Safari's always are. Otherwise they are painted
   *   without accelerated compositing, as WebKitGTK paints them on a machine without a usable GPU: on CI's software
   *   GL, compositing more than doubled WebKit's processor time (its default test group: 283 core-seconds
   *   composited, 143 not). The one thing the widget does differently then is pacing its scanning by a timer, the
   *   video's frame callbacks never coming; the 'composited' test group checks them (web-test-runner.config.mjs).
   */
  constructor({ concurrency = 2, browserArgs = [], label = '', composited = false } = {}) {
    this.concurrency = concurrency;
    this.browserArgs = composited ? browserArgs : ['--no-compositing', ...browserArgs];
    this.name = ['WebKit', webkitVersion(), label].filter(Boolean).join(' ');
    this.sessions = new Map();
    this.drivers = [];
    this.waiting = [];
  }

  async initialize() {
    this.profiles = mkdtempSync(join(tmpdir(), 'beltic-webkit-'));
    this.xvfb = await startXvfb();
    const env = { ...process.env, DISPLAY: this.xvfb.display };
    // Software rendering in the virtual display, where a page composites (see `composited`). It is Mesa's llvmpipe,
    // most of a composited WebKit's processor time here (its raster threads: 104 of 140 s on the camera tests). One
    // raster thread instead of one per core: 16% less processor time on those tests (146 s against 173 s), which is
    // what counts on CI's two busy cores. (Without compositing, its media pipeline once deadlocked when a camera
    // stopped: a page that hangs is stopped at the file limit and its file run again, scripts/test.mjs.)
    env.LIBGL_ALWAYS_SOFTWARE = '1';
    env.LP_NUM_THREADS = '1';
    // The video reaches the compositor without GStreamer's own GL context (its thread alone was 8 of the 35 s of
    // processor time a live camera step cost in 20 s here; the camera tests took 109 s instead of 125 s).
    env.WEBKIT_GST_DISABLE_GL_SINK = '1';
    // Pages painted by Skia on the processor rather than through GL on llvmpipe: the flow and camera tests took
    // 243 core-seconds instead of 281 (compositing, which the video needs, stays on GL).
    env.WEBKIT_SKIA_ENABLE_CPU_RENDERING = '1';
    for (let i = 0; i < this.concurrency; i += 1) {
      const port = await freePort();
      const child = spawnGroup('WebKitWebDriver', [`--port=${port}`], { env, stdio: 'ignore' });
      this.drivers.push({ base: `http://127.0.0.1:${port}`, child, busy: false });
    }
    await Promise.all(this.drivers.map((driver) => driverReady(driver.base)));
  }

  async stop() {
    await Promise.allSettled([...this.sessions.values()].map(({ session }) => session.delete()));
    this.sessions.clear();
    // Each driver with the browsers it started: a session that could not be deleted leaves none behind.
    for (const driver of this.drivers) stopGroup(driver.child.pid);
    this.xvfb?.stop();
    // A web process that is still closing can write into its profile while it is removed: retried, not thrown.
    if (this.profiles) rmSync(this.profiles, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }

  async startSession(id, url) {
    const driver = await this.freeDriver();
    try {
      const session = await WebDriverSession.create(driver.base, {
        browserName: 'beltic-webkit',
        'webkitgtk:browserOptions': { binary: BROWSER, args: [`--profiles=${this.profiles}`, ...this.browserArgs] },
      });
      this.sessions.set(id, { driver, session });
      await session.navigate(url);
    } catch (error) {
      this.sessions.delete(id);
      this.release(driver);
      throw error;
    }
  }

  isActive(id) {
    return this.sessions.has(id);
  }

  getBrowserUrl(id) {
    return this.sessions.get(id)?.session.url();
  }

  async stopSession(id) {
    const entry = this.sessions.get(id);
    if (!entry) return {};
    this.sessions.delete(id);
    await entry.session.delete().catch(() => {});
    this.release(entry.driver);
    return {};
  }

  startDebugSession() {
    throw new Error('Debugging is not supported in WebKit here: run the file with --engine chromium or firefox to debug.');
  }

  // @web/test-runner-commands (sendKeys, sendMouse) call these for launchers of type 'webdriver'.
  sendKeys(id, keys) {
    const values = keys.map((key) => KEYS[key] ?? key);
    const actions = values.flatMap((value) =>
      [...value].flatMap((char) => [
        { type: 'keyDown', value: char },
        { type: 'keyUp', value: char },
      ]),
    );
    return this.session(id).performActions([{ type: 'key', id: 'keyboard', actions }]);
  }

  sendMouseMove(id, x, y) {
    return this.pointer(id, [{ type: 'pointerMove', duration: 0, x, y }]);
  }

  sendMouseClick(id, x, y, button = 'left') {
    const code = BUTTONS[button];
    return this.pointer(id, [
      { type: 'pointerMove', duration: 0, x, y },
      { type: 'pointerDown', button: code },
      { type: 'pointerUp', button: code },
    ]);
  }

  sendMouseDown(id, button = 'left') {
    return this.pointer(id, [{ type: 'pointerDown', button: BUTTONS[button] }]);
  }

  sendMouseUp(id, button = 'left') {
    return this.pointer(id, [{ type: 'pointerUp', button: BUTTONS[button] }]);
  }

  resetMouse(id) {
    return this.session(id).releaseActions();
  }

  pointer(id, actions) {
    return this.session(id).performActions([{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions }]);
  }

  session(id) {
    const entry = this.sessions.get(id);
    if (!entry) throw new Error(`No WebKit session ${id}`);
    return entry.session;
  }

  async freeDriver() {
    for (;;) {
      const driver = this.drivers.find((candidate) => !candidate.busy);
      if (driver) {
        driver.busy = true;
        return driver;
      }
      await new Promise((resolve) => this.waiting.push(resolve));
    }
  }

  release(driver) {
    driver.busy = false;
    this.waiting.shift()?.();
  }
}

export function webkitLauncher(options) {
  return new WebKitLauncher(options);
}
