import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Migration } from '../chain/load';
import { groupColumns } from './pgCommon';
import { splitStatements, statementHead, type Statement } from '../sql/tokens';
import { runContained } from './sqliteContained';
import { progress } from '../watchdog';
import { fail, ok, type Result } from '../problem';
import type { ColumnInfo, DbInspector } from './types';
import { legacyDqsFactory, withLegacyDqs } from './sqliteDqs';
import { sqliteDriver } from './sqliteDriver';
import { migrationFailure, type ThrowawayDb } from './types';
import type BetterSqlite3 from 'better-sqlite3';

type SqliteDb = BetterSqlite3.Database;

/**
 * `tmpRoot`: where the throwaway folder goes (the supervisor's TMPDIR, unless a test names one).
 * `restored`: a database file from the replay cache, to start from instead of an empty one.
 */
export async function openSqlite(tmpRoot = os.tmpdir(), restored?: Buffer): Promise<ThrowawayDb> {
  const dir = fs.mkdtempSync(path.join(tmpRoot, 'prisma-drift-gate-'));
  const file = path.join(dir, 'replay.db');
  const { Database, PrismaBetterSqlite3 } = sqliteDriver();
  if (restored) fs.writeFileSync(file, restored);
  const db = new Database(file);
  db.unsafeMode(false);
  if (restored) distrustRestored(db, dir);
  // A throwaway file needs no durability: without a sync per statement, replay is ~10x faster.
  db.pragma('synchronous = OFF');
  db.pragma('journal_mode = MEMORY');

  const connections: SqlDriverAdapter[] = [];

  const execStatement = (stmt: Statement) => execSqliteStatement(db, stmt);
  let scratch: SqliteDb | undefined;
  const inspector = sqliteInspector(db, () => (scratch ??= new Database(':memory:')));

  return {
    provider: 'sqlite',
    inspector,
    async runMigration(migration: Migration) {
      for (const stmt of splitStatements(migration.sql, 'sqlite')) {
        const head = statementHead(stmt.text);
        const { name, file } = migration;
        progress({ doing: 'replaying', migration: name, file, line: stmt.line, statement: head });
        const r = await execStatement(stmt);
        if (!r.ok) return fail(migrationFailure(migration, stmt.line, head, r.problem.message));
      }
      return ok(undefined);
    },
    async runScript(sql: string) {
      for (const stmt of splitStatements(sql, 'sqlite')) {
        const r = await execStatement(stmt);
        if (!r.ok) return fail(`line ${stmt.line} \`${statementHead(stmt.text)}\`: ${r.problem.message}`);
      }
      return ok(undefined);
    },
    adapterFactory: () => engineFactory(new PrismaBetterSqlite3({ url: `file:${file}` }), connections, !!restored),
    async captureState() {
      const bytes = db.serialize();
      return () => [bytes];
    },
    async [Symbol.asyncDispose]() {
      // The engine's connections must close before the process exits: a better-sqlite3
      // statement finalised during Node's teardown aborts the process.
      for (const c of connections.splice(0)) await c.dispose().catch(() => undefined);
      scratch?.close();
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Remembers the engine's connections, to close them; a restored file's connections distrust its schema too. */
function engineFactory(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  connections: SqlDriverAdapter[],
  restored: boolean,
): SqlMigrationAwareDriverAdapterFactory {
  const factory = legacyDqsFactory(adapter);
  const remember = async (c: SqlDriverAdapter) => {
    if (restored) await c.executeRaw({ sql: TRUSTED_SCHEMA_OFF, args: [], argTypes: [] });
    connections.push(c);
    return c;
  };
  return {
    ...factory,
    connect: async () => remember(await factory.connect()),
    connectToShadowDb: async () => remember(await factory.connectToShadowDb()),
  };
}

const TRUSTED_SCHEMA_OFF = 'PRAGMA trusted_schema = OFF';

/**
 * A cached file is untrusted input (a pull request writes its own cache scope): its schema's views and
 * triggers may call no function with side effects, and a damaged file is refused before anything reads it.
 */
function distrustRestored(db: SqliteDb, dir: string): void {
  try {
    db.pragma(TRUSTED_SCHEMA_OFF.slice('PRAGMA '.length));
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the SQLite file fails quick_check: ${String(check)}`);
  } catch (e) {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** One statement of untrusted SQL, contained by SQLite itself (see runContained). */
async function execSqliteStatement(db: SqliteDb, stmt: Statement): Promise<Result<void>> {
  try {
    await withLegacyDqs(
      stmt.text,
      (sql) => runContained(db, sql),
      (e) => (e as Error).message,
    );
    return ok(undefined);
  } catch (e) {
    return fail((e as Error).message);
  }
}

/** `scratch`: an empty in-memory database, for reading what a CREATE TABLE would make (columnsOfCreate). */
function sqliteInspector(db: SqliteDb, scratch: () => SqliteDb): DbInspector {
  return {
    async columns(table) {
      return toColumns(db.prepare('SELECT * FROM pragma_table_info(?)').all(table));
    },
    async indexes(table) {
      const rows = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
        .all(table) as { name: string }[];
      return rows.map((r) => r.name);
    },
    async tableColumns() {
      const rows = db
        .prepare(
          'SELECT m.name AS t, c.name AS c, c.type AS type FROM sqlite_master m, pragma_table_info(m.name) c ' +
            "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
        )
        .all() as { t: string; c: string; type: string }[];
      return groupColumns(rows);
    },
    async columnsOfCreate(createTable) {
      // Create the table in a savepoint, read it, and roll back: SQLite DDL is transactional. Not in the replayed
      // database: rolling back a CREATE there makes SQLite re-read its whole schema (every table's CREATE parsed
      // again) at the next statement, once per redefined table, which was quadratic. A table's columns depend on
      // its CREATE alone (SQLite does not resolve a REFERENCES target when it creates the table).
      const s = scratch();
      s.exec('SAVEPOINT pdg_inspect');
      try {
        // The statement comes from the engine, but the names in it come from the pull request's schema.
        runContained(s, createTable);
        const name = /^CREATE TABLE ("(?:[^"]|"")+")/.exec(createTable)?.[1] ?? '';
        return toColumns(s.prepare('SELECT * FROM pragma_table_info(?)').all(name.slice(1, -1).replace(/""/g, '"')));
      } finally {
        s.exec('ROLLBACK TO pdg_inspect; RELEASE pdg_inspect');
      }
    },
  };
}

function toColumns(rows: unknown[]): ColumnInfo[] {
  return (rows as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[]).map(
    (r) => ({
      name: r.name,
      type: r.type,
      notnull: r.notnull === 1,
      dflt: r.dflt_value,
      pk: r.pk > 0,
    }),
  );
}
