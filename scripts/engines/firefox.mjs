// Firefox for the browser tests: Debian's firefox-esr, driven over WebDriver BiDi by puppeteer-core
// through @web/test-runner-chrome's launcher (it takes any puppeteer and a `browser` option).
// Nothing is downloaded: the browser is the system's, found or installed from apt (engines/find.mjs).
import { chromeLauncher } from '@web/test-runner-chrome';
import * as puppeteer from 'puppeteer-core';

/** Preferences: a fake camera without a prompt, and pages that run at full speed when not focused. */
const PREFERENCES = {
  // The fake camera: a generated picture, no permission prompt.
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  // Two test pages at once: enumerateDevices() would wait for focus (20 s), autoplay for the foreground.
  'media.devices.unfocused.enabled': true,
  'media.block-autoplay-until-in-foreground': false,
  // Background pages' timers would run once a second.
  'dom.min_background_timeout_value': 4,
  'dom.min_background_timeout_value_without_budget_throttling': 4,
  'dom.timeout.enable_budget_timer_throttling': false,
  // Quiet and offline: no updates, telemetry or first-run pages.
  'app.update.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'browser.shell.checkDefaultBrowser': false,
  // Pages refreshed 30 times a second, as a phone saving power does, not 60: no test times an animation frame, and
  // the flow and camera tests took 129–134 core-seconds instead of 145–149 (the camera's frames come at their own rate).
  'layout.frame_rate': 30,
};

let nextPort = 9300 + (process.pid % 500) * 2;

/**
 * A launcher for `executablePath` (firefox-esr). `preferences` adds to the defaults (e.g. reduced motion).
 * Each test file gets its own browser context, as in Chromium: files side by side never share IndexedDB;
 * and its own window: a second tab in one window would hide the first (its camera would stop, as the
 * widget stops it on a hidden page).
 * `concurrency`: test files at once in this browser (the runner's setting when not given).
 */
export function firefoxLauncher({ executablePath, preferences = {}, concurrency }) {
  return chromeLauncher({
    puppeteer,
    concurrency,
    launchOptions: {
      browser: 'firefox',
      executablePath,
      headless: true,
      // No network events: no test reads them, and reporting every request of every page took Firefox's main
      // process a quarter of the processor time of the flow and camera tests (measured: 91 → 69 s).
      networkEnabled: false,
      // The page as large as its window: puppeteer's default 800×600 viewport inside Firefox's larger
      // headless window looks like docked developer tools to the signals (devtools_open).
      defaultViewport: null,
      // The BiDi port would be random, and puppeteer reads it from the browser's output; a fixed one per launcher is quicker to find.
      args: [`--remote-debugging-port=${nextPort++}`],
      extraPrefsFirefox: { ...PREFERENCES, ...preferences },
    },
    createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage({ type: 'window' }),
  });
}
