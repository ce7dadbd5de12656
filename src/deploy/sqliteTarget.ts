import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Migration } from '../chain/load';
import { classifyAtomicity, type Atomicity } from '../sql/atomicity';
import { splitStatements, statementHead, type Statement } from '../sql/tokens';
import { legacyDqsFactory, withLegacyDqs } from '../throwaway/sqliteDqs';
import { sqliteDriver, type SqliteDriver } from '../throwaway/sqliteDriver';
import { oneLine } from '../throwaway/types';
import { fail, ok, pathSlot, type Result } from '../problem';
import { rowFrom } from './history';
import type { Target } from './target';
import {
  ATOMIC_ROLLED_BACK,
  MIGRATIONS_COLUMNS,
  MIGRATIONS_TABLE,
  type MigrationFailure,
  type TargetDb,
} from './targetDb';
import { advisoryLockDisabled } from './lockSwitch';
import type BetterSqlite3 from 'better-sqlite3';

type SqliteDb = BetterSqlite3.Database;

/** Prisma's DDL (prisma-engines, sqlite flavour). */
const CREATE_TABLE = `CREATE TABLE "${MIGRATIONS_TABLE}" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);`;

export async function openSqliteTarget(
  target: Target,
  opts: { readonly: boolean; lockTimeoutMs: number },
): Promise<Result<TargetDb>> {
  const file = target.file!;
  if (opts.readonly && !fs.existsSync(file))
    return fail(
      `${file}: the SQLite database does not exist. Check the path (relative file: paths resolve from the schema's ` +
        `folder).`,
    );
  const { Database, PrismaBetterSqlite3 } = sqliteDriver();
  let db: SqliteDb;
  try {
    if (!opts.readonly) fs.mkdirSync(path.dirname(file), { recursive: true });
    // busy timeout: a concurrent deploy holds the exclusive lock; wait as long as Prisma would.
    db = new Database(file, { timeout: opts.lockTimeoutMs, fileMustExist: opts.readonly, readonly: opts.readonly });
  } catch (e) {
    return fail(`${file}: cannot open the SQLite database: ${oneLine((e as Error).message)}.`);
  }
  return ok(new SqliteTarget(db, file, PrismaBetterSqlite3));
}

/** Reads both forms: epoch milliseconds (native engine, us) and text (wasm engine, SQL defaults). */
export function sqliteTime(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'bigint') return new Date(Number(v));
  const s = String(v);
  if (/^\d+$/.test(s)) return new Date(Number(s));
  const d = new Date(/^\d{4}-\d\d-\d\d \d/.test(s) && !/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s.replace(' ', 'T') + 'Z' : s);
  // Set but unreadable still means "set": never turn a finished migration into a failed one.
  return Number.isNaN(d.getTime()) ? new Date(0) : d;
}

/** Timestamps as epoch milliseconds: what Prisma's native engine writes on SQLite. */
const now = () => Date.now();

/** The migrations table and the scripts, on the connection that holds the exclusive lock. */
class SqliteTarget implements TargetDb {
  private readonly connections: SqlDriverAdapter[] = [];

  constructor(
    private readonly db: SqliteDb,
    private readonly file: string,
    private readonly Adapter: SqliteDriver['PrismaBetterSqlite3'],
  ) {}

  private remember(c: SqlDriverAdapter): SqlDriverAdapter {
    this.connections.push(c);
    return c;
  }

  readonly provider = 'sqlite' as const;

  async lock(timeoutMs: number): Promise<Result<void>> {
    // Prisma's switch turns off its SQLite lock too.
    if (advisoryLockDisabled()) return ok(undefined);
    try {
      // Exclusive locking mode keeps the lock for the life of this connection, so no other
      // process can read a half-applied history or apply the same migration.
      this.db.pragma('locking_mode = EXCLUSIVE');
      this.db.exec('BEGIN EXCLUSIVE; COMMIT;');
      return ok(undefined);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code !== 'SQLITE_BUSY' && code !== 'SQLITE_LOCKED') throw e;
      return fail(
        `${this.file}: could not lock the database within ${timeoutMs / 1000} s: another process is using it, ` +
          `perhaps another deploy. Wait for it and run again.`,
      );
    }
  }

  classify(migration: Migration) {
    return classifyAtomicity(migration.sql, 'sqlite');
  }

  // SQLite has no session list: a running deploy holds the exclusive lock instead.
  async setActivity() {}
  async liveDeploys() {
    return [];
  }

  async missingColumns() {
    const cols = this.db.prepare(`SELECT name FROM pragma_table_info(?)`).all(MIGRATIONS_TABLE) as { name: string }[];
    const have = new Set(cols.map((c) => c.name));
    return MIGRATIONS_COLUMNS.filter((c) => !have.has(c));
  }

  async hasMigrationsTable() {
    return (
      this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(MIGRATIONS_TABLE) !==
      undefined
    );
  }

  async existingObjects() {
    // Prisma's P3005 test: every table, sqlite_sequence included; views do not count.
    const rows = this.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as {
      name: string;
    }[];
    return rows.map((r) => r.name);
  }

  async createMigrationsTable() {
    this.db.exec(CREATE_TABLE);
  }

  async rows() {
    const rows = this.db
      .prepare(
        `SELECT id, checksum, migration_name, started_at, finished_at, rolled_back_at, logs, applied_steps_count ` +
          `FROM "${MIGRATIONS_TABLE}" ORDER BY started_at ASC`,
      )
      .all();
    return (rows as Record<string, unknown>[]).map((r) => rowFrom(r, sqliteTime));
  }

  // Timestamps as epoch milliseconds: what Prisma's native engine writes on SQLite.
  async recordStart(id: string, migration: Migration, logs: string | null) {
    this.db
      .prepare(
        `INSERT INTO "${MIGRATIONS_TABLE}" (id, checksum, migration_name, logs, started_at, applied_steps_count) ` +
          `VALUES (?, ?, ?, ?, ?, 0)`,
      )
      .run(id, migration.checksum, migration.name, logs, now());
  }

  async recordFinish(id: string, appliedSteps: number) {
    this.db
      .prepare(`UPDATE "${MIGRATIONS_TABLE}" SET finished_at = ?, applied_steps_count = ? WHERE id = ?`)
      .run(now(), appliedSteps, id);
  }

  async recordFailure(id: string, logs: string) {
    this.db.prepare(`UPDATE "${MIGRATIONS_TABLE}" SET logs = ? WHERE id = ?`).run(logs, id);
  }

  async recordApplied(id: string, migration: Migration) {
    const t = now();
    this.db
      .prepare(
        `INSERT INTO "${MIGRATIONS_TABLE}" (id, checksum, migration_name, logs, rolled_back_at, started_at, ` +
          `finished_at, applied_steps_count) VALUES (?, ?, ?, '', NULL, ?, ?, 0)`,
      )
      .run(id, migration.checksum, migration.name, t, t);
  }

  async recordRolledBack(name: string) {
    return this.db
      .prepare(
        `UPDATE "${MIGRATIONS_TABLE}" SET rolled_back_at = ? WHERE migration_name = ? AND finished_at IS NULL AND ` +
          `rolled_back_at IS NULL`,
      )
      .run(now(), name).changes;
  }

  async runMigration(
    migration: Migration,
    finishId?: string,
  ): Promise<Result<{ finished: boolean }, MigrationFailure>> {
    const atomicity = this.classify(migration);
    if (!finishId) return this.runEach(migration, atomicity, false);
    // foreign_keys is a no-op inside a transaction: a file that turns it off (Prisma's
    // RedefineTables) gets it off for the whole transaction, and the setting back afterwards.
    const fkBefore = atomicity.foreignKeysOff ? this.db.pragma('foreign_keys', { simple: true }) : undefined;
    if (atomicity.foreignKeysOff) this.db.pragma('foreign_keys = OFF');
    try {
      this.db.exec('BEGIN');
      const r = await this.runEach(migration, atomicity, true);
      if (!r.ok) return r;
      this.db
        .prepare(`UPDATE "${MIGRATIONS_TABLE}" SET finished_at = ?, applied_steps_count = 1, logs = NULL WHERE id = ?`)
        .run(now(), finishId);
      this.db.exec('COMMIT');
      return ok({ finished: true });
    } finally {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      if (fkBefore !== undefined) this.db.pragma(`foreign_keys = ${Number(fkBefore)}`);
    }
  }

  /**
   * Statement by statement. Outside a transaction (non-atomic files) SQLite keeps each statement
   * that finished, as Prisma's engine does; inside one, a failure rolls the whole file back.
   */
  private async runEach(
    migration: Migration,
    atomicity: Atomicity,
    inTransaction: boolean,
  ): Promise<Result<{ finished: boolean }, MigrationFailure>> {
    for (const stmt of splitStatements(migration.sql, 'sqlite')) {
      try {
        await withLegacyDqs(
          stmt.text,
          (sql) => this.db.exec(sql),
          (e) => (e as Error).message,
        );
      } catch (e) {
        // A script with its own BEGIN would keep our bookkeeping inside its transaction.
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        return { ok: false, problem: sqliteFailure(migration, stmt, e as Error, inTransaction && atomicity.atomic) };
      }
    }
    return ok({ finished: false });
  }

  adapterFactory(): SqlMigrationAwareDriverAdapterFactory {
    const factory = legacyDqsFactory(new this.Adapter({ url: `file:${this.file}` }));
    return {
      ...factory,
      connect: async () => this.remember(await factory.connect()),
      connectToShadowDb: async () => this.remember(await factory.connectToShadowDb()),
    };
  }

  async [Symbol.asyncDispose]() {
    for (const c of this.connections.splice(0)) await c.dispose().catch(() => undefined);
    this.db.close();
  }
}

function sqliteFailure(migration: Migration, stmt: Statement, e: Error, rolledBack: boolean): MigrationFailure {
  const message = oneLine(e.message);
  const head = statementHead(stmt.text);
  const logs = `SQLite database error\n${e.message}\n   0: line ${stmt.line}: ${head}`;
  const after = rolledBack
    ? `Nothing of it was applied (it ran in one transaction). Fix the cause, then mark it: prisma-drift-gate ` +
      `resolve --rolled-back ${migration.name}, and deploy again.`
    : `SQLite does not roll a script back: the statements before this one stay applied. Repair the database by ` +
      `hand, then mark it: prisma-drift-gate resolve --rolled-back ${migration.name} (or --applied if you finished ` +
      `it by hand).`;
  return {
    migration: migration.name,
    file: migration.file,
    line: stmt.line,
    statement: head,
    message:
      `${pathSlot(migration.file)}:${stmt.line}: migration "${migration.name}" failed at \`${head}\`: ` +
      `${message}. ${after}`,
    logs: rolledBack ? `${logs}\n\n${ATOMIC_ROLLED_BACK}` : logs,
  };
}
