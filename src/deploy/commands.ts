import { randomUUID } from 'node:crypto';
import { progress as step } from '../watchdog';
import type { Migration } from '../chain/load';
import type { LocatedSchema } from '../schema/locate';
import { adviseUnfinished } from './advice';
import { classifyHistory, type MigrationRow, type MigrationStatus } from './history';
import { databaseProblem, historyRefusals, refusal } from './refusals';
import type { DeployOptions, Outcome } from './report';
import type { Problem } from '../problem';
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
  /** The target and migrations folder as the report shows them (the refusals name them). */
  shown: { target: string | null; migrationsDir: string | null };
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

/** Read once per command: `hasMigrationsTable()` is asked here and nowhere else. */
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

/** The history, and what to do about its unfinished migrations (no `advice` when there is nothing to say). */
function withAdvice(db: TargetDb, chain: Migration[], migrations: MigrationStatus[], live: readonly LiveDeploy[]) {
  const ctx = { chain, live, classify: (m: Migration) => db.classify(m), provider: db.provider };
  const advice = adviseUnfinished(migrations, ctx);
  return { migrations, ...(advice.length > 0 ? { advice } : {}) };
}

const lockMs = (opts: DeployOptions) => (opts.lockTimeoutSeconds ?? LOCK_TIMEOUT_MS / 1000) * 1000;
const refused = (problem: Problem | string, found: Omit<Outcome, 'result'> = {}): Outcome => ({
  ...found,
  result: 'refused',
  errors: [...(found.errors ?? []), typeof problem === 'string' ? { message: problem } : problem],
});

export async function deploy(db: TargetDb, prepared: Prepared, opts: DeployOptions): Promise<Outcome> {
  const { chain, externalTables, shown } = prepared;
  // The dry run takes no lock and creates nothing: it must not change the database at all.
  if (!opts.dryRun) {
    const locked = await db.lock(lockMs(opts));
    if (!locked.ok) return lockRefusal(locked.problem);
  }
  const state = await readState(db, externalTables);
  if (state.missing.length > 0) return refused(refusal.malformedTable(shown.target, state.missing));
  // P3005: a database with tables but no migrations table is not ours to change.
  if (!state.hasTable && state.objects.length > 0) return refused(refusal.P3005(state.objects, chain));
  if (!state.hasTable && !opts.dryRun) await db.createMigrationsTable();
  const found = withAdvice(db, chain, historyOf(db, chain, state.rows), await db.liveDeploys());
  const unsafe = historyRefusals(found.migrations, found.advice, { ...shown, allowEdited: opts.allowEdited });
  if (unsafe.length > 0) return { ...found, result: 'refused', errors: unsafe };

  const pending = chain.filter((m) => found.migrations.find((s) => s.name === m.name)?.state === 'pending');
  const plan = pending.map((m) => {
    const a = db.classify(m);
    return { name: m.name, checksum: m.checksum, atomic: a.atomic, ...(a.reason ? { nonAtomicReason: a.reason } : {}) };
  });
  if (opts.dryRun) return { ...found, plan, result: 'dry-run', deployed: pending.map((m) => m.name) };
  const { deployed, after, failure, interrupted } = await applyPending(db, pending, prepared, lockMs(opts));
  if (interrupted) return { ...found, plan, deployed, ...interrupted };
  if (failure) return { ...found, migrations: after, plan, deployed, result: 'failed', errors: [failure] };
  return { ...found, migrations: after, plan, deployed, result: deployed.length > 0 ? 'deployed' : 'up-to-date' };
}

/**
 * Applies the pending migrations in order, up to the first that fails. A database that fails
 * under us (a lost connection, a lock) interrupts it: what was applied by then is still part of the answer.
 */
async function applyPending(
  db: TargetDb,
  pending: Migration[],
  { chain, target }: Prepared,
  lockTimeoutMs: number,
): Promise<{ deployed: string[]; after?: MigrationStatus[]; failure?: Problem; interrupted?: Outcome }> {
  const deployed: string[] = [];
  let failure: Problem | undefined;
  let inFlight: string | undefined;
  try {
    for (const [i, migration] of pending.entries()) {
      const id = randomUUID();
      const atomic = db.classify(migration).atomic;
      inFlight = migration.name;
      step({ doing: 'applying', migration: migration.name, file: migration.file, n: i + 1, of: pending.length });
      await db.setActivity(migration.name);
      await db.recordStart(id, migration, atomic ? ATOMIC_IN_FLIGHT : null);
      const r = await db.runMigration(migration, atomic ? id : undefined);
      if (r.ok) {
        if (!r.value.finished) await db.recordFinish(id, 1);
        deployed.push(migration.name);
        continue;
      }
      await db.recordFailure(id, r.problem.logs);
      const { logs: _logs, ...problem } = r.problem;
      failure = problem;
      break;
    }
    inFlight = undefined;
    await db.setActivity(undefined);
    return { deployed, after: historyOf(db, chain, await db.rows()), failure };
  } catch (e) {
    const errors = [...(failure ? [failure] : []), databaseProblem(e, target, inFlight, lockTimeoutMs)];
    return { deployed, interrupted: { result: inFlight ? 'failed' : 'error', errors } };
  }
}

export async function status(db: TargetDb, prepared: Prepared, opts: DeployOptions): Promise<Outcome> {
  const { chain, shown } = prepared;
  const state = await readState(db, prepared.externalTables);
  if (state.missing.length > 0) {
    return { result: 'error', errors: [{ message: refusal.malformedTable(shown.target, state.missing) }] };
  }
  const notes = state.objects.length > 0 ? [refusal.P3005(state.objects, chain)] : [];
  const live = await db.liveDeploys();
  const found = withAdvice(db, chain, historyOf(db, chain, state.rows), live);
  if (live.length > 0 && !found.advice) notes.push(refusal.running(live));
  // An unfinished migration whose effect is unknown: show what a schema diff sees (and what it cannot).
  if (!opts.drift && !found.advice?.some((a) => a.finding === 'unknown')) {
    return { ...found, notes, result: found.migrations.some((m) => m.state !== 'applied') ? 'behind' : 'up-to-date' };
  }
  const applied = chain.filter((m) =>
    found.migrations.some((s) => s.name === m.name && (s.state === 'applied' || s.state === 'edited')),
  );
  const drift = await (
    await import('./liveDrift')
  ).liveDrift(db, applied, prepared.schema, {
    externalTables: prepared.externalTables,
    externalEnums: prepared.externalEnums,
  });
  if (!drift.ok) return { ...found, notes, result: 'error', errors: [drift.problem] };
  const behind = found.migrations.some((m) => m.state !== 'applied');
  return {
    ...found,
    notes,
    drift: drift.value,
    result: drift.value.drift ? 'drift' : behind ? 'behind' : 'up-to-date',
  };
}

export async function resolve(db: TargetDb, { chain, shown }: Prepared, opts: DeployOptions): Promise<Outcome> {
  const { applied, rolledBack } = opts.resolve ?? {};
  const name = (applied ?? rolledBack)!;
  // A killed deploy's backend may still be applying the migration: recording anything now could be wrong.
  const live = await db.liveDeploys();
  if (live.length > 0) return refused(`${refusal.running(live)} Nothing was recorded.`);
  const locked = await db.lock(lockMs(opts));
  if (!locked.ok) return refused(locked.problem.message);
  const state = await readState(db, []);
  if (state.missing.length > 0) return refused(refusal.malformedTable(shown.target, state.missing));
  if (!state.hasTable) {
    if (rolledBack) return refused(refusal.noTableToRollBack(shown.target, rolledBack));
    await db.createMigrationsTable();
  }
  const rows = state.rows.filter((r) => r.migrationName === name);
  if (applied) {
    const migration = chain.find((m) => m.name === applied)!;
    // Prisma counts any finished row, even one rolled back later.
    if (rows.some((r) => r.finishedAt !== null)) return refused(refusal.P3008(applied, shown.target));
    // A failed attempt is closed first, as Prisma does, so the history has one live row.
    await db.recordRolledBack(applied);
    await db.recordApplied(randomUUID(), migration);
  } else {
    if (rows.length === 0) return refused(refusal.P3011(rolledBack!, shown.target, chain));
    if (rows.every((r) => r.finishedAt !== null)) return refused(refusal.P3012(rolledBack!));
    await db.recordRolledBack(rolledBack!);
  }
  const migrations = historyOf(db, chain, await db.rows());
  return { result: 'resolved', migrations, resolved: applied ? { applied } : { rolledBack } };
}

/** The lock's holder is a running deploy: say so in the advice too, so a script waits instead of resolving. */
function lockRefusal({ holder, ...problem }: LockFailure): Outcome {
  if (!holder) return refused(problem);
  const running = { migration: holder.migration ?? '', finding: 'running' as const, next: [], backend: holder };
  return refused(problem, { advice: [{ ...running, message: problem.message }] });
}
