// A @web/test-runner reporter that writes how many tests passed and failed to the file named by
// BELTIC_TEST_COUNTS, so scripts/test.mjs can add them to the Node tests' figures.
import { writeFileSync } from 'node:fs';

function count(suite, totals) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped += 1;
    else if (test.passed) totals.passed += 1;
    else totals.failed += 1;
  }
  for (const child of suite.suites ?? []) count(child, totals);
}

export function countingReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0, errors: 0 };
      for (const session of sessions) {
        if (session.testResults) count(session.testResults, totals);
        // A file that failed to load or threw outside a test ran no test: count it as a failure.
        if (!session.passed && (session.errors?.length ?? 0) > 0) totals.errors += 1;
      }
      if (process.env.BELTIC_TEST_COUNTS) writeFileSync(process.env.BELTIC_TEST_COUNTS, JSON.stringify(totals));
    },
  };
}
