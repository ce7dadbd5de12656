import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { Migration } from '../chain/load';
import type { Provider } from '../schema/provider';
import { printable } from '../printable';
import { pathSlot, type Problem, type Result } from '../problem';
import type { BatchRun } from './replayBatch';

export interface ColumnInfo {
  name: string;
  type: string;
  notnull: boolean;
  dflt: string | null;
  pk: boolean;
}

/** What a throwaway DB can tell about the replayed chain, to explain the engine's diff. */
export interface DbInspector {
  /** Columns of a table; empty when the table does not exist. */
  columns(table: string): Promise<ColumnInfo[]>;
  /** Names of the explicitly created indexes on a table. */
  indexes(table: string): Promise<string[]>;
  /** SQLite: the columns a CREATE TABLE statement would create, without keeping the table. */
  columnsOfCreate?(createTable: string): Promise<ColumnInfo[]>;
  /** Every table → column → type: the review's picture of what production already has. */
  tableColumns(): Promise<Map<string, Map<string, string>>>;
  /** PostgreSQL: pg_get_indexdef of an index (a quoted, maybe schema-qualified name); undefined when none. */
  indexDefinition?(qualifiedName: string): Promise<string | undefined>;
  /** PostgreSQL: the values of an enum type, in order; empty when it does not exist. */
  enumValues?(name: string): Promise<string[]>;
}

/**
 * A database that lives only for one check. Each implementation runs migration SQL the
 * way Prisma's own connector would, and hands the engine a driver adapter onto the
 * same data.
 */
export interface ThrowawayDb extends AsyncDisposable {
  readonly provider: Provider;
  /** Runs one migration.sql; a failure names the statement and its line. */
  runMigration(migration: Migration): Promise<Result<void>>;
  /**
   * PGlite: runs `batch` (the chain's migrations from index `first`) in one exec, each in its own
   * transaction, calling `started(k)` as chain migration k begins (replayBatch.ts).
   */
  runBatch?(batch: Migration[], first: number, started: (k: number) => void): Promise<BatchRun>;
  /** Runs a script we generated ourselves (the round trip of the suggestion). */
  runScript(sql: string): Promise<Result<void>>;
  adapterFactory(): SqlMigrationAwareDriverAdapterFactory;
  /** Reads the replayed schema, to explain the engine's diff and its data-loss risks. */
  readonly inspector: DbInspector;
  /**
   * The state, for the replay cache (an embedded database only: a server's state stays there). Captured
   * now, before the diff changes it; the value packs it into bytes later, after the report is out, as
   * chunks to compress one after the other (one buffer of the whole would be one more copy at the peak).
   */
  captureState?(): Promise<() => Buffer[]>;
  /** What the user should know about where the SQL runs (a shadow server's reach). */
  readonly notes?: string[];
  /** PGlite: the replay's tail held in one transaction, for the rename proofs (pgliteHold.ts). */
  readonly hold?: TailHold;
}

/** The end of a replay in one open transaction, so that a proof can go back to where it began. */
export interface TailHold {
  /** Opens the transaction here; false when the database rules it out (deferred checks). */
  begin(): Promise<boolean>;
  /** Whether everything since `begin` can still be rolled back. */
  readonly held: boolean;
  /** Runs a migration in the hold; false on any failure (then only `rewind` is of use). */
  run(sql: string): Promise<boolean>;
  /** Back to the state at `begin`; false when the hold is gone. */
  rewind(): Promise<boolean>;
}

/** The message for a statement that failed while replaying a migration. */
export function migrationFailure(
  migration: Migration,
  line: number,
  statementHead: string,
  dbMessage: string,
  hint?: string,
): Problem {
  const { file } = migration;
  return {
    migration: migration.name,
    file,
    line,
    statement: statementHead,
    message:
      `${pathSlot(file)}:${line}: migration "${migration.name}" failed at \`${statementHead}\`: ` +
      `${oneLine(dbMessage)}.${hint ? ' ' + hint : ''} Fix the statement; if this migration was already applied ` +
      `somewhere, add a new migration instead of editing it.`,
  };
}

export const oneLine = (s: string) => printable(s.replace(/\s+/g, ' ').trim().replace(/\.$/, ''));
