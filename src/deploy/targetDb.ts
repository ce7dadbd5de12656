import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { Migration } from '../chain/load';
import type { Provider } from '../schema/provider';
import type { Problem, Result } from '../problem';
import type { MigrationRow } from './history';

/**
 * A real database that deploy, status and resolve work on. Everything that touches
 * `_prisma_migrations` goes through here, in the same SQL Prisma's schema engine uses, so
 * that `prisma migrate deploy` and we can take turns on one database.
 */
export interface TargetDb extends AsyncDisposable {
  readonly provider: Provider;
  /** Serialises deploys: Prisma's advisory lock on PostgreSQL, an exclusive lock on SQLite. */
  lock(): Promise<Result<void>>;
  hasMigrationsTable(): Promise<boolean>;
  /** The tables that make a database "not empty" (Prisma's P3005 check), schema-qualified on PostgreSQL. */
  existingObjects(): Promise<string[]>;
  createMigrationsTable(): Promise<void>;
  rows(): Promise<MigrationRow[]>;
  /** Inserts the row of a migration that is starting (finished_at NULL). */
  recordStart(id: string, migration: Migration): Promise<void>;
  recordFinish(id: string, appliedSteps: number): Promise<void>;
  recordFailure(id: string, logs: string): Promise<void>;
  /** `resolve --applied`: a finished row, without running the script. */
  recordApplied(id: string, migration: Migration): Promise<void>;
  /** `resolve --rolled-back`: marks the failed rows of that migration rolled back. */
  recordRolledBack(name: string): Promise<number>;
  /** Runs a migration script the way Prisma does; a failure names the statement and line. */
  runMigration(migration: Migration): Promise<Result<void, MigrationFailure>>;
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
