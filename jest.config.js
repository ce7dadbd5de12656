/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/__tests__/tsconfig.json' }],
    // The engine's wasm-bindgen glue is an ES module; Jest's module system needs CommonJS.
    'schema-engine-wasm/.+\\.js$': ['ts-jest', { tsconfig: '<rootDir>/__tests__/tsconfig.json' }],
  },
  transformIgnorePatterns: ['/node_modules/(?!@prisma/schema-engine-wasm/)'],
  // Each PGlite instance holds a few hundred MB; the CI machine has 2 cores.
  maxWorkers: 2,
  testTimeout: 120000,
};
