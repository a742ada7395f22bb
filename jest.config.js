/**
 * Three tiers, fastest first (STYLE.md "Tests"); one Temporal dev server, one database and one workflow bundle
 * for the whole run: see test/global-setup.ts.
 */
const tsJest = ['ts-jest', {}];
const project = (displayName, testMatch, setupFiles = []) => ({
  displayName,
  testMatch,
  setupFiles,
  transform: { '^.+\\.ts$': tsJest },
  testEnvironment: 'node',
});
// The tiers that run express apps (the API, the gateway simulator) read request bodies inside the jest sandbox.
const bodyDecoder = ['<rootDir>/test/setup-body-decoder.ts'];
module.exports = {
  // Real timers of the fast policy (seconds), never mocks; a test waits for the condition it asserts.
  testTimeout: 90000,
  maxConcurrency: 12,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  projects: [
    project('unit', ['<rootDir>/test/unit/**/*.test.ts'], bodyDecoder),
    project('workflow', ['<rootDir>/test/workflow/**/*.test.ts']),
    project('integration', ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/e2e/**/*.test.ts'], bodyDecoder),
  ],
};
