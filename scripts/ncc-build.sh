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
npx ncc build src/index.ts -o "$OUT" --minify --license licenses.txt --quiet --transpile-only "${EXTERNALS[@]}"
