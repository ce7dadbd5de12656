'use strict';
// The Action's entry (action.yml `runs.main`, copied to dist/launch.js by build-dist.sh).
//
// `runs.using: node24` starts this file with no way to pass Node flags. The check itself runs
// in a watched child, `node --liftoff-only index.js` (supervise.js, copied from bin/, says why):
// wasm tier-up cost 845 MiB and 2.1 s against 270 MiB and 1.5 s on a 163-migration project,
// and only another process can end a migration that loops inside SQLite or PGlite.
const path = require('node:path');

const MIN_NODE = 22; // dist/ ships better-sqlite3 13.x, whose binaries need it.
if (Number(process.versions.node.split('.')[0]) < MIN_NODE) {
  process.stdout.write(
    `::error::prisma-drift-gate's Action needs Node ≥ ${MIN_NODE} (action.yml says node24); this is Node ` +
      `${process.versions.node}. Run the CLI instead: npx prisma-drift-gate check\n`,
  );
  process.exit(2);
}

const { supervise, timeoutSeconds } = require('./supervise.js');
supervise({
  entry: path.join(__dirname, 'index.js'),
  args: [],
  seconds: timeoutSeconds([], process.env['INPUT_TIMEOUT-SECONDS']),
});
