import { timedOutProblem } from '../watchdog';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { displayPath, fail, ok, type Result } from '../problem';
import { describeProject, loadProject } from '../project';
import { deploy, resolve, status, type Prepared } from './commands';
import { classifyHistory } from './history';
import { databaseProblem, refusal } from './refusals';
import { LOCK_TIMEOUT_MS } from './targetDb';
import {
  deployReport,
  shownOutcome,
  type DeployCommand,
  type DeployOptions,
  type DeployReport,
  type Outcome,
  type ReportHead,
} from './report';
import { missingFileNote, pickDatabaseUrl, resolveTarget } from './target';

export { deployExitCode, namesIn } from './report';
export type { DeployCommand, DeployOptions, DeployReport } from './report';

const NO_HEAD: ReportHead = { provider: null, target: null, schema: [], migrationsDir: null, notes: [] };

/** The orchestration: the project and target first, then the database once, then the report. */
export async function runDeployCommand(command: DeployCommand, opts: DeployOptions): Promise<DeployReport> {
  const t0 = performance.now();
  // The report is what users read: the core's absolute paths are shown relative to the working directory here.
  const report = (head: ReportHead, outcome: Outcome) =>
    deployReport(command, head, shownOutcome(outcome, opts.cwd), Math.round(performance.now() - t0));
  const timedOut = timedOutProblem();
  if (timedOut)
    return deployReport(command, NO_HEAD, shownOutcome({ result: 'error', errors: [timedOut] }, opts.cwd), 0);
  if (command === 'resolve' && !opts.resolve?.applied === !opts.resolve?.rolledBack) {
    return report(NO_HEAD, { result: 'error', errors: [{ message: refusal.resolveNeedsOne() }] });
  }
  const { head, prepared, refused } = prepare(command, opts);
  if (!prepared.ok) return report(head, { result: refused ? 'refused' : 'error', errors: [prepared.problem] });
  const answered = answerWithoutDatabase(command, opts, prepared.value);
  return report(head, answered ?? (await onDatabase(command, opts, prepared.value)));
}

/** What can be answered before the database is opened: a typo, or a SQLite file that does not exist yet. */
function answerWithoutDatabase(command: DeployCommand, opts: DeployOptions, prepared: Prepared): Outcome | undefined {
  const { chain, target, shown } = prepared;
  // Checked before the database is opened: a typo must not create a file or a table.
  const applied = opts.resolve?.applied;
  if (command === 'resolve' && applied && !chain.some((m) => m.name === applied)) {
    return { result: 'refused', errors: [{ message: refusal.P3017(applied, shown.migrationsDir, chain) }] };
  }
  if (target.provider !== 'sqlite' || fs.existsSync(target.file!) || (command !== 'status' && !opts.dryRun)) return;
  // Reading must not create the file: a missing database is an empty one, all pending.
  const plan = command === 'deploy' ? chain.map((m) => ({ name: m.name, checksum: m.checksum })) : [];
  return {
    result: command === 'deploy' ? 'dry-run' : chain.length > 0 ? 'behind' : 'up-to-date',
    migrations: classifyHistory(chain, []),
    plan,
    deployed: plan.map((p) => p.name),
    notes: command === 'status' && opts.drift ? ['--drift skipped: the database file does not exist yet.'] : [],
  };
}

async function onDatabase(command: DeployCommand, opts: DeployOptions, prepared: Prepared): Promise<Outcome> {
  const { target } = prepared;
  // Drivers load on use: pg for PostgreSQL, better-sqlite3 for SQLite.
  const readonly = command === 'status' || Boolean(opts.dryRun);
  const opened =
    target.provider === 'postgresql'
      ? await (await import('./pgTarget')).openPgTarget(target, `prisma-drift-gate ${command}`)
      : await (await import('./sqliteTarget')).openSqliteTarget(target, { readonly, lockTimeoutMs: lockMs(opts) });
  if (!opened.ok) return { result: 'error', errors: [opened.problem] };
  await using db = opened.value;
  try {
    if (command === 'deploy') return await deploy(db, prepared, opts);
    if (command === 'status') return await status(db, prepared, opts);
    return await resolve(db, prepared, opts);
  } catch (e) {
    // The database failed under us (busy, not a database, permission, connection lost): an answer
    // for the user, not an internal error. (A failure while applying is deploy's, with the migration.)
    return { result: 'error', errors: [databaseProblem(e, target, undefined, lockMs(opts))] };
  }
}

const lockMs = (opts: DeployOptions) => (opts.lockTimeoutSeconds ?? LOCK_TIMEOUT_MS / 1000) * 1000;

/** Project → URL → target, with the refusals that need no database; the report's head is known on the way. */
function prepare(
  command: DeployCommand,
  opts: DeployOptions,
): { head: ReportHead; prepared: Result<Prepared>; refused?: boolean } {
  const loaded = loadProject({ cwd: opts.cwd, schema: opts.schema, migrations: opts.migrations });
  const known = loaded.ok ? loaded.value : loaded.partial;
  const head: ReportHead = { ...NO_HEAD, ...describeProject(known, opts.cwd), notes: [] };
  if (known.config?.fallback) head.notes.push(known.config.fallback);
  if (!loaded.ok) return { head, prepared: { ok: false, problem: loaded.problem } };
  const { config, schema, chain, provider, codeMigrations } = loaded.value;
  // Applying around a code migration would run the SQL ones out of the order they were written in.
  if (codeMigrations.length > 0 && command === 'deploy') {
    return { head, prepared: fail(refusal.P3015(codeMigrations, head.migrationsDir!)), refused: true };
  }
  if (codeMigrations.length > 0) head.notes.push(`Code-migration folders left out: ${codeMigrations.join(', ')}.`);
  const env = opts.env ?? process.env;
  const picked = pickDatabaseUrl({ flag: opts.databaseUrl, config: config?.url, env, schemaFiles: schema.files });
  if (!picked.ok) return { head, prepared: picked };
  const target = resolveTarget(picked.value.url, picked.value.source, schema.dir);
  if (!target.ok) return { head, prepared: target };
  Object.assign(head, { provider: target.value.provider, target: target.value.display });
  if (target.value.provider !== provider.provider) {
    return { head, prepared: fail(refusal.providerMismatch(picked.value.source, target.value, provider.provider)) };
  }
  const lock = loaded.value.lockedProvider;
  if (lock && lock !== target.value.provider) {
    const lockFile = displayPath(path.join(schema.migrationsDir, 'migration_lock.toml'), opts.cwd);
    return { head, prepared: fail(refusal.lockMismatch(lockFile, lock, target.value)) };
  }
  const note = missingFileNote(target.value);
  if (note) head.notes.push(note);
  const external = { externalTables: config?.externalTables ?? [], externalEnums: config?.externalEnums ?? [] };
  const shown = { target: head.target, migrationsDir: head.migrationsDir };
  return { head, prepared: ok({ schema, chain, target: target.value, ...external, shown }) };
}
