import { randomUUID } from 'node:crypto';
import type { Migration } from '../chain/load';
import type { LocatedSchema } from '../schema/locate';
import { classifyHistory, type MigrationRow } from './history';
import { notManagedMessage, refusals, refuse } from './refusals';
import type { DeployOptions, DeployReport } from './report';
import type { Target } from './target';
import type { TargetDb } from './targetDb';
import { progress as step } from '../watchdog';

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
  readonly rows: readonly MigrationRow[];
  readonly objects: readonly string[];
}

async function readState(db: TargetDb, externalTables: string[]): Promise<DbState> {
  const hasTable = await db.hasMigrationsTable();
  const rows = hasTable ? await db.rows() : [];
  const external = new Set(externalTables);
  const objects = hasTable ? [] : (await db.existingObjects()).filter((t) => !external.has(t));
  return Object.freeze({ hasTable, rows: Object.freeze(rows), objects: Object.freeze(objects) });
}

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
    const locked = await db.lock();
    if (!locked.ok) return refuse(report, locked.problem);
  }
  const state = await readState(db, externalTables);
  // P3005: a database with tables but no migrations table is not ours to change.
  if (!state.hasTable && state.objects.length > 0) return refuse(report, notManagedMessage(state.objects, chain));
  if (!state.hasTable && !opts.dryRun) await db.createMigrationsTable();
  report.migrations = classifyHistory(chain, state.rows);
  if (refusals(report, opts)) return 'refused';

  const pending = chain.filter((m) => report.migrations.find((s) => s.name === m.name)?.state === 'pending');
  report.plan = pending.map((m) => ({ name: m.name, checksum: m.checksum }));
  if (opts.dryRun) {
    report.deployed = pending.map((m) => m.name);
    return 'dry-run';
  }
  let failed = false;
  for (const [i, migration] of pending.entries()) {
    const id = randomUUID();
    progress.inFlight = migration.name;
    step({ doing: 'applying', migration: migration.name, file: migration.displayFile, n: i + 1, of: pending.length });
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

export async function status(
  db: TargetDb,
  chain: Migration[],
  prepared: Prepared,
  opts: DeployOptions,
  report: DeployReport,
): Promise<string> {
  const state = await readState(db, prepared.externalTables);
  if (state.objects.length > 0) report.notes.push(notManagedMessage(state.objects, chain));
  report.migrations = classifyHistory(chain, state.rows);
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

export async function resolve(
  db: TargetDb,
  chain: Migration[],
  opts: DeployOptions,
  report: DeployReport,
): Promise<string> {
  const { applied, rolledBack } = opts.resolve ?? {};
  const name = (applied ?? rolledBack)!;
  const locked = await db.lock();
  if (!locked.ok) return refuse(report, locked.problem);
  const state = await readState(db, []);
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
  report.migrations = classifyHistory(chain, await db.rows());
  report.resolved = applied ? { applied } : { rolledBack };
  return 'resolved';
}
