import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import type { Migration } from '../chain/load';
import { lineOfOffset, splitStatements, statementHead } from '../sql/tokens';
import {
  CharAsTextPool,
  connectionProblem,
  searchPathOption,
  splitUrl,
  type PgConnection,
} from '../throwaway/pgServer';
import { oneLine } from '../throwaway/types';
import { fail, ok, type Result } from '../problem';
import { rowFrom } from './history';
import type { Target } from './target';
import { advisoryLockDisabled } from './lockSwitch';
import { ADVISORY_LOCK_ID, LOCK_TIMEOUT_MS, MIGRATIONS_TABLE, type MigrationFailure, type TargetDb } from './targetDb';

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Prisma's DDL (prisma-engines, postgres flavour), in the URL's schema. */
const createTableSql = (schema: string) => `CREATE TABLE ${quoteIdent(schema)}.${MIGRATIONS_TABLE} (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

/**
 * One session for everything, as Prisma holds its advisory lock and runs the scripts on
 * the same connection. The search path is the URL's schema, so unqualified names in the
 * migrations land where `prisma migrate deploy` would put them.
 */
export async function openPgTarget(target: Target): Promise<Result<TargetDb>> {
  let conn: PgConnection;
  let client: pg.Client;
  try {
    conn = splitUrl(target.url, target.baseDir);
    client = new pg.Client({
      connectionString: conn.connectionString,
      connectionTimeoutMillis: LOCK_TIMEOUT_MS,
      options: searchPathOption(conn.schema),
      ...(conn.ssl !== undefined ? { ssl: conn.ssl } : {}),
    });
  } catch (e) {
    return fail(`${target.source} ${target.display}: ${oneLine((e as Error).message)}.`);
  }
  // A dropped connection must surface as a failed query, not as an unhandled 'error' event.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    return fail({ message: connectionProblem(target.url, e, target.source).message });
  }
  return ok(new PgTarget(client, conn, target));
}

interface PgDbError extends Error {
  code?: string;
  position?: string;
  hint?: string;
  detail?: string;
}

/**
 * The failing statement comes from the error's position. Without one (e.g. "relation
 * already exists"), the first statement naming every identifier quoted in the message is
 * the best guess; we never re-run anything on a real database to find out.
 */
function pgFailure(migration: Migration, e: PgDbError): MigrationFailure {
  const statements = splitStatements(migration.sql, 'postgresql');
  const position = e.position ? Number(e.position) - 1 : undefined;
  let stmt = position !== undefined ? [...statements].reverse().find((s) => s.offset <= position) : undefined;
  let line = position !== undefined ? lineOfOffset(migration.sql, position) : undefined;
  if (!stmt) {
    const names = [...e.message.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
    stmt = names.length ? statements.find((s) => names.every((n) => s.text.includes(n))) : undefined;
    line = stmt?.line;
  }
  const where = line !== undefined ? `${migration.displayFile}:${line}` : migration.displayFile;
  const head = stmt ? ` at \`${statementHead(stmt.text)}\`` : '';
  const detail = [e.detail, e.hint]
    .filter(Boolean)
    .map((s) => oneLine(s!))
    .join(' ');
  return {
    migration: migration.name,
    file: migration.displayFile,
    line,
    statement: stmt ? statementHead(stmt.text) : undefined,
    message:
      `${where}: migration "${migration.name}" failed${head}: ` +
      `${oneLine(e.message)}${e.code ? ` (SQLSTATE ${e.code})` : ''}.${detail ? ' ' + detail + '.' : ''} ` +
      `${rolledBackNote(statements)} Fix the cause, then mark it: prisma-drift-gate resolve --rolled-back ` +
      `${migration.name}, and deploy again.`,
    logs: pgLogs(e, line, stmt?.text),
  };
}

/** A file sent as one query is all or nothing, unless it commits part of itself explicitly. */
function rolledBackNote(statements: { text: string }[]): string {
  const controlsTransactions = statements.some((s) =>
    /^\s*(BEGIN|COMMIT|END|START\s+TRANSACTION|ROLLBACK)\b/i.test(s.text.replace(/^(\s*--[^\n]*\n)+/, '')),
  );
  return controlsTransactions
    ? 'The file manages its own transactions, so statements it committed before the failure stay applied; check the ' +
        'database.'
    : 'Nothing of it was applied (PostgreSQL ran the file as one transaction).';
}

/** The shape of Prisma's logs column for a database error. */
function pgLogs(e: PgDbError, line: number | undefined, statement: string | undefined): string {
  return [
    `Database error code: ${e.code ?? 'unknown'}`,
    '',
    'Database error:',
    `ERROR: ${e.message}`,
    ...(e.detail ? [`DETAIL: ${e.detail}`] : []),
    ...(e.hint ? [`HINT: ${e.hint}`] : []),
    ...(line !== undefined ? ['', `Position: line ${line}${statement ? `: ${statementHead(statement)}` : ''}`] : []),
  ].join('\n');
}

/** The migrations table and the scripts, on the session that holds Prisma's advisory lock. */
class PgTarget implements TargetDb {
  private locked = false;
  private pool: pg.Pool | undefined;
  private readonly table: string;
  private readonly schema: string;

  constructor(
    private readonly client: pg.Client,
    private readonly conn: PgConnection,
    private readonly target: Target,
  ) {
    this.schema = conn.schema;
    this.table = `${quoteIdent(conn.schema)}.${MIGRATIONS_TABLE}`;
  }

  readonly provider = 'postgresql' as const;

  async lock(): Promise<Result<void>> {
    if (advisoryLockDisabled()) return ok(undefined);
    // lock_timeout bounds the wait for any lock, advisory ones included; RESET afterwards
    // restores the database's or role's own setting for the migrations.
    await this.client.query(`SET lock_timeout = ${LOCK_TIMEOUT_MS}`);
    try {
      await this.client.query(`SELECT pg_advisory_lock(${ADVISORY_LOCK_ID})`);
      this.locked = true;
      return ok(undefined);
    } catch (e) {
      if ((e as { code?: string }).code !== '55P03') throw e;
      return fail(
        `${this.target.display}: timed out after ${LOCK_TIMEOUT_MS / 1000} s waiting for the migration lock (SELECT ` +
          `pg_advisory_lock(${ADVISORY_LOCK_ID})): another deploy (ours or prisma migrate deploy) is running ` +
          `against this database. Wait for it and run again; a GitHub concurrency group prevents this.`,
      );
    } finally {
      await this.client.query('RESET lock_timeout');
    }
  }

  async hasMigrationsTable() {
    const r = await this.client.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [this.table]);
    return (r.rows[0] as { present: boolean }).present;
  }

  async existingObjects() {
    // Prisma's P3005 test (sql_migration_persistence.rs): ordinary tables in the URL's
    // this.schema, except PostGIS's own; views, sequences and enums do not count.
    const r = await this.client.query(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind = 'r'
          AND lower(c.relname) NOT IN ('spatial_ref_sys', 'geometry_columns', 'geography_columns',
                                       'raster_columns', 'raster_overviews')
        ORDER BY 1`,
      [this.schema],
    );
    return (r.rows as { name: string }[]).map((row) => `${this.schema}.${row.name}`);
  }

  async createMigrationsTable() {
    // As Prisma: look first, so a user without CREATE on the database can use an existing this.schema.
    const exists = await this.client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [this.schema]);
    if (exists.rowCount === 0) await this.client.query(`CREATE SCHEMA ${quoteIdent(this.schema)}`);
    await this.client.query(createTableSql(this.schema));
  }

  async rows() {
    const r = await this.client.query(
      `SELECT id, checksum, migration_name, started_at, finished_at, rolled_back_at, logs, applied_steps_count ` +
        `FROM ${this.table} ORDER BY started_at ASC`,
    );
    // pg returns TIMESTAMPTZ as Date already.
    return (r.rows as Record<string, unknown>[]).map((row) => rowFrom(row, (v) => (v as Date | null) ?? null));
  }

  async recordStart(id: string, migration: Migration) {
    await this.client.query(
      `INSERT INTO ${this.table} (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, ` +
        `now(), 0)`,
      [id, migration.checksum, migration.name],
    );
  }

  async recordFinish(id: string, appliedSteps: number) {
    await this.client.query(`UPDATE ${this.table} SET finished_at = now(), applied_steps_count = $2 WHERE id = $1`, [
      id,
      appliedSteps,
    ]);
  }

  async recordFailure(id: string, logs: string) {
    await this.client.query(`UPDATE ${this.table} SET logs = $2 WHERE id = $1`, [id, logs]);
  }

  async recordApplied(id: string, migration: Migration) {
    await this.client.query(
      `INSERT INTO ${this.table} (id, checksum, migration_name, logs, rolled_back_at, started_at, finished_at, ` +
        `applied_steps_count) VALUES ($1, $2, $3, '', NULL, now(), now(), 0)`,
      [id, migration.checksum, migration.name],
    );
  }

  async recordRolledBack(name: string) {
    const r = await this.client.query(
      `UPDATE ${this.table} SET rolled_back_at = now() WHERE migration_name = $1 AND finished_at IS NULL AND ` +
        `rolled_back_at IS NULL`,
      [name],
    );
    return r.rowCount ?? 0;
  }

  async runMigration(migration: Migration): Promise<Result<void, MigrationFailure>> {
    try {
      // One simple-protocol query per file, as Prisma sends it: PostgreSQL runs it as one
      // implicit transaction, so a failure leaves none of the file's DDL behind.
      await this.client.query(migration.sql);
      return ok(undefined);
    } catch (e) {
      // A file with its own BEGIN leaves the session in an aborted transaction; end it so the
      // failure can be recorded (what it had not committed is rolled back either way).
      await this.client.query('ROLLBACK').catch(() => undefined);
      return { ok: false, problem: pgFailure(migration, e as PgDbError) };
    }
  }

  adapterFactory() {
    if (!this.pool) {
      this.pool = new CharAsTextPool({
        connectionString: this.conn.connectionString,
        max: 2,
        options: searchPathOption(this.schema),
        ...(this.conn.ssl !== undefined ? { ssl: this.conn.ssl } : {}),
      });
      // An idle connection dropped by the server must not become an unhandled 'error' event.
      this.pool.on('error', () => undefined);
    }
    return new PrismaPg(this.pool as unknown as pg.Pool, {
      schema: this.schema,
    }) as unknown as SqlMigrationAwareDriverAdapterFactory;
  }

  async [Symbol.asyncDispose]() {
    if (this.locked) await this.client.query(`SELECT pg_advisory_unlock(${ADVISORY_LOCK_ID})`).catch(() => undefined);
    await this.client.end().catch(() => undefined);
    await this.pool?.end().catch(() => undefined);
  }
}
