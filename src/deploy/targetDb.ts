import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { Migration } from '../chain/load';
import type { Provider } from '../schema/provider';
import type { Problem, Result } from '../problem';
import type { Atomicity } from '../sql/atomicity';
import type { MigrationRow } from './history';

/** A backend of a deploy (ours) that is still connected to the database, perhaps orphaned by a killed client. */
export interface LiveDeploy {
  pid: number;
  applicationName: string;
  /** The migration in flight, as its application_name names it (possibly cut at 63 bytes). */
  migration?: string;
  /** When its current transaction or query started (ISO), if the server shows it. */
  since: string | null;
}

/** Why the lock could not be taken, with who holds it when the server says. */
export interface LockFailure extends Problem {
  holder?: LiveDeploy;
}

/**
 * A real database that deploy, status and resolve work on. Everything that touches
 * `_prisma_migrations` goes through here, in the same SQL Prisma's schema engine uses, so
 * that `prisma migrate deploy` and we can take turns on one database.
 */
export interface TargetDb extends AsyncDisposable {
  readonly provider: Provider;
  /** Serialises deploys: Prisma's advisory lock on PostgreSQL, an exclusive lock on SQLite. */
  lock(timeoutMs: number): Promise<Result<void, LockFailure>>;
  /** Can this file run in one transaction with the row that finishes it (on this server)? */
  classify(migration: Migration): Atomicity;
  /** Names the migration in flight where other sessions can see it (PostgreSQL application_name). */
  setActivity(migration: string | undefined): Promise<void>;
  /** Deploy backends still connected to this database, other than ours. */
  liveDeploys(): Promise<LiveDeploy[]>;
  /** Columns of Prisma's _prisma_migrations that the existing table lacks. */
  missingColumns(): Promise<string[]>;
  hasMigrationsTable(): Promise<boolean>;
  /** The tables that make a database "not empty" (Prisma's P3005 check), schema-qualified on PostgreSQL. */
  existingObjects(): Promise<string[]>;
  createMigrationsTable(): Promise<void>;
  rows(): Promise<MigrationRow[]>;
  /** Inserts the row of a migration that is starting (finished_at NULL; `logs` marks an atomic run). */
  recordStart(id: string, migration: Migration, logs: string | null): Promise<void>;
  recordFinish(id: string, appliedSteps: number): Promise<void>;
  recordFailure(id: string, logs: string): Promise<void>;
  /** `resolve --applied`: a finished row, without running the script. */
  recordApplied(id: string, migration: Migration): Promise<void>;
  /** `resolve --rolled-back`: marks the failed rows of that migration rolled back. */
  recordRolledBack(name: string): Promise<number>;
  /**
   * Runs a migration script; a failure names the statement and line. With `finishId`, the row
   * is finished in the same transaction (atomic files only); `finished` says whether it was.
   */
  runMigration(migration: Migration, finishId?: string): Promise<Result<{ finished: boolean }, MigrationFailure>>;
  /** For the engine (status --drift and the compatibility tests). */
  adapterFactory(): SqlMigrationAwareDriverAdapterFactory;
}

export interface MigrationFailure extends Problem {
  /** What goes into `_prisma_migrations.logs`. */
  logs: string;
}

export const MIGRATIONS_TABLE = '_prisma_migrations';
/** Prisma's lock id: the digits of "prisma" read as one number (72707369). */
export const ADVISORY_LOCK_ID = 72707369;
export const LOCK_TIMEOUT_MS = 10_000;
/** The columns Prisma's engine reads; a table without them is not Prisma's. */
export const MIGRATIONS_COLUMNS = [
  'id',
  'checksum',
  'finished_at',
  'migration_name',
  'logs',
  'rolled_back_at',
  'started_at',
  'applied_steps_count',
];
/**
 * The in-flight row of an atomic run carries this in `logs` until the transaction that applies
 * the file also finishes the row (and sets logs back to NULL, as Prisma leaves it). An
 * unfinished row with it was therefore never applied.
 */
export const ATOMIC_MARK = 'prisma-drift-gate: atomic';
const IN_FLIGHT = 'the migration and this row commit together; unfinished means not applied';
export const ATOMIC_IN_FLIGHT = `${ATOMIC_MARK}: ${IN_FLIGHT}`;
export const ATOMIC_ROLLED_BACK = `${ATOMIC_MARK}: it failed in one transaction, so nothing of it was applied`;
/** application_name of a deploy's connection; the migration in flight follows it. */
export const DEPLOY_APP_NAME = 'prisma-drift-gate deploy';
