import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { Migration } from '../chain/load';
import { statementHead } from '../chain/split';
import { fail, ok, type Result } from '../problem';
import { resolveExtensions } from './pgExtensions';
import { locatePgFailure, pgInspector, type PgError } from './pgCommon';
import { migrationFailure, type ThrowawayDb } from './types';

/**
 * PostgreSQL in-process (WASM). Its file system is in memory, so untrusted migration SQL
 * cannot read or write the host's files, and there are no processes to spawn.
 */
export async function openPglite(extensionNames: string[]): Promise<ThrowawayDb> {
  const { extensions, missing } = resolveExtensions(extensionNames);
  const snapshot = readSnapshot();
  const pg = await PGlite.create({
    extensions: extensions as PGliteOptions['extensions'],
    // In-memory and thrown away: skip the per-query sync to PGlite's file system.
    relaxedDurability: true,
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

  const inspector = pgInspector((sql, params) => pg.query(sql, params));

  return {
    provider: 'postgresql',
    inspector,
    async runMigration(migration: Migration): Promise<Result<void>> {
      const { error } = await runWhole(migration.sql);
      if (!error) return ok(undefined);
      const where = await locatePgFailure(migration.sql, error, (sql) => pg.exec(sql));
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
