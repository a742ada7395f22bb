/**
 * Appends each jest run's pass/fail counts to the file named by DAVAR_JEST_SUMMARY, one JSON line per run:
 * `npm test` runs jest twice (the fast tiers in parallel, the real stack one file at a time) and CI sums them.
 */
const fs = require('node:fs');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.DAVAR_JEST_SUMMARY;
    if (!file) return;
    const { numPassedTests, numFailedTests, numTotalTestSuites, numFailedTestSuites } = results;
    fs.appendFileSync(
      file,
      `${JSON.stringify({ numPassedTests, numFailedTests, numTotalTestSuites, numFailedTestSuites })}\n`,
    );
  }
}

module.exports = SummaryReporter;
