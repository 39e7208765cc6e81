// Runs one bench page in its own browser context (no cache, storage or workers shared with
// the previous page) and returns what its `window.bench.run(args)` resolved to.

export async function runBenchPage(browser, origin, name, args) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const pageErrors = [];
  const failedRequests = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('requestfailed', (request) => failedRequests.push({ url: request.url(), error: request.failure()?.errorText ?? 'failed' }));
  try {
    await page.goto(`${origin}/bench/page/${name}`, { waitUntil: 'load' });
    await page.bringToFront();
    await page.waitForFunction('window.bench', { timeout: 30_000 });
    const result = await page.evaluate((options) => window.bench.run(options), args);
    if (pageErrors.length) throw new Error(`bench page ${name}: ${pageErrors.join('; ')}`);
    return { result, failedRequests };
  } finally {
    await context.close();
  }
}
