'use strict';
// Where the review's time goes, in one check: `node bench/reviewPhases.js <dir>` wraps the review's
// steps as check.js calls them (module properties, read at each call) and prints each one's total
// wall time in ms. A direct reading, where an on/off A/B of whole processes drowns in a shared
// machine's noise. The parser's compile overlaps the replay (preloadParser) and is not counted.
const { performance } = require('node:perf_hooks');
const plan = require('../lib/review/plan');
const renames = require('../lib/checkRenames');

const spent = {};
function timed(mod, name) {
  const inner = mod[name];
  mod[name] = async (...args) => {
    const t0 = performance.now();
    try {
      return await inner(...args);
    } finally {
      spent[name] = (spent[name] ?? 0) + performance.now() - t0;
    }
  };
}
for (const name of ['beforeMigration', 'afterReplay', 'prepareSuggestion', 'reviewPlanned']) timed(plan, name);
timed(renames, 'proveHistoryRenames');

const { runCheck } = require('../lib/check');
runCheck({ cwd: process.argv[2], base: 'main' }).then((r) => {
  const ms = Object.fromEntries(Object.entries(spent).map(([k, v]) => [k, Math.round(v)]));
  const rules = r.review.map((f) => f.rule);
  process.stdout.write(JSON.stringify({ totalMs: r.timings.totalMs, ms, rules }) + '\n');
});
