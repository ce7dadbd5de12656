'use strict';
// npm run soak: the fault soak of __tests__/deploy.soak.e2e.test.ts with more trials than CI runs.
// SOAK_PG_TRIALS (default 100), SOAK_SQLITE_TRIALS (40), SOAK_PAIRS (10) and SOAK_SEED override;
// SOAK_REPORT=<file> appends each summary line as JSON.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const env = { SOAK_PG_TRIALS: '100', SOAK_SQLITE_TRIALS: '40', SOAK_PAIRS: '10', ...process.env };
const tsc = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
const jest = spawnSync(
  process.execPath,
  [
    '--experimental-vm-modules',
    '--no-warnings=ExperimentalWarning',
    path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
    '__tests__/deploy.soak.e2e.test.ts',
  ],
  { cwd: root, env, stdio: 'inherit' },
);
process.exit(jest.status ?? 1);
