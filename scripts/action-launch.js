'use strict';
// The Action's entry (action.yml `runs.main`, copied to dist/launch.js by build-dist.sh).
//
// `runs.using: node24` starts this file with no way to pass Node flags, and wasm (PGlite, the
// schema engine) then tiers up to TurboFan: on a 163-migration PostgreSQL project that cost
// 845 MiB and 2.1 s against the CLI's 270 MiB and 1.5 s. v8.setFlagsFromString() at run time
// has no effect on Node 24 and workers refuse the flag. So this file replaces itself with
// `node --liftoff-only index.js` through execve(2): the same process (pid, stdio, environment,
// signals, exit code), with nothing left of this one: no second process to forward signals to
// or to count in memory.
const path = require('node:path');

const MIN_NODE = 22; // dist/ ships better-sqlite3 13.x, whose binaries need it.
if (Number(process.versions.node.split('.')[0]) < MIN_NODE) {
  // The Action's checkout has package.json beside dist/: pin the CLI to the same version.
  const version = require(path.join(__dirname, '..', 'package.json')).version;
  process.stdout.write(
    `::error::prisma-drift-gate's Action needs Node ≥ ${MIN_NODE} (action.yml says node24); this is Node ` +
      `${process.versions.node}. Run the CLI instead: npx prisma-drift-gate@${version} check\n`,
  );
  process.exit(2);
}

const index = path.join(__dirname, 'index.js');
const flags = process.env.PRISMA_DRIFT_GATE_WASM_TIERUP ? [] : ['--liftoff-only'];
if (flags.length && typeof process.execve === 'function') {
  // Node flags this process got (tests pass --expose-gc this way) go on to the new image.
  process.execve(process.execPath, [process.execPath, ...process.execArgv, ...flags, index], process.env);
}
// Node 22 before 22.15 has no execve: run in this process, correct but with wasm tier-up.
require(index);
