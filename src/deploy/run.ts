import { timedOutProblem } from '../watchdog';
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fail, ok, type Problem, type Result } from '../problem';
import { describeProject, loadProject } from '../project';
import { deploy, resolve, status, type Prepared, type Progress } from './commands';
import { classifyHistory } from './history';
import { codeMigrationRefusal, databaseProblem, lockMismatch } from './refusals';
import { LOCK_TIMEOUT_MS } from './targetDb';
import { emptyDeployReport, type DeployCommand, type DeployOptions, type DeployReport } from './report';
import { missingFileNote, pickDatabaseUrl, resolveTarget } from './target';

export { deployExitCode, namesIn } from './report';
export type { DeployCommand, DeployOptions, DeployReport } from './report';

export async function runDeployCommand(command: DeployCommand, opts: DeployOptions): Promise<DeployReport> {
  const t0 = performance.now();
  const report = emptyDeployReport(command);
  const timedOut = timedOutProblem();
  if (timedOut) {
    report.errors.push(timedOut);
    report.result = 'error';
    return report;
  }
  const done = (result?: string) => {
    if (result) report.result = result;
    else if (report.errors.length > 0 && report.result !== 'failed' && report.result !== 'refused') {
      report.result = 'error';
    }
    report.durationMs = Math.round(performance.now() - t0);
    return report;
  };
  const next = preflight(command, opts, report);
  if (next.kind === 'problem') report.errors.push(next.problem);
  if (next.kind !== 'open') return done(next.result);
  return done(await onDatabase(command, opts, next.prepared, report));
}

/**
 * What can be decided before the database is opened: a problem (result `error` unless it says
 * otherwise), an answer that needs no database, or the prepared project to open it with.
 */
type Preflight =
  | { kind: 'problem'; problem: Problem; result?: string }
  | { kind: 'answered'; result: string }
  | { kind: 'open'; prepared: Prepared };

function preflight(command: DeployCommand, opts: DeployOptions, report: DeployReport): Preflight {
  if (command === 'resolve' && !opts.resolve?.applied === !opts.resolve?.rolledBack) {
    const message = 'resolve needs exactly one of --applied <migration> or --rolled-back <migration>.';
    return { kind: 'problem', problem: { message } };
  }
  const prepared = prepare(opts, report);
  if (!prepared.ok) return { kind: 'problem', problem: prepared.problem };
  const { chain, target } = prepared.value;
  // Checked before the database is opened: a typo must not create a file or a table.
  const applied = opts.resolve?.applied;
  if (command === 'resolve' && applied && !chain.some((m) => m.name === applied)) {
    const message =
      `migration "${applied}" is not in ${report.migrationsDir} (P3017). Give the folder name exactly, ` +
      `e.g. ${chain[0]?.name ?? '20240101000000_init'}. Nothing changed.`;
    return { kind: 'problem', problem: { message }, result: 'refused' };
  }
  if (target.provider === 'sqlite' && !fs.existsSync(target.file!) && (command === 'status' || opts.dryRun)) {
    // Reading must not create the file: a missing database is an empty one, all pending.
    report.migrations = classifyHistory(chain, []);
    report.plan = command === 'deploy' ? chain.map((m) => ({ name: m.name, checksum: m.checksum })) : [];
    report.deployed = report.plan.map((p) => p.name);
    if (command === 'status' && opts.drift) report.notes.push('--drift skipped: the database file does not exist yet.');
    return { kind: 'answered', result: command === 'deploy' ? 'dry-run' : chain.length > 0 ? 'behind' : 'up-to-date' };
  }
  return { kind: 'open', prepared: prepared.value };
}

async function onDatabase(
  command: DeployCommand,
  opts: DeployOptions,
  prepared: Prepared,
  report: DeployReport,
): Promise<string | undefined> {
  const { chain, target } = prepared;
  // Drivers load on use: pg for PostgreSQL, better-sqlite3 for SQLite.
  const readonly = command === 'status' || Boolean(opts.dryRun);
  const opened =
    target.provider === 'postgresql'
      ? await (await import('./pgTarget')).openPgTarget(target, `prisma-drift-gate ${command}`)
      : await (await import('./sqliteTarget')).openSqliteTarget(target, { readonly, lockTimeoutMs: lockMs(opts) });
  if (!opened.ok) {
    report.errors.push(opened.problem);
    return undefined;
  }
  await using db = opened.value;
  const progress: Progress = {};
  try {
    if (command === 'deploy') return await deploy(db, prepared, opts, report, progress);
    if (command === 'status') return await status(db, chain, prepared, opts, report);
    return await resolve(db, chain, opts, report);
  } catch (e) {
    // The database failed under us (busy, not a database, permission, connection lost): an
    // answer for the user, with the migration that was running, not an internal error.
    report.errors.push(databaseProblem(e, target, progress.inFlight, lockMs(opts)));
    return progress.inFlight ? 'failed' : 'error';
  }
}

const lockMs = (opts: DeployOptions) => (opts.lockTimeoutSeconds ?? LOCK_TIMEOUT_MS / 1000) * 1000;

/** Project → URL → target, with the refusals that need no database. */
function prepare(opts: DeployOptions, report: DeployReport): Result<Prepared> {
  const loaded = loadProject({ cwd: opts.cwd, schema: opts.schema, migrations: opts.migrations });
  const known = loaded.ok ? loaded.value : loaded.partial;
  if (known.config?.fallback) report.notes.push(known.config.fallback);
  Object.assign(report, describeProject(known, opts.cwd));
  if (!loaded.ok) return { ok: false, problem: loaded.problem };
  const { config, schema, chain, provider, codeMigrations } = loaded.value;
  // Applying around a code migration would run the SQL ones out of the order they were written in.
  if (codeMigrations.length > 0 && report.command === 'deploy') {
    report.result = 'refused';
    return fail(codeMigrationRefusal(codeMigrations, report.migrationsDir ?? schema.migrationsDir));
  }
  if (codeMigrations.length > 0) report.notes.push(`Code-migration folders left out: ${codeMigrations.join(', ')}.`);
  const env = opts.env ?? process.env;
  const picked = pickDatabaseUrl({ flag: opts.databaseUrl, config: config?.url, env, schemaFiles: schema.files });
  if (!picked.ok) return picked;
  const target = resolveTarget(picked.value.url, picked.value.source, schema.dir);
  if (!target.ok) return target;
  report.provider = target.value.provider;
  report.target = target.value.display;
  if (target.value.provider !== provider.provider) {
    return fail(
      `${picked.value.source} points at a ${target.value.provider} database, but the schema's datasource says ` +
        `"${provider.provider}". Use the URL of the database this schema describes.`,
    );
  }
  const lock = loaded.value.lockedProvider;
  if (lock && lock !== target.value.provider)
    return fail(lockMismatch(schema.migrationsDir, lock, target.value, opts.cwd));
  const note = missingFileNote(target.value);
  if (note) report.notes.push(note);
  const external = { externalTables: config?.externalTables ?? [], externalEnums: config?.externalEnums ?? [] };
  return ok({ schema, chain, target: target.value, ...external });
}
