import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { Migration } from '../chain/load';
import { lineOfOffset, splitStatements, statementHead, type Statement } from '../chain/split';
import { fail, ok, type Result } from '../problem';
import { resolveExtensions } from './pgExtensions';
import type { DbInspector } from '../engine/summary';
import { migrationFailure, type ThrowawayDb } from './types';

interface PgError extends Error {
  position?: string;
  hint?: string;
}

/**
 * PostgreSQL in-process (WASM). Its file system is in memory, so untrusted migration SQL
 * cannot read or write the host's files, and there are no processes to spawn.
 */
export async function openPglite(extensionNames: string[]): Promise<ThrowawayDb> {
  const { extensions, missing } = resolveExtensions(extensionNames);
  const snapshot = readSnapshot();
  const pg = await PGlite.create({
    extensions: extensions as PGliteOptions['extensions'],
    ...(snapshot ? { loadDataDir: new Blob([snapshot]) } : {}),
  });
  const missingHint = (message: string) => {
    const name = missing.find((m) => message.includes(`"${m}"`));
    return name ? `PGlite does not bundle the extension "${name}"; replay on a real server with --shadow-database-url.` : undefined;
  };

  /**
   * Prisma sends a migration as one simple-protocol query, so it runs in one implicit
   * transaction (and `CREATE INDEX CONCURRENTLY` fails, as it does under Prisma).
   */
  const runWhole = async (sql: string): Promise<{ error?: PgError }> => {
    try {
      await pg.exec(sql);
      return {};
    } catch (e) {
      return { error: e as PgError };
    }
  };

  /** Which statement failed: from the error's position, else by re-running one at a time and rolling back. */
  const locate = async (sql: string, error: PgError): Promise<{ stmt?: Statement; line?: number; message: string }> => {
    const statements = splitStatements(sql, 'postgresql');
    const position = error.position ? Number(error.position) - 1 : undefined;
    if (position !== undefined && position >= 0) {
      const stmt = [...statements].reverse().find((s) => s.offset <= position);
      return { stmt, line: lineOfOffset(sql, position), message: error.message };
    }
    await pg.exec('BEGIN');
    try {
      for (const stmt of statements) {
        try {
          await pg.exec(stmt.text);
        } catch (e) {
          return { stmt, line: stmt.line, message: (e as Error).message };
        }
      }
    } finally {
      await pg.exec('ROLLBACK').catch(() => undefined);
    }
    return { message: error.message };
  };

  const inspector: DbInspector = {
    async columns(table) {
      const r = await pg.query<{ name: string; type: string; notnull: boolean; dflt: string | null; pk: boolean }>(
        `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
                pg_get_expr(d.adbin, d.adrelid) AS dflt,
                EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY(i.indkey)) AS pk
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         WHERE n.nspname = current_schema() AND c.relname = $1 AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
         ORDER BY a.attnum`,
        [table],
      );
      return r.rows;
    },
    async indexes(table) {
      const r = await pg.query<{ name: string }>(`SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1`, [table]);
      return r.rows.map((row) => row.name);
    },
    async enumValues(name) {
      const r = await pg.query<{ label: string }>(
        `SELECT e.enumlabel AS label FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE n.nspname = current_schema() AND t.typname = $1 ORDER BY e.enumsortorder`,
        [name],
      );
      return r.rows.map((row) => row.label);
    },
  };

  return {
    provider: 'postgresql',
    inspector,
    async runMigration(migration: Migration): Promise<Result<void>> {
      const { error } = await runWhole(migration.sql);
      if (!error) return ok(undefined);
      const where = await locate(migration.sql, error);
      const hint = [error.hint, missingHint(where.message)].filter(Boolean).join(' ') || undefined;
      return fail(migrationFailure(migration, where.line ?? where.stmt?.line ?? 1, statementHead(where.stmt?.text ?? ''), where.message, hint));
    },
    async runScript(sql: string) {
      const { error } = await runWhole(sql);
      return error ? fail(error.message) : ok(undefined);
    },
    adapterFactory: (): SqlMigrationAwareDriverAdapterFactory => new PrismaPGlite(pg) as unknown as SqlMigrationAwareDriverAdapterFactory,
    async [Symbol.asyncDispose]() {
      await pg.close();
    },
  };
}

/**
 * The build writes a pre-initialised data dir (scripts/pglite-snapshot.js) beside the
 * compiled code: lib/ for the CLI, dist/ for the Action. Without it PGlite runs initdb,
 * which works but costs seconds on every check.
 */
export const SNAPSHOT_NAME = 'pglite-datadir.tar.gz';
function readSnapshot(): Buffer | undefined {
  for (const dir of [__dirname, path.join(__dirname, '..'), path.join(__dirname, '..', '..', 'lib')]) {
    try {
      return fs.readFileSync(path.join(dir, SNAPSHOT_NAME));
    } catch {
      // not here; try the next place
    }
  }
  return undefined;
}
