'use strict';
// One check in its own process, for the review section of the bench: `node bench/reviewCase.js <dir> <mode>`,
// mode `pull-request` (the default review: the migrations new since main, and the suggestion) or `off`.
// Prints the in-process total, the process's CPU time and the rules found; exits as the CLI would.
const { exitCodeOf, runCheck } = require('../lib/check');

const [dir, mode] = process.argv.slice(2);
runCheck({ cwd: dir, base: 'main', review: mode }).then((r) => {
  const rules = r.review.map((f) => `${f.rule} ${f.migration}:${f.line}`);
  // CPU time of the whole process (every thread): on this shared machine it moves far less with the
  // load of other processes than wall time does.
  const cpu = process.cpuUsage();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(JSON.stringify({ totalMs: r.timings.totalMs, cpuMs, rules, errors: r.errors }) + '\n');
  process.exitCode = exitCodeOf(r);
});
