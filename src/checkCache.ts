import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { Migration } from './chain/load';
import { printable } from './printable';
import type { Project } from './project';
import { gzipState, ReplayCache, type CacheFs, type CacheSeed, type CachedMigration } from './throwaway/replayCache';
import { startExtensions } from './throwaway/open';
import { readSnapshot } from './throwaway/pgliteBoot';
import type { CachedPrefix, ReplayedDb, ReplaySteps } from './throwaway/replay';
import type { ThrowawayDb } from './throwaway/types';
import { VERSION } from './version';

// The check's side of the replay cache (`--cache-dir`): what seeds its keys, and when to save.

export interface CheckCache {
  /** The replay's hook. */
  hook: NonNullable<ReplaySteps['cache']>;
  /** Entries that could not be trusted, discarded (the check replayed cold). */
  notes: string[];
  /**
   * Called right after the replay, before the diff and the round trip change the database. The value
   * saves the state after the report is out: a note when it could not (never a failure).
   */
  capture(db: ThrowawayDb, replayed: ReplayedDb): Promise<(() => Promise<string | undefined>) | undefined>;
}

export async function openCheckCache(
  dir: string,
  project: Project,
  /** Restore at most this many migrations: the review reads the tables as they stood before its first one. */
  limit: number,
  io?: CacheFs,
): Promise<CheckCache> {
  const chain = project.chain;
  const cache = new ReplayCache({ dir, seed: await seedOf(project), chain, limit, io });
  let restoredLate: CachedPrefix['loadedLate'] = [];
  let restoredCount = 0;
  return {
    notes: cache.notes,
    hook: {
      restore() {
        const r = cache.restore();
        if (!r) return undefined;
        restoredLate = r.migrations.flatMap((m, i) =>
          (m.loadedLate ?? []).map((name) => ({ name, by: chain[i]!.name })),
        );
        restoredCount = r.count;
        return { count: r.count, state: r.state, loadedLate: restoredLate };
      },
      discard: (why) => cache.discard(restoredCount, `it did not open: ${why}`),
    },
    async capture(db, replayed) {
      const replayedSome = replayed.migrations.some((m) => !m.cached);
      // Past the limit, no later run with the same review could restore the entry: not worth the capture.
      const restorable = limit >= chain.length;
      // A held tail (pgliteHold.ts) is not committed: a review that holds one never restores that far anyway.
      if (!db.captureState || !replayedSome || !restorable || db.hold?.held || cache.holdsWholeChain())
        return undefined;
      let pack: () => Buffer[];
      try {
        pack = await db.captureState();
      } catch (e) {
        return async () => notSaved(e);
      }
      const migrations = chain.map((m) => withNotes(m, replayed.loadedLateBy));
      return async () => {
        try {
          return cache.save(await gzipState(pack()), migrations);
        } catch (e) {
          return notSaved(e);
        }
      };
    },
  };
}

/** One line, whatever the error says: it can quote the cache folder's path. */
const notSaved = (e: unknown) =>
  `The replay cache was not saved (${printable(String((e as Error)?.message ?? e))}); the check is unaffected.`;

function withNotes({ name, checksum }: Migration, loadedLateBy: Record<string, string>): CachedMigration {
  const loadedLate = Object.keys(loadedLateBy).filter((ext) => loadedLateBy[ext] === name);
  return loadedLate.length > 0 ? { name, checksum, loadedLate } : { name, checksum };
}

async function seedOf(project: Project): Promise<CacheSeed> {
  const provider = project.provider.provider;
  const initShadowDb = project.config?.initShadowDb ?? null;
  if (provider === 'sqlite') {
    const { sqliteDriver } = await import('./throwaway/sqliteDriver');
    const probe = new (sqliteDriver().Database)(':memory:');
    const sqlite = (probe.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    probe.close();
    const node = process.versions.node.split('.')[0];
    return seed(`better-sqlite3 (SQLite ${sqlite}, Node ${node})`, [], [], initShadowDb);
  }
  const { PGLITE_START_PARAMS } = await import('./throwaway/pglite');
  const snapshot = readSnapshot();
  const start = [...PGLITE_START_PARAMS, `snapshot ${snapshot ? sha256(snapshot) : 'none'}`];
  const extensions = [...new Set(startExtensions(project.chain, project.schema))].sort();
  return seed(`pglite ${pgliteVersion()}`, start, extensions, initShadowDb);
}

const seed = (driver: string, start: string[], extensions: string[], initShadowDb: string | null): CacheSeed => ({
  format: 1,
  tool: VERSION,
  driver,
  start,
  extensions,
  initShadowDb,
});

/**
 * The installed PGlite's version; its package.json is not in its exports, so it is read beside its entry.
 * Resolved through createRequire: ncc turns a plain require.resolve into a copied asset (dist/index.cjs),
 * whose "../package.json" would then be our own.
 */
function pgliteVersion(): string {
  try {
    const entry = createRequire(__filename).resolve('@electric-sql/pglite');
    const pkg = path.join(path.dirname(entry), '..', 'package.json');
    return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown'; // the bundled snapshot's hash in the seed still changes with it
  }
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
