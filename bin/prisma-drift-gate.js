#!/usr/bin/env node
'use strict';
// Runs the tsc build in lib/ (made by `npm run build`, which `npm ci` runs via `prepare`).
// It deliberately does not use dist/: that bundle carries a Node 24 native binary for the Action.

// Wasm (PGlite, the schema engine) stays in V8's baseline compiler. A check lives a few
// seconds; the optimising tier-up competes for the runner's 2 cores and costs ~100 MiB.
// Measured (docs/BENCHMARKS.md): 40-migration SQLite check 1.0 s -> 0.6 s, 170-migration
// PostgreSQL check 4.6 s -> 3.3 s, at the price of ~10 % on a 1,000-migration replay. It must
// be set before any wasm is compiled; Node 24 ignores it at run time (the Action's dist
// does not use this file). PRISMA_DRIFT_GATE_WASM_TIERUP=1 keeps V8's default.
if (!process.env.PRISMA_DRIFT_GATE_WASM_TIERUP) require('node:v8').setFlagsFromString('--liftoff-only');
require('../lib/cli.js').main();
