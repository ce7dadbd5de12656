import pg from 'pg';
import type { Migration } from '../chain/load';
import { classifyAtomicity } from '../sql/atomicity';
import { quoteIdent } from '../sql/quote';
import { CharAsTextPool, charAwarePg } from '../throwaway/pgChar';
import { connectionProblem, searchPathOption, splitUrl, type PgConnection } from '../throwaway/pgServer';
import { oneLine } from '../throwaway/types';
import { fail, ok, type Result } from '../problem';
import { rowFrom } from './history';
import type { Target } from './target';
import { advisoryLockDisabled } from './lockSwitch';
import { activityName, liveDeploys, pollAdvisoryLock } from './pgActivity';
import { isServerError, pgFailure, type PgDbError } from './pgFailure';
import {
  ADVISORY_LOCK_ID,
  LOCK_TIMEOUT_MS,
  MIGRATIONS_COLUMNS,
  MIGRATIONS_TABLE,
  type MigrationFailure,
  type TargetDb,
} from './targetDb';

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
export async function openPgTarget(target: Target, applicationName: string): Promise<Result<TargetDb>> {
  let conn: PgConnection;
  let client: pg.Client;
  try {
    conn = splitUrl(target.url, target.baseDir);
    client = new pg.Client({
      connectionString: conn.connectionString,
      connectionTimeoutMillis: LOCK_TIMEOUT_MS,
      // Other sessions (status, resolve, a second deploy) see which deploy is running, and what.
      application_name: applicationName,
      options: searchPathOption(conn.schema),
      ...(conn.ssl !== undefined ? { ssl: conn.ssl } : {}),
    });
  } catch (e) {
    return fail(`${target.source} ${target.display}: ${oneLine((e as Error).message)}.`);
  }
  // A dropped connection must surface as a failed query, not as an unhandled 'error' event.
  client.on('error', () => undefined);
  let version: number;
  try {
    await client.connect();
    version = Number((await client.query('SHOW server_version_num')).rows[0].server_version_num);
  } catch (e) {
    await client.end().catch(() => undefined);
    return fail({ message: connectionProblem(target.url, e, target.source).message });
  }
  return ok(new PgTarget(client, conn, target, version));
}

/** The migrations table and the scripts, on the session that holds Prisma's advisory lock. */
class PgTarget implements TargetDb {
  private locked = false;
  private pool: CharAsTextPool | undefined;
  private readonly table: string;
  private readonly schema: string;

  constructor(
    private readonly client: pg.Client,
    private readonly conn: PgConnection,
    private readonly target: Target,
    private readonly serverVersionNum: number,
  ) {
    this.schema = conn.schema;
    this.table = `${quoteIdent(conn.schema)}.${MIGRATIONS_TABLE}`;
  }

  readonly provider = 'postgresql' as const;

  async lock(timeoutMs: number) {
    if (advisoryLockDisabled()) return ok(undefined);
    const r = await pollAdvisoryLock(this.client, this.target.display, timeoutMs);
    this.locked = r.ok;
    return r;
  }

  classify(migration: Migration) {
    return classifyAtomicity(migration.sql, 'postgresql', { serverVersionNum: this.serverVersionNum });
  }

  async setActivity(migration: string | undefined) {
    await this.client.query(`SELECT set_config('application_name', $1, false)`, [activityName(migration)]);
  }

  liveDeploys() {
    return liveDeploys(this.client);
  }

  async missingColumns() {
    const r = await this.client.query(
      `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`,
      [this.schema, MIGRATIONS_TABLE],
    );
    const have = new Set((r.rows as { name: string }[]).map((c) => c.name));
    return MIGRATIONS_COLUMNS.filter((c) => !have.has(c));
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

  async recordStart(id: string, migration: Migration, logs: string | null) {
    await this.client.query(
      `INSERT INTO ${this.table} (id, checksum, migration_name, logs, started_at, applied_steps_count) ` +
        `VALUES ($1, $2, $3, $4, now(), 0)`,
      [id, migration.checksum, migration.name, logs],
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

  async runMigration(
    migration: Migration,
    finishId?: string,
  ): Promise<Result<{ finished: boolean }, MigrationFailure>> {
    // One simple-protocol query per file, as Prisma sends it: PostgreSQL runs it as one
    // implicit transaction. An atomic file carries the UPDATE that finishes its row in the same
    // query, so the server commits both or neither, whatever happens to this process.
    const text = finishId ? `${migration.sql}\n;\n${this.finishSql(finishId)}` : migration.sql;
    try {
      const r = (await this.client.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
      const last = Array.isArray(r) ? r[r.length - 1] : r;
      // The RETURNING value proves our UPDATE ran (an unclosed comment in the file could swallow it).
      const finished = Boolean(finishId) && (last?.rows?.[0] as { pdg_finished?: string })?.pdg_finished === finishId;
      return ok({ finished });
    } catch (e) {
      // Not an answer from the server (the connection broke): whether it committed is unknown here.
      if (!isServerError(e as PgDbError)) throw e;
      // A file with its own BEGIN leaves the session in an aborted transaction; end it so the
      // failure can be recorded (what it had not committed is rolled back either way).
      await this.client.query('ROLLBACK').catch(() => undefined);
      return { ok: false, problem: pgFailure(migration, e as PgDbError, this.classify(migration)) };
    }
  }

  /** Prisma's finishing UPDATE, as literals (a multi-statement query takes no parameters); the id is our UUID. */
  private finishSql(id: string): string {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`not a migration row id: ${id}`);
    return (
      `UPDATE ${this.table} SET finished_at = clock_timestamp(), applied_steps_count = 1, logs = NULL ` +
      `WHERE id = '${id}' RETURNING id AS pdg_finished`
    );
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
    return charAwarePg(this.pool, this.schema);
  }

  async [Symbol.asyncDispose]() {
    if (this.locked) await this.client.query(`SELECT pg_advisory_unlock(${ADVISORY_LOCK_ID})`).catch(() => undefined);
    await this.client.end().catch(() => undefined);
    await this.pool?.end().catch(() => undefined);
  }
}
