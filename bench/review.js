'use strict';
// The review section of the bench: what the deploy-risk review costs a PostgreSQL check, measured A/B
// (review on, review off) in the same rounds on the same pull request, whole processes. Budgets (issue 16):
// +100 ms for a pull request adding 5 migrations, 0 ms when nothing is reviewed, and a probable-rename
// proof at most 300 ms more.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { generate } = require('./generate');
const { interleaved } = require('./measure');

const CASE = path.join(__dirname, 'reviewCase.js');
const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b' };
Object.assign(GIT_ENV, { GIT_COMMITTER_EMAIL: 'b@b', GIT_CONFIG_NOSYSTEM: '1' });
const git = (dir, ...args) => execFileSync('git', args, { cwd: dir, env: GIT_ENV, stdio: 'ignore' });

/** Prisma's migration for T3.name renamed to title (DROP + ADD: the probable rename the review proves). */
const RENAME =
  '\n-- DropIndex\nDROP INDEX "T3_name_idx";\n\n-- AlterTable\nALTER TABLE "T3" DROP COLUMN "name",\n' +
  'ADD COLUMN     "title" TEXT NOT NULL;\n\n-- CreateIndex\nCREATE INDEX "T3_title_idx" ON "T3"("title");\n';

function renameInSchema(schema) {
  const start = schema.indexOf('model T3 {');
  const end = schema.indexOf('}', start);
  const model = schema
    .slice(start, end)
    .replace('  name      String', '  title     String')
    .replace('[name]', '[title]');
  return schema.slice(0, start) + model + schema.slice(end);
}

/**
 * A git repository from the synthetic 15-migration history: main holds the first 15 - `added`
 * migrations, the `pr` branch the rest (the schema is the final one on both).
 */
function pullRequest(from, to, added, rename) {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
  const mdir = path.join(to, 'prisma', 'migrations');
  const names = fs
    .readdirSync(mdir)
    .filter((n) => /^\d/.test(n))
    .sort();
  const own = names.slice(names.length - added);
  const aside = path.join(to, '..', `${path.basename(to)}-aside`);
  fs.rmSync(aside, { recursive: true, force: true });
  fs.mkdirSync(aside);
  for (const n of own) fs.renameSync(path.join(mdir, n), path.join(aside, n));
  git(to, 'init', '-q', '-b', 'main');
  git(to, 'add', '-A');
  git(to, 'commit', '-q', '-m', 'base');
  git(to, 'checkout', '-q', '-b', 'pr');
  for (const n of own) fs.renameSync(path.join(aside, n), path.join(mdir, n));
  if (rename) {
    // `migration`: the rename is in the pull request's last migration; `suggestion`: only in the schema.
    if (rename === 'migration') fs.appendFileSync(path.join(mdir, own[own.length - 1], 'migration.sql'), RENAME);
    const schema = path.join(to, 'prisma', 'schema.prisma');
    fs.writeFileSync(schema, renameInSchema(fs.readFileSync(schema, 'utf8')));
  }
  git(to, 'add', '-A');
  git(to, 'commit', '-q', '--allow-empty', '-m', 'pr');
  return to;
}

async function reviewWorkloads(work) {
  const history = await generate(work, 'postgresql', 15);
  return [
    {
      name: 'PostgreSQL, the pull request adds nothing (nothing reviewed)',
      dir: pullRequest(history, `${history}-r0`, 0),
    },
    { name: 'PostgreSQL, the pull request adds 5 migrations', dir: pullRequest(history, `${history}-r5`, 5) },
    {
      name: 'PostgreSQL, 5 migrations, the suggestion a probable rename (proved: one more engine diff)',
      dir: pullRequest(history, `${history}-r5-suggestion`, 5, 'suggestion'),
      exit: 1,
    },
    {
      name: 'PostgreSQL, 5 migrations, one with a probable rename (proved: the tail rolled back, replayed, diffed)',
      dir: pullRequest(history, `${history}-r5-rename`, 5, 'migration'),
    },
  ];
}

/** The median of run-by-run differences a[i] - b[i] (same round). */
function pairedDiff(a, b, pick) {
  const d = a.map((r, i) => pick(r) - pick(b[i])).sort((x, y) => x - y);
  return d[Math.floor(d.length / 2)];
}
const inProcess = (r) => JSON.parse(r.stdout).totalMs;
const cpu = (r) => JSON.parse(r.stdout).cpuMs;

async function reviewSection(work, runs) {
  const rows = [];
  for (const w of await reviewWorkloads(work)) {
    process.stderr.write(`bench: ${w.name}\n`);
    const exit = w.exit ?? 0;
    const col = (label, mode) => ({ label, cmd: process.execPath, args: [CASE, w.dir, mode], opts: {}, exit });
    const results = await interleaved(w.name, [col('on', 'pull-request'), col('off', 'off')], runs);
    const rules = JSON.parse(results.on[0].stdout).rules;
    rows.push({
      w,
      rules,
      wall: pairedDiff(results.on, results.off, (r) => r.wallMs),
      total: pairedDiff(results.on, results.off, inProcess),
      cpu: pairedDiff(results.on, results.off, cpu),
      on: results.on.map(inProcess).sort((a, b) => a - b)[Math.floor(runs / 2)],
    });
  }
  return rows;
}

function renderReview(rows, runs) {
  const ms = (v) => `${v >= 0 ? '+' : ''}${v.toFixed(0)} ms`;
  const lines = [
    '',
    '## The deploy-risk review (PostgreSQL, PGlite)',
    '',
    `\`check --base main\` with the review on and off (\`node bench/reviewCase.js\`), ${runs} interleaved rounds on the ` +
      'same pull request: the 15-migration synthetic history, main holding the first ones. Each cell: the median ' +
      'of the round-by-round differences, on − off: CPU time of the process (user + system, all threads; the ' +
      'steadiest on a shared machine), whole-process wall time, and the check’s own total.',
    '',
    '| workload | findings | on − off (CPU) | on − off (wall) | on − off (in-process) | total with review |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows)
    lines.push(
      `| ${r.w.name} | ${r.rules.length} | ${ms(r.cpu)} | ${ms(r.wall)} | ${ms(r.total)} | ${r.on.toFixed(0)} ms |`,
    );
  return lines;
}

module.exports = { reviewSection, renderReview };
