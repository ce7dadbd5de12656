/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/__tests__/tsconfig.json' }],
  },
  // Each PGlite instance holds a few hundred MB; the CI machine has 2 cores.
  maxWorkers: 2,
  testTimeout: 120000,
  setupFiles: ['<rootDir>/__tests__/helpers/setup.js'],
};
