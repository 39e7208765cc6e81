// The browser tests, in real Chromium, Firefox and WebKit. Run through `npm test` (scripts/test.mjs), which loads
// this file with tsx so that the sandbox, the proxy and the demo backend (TypeScript) mount in the runner's own
// server. BELTIC_ENGINES (set by `npm test -- --engine firefox,webkit`) chooses the engines; all three by default.
// A test that needs what only some engines have says so where it is written (test/helpers/engines.ts);
// a whole group that only one engine can run says why below.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { statfsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENGINES, findEngine } from './scripts/engines/find.mjs';
import { firefoxLauncher } from './scripts/engines/firefox.mjs';
import { webkitLauncher } from './scripts/engines/webkit.mjs';
import { countingReporter } from './scripts/counting-reporter.mjs';
import { createDevBackend, DOCS_PROFILE_PREFIX, nodeMiddleware } from './demo/dev-backend.ts';
import { brokenApiMiddleware, focusCommandPlugin, networkDrops, signalsCommandsPlugin, testPageMiddleware } from './test/helpers/server-commands.mjs';
import { displayCommandsPlugin } from './test/helpers/display-commands.mjs';

const engines = (process.env.BELTIC_ENGINES || ENGINES.join(',')).split(',').map((name) => name.trim());
const executables = Object.fromEntries(engines.map((engine) => [engine, findEngine(engine)]));

/**
 * Whether /dev/shm is too small for Chromium's shared memory (the camera's frames pass through it between its
 * processes), as in a container's 64 MB default. Only then are they moved to files in /tmp, which are on disk:
 * where /dev/shm is large, that move only costs processor time.
 */
function smallSharedMemory() {
  try {
    const { bsize, blocks } = statfsSync('/dev/shm');
    return bsize * blocks < 1024 ** 3;
  } catch {
    return true;
  }
}

/** Flags for a quiet, offline, root-safe Chromium with a fake camera that needs no permission prompt. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  ...(smallSharedMemory() ? ['--disable-dev-shm-usage'] : []),
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
];

/**
 * Chromium with `args` added to the defaults; each test file in its own browser context, so files side by side never share IndexedDB.
 * Puppeteer's network events are off (no test reads them; with them on, every request of every page is reported to
 * the runner: 12% of the processor time of the flow and camera tests), except with `userAgentOverride`: puppeteer sets a
 * User-Agent through its network manager (the signals tests).
 */
function chromium(args = [], { userAgentOverride = false } = {}) {
  return chromeLauncher({
    launchOptions: { executablePath: executables.chromium, headless: true, networkEnabled: userAgentOverride, args: [...CHROMIUM_ARGS, ...args] },
    createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
  });
}

/**
 * One launcher per chosen engine, each launched with what `launch` gives it (extra flags, preferences or arguments);
 * `launch.oneFileAtATime`: one test file at a time in Firefox and WebKit (each file has a window of its own there).
 * `launch.userAgentOverride`: the tests set the User-Agent through puppeteer (Chromium's network events stay on).
 * `launch.composited`: WebKit with accelerated compositing (scripts/engines/webkit.mjs says why it is otherwise off).
 * WebKit runs three files at a time, not two: painted without compositing, its pages wait more than they work (its
 * default group here: 87 s at three, 113 s at two, 143 core-seconds either way).
 */
function everyEngine(launch = {}) {
  const launchers = {
    chromium: () => chromium(launch.chromium, { userAgentOverride: launch.userAgentOverride }),
    firefox: () => firefoxLauncher({ executablePath: executables.firefox, preferences: launch.firefox, concurrency: launch.oneFileAtATime ? 1 : undefined }),
    webkit: () =>
      webkitLauncher({
        browserArgs: launch.webkit,
        label: launch.label,
        composited: launch.composited,
        concurrency: launch.oneFileAtATime ? 1 : 3,
      }),
  };
  return engines.map((engine) => launchers[engine]());
}

/** The same preference set at launch in each engine, as an applicant's system setting sets it. */
const REDUCED_MOTION = {
  chromium: ['--force-prefers-reduced-motion'],
  firefox: { 'ui.prefersReducedMotion': 1 },
  webkit: ['--reduced-motion'],
  label: '(reduced motion)',
};

const drops = networkDrops();
// Verifications decided as soon as their checks are done, not a visible second later as in the demo: the widget's
// first read, right after creating one, finds it decided, and each flow ends without a poll's wait (800 ms).
// A test that looks at the verifying step asks for the slow scenario or a delay of its own.
const PROCESSING_DELAY_MS = 0;
const backend = createDevBackend({ processingDelayMs: PROCESSING_DELAY_MS });
// The same backend with a sandbox that answers only what Beltic documents (test/helpers/widget.ts useSandboxProfile).
const docsBackend = createDevBackend({ profile: 'docs', prefix: DOCS_PROFILE_PREFIX, processingDelayMs: PROCESSING_DELAY_MS });

/**
 * Chromium only: Chromium's fake camera can play a chosen video file (a generated y4m; scripts/test.mjs
 * generates the fixtures before the runner starts); Firefox's fake camera is a generated pattern and
 * WebKit's a mock, neither takes a file. One group per video, as the flag is per browser. The tests are
 * test/capture/camera-<video>.y4m.test.ts; camera tests for every engine feed chosen frames through
 * canvas.captureStream() instead (test/capture/camera-helpers.ts).
 */
const FAKE_CAMERA_VIDEOS = ['licence-back-720p', 'licence-back-1080p', 'licence-front-720p', 'licence-front-light-desk-720p'];
const fixtureVideo = (name) => fileURLToPath(new URL(`./test/fixtures/generated/${name}.y4m`, import.meta.url));
const fakeCameraGroups = FAKE_CAMERA_VIDEOS.map((name) => ({
  name: `camera-${name}`,
  files: `test/capture/camera-${name}.y4m.test.ts`,
  browsers: [chromium([`--use-file-for-fake-video-capture=${fixtureVideo(name)}`])],
}));

/** The runner's server is Koa; the backend is connect-style (as in Vite). Koa steps aside when it answered. */
function fromConnect(middleware) {
  return async (ctx, next) => {
    const handled = await new Promise((resolve, reject) => {
      ctx.res.once('finish', () => resolve(true));
      try {
        middleware(ctx.req, ctx.res, (error) => (error ? reject(error) : resolve(false)));
      } catch (error) {
        reject(error);
      }
    });
    if (handled) ctx.respond = false;
    else await next();
  };
}

/**
 * BELTIC_GROUPS (set by scripts/test.mjs): only the groups named, side by side in one run ('default': the files
 * below). The runner's own --group runs one group; this runs several small ones at once, each its own browser.
 */
const chosenGroups = process.env.BELTIC_GROUPS?.split(',').map((name) => name.trim());
const chosen = (name) => !chosenGroups || chosenGroups.includes(name);

export default {
  // The signals tests switch tabs for real (bringToFront), which hides every other page of their
  // browser: a camera test beside them would see its page hidden and its camera stopped. They get
  // a browser of their own (the 'signals' group).
  files: chosen('default') ? ['test/**/*.browser.test.ts', '!test/signals/**'] : undefined,
  nodeResolve: true,
  concurrency: 2,
  // A limit, never a measure (a passing test waits no longer for it): what a loaded WebKit needs. WebKit alone
  // tries a failed test once more, and every test that needed it is listed (test/helpers/engines.ts says why).
  testFramework: { config: { timeout: 40000, retries: engines.length === 1 && engines[0] === 'webkit' ? 1 : 0 } },
  // A limit, never a measure, for one test file, from its first test to its last (the runner's timer is per file,
  // not per run: tried with three 12 s files under a 20 s limit). The slowest file takes 2.5 min in a loaded CI run
  // (the camera tests in Chromium), and WebKit may try a few of its tests twice (each up to 80 s). A file's page that hangs (twice in CI: WebKit's web process asleep on a lock, no
  // test's own limit able to fire) is stopped here, and scripts/test.mjs runs that file once more.
  // BELTIC_FILE_LIMIT_MS: another limit, for the test of that second run (test/runner/hung-file.node.test.ts).
  testsFinishTimeout: Number(process.env.BELTIC_FILE_LIMIT_MS) || 480000,
  browsers: everyEngine(),
  groups: [
    ...(executables.chromium ? fakeCameraGroups : []),
    // One signals file at a time in Firefox and WebKit: only the window in front gets focus events (element.focus()
    // fires no focusin in a window behind), and one file's page switch ('hide-page': in WebKit, its window minimised
    // and restored) would put the other's behind. In WebKit that took the field's focus away during the 6 s pause
    // of the hesitation test beside it, which then saw two typing runs instead of one (failed in one CI run here).
    { name: 'signals', files: 'test/signals/*.browser.test.ts', browsers: everyEngine({ oneFileAtATime: true, userAgentOverride: true }) },
    { name: 'reduced-motion', files: 'test/**/*.reduced-motion.test.ts', browsers: everyEngine(REDUCED_MOTION) },
    // WebKit composited, as Safari always is (its other groups are not: scripts/engines/webkit.mjs): the video's
    // frame callbacks pace the scanning, and a licence is taken by itself on them. In every engine, as every test.
    { name: 'composited', files: 'test/**/*.composited.test.ts', browsers: everyEngine({ composited: true, label: '(composited)' }) },
    // WebKit only: Safari's private browsing, an ephemeral data store that refuses Blobs in IndexedDB
    // (test/storage/private-browsing.private.test.ts). Chromium's and Firefox's private modes keep them.
    ...(executables.webkit
      ? [
          {
            name: 'private-browsing',
            files: 'test/**/*.private.test.ts',
            browsers: [webkitLauncher({ browserArgs: ['--ephemeral'], label: '(private browsing)', concurrency: 1 })],
          },
        ]
      : []),
    // Chromium only: the bot-evidence tests need a browser launched as a person's is, without the automation
    // flag, so that navigator.webdriver is false (test/signals/*.launch.test.ts). Firefox and WebKit set it
    // whenever they are driven, and neither has a switch to unset it.
    ...(executables.chromium
      ? [
          {
            name: 'without-automation',
            files: 'test/signals/*.launch.test.ts',
            browsers: [
              chromeLauncher({
                launchOptions: {
                  executablePath: executables.chromium,
                  headless: true,
                  args: [...CHROMIUM_ARGS, '--disable-blink-features=AutomationControlled'],
                  ignoreDefaultArgs: ['--enable-automation'],
                },
                createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
              }),
            ],
          },
        ]
      : []),
  ].filter(({ name }) => chosen(name)),
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    drops.plugin,
    focusCommandPlugin(),
    signalsCommandsPlugin(),
    displayCommandsPlugin(),
  ],
  middleware: [
    drops.middleware,
    testPageMiddleware(),
    fromConnect(nodeMiddleware(docsBackend.handle)),
    fromConnect(nodeMiddleware(backend.handle)),
    brokenApiMiddleware(),
  ],
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countingReporter()],
  testRunnerHtml: (testFramework) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body><script type="module" src="${testFramework}"></script></body></html>`,
};
