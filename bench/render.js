'use strict';
// docs/BENCHMARKS.md from one bench run's rows (pure: bench/run.js measures, this formats).

const fmt = (s, unit, digits = 0) =>
  `${s.median.toFixed(digits)} ${unit} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
const x = (r) => (r === undefined ? '–' : `${r.toFixed(2)}×`);
const cell = (col) => (col ? `${fmt(col.wall, 'ms')}, ${fmt(col.rss, 'MiB')}` : '–');

/** The targets, met or not, from this run's numbers. */
function targets(rows, cold) {
  const find = (name) => rows.find((r) => r.w.name === name);
  const out = ['## Targets', '', '| target | measured | met |', '| --- | --- | --- |'];
  const row = (target, measured, met) => out.push(`| ${target} | ${measured} | ${met ? 'yes' : '**no**'} |`);
  for (const r of rows.filter((r) => r.action)) {
    const worst = { wall: Math.max(r.vs20.wall, r.vs24.wall), rss: Math.max(r.vs20.rss, r.vs24.rss) };
    row(
      `${r.w.name}: the Action ≤ 1.10× the CLI's wall time`,
      `${x(r.vs20.wall)} vs Node 20, ${x(r.vs24.wall)} vs Node 24`,
      worst.wall <= 1.1,
    );
    row(
      `${r.w.name}: the Action ≤ 1.2× the CLI's peak memory`,
      `${x(r.vs20.rss)} vs Node 20, ${x(r.vs24.rss)} vs Node 24`,
      worst.rss <= 1.2,
    );
  }
  const pg170 = find('postgresql 170 migrations');
  if (pg170) {
    row('PostgreSQL, 170 migrations: ≤ 1/3 of the naive wall time', x(pg170.vsNaive.wall), pg170.vsNaive.wall <= 1 / 3);
    row('PostgreSQL, 170 migrations: ≤ 60 % of the naive peak memory', x(pg170.vsNaive.rss), pg170.vsNaive.rss <= 0.6);
  }
  const sq40 = find('sqlite 40 migrations');
  if (sq40) {
    row(
      'SQLite, 40 migrations: ≤ 0.4 s (the CLI, Node 20)',
      `${sq40.cli.wall.median.toFixed(0)} ms`,
      sq40.cli.wall.median <= 400,
    );
    row(
      'SQLite, 40 migrations: ≤ 0.4 s (the Action, Node 24)',
      `${sq40.action.wall.median.toFixed(0)} ms`,
      sq40.action.wall.median <= 400,
    );
  }
  const pg1000 = find('postgresql 1000 migrations');
  if (pg1000)
    row(
      'PostgreSQL, 1,000 migrations: ≤ 4 s',
      `${pg1000.cli.wall.median.toFixed(0)} ms`,
      pg1000.cli.wall.median <= 4000,
    );
  const perMigration = rows
    .filter((r) => r.w.provider === 'postgresql' && r.w.exit === 0 && r.timings && r.w.n >= 40)
    .map((r) => `${r.w.n}: ${(r.timings.replayMs / r.w.n).toFixed(1)}`);
  if (perMigration.length)
    out.push(`| PostgreSQL replay grows linearly (ms per migration, last run) | ${perMigration.join(', ')} | – |`);
  for (const [n, limit] of [
    [170, 800],
    [1000, 2500],
  ]) {
    const r = find(`postgresql ${n} migrations`);
    if (r?.warm)
      row(
        `PostgreSQL, ${n} migrations, warm (--cache-dir): ≤ ${limit / 1000} s`,
        `${r.warm.wall.median.toFixed(0)} ms (${x(r.vsCold.wall)} of cold)`,
        r.warm.wall.median <= limit,
      );
  }
  row("The Action's cold start under Node 24: ≤ 1.5 s", `${cold.median.toFixed(0)} ms`, cold.median <= 1500);
  return [...out, ''];
}

function render(rows, cold, meta) {
  const env =
    Object.entries(meta.env)
      .map(([k, v]) => `\`${k}=${v}\``)
      .join(', ') || 'none';
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (bench/run.js). Machine: ${meta.machine}; Node ${meta.node20} and ${meta.node24}; commit ${meta.commit}; ${new Date().toISOString().slice(0, 10)}.`,
    '',
    `Whole processes, ${meta.runs} interleaved rounds (each round runs every column once, in a rotating order); medians with min–max. Every process's exit code is checked against the expected one (0 in sync, 1 drift, 2 broken) and the bench fails on any other.`,
    `Peak memory is summed over the process tree (the Action's launcher and its worker): each process's own peak, polled from /proc every 20 ms, with the largest taken exactly from GNU time. Ratios are computed round by round, then the median is taken: this machine is shared and noisy.`,
    `Start-up variables, the same for every column: ${env}.`,
    '',
    ...targets(rows, cold),
    `## The Action as a runner runs it`,
    '',
    `\`${meta.action}\` (action.yml's \`runs.main\`) under Node 24 with the runner's \`GITHUB_*\`/\`INPUT_*\` variables, next to the CLI (\`bin/prisma-drift-gate.js check --json\`) on Node 20 and Node 24. Each cell: wall time, peak memory.`,
    '',
    '| workload | CLI, Node 20 | CLI, Node 24 | Action, Node 24 | processes | Action ÷ CLI 20 (time, memory) | Action ÷ CLI 24 (time, memory) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows.filter((r) => r.action)) {
    lines.push(
      `| ${r.w.name} | ${cell(r.cli)} | ${cell(r.cli24)} | ${cell(r.action)} | ${r.action.processes} | ${x(r.vs20.wall)}, ${x(r.vs20.rss)} | ${x(r.vs24.wall)}, ${x(r.vs24.rss)} |`,
    );
  }
  lines.push(
    '',
    '## Synthetic histories (the CLI, Node 20)',
    '',
    '| workload | ours: wall | ours: peak | naive: wall | naive: peak | time ratio | memory ratio | real PG server: wall |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const r of rows.filter((r) => r.w.synthetic)) {
    lines.push(
      `| ${r.w.name} | ${fmt(r.cli.wall, 'ms')} | ${fmt(r.cli.rss, 'MiB')} | ${fmt(r.naive.wall, 'ms')} | ${fmt(r.naive.rss, 'MiB')} | ${x(r.vsNaive.wall)} | ${x(r.vsNaive.rss)} | ${r.server ? fmt(r.server.wall, 'ms') : '–'} |`,
    );
  }
  lines.push(
    '',
    '## Warm replay cache (the CLI, Node 20, `--cache-dir` with the whole chain cached)',
    '',
    '| workload | cold: wall | cold: peak | warm: wall | warm: peak | warm ÷ cold (time) |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const r of rows.filter((r) => r.warm)) {
    lines.push(
      `| ${r.w.name} | ${fmt(r.cli.wall, 'ms')} | ${fmt(r.cli.rss, 'MiB')} | ${fmt(r.warm.wall, 'ms')} | ${fmt(r.warm.rss, 'MiB')} | ${x(r.vsCold.wall)} |`,
    );
  }
  lines.push(
    '',
    '## Where the time goes (the CLI, last run, from `timings`)',
    '',
    '| workload | process start | engine wait | DB start | replay | diff | round trip | total in check |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const r of rows) {
    const t = r.timings;
    if (t)
      lines.push(
        `| ${r.w.name} | ${t.startMs} | ${t.engineLoadMs} | ${t.dbStartMs} | ${t.replayMs} | ${t.diffMs} | ${t.roundTripMs} | ${t.totalMs} |`,
      );
  }
  lines.push('', '## Fixtures (the CLI, Node 20)', '', '| fixture | exit | wall | peak |', '| --- | --- | --- | --- |');
  for (const r of rows.filter((r) => !r.w.synthetic))
    lines.push(
      `| ${r.w.name.replace('fixture ', '')} | ${r.w.exit} | ${fmt(r.cli.wall, 'ms')} | ${fmt(r.cli.rss, 'MiB')} |`,
    );
  lines.push(
    '',
    "## The Action's cold start (Node 24, stops at input validation, exit 1)",
    '',
    `${fmt(cold, 'ms')}.`,
    '',
  );
  return lines.join('\n');
}

module.exports = { render };
