'use strict';
// One check in its own process, for the review section of the bench: `node bench/reviewCase.js <dir> <mode>`,
// mode `pull-request` (the default review: the migrations new since main, and the suggestion) or `off`.
// Prints the in-process total and the rules found; exits as the CLI would.
const { exitCodeOf, runCheck } = require('../lib/check');

const [dir, mode] = process.argv.slice(2);
runCheck({ cwd: dir, base: 'main', review: mode }).then((r) => {
  const rules = r.review.map((f) => `${f.rule} ${f.migration}:${f.line}`);
  process.stdout.write(JSON.stringify({ totalMs: r.timings.totalMs, rules, errors: r.errors }) + '\n');
  process.exitCode = exitCodeOf(r);
});
