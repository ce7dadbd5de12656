#!/usr/bin/env node
'use strict';
// Runs the tsc build in lib/ (made by `npm run build`, which `npm ci` runs via `prepare`).
// It deliberately does not use dist/: that bundle is the Action's. The work runs in a watched
// child process (bin/supervise.js says why); PRISMA_DRIFT_GATE_PROGRESS_FD marks that child.
const path = require('node:path');

if (process.env.PRISMA_DRIFT_GATE_PROGRESS_FD !== undefined) {
  require('../lib/cli.js').main();
} else {
  const { supervise, timeoutSeconds } = require('./supervise.js');
  const args = process.argv.slice(2);
  supervise({ entry: path.join(__dirname, 'prisma-drift-gate.js'), args, seconds: timeoutSeconds(args) });
}
