#!/usr/bin/env bash
# Builds the Action's self-contained dist/ for GitHub's node24 runtime:
#   - the ncc bundle of src/index.ts;
#   - the schema engine's wasm, PGlite's pre-initialised data dir;
#   - better-sqlite3 13.x under its real name, with its prebuilt N-API binaries (no compiler);
#     12.x aborts on Node 24 (src/throwaway/sqliteDriver.ts says why);
#   - launch.js, the action's entry, which re-runs index.js with --liftoff-only.
set -euo pipefail
cd "$(dirname "$0")/.."

rm -rf dist
bash scripts/ncc-build.sh dist
cp node_modules/@prisma/schema-engine-wasm/schema_engine_bg.{js,wasm} dist/
PGLITE_OUT=dist/node_modules/@electric-sql/pglite
mkdir -p "$PGLITE_OUT"
cp node_modules/@electric-sql/pglite/{package.json,LICENSE} "$PGLITE_OUT/" 2>/dev/null || cp node_modules/@electric-sql/pglite/package.json "$PGLITE_OUT/"
(cd node_modules/@electric-sql/pglite && find dist -type f ! -name '*.map' ! -name '*.d.ts' ! -name '*.d.cts' -print0) | while IFS= read -r -d '' f; do
  mkdir -p "$PGLITE_OUT/$(dirname "$f")" && cp "node_modules/@electric-sql/pglite/$f" "$PGLITE_OUT/$f"
done

# Only linux-x64's prebuilt binary: the Action refuses other runners (src/action/main.ts), since
# nothing here tests it there.
mkdir -p dist/node_modules/better-sqlite3
(cd node_modules/better-sqlite3-13 && cp -r --parents package.json LICENSE lib prebuilds/linux-x64.node \
  "$OLDPWD/dist/node_modules/better-sqlite3/")
cp scripts/action-launch.js dist/launch.js
cp bin/supervise.js dist/supervise.js
if [ -f lib/pglite-datadir.tar.gz ]; then cp lib/pglite-datadir.tar.gz dist/; else node scripts/pglite-snapshot.js dist/pglite-datadir.tar.gz; fi
