#!/usr/bin/env bash
# Bundles src/index.ts into <out>/index.js (+ licenses.txt). Used by build-dist.sh and by the
# stale-dist test, so both bundle exactly the same way.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:?usage: ncc-build.sh <out-dir>}
# Two packages stay real packages beside the bundle, in dist/node_modules:
#  - PGlite: its CommonJS build uses dynamic import() of Node built-ins and finds its wasm and
#    extension tarballs relative to its own files; ncc's rewriting breaks both.
#  - better-sqlite3: a native addon, found at run time (13.x with prebuilds; see build-dist.sh).
EXTERNALS=(-e @electric-sql/pglite -e better-sqlite3 -e better-sqlite3/package.json)
for sub in $(grep -o "require('@electric-sql/pglite/[^']*')" src/throwaway/pgExtensions.ts | sed "s/require('//; s/')//"); do EXTERNALS+=(-e "$sub"); done
# Minified: V8 compiles the whole bundle at start-up, and minifying halves that (102 -> 52 ms of a
# 0.5 s SQLite check, measured with --cpu-prof). Messages never depend on code names.
# Built from a staged copy whose tsconfig says `module: node16`: there TypeScript keeps `await import()`
# as import() instead of turning it into require(), so ncc splits what is loaded lazily (the GitHub client
# and its undici, node-postgres, the review's parser, PGlite's glue) into chunk files beside index.js. The
# runner then compiles ~0.5 MB at start-up instead of 1.4 MB: the Action's start fell from 1.34x to 1.04x
# the CLI's CPU time, and 6 MiB (whole processes, 20 interleaved A/B runs). lib/ keeps `module: commonjs` (jest and the CLI).
# The stage has a fixed place in the repository: webpack's chunk ids hash module paths relative to it,
# so a temporary folder's random name would change the bundle on every build.
STAGE="$PWD/.ncc-stage"
rm -rf "$STAGE" && mkdir "$STAGE"
trap 'rm -rf "$STAGE"' EXIT
cp -r src package.json "$STAGE/"
ln -s ../node_modules "$STAGE/node_modules"
cat >"$STAGE/tsconfig.json" <<'JSON'
{ "extends": "../tsconfig.json",
  "compilerOptions": { "module": "node16", "moduleResolution": "node16", "rootDir": "src", "outDir": "lib" },
  "include": ["src"] }
JSON
OUT_ABS=$(mkdir -p "$OUT" && cd "$OUT" && pwd)
(cd "$STAGE" && npx ncc build src/index.ts -o "$OUT_ABS" --minify --license licenses.txt --quiet --transpile-only \
  "${EXTERNALS[@]}")
