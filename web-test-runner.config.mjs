// Real-Chromium tests. Run through `npm test` (scripts/test.mjs), which loads this file with tsx
// so that the sandbox, the proxy and the demo backend (TypeScript) mount in the runner's own server.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { findChromium } from './scripts/find-chromium.mjs';
import { countingReporter } from './scripts/counting-reporter.mjs';
import { createDevBackend, koaMiddleware } from './demo/dev-backend.ts';

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

export default {
  files: ['test/**/*.browser.test.ts'],
  nodeResolve: true,
  concurrency: 2,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 240000,
  browsers: [chromeLauncher({ launchOptions: { executablePath, headless: true, args: CHROMIUM_ARGS } })],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  middleware: [koaMiddleware(backend.handle)],
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countingReporter()],
  testRunnerHtml: (testFramework) => `<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body><script type="module" src="${testFramework}"></script></body></html>`,
};
