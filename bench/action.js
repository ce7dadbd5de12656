'use strict';
// BENCH_SECTIONS=action: only the Action next to the CLI (Node 20, Node 24) on the synthetic 40 and
// 170-migration histories, in sync and drifting, printed. The Action and the Node 24 CLI are the same two
// processes on the same Node, so their ratio sits near 1.0 and a 5-round median moves by about ±0.1 on
// this shared machine: this section lets that cell be re-measured with more rounds (BENCH_RUNS) in
// minutes, without the naive pipeline, the server and the fixtures of a whole run.
const { interleaved } = require('./measure');

const WALL = 1.1;
const MEMORY = 1.2;
const times = (x) => `${x.toFixed(2)}×`;

/** Rows of a markdown table; `columns` (cli, cli24, action) and `summarise` are bench/run.js's own. */
async function actionSection(workloads, { columns, summarise, runs }) {
  const rows = [];
  for (const w of workloads) {
    process.stderr.write(`bench: ${w.name} (the Action's columns only)\n`);
    rows.push(summarise(w, await interleaved(w.name, columns(w), runs)));
  }
  const met = (r) => Math.max(r.vs20.wall, r.vs24.wall) <= WALL && Math.max(r.vs20.rss, r.vs24.rss) <= MEMORY;
  return [
    `The Action's columns alone, ${runs} interleaved rounds (\`BENCH_SECTIONS=action\`): the Action ÷ the CLI, ` +
      `paired per round, targets ≤ ${WALL}× time and ≤ ${MEMORY}× peak memory (summed over the process tree).`,
    '',
    '| workload | Action ÷ CLI 20 (time, memory) | Action ÷ CLI 24 (time, memory) | met |',
    '| --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.w.name} | ${times(r.vs20.wall)}, ${times(r.vs20.rss)} | ${times(r.vs24.wall)}, ${times(r.vs24.rss)} | ` +
        `${met(r) ? 'yes' : '**no**'} |`,
    ),
  ];
}

module.exports = { actionSection };
