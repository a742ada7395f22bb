/** One Temporal dev server and one database for the whole run: see test/global-setup.ts. */
const tsJest = ['ts-jest', {}];
module.exports = {
  // Integration tests wait on real timers of the fast policy (seconds), never on mocks.
  testTimeout: 90000,
  maxConcurrency: 12,
  projects: [
    {
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
      testEnvironment: 'node',
    },
    {
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/e2e/**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
  ],
};
