// A @web/test-runner reporter that writes how many tests passed and failed to the file named by
// BELTIC_TEST_COUNTS, with the failed tests' names, so scripts/test.mjs can add them to the Node tests' figures
// and name the failures beside its closing line. It also prints the
// slowest test files and tests of the run, so every log shows where the time went, and lists the tests
// that passed only on their second try. With BELTIC_TEST_TIMES set, every test's duration goes to that file
// (JSON), to compare runs or engines test by test. A file the runner stopped because it never finished (a page that
// hung) is listed under `hung`, with what it counted, so scripts/test.mjs can run it once more.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

const SLOWEST_SHOWN = 8;
/** What test/helpers/engines.ts logs for a test that passed on its second try. */
const RETRIED_PREFIX = 'passed on its second try:';
/** How @web/test-runner says it stopped a file at its limit (testsFinishTimeout in web-test-runner.config.mjs). */
const HUNG_PREFIX = 'Browser tests did not finish within';

/** A failure's first line: enough to tell one from another; the whole is in the runner's output above. */
const firstLine = (message) =>
  String(message ?? 'failed')
    .split('\n')[0]
    .slice(0, 200);

function count(suite, totals, tests, failures, where, suiteNames = []) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped += 1;
    else if (test.passed) totals.passed += 1;
    else {
      totals.failed += 1;
      failures.push({ name: `${where}: ${[...suiteNames, test.name].join(' › ')}`, error: firstLine(test.error?.message) });
    }
    totals.duration += test.duration ?? 0;
    tests.push({ name: `${where}: ${test.name}`, duration: test.duration ?? 0 });
  }
  for (const child of suite.suites ?? []) count(child, totals, tests, failures, where, [...suiteNames, child.name]);
}

function printSlowest(title, entries) {
  console.log(`\n${title}`);
  for (const { name, duration } of entries.sort((a, b) => b.duration - a.duration).slice(0, SLOWEST_SHOWN)) {
    console.log(`  ${(duration / 1000).toFixed(1).padStart(6)} s  ${name.length > 150 ? `${name.slice(0, 149)}…` : name}`);
  }
}

export function countingReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0, errors: 0, failures: [], hung: [] };
      const files = [];
      const tests = [];
      for (const session of sessions) {
        const file = { passed: 0, failed: 0, skipped: 0, duration: 0 };
        const where = `${relative(process.cwd(), session.testFile)} [${session.browser.name}]`;
        if (session.testResults) count(session.testResults, file, tests, totals.failures, where);
        for (const key of ['passed', 'failed', 'skipped']) totals[key] += file[key];
        files.push({ name: where, duration: file.duration });
        // A file that failed to load or threw outside a test ran no test: count it as a failure.
        if (!session.passed && (session.errors?.length ?? 0) > 0) {
          totals.errors += 1;
          const failure = { name: `${where} (outside its tests)`, error: firstLine(session.errors[0].message) };
          totals.failures.push(failure);
          if (session.errors.some((error) => String(error.message).startsWith(HUNG_PREFIX))) {
            const { passed, failed } = file;
            totals.hung.push({
              file: relative(process.cwd(), session.testFile),
              browser: session.browser.name,
              group: session.group.name,
              passed,
              failed,
              failure,
            });
          }
        }
      }
      // test/helpers/engines.ts logs each test that passed only on its second try (WebKit): listed, never hidden.
      const retried = sessions.flatMap((session) =>
        (session.logs ?? [])
          .flat()
          .filter((entry) => typeof entry === 'string' && entry.startsWith(RETRIED_PREFIX))
          .map((entry) => `${entry} [${session.browser.name}]`),
      );
      console.log(`\nTests that passed on their second try: ${retried.length}`);
      for (const entry of retried) console.log(`  ${entry}`);
      printSlowest(`The slowest test files (their tests' summed time):`, files);
      printSlowest('The slowest tests:', tests);
      if (process.env.BELTIC_TEST_TIMES) writeFileSync(process.env.BELTIC_TEST_TIMES, JSON.stringify(tests));
      if (process.env.BELTIC_TEST_COUNTS) writeFileSync(process.env.BELTIC_TEST_COUNTS, JSON.stringify(totals));
    },
  };
}
