#!/usr/bin/env node
'use strict';
// Runs the tsc build in lib/ (made by `npm run build`, which `npm ci` runs via `prepare`).
// It deliberately does not use dist/: that bundle carries a Node 24 native binary for the Action.
require('../lib/cli.js').main();
