/**
 * Which engine this browser test runs in, and tests that need what only some engines have. The
 * browser suites run in Chromium, Firefox and WebKit (web-test-runner.config.mjs); a test that needs a
 * DevTools-only input, Chromium's file-as-camera or an encoder one engine lacks says so where it is
 * written, with the reason, and is reported as skipped elsewhere with that reason in its title.
 */
export type Engine = 'chromium' | 'firefox' | 'webkit';

function detect(userAgent: string): Engine {
  if (/\bFirefox\//.test(userAgent)) return 'firefox';
  // Headless Chromium says HeadlessChrome/…, with no word boundary before Chrome.
  if (/\b(Headless)?Chrom(e|ium)\//.test(userAgent)) return 'chromium';
  return 'webkit';
}

export const engine: Engine = detect(navigator.userAgent);

/**
 * `it` for the engines in `engines`; elsewhere the test is skipped and its title ends with why:
 * `onlyIn(['chromium'], 'key events with set timestamps need the DevTools protocol')('measures hesitation', async () => …)`.
 */
export function onlyIn(engines: readonly Engine[], reason: string) {
  return (title: string, test: Mocha.Func | Mocha.AsyncFunc): Mocha.Test =>
    engines.includes(engine) ? it(title, test) : it.skip(`${title} [not in ${engine}: ${reason}]`, test);
}

/**
 * A file's or test's time limit, doubled in WebKit: under Xvfb it renders camera frames and images in
 * software, several times slower than the other engines beside it on the same machine. A limit, never
 * a measure: no test asserts how long anything took.
 */
export function timeLimit(ms: number): number {
  return engine === 'webkit' ? ms * 2 : ms;
}

/**
 * WebKit runs each test a second time when the first try fails (web-test-runner.config.mjs): in CI,
 * WebKitGTK renders in software on two loaded cores, and one or two of its 300 tests (mostly camera
 * tests) have run past their limits in each run, a different one each time. A test that passed on its
 * second try says so in the browser's log, and the runner's summary lists it
 * (scripts/counting-reporter.mjs): never hidden; the wait that ran out first is logged too (wait.ts
 * ranOut). A root hook, registered once per page by the first file that loads this module.
 */
export const RETRIED_PREFIX = 'passed on its second try:';
if (engine === 'webkit' && typeof afterEach === 'function') {
  afterEach(function () {
    // Mocha's types call currentRetry() protected; it is the public way to read the try's number.
    const test = this.currentTest as (Mocha.Test & { currentRetry(): number }) | undefined;
    if (test?.state === 'passed' && test.currentRetry() > 0) console.warn(`${RETRIED_PREFIX} ${test.fullTitle()}`);
  });
}
