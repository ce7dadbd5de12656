#!/usr/bin/env node
'use strict';
// Runs the tsc build in lib/ (made by `npm run build`, which `npm ci` runs via `prepare`).
// It deliberately does not use dist/: that bundle is the Action's.

// Wasm (PGlite, the schema engine) stays in V8's baseline compiler. A check lives a few
// seconds; the optimising tier-up competes for the runner's 2 cores and costs ~100 MiB on
// Node 20 and ~600 MiB on Node 24 (docs/BENCHMARKS.md). The flag must be set before any wasm
// is compiled. Node 20 takes it at run time; Node 24 ignores it there, so on Node ≥ 22 this
// process replaces itself (execve: same pid, stdio, signals and exit code) with one started
// with the flag, as the Action's dist/launch.js does. PRISMA_DRIFT_GATE_WASM_TIERUP=1 keeps
// V8's default.
if (!process.env.PRISMA_DRIFT_GATE_WASM_TIERUP && !process.execArgv.includes('--liftoff-only')) {
  const canExec = typeof process.execve === 'function' && process.platform !== 'win32';
  if (canExec && Number(process.versions.node.split('.')[0]) >= 22) {
    const argv = [process.execPath, ...process.execArgv, '--liftoff-only', __filename, ...process.argv.slice(2)];
    process.execve(process.execPath, argv, process.env);
  }
  require('node:v8').setFlagsFromString('--liftoff-only');
}
require('../lib/cli.js').main();
