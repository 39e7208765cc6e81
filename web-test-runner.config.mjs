// Real-Chromium tests. Run through `npm test` (scripts/test.mjs), which loads this file with tsx
// so that the sandbox, the proxy and the demo backend (TypeScript) mount in the runner's own server.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { fileURLToPath } from 'node:url';
import { findChromium } from './scripts/find-chromium.mjs';
import { countingReporter } from './scripts/counting-reporter.mjs';
import { createDevBackend, DOCS_PROFILE_PREFIX, nodeMiddleware } from './demo/dev-backend.ts';
import { brokenApiMiddleware, networkCommandsPlugin, signalsCommandsPlugin } from './test/helpers/server-commands.mjs';

const executablePath = findChromium();

/** Flags for a quiet, offline, root-safe Chromium with a fake camera that needs no permission prompt. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
];

const backend = createDevBackend();
// The same backend with a sandbox that answers only what Beltic documents (test/helpers/widget.ts useSandboxProfile).
const docsBackend = createDevBackend({ profile: 'docs', prefix: DOCS_PROFILE_PREFIX });

/**
 * Chromium's fake camera playing a generated video (scripts/test.mjs generates the fixtures
 * before the runner starts): one group per video, as the flag is per browser. The tests are
 * test/capture/camera-<video>.y4m.test.ts (not in the default group).
 */
const FAKE_CAMERA_VIDEOS = ['licence-back-720p', 'licence-back-1080p', 'licence-front-720p', 'licence-front-light-desk-720p'];
const fixtureVideo = (name) => fileURLToPath(new URL(`./test/fixtures/generated/${name}.y4m`, import.meta.url));
const fakeCameraGroups = FAKE_CAMERA_VIDEOS.map((name) => ({
  name: `camera-${name}`,
  files: `test/capture/camera-${name}.y4m.test.ts`,
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath, headless: true, args: [...CHROMIUM_ARGS, `--use-file-for-fake-video-capture=${fixtureVideo(name)}`] },
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
    }),
  ],
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

export default {
  // The signals tests switch tabs for real (bringToFront), which hides every other page of their
  // browser: a camera test beside them would see its page hidden and its camera stopped. They get
  // a browser of their own (the 'signals' group).
  files: ['test/**/*.browser.test.ts', '!test/signals/**'],
  nodeResolve: true,
  concurrency: 2,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 240000,
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath, headless: true, args: CHROMIUM_ARGS },
      // Each page its own browser context: test files running side by side never share IndexedDB.
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
    }),
  ],
  groups: [
    ...fakeCameraGroups,
    {
      name: 'signals',
      files: 'test/signals/*.browser.test.ts',
      browsers: [
        chromeLauncher({
          launchOptions: { executablePath, headless: true, args: CHROMIUM_ARGS },
          createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
        }),
      ],
    },
    {
      // The bot-evidence tests that need a browser launched as a person's is: without the automation
      // flag, so navigator.webdriver is false (test/signals/*.launch.test.ts; not in the default group).
      name: 'without-automation',
      files: 'test/signals/*.launch.test.ts',
      browsers: [
        chromeLauncher({
          launchOptions: {
            executablePath,
            headless: true,
            args: [...CHROMIUM_ARGS, '--disable-blink-features=AutomationControlled'],
            ignoreDefaultArgs: ['--enable-automation'],
          },
          createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
        }),
      ],
    },
  ],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), networkCommandsPlugin(), signalsCommandsPlugin()],
  middleware: [fromConnect(nodeMiddleware(docsBackend.handle)), fromConnect(nodeMiddleware(backend.handle)), brokenApiMiddleware()],
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countingReporter()],
  testRunnerHtml: (testFramework) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body><script type="module" src="${testFramework}"></script></body></html>`,
};
