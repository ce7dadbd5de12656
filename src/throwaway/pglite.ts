import { MemoryFS, PGlite, type Extension, type PGliteOptions } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { Migration } from '../chain/load';
import { statementHead, type Statement } from '../sql/tokens';
import { fail, ok, pathSlot, type Problem, type Result } from '../problem';
import { resolveExtensions } from './pgExtensions';
import { locatePgFailure, pgInspector, type PgError } from './pgCommon';
import { findClientCopy } from './pgliteCopy';
import { captureDataDir } from './pgliteState';
import { bootPglite, takeFsBundle, takeSnapshotTar } from './pgliteBoot';
import { filesOnStart } from './pgliteExtensionFiles';
import { pgliteHold } from './pgliteHold';
import { untar } from './tarball';
import { migrationFailure, type ThrowawayDb } from './types';
import { fastIntrospection, type QueryRewrite } from './pgliteIntrospection';
import { batchScript, noticedMigration, REPLAYED_SETTING, type BatchRun } from './replayBatch';

/**
 * PostgreSQL in-process (WASM). Its file system is in memory, so untrusted migration SQL
 * cannot read or write the host's files, and there are no processes to spawn.
 */
export interface PgliteOptions {
  /** false: hand the engine's queries over unchanged (the tests compare both). Default true. */
  fastIntrospection?: boolean;
  /** Called for each engine query rewritten (see pgliteIntrospection.ts). */
  onRewrite?: (kind: QueryRewrite) => void;
  /** A data dir (tar) from the replay cache, to start from instead of the bundled snapshot. */
  dataDir?: Promise<Buffer>;
}

export async function openPglite(extensionNames: string[], options: PgliteOptions = {}): Promise<ThrowawayDb> {
  const { extensions, missing } = resolveExtensions(extensionNames);
  const onStart = Object.entries(extensions).map(([name, ext]) => [name, filesOnStart(ext as Extension)]);
  const pg = await startPglite(Object.fromEntries(onStart), options.dataDir);
  const missingHint = (message: string) => {
    const name = missing.find((m) => message.includes(`"${m}"`));
    return name
      ? `PGlite does not bundle the extension "${name}"; replay on a real server with --shadow-database-url.`
      : undefined;
  };
  const inspector = pgInspector((sql, params) => pg.query(sql, params));
  const hold = pgliteHold(pg);

  return {
    provider: 'postgresql',
    inspector,
    async runMigration(migration: Migration): Promise<Result<void>> {
      // PGlite has no client to stream rows from: it would wait for them forever.
      const stdin = findClientCopy(migration.sql, 'stdin');
      if (stdin) return fail(pgliteCannotRun(migration, stdin, STDIN_HINT));
      const { error } = await runWhole(pg, migration.sql);
      if (!error) return (await answers(pg)) ? ok(undefined) : fail(pgliteStopped(migration));
      const where = await locatePgFailure(migration.sql, error, (sql) => pg.exec(sql));
      const hint = [error.hint, missingHint(where.message)].filter(Boolean).join(' ') || undefined;
      return fail(
        migrationFailure(
          migration,
          where.line ?? where.stmt?.line ?? 1,
          statementHead(where.stmt?.text ?? ''),
          where.message,
          hint,
        ),
      );
    },
    runBatch: (batch, first, started) => runBatch(pg, batch, first, started),
    async runScript(sql: string) {
      await hold.commit();
      const { error } = await runWhole(pg, sql);
      return error ? fail(error.message) : ok(undefined);
    },
    adapterFactory: (): SqlMigrationAwareDriverAdapterFactory => {
      const factory = new PrismaPGlite(pg) as unknown as SqlMigrationAwareDriverAdapterFactory;
      if (options.fastIntrospection === false) return factory;
      return fastIntrospection(factory, (sql) => pg.exec(sql), options.onRewrite);
    },
    captureState: () => captureDataDir(pg),
    hold,
    async [Symbol.asyncDispose]() {
      await pg.close();
    },
  };
}

/**
 * Prisma sends a migration as one simple-protocol query, so it runs in one implicit
 * transaction (and `CREATE INDEX CONCURRENTLY` fails, as it does under Prisma).
 */
async function runWhole(pg: PGlite, sql: string): Promise<{ error?: PgError }> {
  try {
    await pg.exec(sql);
    return {};
  } catch (e) {
    return { error: e as PgError };
  }
}

/**
 * A statement that makes PGlite's single backend start a program (COPY … PROGRAM) ends it without an
 * error: every later query answers nothing, and the engine's diff fails with "PANIC: ERRORDATA_STACK_SIZE
 * exceeded". Asking after each migration catches every way to get there, EXECUTE inside a DO block included.
 */
async function answers(pg: PGlite): Promise<boolean> {
  try {
    const r = await pg.query<{ alive: number }>('SELECT 1 AS alive');
    return r.rows[0]?.alive === 1;
  } catch {
    return false;
  }
}

/** See replayBatch.ts. */
async function runBatch(
  pg: PGlite,
  batch: Migration[],
  first: number,
  started: (k: number) => void,
): Promise<BatchRun> {
  let failed = false;
  try {
    await pg.exec(batchScript(batch, first), {
      onNotice: (n) => {
        const k = noticedMigration(n.message);
        if (k !== undefined && k >= first && k < first + batch.length) started(k);
      },
    });
  } catch {
    // Which statement failed is the one-by-one run's to say: it runs the rest of the batch.
    failed = true;
    await pg.exec('ROLLBACK').catch(() => undefined);
  }
  const replayed = await replayedCount(pg);
  if (replayed === undefined) return { done: 0, stopped: true };
  const done = Math.max(0, Math.min(batch.length, replayed - first));
  // No error, yet not every migration committed: the batch did not run as written.
  return { done, stopped: !failed && done < batch.length };
}

/** The count of migrations committed (batchScript sets it), or undefined when PGlite no longer answers. */
async function replayedCount(pg: PGlite): Promise<number | undefined> {
  try {
    const r = await pg.query<{ n: string | null }>(`SELECT current_setting('${REPLAYED_SETTING}', true) AS n`);
    const row = r.rows[0];
    return row ? Number(row.n ?? 0) || 0 : undefined;
  } catch {
    return undefined;
  }
}

const SHADOW_HINT =
  'Replay on a disposable PostgreSQL server with --shadow-database-url, or remove it from the migration.';
const STDIN_HINT =
  'COPY … FROM STDIN reads rows sent by a client, and migrate deploy sends none (Prisma fails on it too). ' +
  'Use INSERT statements.';

function pgliteCannotRun(migration: Migration, stmt: Statement, hint: string): Problem {
  const statement = statementHead(stmt.text);
  return {
    migration: migration.name,
    file: migration.file,
    line: stmt.line,
    statement,
    message:
      `${pathSlot(migration.file)}:${stmt.line}: migration "${migration.name}" runs \`${statement}\`, which ` +
      `PGlite cannot run. ${hint}`,
  };
}

function pgliteStopped(migration: Migration): Problem {
  const program = findClientCopy(migration.sql, 'program');
  if (program) {
    return pgliteCannotRun(migration, program, `COPY … PROGRAM starts a program, which stops PGlite. ${SHADOW_HINT}`);
  }
  return {
    migration: migration.name,
    file: migration.file,
    message:
      `${pathSlot(migration.file)}: PGlite stopped answering after migration "${migration.name}" (a statement in it, ` +
      `e.g. a COPY … PROGRAM run by EXECUTE, starts a program, which PGlite cannot). ${SHADOW_HINT}`,
  };
}

/**
 * initdb's default 128MB pool is touched at start: ~100 MiB RSS and ~0.2 s. A throwaway schema
 * fits in 16MB, and evicted pages only go to the in-memory file system.
 * One transaction locks every relation it creates: the round trip of a 5,000-model schema (or a
 * baseline migration that size) failed with "out of shared memory" in the default lock table
 * (64 x ~110 slots). PGlite has one backend, so slots go to locks: 2048 x ~18 fits 5,000 models
 * and costs ~5 MiB (4096: ~18 MiB).
 */
export const PGLITE_START_PARAMS = [
  ...PGlite.defaultStartParams,
  ...['-c', 'shared_buffers=16MB', '-c', 'max_connections=4', '-c', 'max_locks_per_transaction=2048'],
];

async function startPglite(extensions: Record<string, unknown>, dataDir?: Promise<Buffer>): Promise<PGlite> {
  const boot = bootPglite(false);
  const tar = dataDir ?? takeSnapshotTar();
  const wasmModule = await boot.wasmModule;
  const fsBundle = takeFsBundle();
  return PGlite.create({
    extensions: extensions as PGliteOptions['extensions'],
    // In-memory and thrown away: skip the per-query sync to PGlite's file system.
    relaxedDurability: true,
    startParams: PGLITE_START_PARAMS,
    // Not loadDataDir: see SnapshotFs.
    ...(tar ? { fs: new SnapshotFs(tar) } : {}),
    ...(wasmModule ? { pgliteWasmModule: wasmModule as PGliteOptions['pgliteWasmModule'] } : {}),
    ...(fsBundle ? { fsBundle } : {}),
  });
}

/**
 * Writes the snapshot's data dir into PGlite's in-memory file system before PGlite looks for
 * PGDATA/PG_VERSION, so it neither runs initdb nor loadDataDir. loadDataDir is slow in Node:
 * it gunzips through web streams (about 0.5 s for this 40 MB tar), then copies every file
 * twice. Here each file is a view of the tarball (canOwn: no copy).
 */
class SnapshotFs extends MemoryFS {
  readonly #tarball: Promise<Buffer>;
  constructor(tarball: Promise<Buffer>) {
    super();
    this.#tarball = tarball;
  }
  override async initialSyncFs(): Promise<void> {
    await super.initialSyncFs();
    const FS = this.pg!.Module.FS;
    const root = '/pglite/data';
    FS.mkdirTree(root);
    for (const entry of untar(await this.#tarball)) {
      const file = root + entry.name.replace(/^\/?/, '/').replace(/\/$/, '');
      if (entry.data) FS.writeFile(file, entry.data, { canOwn: true } as Parameters<typeof FS.writeFile>[2]);
      else FS.mkdirTree(file);
    }
  }
}
