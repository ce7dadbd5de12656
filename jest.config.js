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
  // On Node ≥ 22 the product loads better-sqlite3 13.x (src/throwaway/sqliteDriver.ts); jest's own module
  // registry ignores the require.cache swap that does it, so the same choice is made here.
  moduleNameMapper:
    Number(process.versions.node.split('.')[0]) >= 22 ? { '^better-sqlite3(/.*)?$': 'better-sqlite3-13$1' } : {},
  setupFiles: ['<rootDir>/__tests__/helpers/setup.js'],
  // The npm scripts run Jest with `node --liftoff-only` (workers inherit it), as the CLI and the Action run
  // the product: with wasm tier-up, V8 is still compiling the engine in the background when a worker is
  // told to exit, the exit waits for it (~0.7 s after a check with drift), and Jest reports a worker that
  // "failed to exit gracefully". There is no open handle behind that message.
};
