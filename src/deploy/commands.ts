import { randomUUID } from 'node:crypto';
import { progress as step } from '../watchdog';
import type { Migration } from '../chain/load';
import type { LocatedSchema } from '../schema/locate';
import { adviseUnfinished } from './advice';
import { classifyHistory, type MigrationRow, type MigrationStatus } from './history';
import { malformedTableMessage, notManagedMessage, refusals, refuse } from './refusals';
import type { DeployOptions, DeployReport } from './report';
import type { Target } from './target';
import { ATOMIC_IN_FLIGHT, LOCK_TIMEOUT_MS, type LiveDeploy, type LockFailure, type TargetDb } from './targetDb';

/** The project and target a command runs on, read before the database is opened. */
export interface Prepared {
  schema: LocatedSchema;
  chain: Migration[];
  target: Target;
  /** prisma.config.ts tables.external: managed elsewhere, so they do not make a database "not empty". */
  externalTables: string[];
  externalEnums: string[];
}

/**
 * The database as a command finds it, read once and frozen: whether it has the migrations
 * table, its rows, and (without the table) the objects that make it "not empty" for Prisma
 * (P3005), less the tables prisma.config.ts declares external.
 */
export interface DbState {
  readonly hasTable: boolean;
  /** Columns of Prisma's table that the existing one lacks (a table that is not Prisma's). */
  readonly missing: readonly string[];
  readonly rows: readonly MigrationRow[];
  readonly objects: readonly string[];
}

async function readState(db: TargetDb, externalTables: string[]): Promise<DbState> {
  const hasTable = await db.hasMigrationsTable();
  const missing = hasTable ? await db.missingColumns() : [];
  const rows = hasTable && missing.length === 0 ? await db.rows() : [];
  const external = new Set(externalTables);
  const objects = hasTable ? [] : (await db.existingObjects()).filter((t) => !external.has(t));
  return Object.freeze({ hasTable, missing, rows: Object.freeze(rows), objects: Object.freeze(objects) });
}

/** The statuses, with each file on disk marked atomic or not (on this server). */
function historyOf(db: TargetDb, chain: Migration[], rows: readonly MigrationRow[]): MigrationStatus[] {
  return classifyHistory(chain, rows).map((s) => {
    const m = chain.find((c) => c.name === s.name);
    if (!m) return s;
    const a = db.classify(m);
    return { ...s, atomic: a.atomic, ...(a.reason ? { nonAtomicReason: a.reason } : {}) };
  });
}

function advise(db: TargetDb, chain: Migration[], report: DeployReport, live: readonly LiveDeploy[]): void {
  const advice = adviseUnfinished(report.migrations, {
    chain,
    live,
    classify: (m) => db.classify(m),
    provider: db.provider,
  });
  if (advice.length > 0) report.advice = advice;
}

const lockMs = (opts: DeployOptions) => (opts.lockTimeoutSeconds ?? LOCK_TIMEOUT_MS / 1000) * 1000;

/** What deploy is doing, for a failure that interrupts it. */
export interface Progress {
  inFlight?: string;
}

export async function deploy(
  db: TargetDb,
  { chain, externalTables }: Prepared,
  opts: DeployOptions,
  report: DeployReport,
  progress: Progress,
): Promise<string> {
  // The dry run takes no lock and creates nothing: it must not change the database at all.
  if (!opts.dryRun) {
    const locked = await db.lock(lockMs(opts));
    if (!locked.ok) return lockRefusal(report, locked.problem);
  }
  const state = await readState(db, externalTables);
  if (state.missing.length > 0) return refuse(report, malformedTableMessage(report.target, state.missing));
  // P3005: a database with tables but no migrations table is not ours to change.
  if (!state.hasTable && state.objects.length > 0) return refuse(report, notManagedMessage(state.objects, chain));
  if (!state.hasTable && !opts.dryRun) await db.createMigrationsTable();
  report.migrations = historyOf(db, chain, state.rows);
  advise(db, chain, report, await db.liveDeploys());
  if (refusals(report, opts)) return 'refused';

  const pending = chain.filter((m) => report.migrations.find((s) => s.name === m.name)?.state === 'pending');
  report.plan = pending.map((m) => {
    const a = db.classify(m);
    return { name: m.name, checksum: m.checksum, atomic: a.atomic, ...(a.reason ? { nonAtomicReason: a.reason } : {}) };
  });
  if (opts.dryRun) {
    report.deployed = pending.map((m) => m.name);
    return 'dry-run';
  }
  let failed = false;
  for (const [i, migration] of pending.entries()) {
    const id = randomUUID();
    const atomic = db.classify(migration).atomic;
    progress.inFlight = migration.name;
    step({ doing: 'applying', migration: migration.name, file: migration.displayFile, n: i + 1, of: pending.length });
    await db.setActivity(migration.name);
    await db.recordStart(id, migration, atomic ? ATOMIC_IN_FLIGHT : null);
    const r = await db.runMigration(migration, atomic ? id : undefined);
    if (r.ok) {
      if (!r.value.finished) await db.recordFinish(id, 1);
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
  await db.setActivity(undefined);
  report.migrations = historyOf(db, chain, await db.rows());
  if (failed) return 'failed';
  return report.deployed.length > 0 ? 'deployed' : 'up-to-date';
}

export async function status(
  db: TargetDb,
  chain: Migration[],
  prepared: Prepared,
  opts: DeployOptions,
  report: DeployReport,
): Promise<string> {
  const state = await readState(db, prepared.externalTables);
  if (state.missing.length > 0) {
    report.errors.push({ message: malformedTableMessage(report.target, state.missing) });
    return 'error';
  }
  if (state.objects.length > 0) report.notes.push(notManagedMessage(state.objects, chain));
  report.migrations = historyOf(db, chain, state.rows);
  const live = await db.liveDeploys();
  advise(db, chain, report, live);
  if (live.length > 0 && !report.advice) report.notes.push(runningNote(live));
  // An unfinished migration whose effect is unknown: show what a schema diff sees (and what it cannot).
  if (opts.drift || report.advice?.some((a) => a.finding === 'unknown')) {
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

export async function resolve(
  db: TargetDb,
  chain: Migration[],
  opts: DeployOptions,
  report: DeployReport,
): Promise<string> {
  const { applied, rolledBack } = opts.resolve ?? {};
  const name = (applied ?? rolledBack)!;
  // A killed deploy's backend may still be applying the migration: recording anything now could be wrong.
  const live = await db.liveDeploys();
  if (live.length > 0) return refuse(report, `${runningNote(live)} Nothing was recorded.`);
  const locked = await db.lock(lockMs(opts));
  if (!locked.ok) return refuse(report, locked.problem.message);
  const state = await readState(db, []);
  if (state.missing.length > 0) return refuse(report, malformedTableMessage(report.target, state.missing));
  if (!state.hasTable) {
    if (rolledBack)
      return refuse(
        report,
        `${report.target}: there is no _prisma_migrations table, so there is no failed migration "${rolledBack}" to ` +
          `mark rolled back.`,
      );
    await db.createMigrationsTable();
  }
  const rows = state.rows.filter((r) => r.migrationName === name);
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
        `migration "${rolledBack}" cannot be marked rolled back: it was never applied to ${report.target} (P3011). ` +
          `Give the whole folder name, e.g. ${chain[0]?.name ?? '20240101000000_init'}.`,
      );
    if (rows.every((r) => r.finishedAt !== null))
      return refuse(
        report,
        `migration "${rolledBack}" cannot be marked rolled back: it is not failed (P3012). Only a failed migration ` +
          `can be rolled back.`,
      );
    await db.recordRolledBack(rolledBack!);
  }
  report.migrations = historyOf(db, chain, await db.rows());
  report.resolved = applied ? { applied } : { rolledBack };
  return 'resolved';
}

/** The lock's holder is a running deploy: say so in the advice too, so a script waits instead of resolving. */
function lockRefusal(report: DeployReport, { holder, ...problem }: LockFailure): string {
  if (holder) {
    const running = { migration: holder.migration ?? '', finding: 'running' as const, next: [], backend: holder };
    report.advice = [{ ...running, message: problem.message }];
  }
  return refuse(report, problem);
}

function runningNote(live: readonly LiveDeploy[]): string {
  const b = live[0]!;
  return (
    `a deploy is still running on this database: backend pid ${b.pid} ` +
    `(${b.migration ? `applying "${b.migration}"` : b.applicationName}` +
    `${b.since ? `, since ${b.since}` : ''}). Wait for it to end, or stop it with SELECT pg_cancel_backend(${b.pid}).`
  );
}
