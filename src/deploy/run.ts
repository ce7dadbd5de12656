import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadChain, type Migration } from '../chain/load';
import type { Provider } from '../schema/provider';
import type { LocatedSchema } from '../schema/locate';
import { describeProject, loadProject } from '../project';
import { displayPath, fail, ok, type Problem, type Result } from '../problem';
import { classifyHistory, type MigrationStatus } from './history';
import type { LiveDrift } from './liveDrift';
import { missingFileNote, pickDatabaseUrl, resolveTarget, type Target } from './target';
import { LOCK_TIMEOUT_MS, type TargetDb } from './targetDb';
import { scrubText } from '../maskUrl';
import { oneLine } from '../throwaway/types';

export type DeployCommand = 'deploy' | 'status' | 'resolve';

export interface DeployOptions {
  cwd: string;
  schema?: string;
  migrations?: string;
  /** Overrides the environment (DATABASE_URL or the schema's env var). */
  databaseUrl?: string;
  env?: NodeJS.ProcessEnv;
  dryRun?: boolean;
  allowEdited?: boolean;
  /** status: also compare the live database with the chain. */
  drift?: boolean;
  resolve?: { applied?: string; rolledBack?: string };
}

/** The JSON contract of deploy/status/resolve. */
export interface DeployReport {
  command: DeployCommand;
  /** deploy: deployed | up-to-date | dry-run | refused | failed; status: up-to-date | behind | drift; resolve: resolved; error on bad input. */
  result: string;
  provider: Provider | null;
  /** The database, masked (`postgresql://user:***@host/db`) or the SQLite file's path. */
  target: string | null;
  schema: string[];
  migrationsDir: string | null;
  /** Every migration on disk or in the table, in order, with its state after the command. */
  migrations: MigrationStatus[];
  /** What this run applied (deploy) or would apply (--dry-run), in order. */
  deployed: string[];
  plan: { name: string; checksum: string }[];
  errors: Problem[];
  notes: string[];
  drift?: LiveDrift;
  /** resolve: what was recorded. */
  resolved?: { applied?: string; rolledBack?: string };
  durationMs: number;
}

/** The names of the migrations in one state (the Action's outputs). */
export const namesIn = (report: DeployReport, state: MigrationStatus['state']) =>
  report.migrations.filter((m) => m.state === state).map((m) => m.name);

/** deploy/resolve: 0 done, 2 refused or failed. status: 0 up to date, 1 anything to do or drift, 2 errors. */
export function deployExitCode(report: DeployReport): 0 | 1 | 2 {
  if (report.errors.length > 0) return 2;
  if (report.command !== 'status') return 0;
  const behind = report.migrations.some((m) => m.state !== 'applied');
  return behind || report.drift?.drift ? 1 : 0;
}

interface Prepared {
  schema: LocatedSchema;
  chain: Migration[];
  target: Target;
  /** prisma.config.ts tables.external: managed elsewhere, so they do not make a database "not empty". */
  externalTables: string[];
  externalEnums: string[];
}

export async function runDeployCommand(command: DeployCommand, opts: DeployOptions): Promise<DeployReport> {
  const t0 = performance.now();
  const report: DeployReport = {
    command,
    result: 'error',
    provider: null,
    target: null,
    schema: [],
    migrationsDir: null,
    migrations: [],
    deployed: [],
    plan: [],
    errors: [],
    notes: [],
    durationMs: 0,
  };
  const done = (result?: string) => {
    if (result) report.result = result;
    else if (report.errors.length > 0 && report.result !== 'failed' && report.result !== 'refused')
      report.result = 'error';
    report.durationMs = Math.round(performance.now() - t0);
    return report;
  };
  if (command === 'resolve' && !opts.resolve?.applied === !opts.resolve?.rolledBack) {
    report.errors.push({ message: 'resolve needs exactly one of --applied <migration> or --rolled-back <migration>.' });
    return done();
  }
  const prepared = prepare(opts, report);
  if (!prepared.ok) {
    report.errors.push(prepared.problem);
    return done();
  }
  const { chain, target } = prepared.value;
  // Checked before the database is opened: a typo must not create a file or a table.
  const applied = opts.resolve?.applied;
  if (command === 'resolve' && applied && !chain.some((m) => m.name === applied)) {
    report.errors.push({
      message: `migration "${applied}" is not in ${report.migrationsDir} (P3017). Give the folder name exactly, e.g. ${chain[0]?.name ?? '20240101000000_init'}. Nothing changed.`,
    });
    return done('refused');
  }
  if (target.provider === 'sqlite' && !fs.existsSync(target.file!) && (command === 'status' || opts.dryRun)) {
    // Reading must not create the file: a missing database is an empty one, all pending.
    report.migrations = classifyHistory(chain, []);
    report.plan = command === 'deploy' ? chain.map((m) => ({ name: m.name, checksum: m.checksum })) : [];
    report.deployed = report.plan.map((p) => p.name);
    if (command === 'status' && opts.drift) report.notes.push('--drift skipped: the database file does not exist yet.');
    return done(command === 'deploy' ? 'dry-run' : chain.length > 0 ? 'behind' : 'up-to-date');
  }
  // Drivers load on use: pg for PostgreSQL, better-sqlite3 for SQLite.
  const opened =
    target.provider === 'postgresql'
      ? await (await import('./pgTarget')).openPgTarget(target)
      : await (
          await import('./sqliteTarget')
        ).openSqliteTarget(target, { readonly: command === 'status' || Boolean(opts.dryRun) });
  if (!opened.ok) {
    report.errors.push(opened.problem);
    return done();
  }
  await using db = opened.value;
  const progress: Progress = {};
  try {
    switch (command) {
      case 'deploy':
        return done(await deploy(db, prepared.value, opts, report, progress));
      case 'status':
        return done(await status(db, chain, prepared.value, opts, report));
      case 'resolve':
        return done(await resolve(db, chain, opts, report));
    }
  } catch (e) {
    // The database failed under us (busy, not a database, permission, connection lost): an
    // answer for the user, with the migration that was running, not an internal error.
    report.errors.push(databaseProblem(e, target, progress.inFlight));
    return done(progress.inFlight ? 'failed' : 'error');
  }
}

/** What deploy is doing, for a failure that interrupts it. */
interface Progress {
  inFlight?: string;
}

function databaseProblem(e: unknown, target: Target, inFlight: string | undefined): Problem {
  const err = e as { code?: string; message?: string };
  const raw = scrubText(oneLine(err.message ?? String(e)), [target.url]);
  const why =
    err.code === 'SQLITE_BUSY' || err.code === 'SQLITE_LOCKED'
      ? `the database is locked by another process (waited ${LOCK_TIMEOUT_MS / 1000} s), perhaps a deploy; run again when it is done`
      : err.code === 'SQLITE_NOTADB'
        ? 'the file is not a SQLite database; check the path'
        : err.code === 'SQLITE_READONLY'
          ? 'the database file is read-only for this user'
          : err.code === '42501'
            ? `permission denied (${raw}); the database user needs rights on the schema and its tables`
            : err.code === '25006'
              ? `the server is read-only (${raw}); use the primary's URL`
              : /^57P0[123]$/.test(err.code ?? '') || /Connection terminated|ECONNRESET|connection error/i.test(raw)
                ? `the connection to the database was lost (${raw})`
                : raw;
  const during = inFlight
    ? ` while applying migration "${inFlight}". Its row in _prisma_migrations may be unfinished: check the database, then run prisma-drift-gate resolve --rolled-back ${inFlight} (or --applied ${inFlight}) before the next deploy.`
    : '.';
  return { ...(inFlight ? { migration: inFlight } : {}), message: `${target.display}: ${why}${during}` };
}

/** Project → URL → target, with the refusals that need no database. */
function prepare(opts: DeployOptions, report: DeployReport): Result<Prepared> {
  const loaded = loadProject({ cwd: opts.cwd, schema: opts.schema, migrations: opts.migrations });
  const known = loaded.ok ? loaded.value : loaded.partial;
  if (known.config?.fallback) report.notes.push(known.config.fallback);
  Object.assign(report, describeProject(known, opts.cwd));
  if (!loaded.ok) return { ok: false, problem: loaded.problem };
  const { config, schema, chain, provider } = loaded.value;
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

async function deploy(
  db: TargetDb,
  { chain, externalTables }: Prepared,
  opts: DeployOptions,
  report: DeployReport,
  progress: Progress,
): Promise<string> {
  // The dry run takes no lock and creates nothing: it must not change the database at all.
  if (!opts.dryRun) {
    const locked = await db.lock();
    if (!locked.ok) return refuse(report, locked.problem);
  }
  const managed = await ensureManaged(db, chain, externalTables, report, { create: !opts.dryRun });
  if (!managed) return 'refused';
  const rows = (await db.hasMigrationsTable()) ? await db.rows() : [];
  report.migrations = classifyHistory(chain, rows);
  if (refusals(report, opts)) return 'refused';

  const pending = chain.filter((m) => report.migrations.find((s) => s.name === m.name)?.state === 'pending');
  report.plan = pending.map((m) => ({ name: m.name, checksum: m.checksum }));
  if (opts.dryRun) {
    report.deployed = pending.map((m) => m.name);
    return 'dry-run';
  }
  let failed = false;
  for (const migration of pending) {
    const id = randomUUID();
    progress.inFlight = migration.name;
    await db.recordStart(id, migration);
    const r = await db.runMigration(migration);
    if (r.ok) {
      await db.recordFinish(id, 1);
      report.deployed.push(migration.name);
      continue;
    }
    await db.recordFailure(id, r.problem.logs);
    const { logs: _logs, ...problem } = r.problem;
    report.errors.push(problem);
    failed = true;
    break;
  }
  progress.inFlight = undefined;
  report.migrations = classifyHistory(chain, await db.rows());
  if (failed) return 'failed';
  return report.deployed.length > 0 ? 'deployed' : 'up-to-date';
}

async function status(
  db: TargetDb,
  chain: Migration[],
  prepared: Prepared,
  opts: DeployOptions,
  report: DeployReport,
): Promise<string> {
  const hasTable = await db.hasMigrationsTable();
  if (!hasTable) {
    const external = new Set(prepared.externalTables);
    const objects = (await db.existingObjects()).filter((t) => !external.has(t));
    if (objects.length > 0) report.notes.push(notManagedMessage(objects, chain));
  }
  report.migrations = classifyHistory(chain, hasTable ? await db.rows() : []);
  if (opts.drift) {
    const applied = chain.filter((m) =>
      report.migrations.some((s) => s.name === m.name && (s.state === 'applied' || s.state === 'edited')),
    );
    const drift = await (
      await import('./liveDrift')
    ).liveDrift(db, applied, prepared.schema, opts.cwd, {
      externalTables: prepared.externalTables,
      externalEnums: prepared.externalEnums,
    });
    if (!drift.ok) {
      report.errors.push(drift.problem);
      return 'error';
    }
    report.drift = drift.value;
  }
  if (report.drift?.drift) return 'drift';
  return report.migrations.some((m) => m.state !== 'applied') ? 'behind' : 'up-to-date';
}

async function resolve(db: TargetDb, chain: Migration[], opts: DeployOptions, report: DeployReport): Promise<string> {
  const { applied, rolledBack } = opts.resolve ?? {};
  const name = (applied ?? rolledBack)!;
  const locked = await db.lock();
  if (!locked.ok) return refuse(report, locked.problem);
  if (!(await db.hasMigrationsTable())) {
    if (rolledBack)
      return refuse(
        report,
        `${report.target}: there is no _prisma_migrations table, so there is no failed migration "${rolledBack}" to mark rolled back.`,
      );
    await db.createMigrationsTable();
  }
  const rows = (await db.rows()).filter((r) => r.migrationName === name);
  if (applied) {
    const migration = chain.find((m) => m.name === applied)!;
    // Prisma counts any finished row, even one rolled back later.
    if (rows.some((r) => r.finishedAt !== null))
      return refuse(
        report,
        `migration "${applied}" is already recorded as applied in ${report.target} (P3008). Nothing changed.`,
      );
    // A failed attempt is closed first, as Prisma does, so the history has one live row.
    await db.recordRolledBack(applied);
    await db.recordApplied(randomUUID(), migration);
  } else {
    if (rows.length === 0)
      return refuse(
        report,
        `migration "${rolledBack}" cannot be marked rolled back: it was never applied to ${report.target} (P3011). Give the whole folder name, e.g. ${chain[0]?.name ?? '20240101000000_init'}.`,
      );
    if (rows.every((r) => r.finishedAt !== null))
      return refuse(
        report,
        `migration "${rolledBack}" cannot be marked rolled back: it is not failed (P3012). Only a failed migration can be rolled back.`,
      );
    await db.recordRolledBack(rolledBack!);
  }
  report.migrations = classifyHistory(chain, await db.rows());
  report.resolved = applied ? { applied } : { rolledBack };
  return 'resolved';
}

/** P3005: a database with tables but no migrations table is not ours to change. */
async function ensureManaged(
  db: TargetDb,
  chain: Migration[],
  externalTables: string[],
  report: DeployReport,
  opts: { create: boolean },
): Promise<boolean> {
  if (await db.hasMigrationsTable()) return true;
  const external = new Set(externalTables);
  const objects = (await db.existingObjects()).filter((t) => !external.has(t));
  if (objects.length > 0) {
    refuse(report, notManagedMessage(objects, chain));
    return false;
  }
  if (opts.create) await db.createMigrationsTable();
  return true;
}

function notManagedMessage(objects: string[], chain: Migration[]): string {
  const first = chain[0]?.name ?? '<first migration>';
  return `the database is not empty (it has ${objects.slice(0, 5).join(', ')}${objects.length > 5 ? ', …' : ''}) but has no _prisma_migrations table (P3005). If its schema already matches your migrations, baseline it: prisma-drift-gate resolve --applied ${first} (once for each migration it already contains), then deploy.`;
}

/** Everything that makes applying unsafe, reported together so one run shows all of it. */
function refusals(report: DeployReport, opts: DeployOptions): boolean {
  const before = report.errors.length;
  for (const m of report.migrations) {
    if (m.state === 'failed') {
      report.errors.push({
        migration: m.name,
        message: `migration "${m.name}" failed in ${report.target}${m.startedAt ? ` (started ${m.startedAt})` : ''} and was never finished (P3009); nothing new is applied until it is resolved. Repair the database (see the logs column of _prisma_migrations), then run prisma-drift-gate resolve --rolled-back ${m.name} to retry it, or resolve --applied ${m.name} if you completed it by hand.`,
      });
    } else if (m.state === 'edited' && !opts.allowEdited) {
      report.errors.push({
        migration: m.name,
        message: `migration "${m.name}" was changed after it was applied to ${report.target} (recorded checksum ${m.recordedChecksum?.slice(0, 12)}, file ${m.checksum?.slice(0, 12)}). Restore the applied version from git and put the change in a new migration; or pass --allow-edited if the edit is cosmetic (prisma migrate deploy does not check this).`,
      });
    } else if (m.state === 'unknown') {
      report.errors.push({
        migration: m.name,
        message: `migration "${m.name}" is applied in ${report.target} but missing from ${report.migrationsDir}: the history diverged (a migration was deleted or renamed, or this branch is behind the database). Restore the folder from the branch that applied it, then deploy.`,
      });
    }
  }
  if (report.errors.length > before) report.result = 'refused';
  return report.errors.length > before;
}

function refuse(report: DeployReport, problem: Problem | string): string {
  report.errors.push(typeof problem === 'string' ? { message: problem } : problem);
  report.result = 'refused';
  return 'refused';
}

function lockMismatch(migrationsDir: string, lock: string, target: Target, cwd: string): Problem {
  const file = displayPath(path.join(migrationsDir, 'migration_lock.toml'), cwd);
  const message =
    `${file}: the migrations were written for "${lock}", but the target is ${target.provider} (${target.display}). ` +
    `Nothing was applied. Use a ${lock} database, or start a new history for ${target.provider}.`;
  return { file, message };
}
