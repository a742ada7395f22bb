/**
 * Appends each jest run's pass/fail counts to the file named by DAVAR_JEST_SUMMARY, one JSON line per run:
 * `npm test` runs jest twice (the fast tiers in parallel, the real stack one file at a time), CI runs the real
 * stack once more on Temporal Server (DAVAR_ENGINE=server), and CI sums them. Each line says its engine and time.
 */
const fs = require('node:fs');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.DAVAR_JEST_SUMMARY;
    if (!file) return;
    const { numPassedTests, numFailedTests, numTotalTestSuites, numFailedTestSuites, startTime } = results;
    const engine = process.env.DAVAR_ENGINE || 'dev';
    const durationS = Math.round((Date.now() - startTime) / 1000);
    fs.appendFileSync(
      file,
      `${JSON.stringify({ engine, numPassedTests, numFailedTests, numTotalTestSuites, numFailedTestSuites, durationS })}\n`,
    );
  }
}

module.exports = SummaryReporter;
