import { performance } from 'node:perf_hooks';
import type { Migration } from '../chain/load';
import type { Problem, Result } from '../problem';
import { progress } from '../watchdog';
import { PGLITE_EXTENSIONS } from './pgExtensions';
import type { ThrowawayDb } from './types';

export interface ReplayedDb {
  /** Open, holding the replayed chain: the caller disposes it. */
  db: ThrowawayDb;
  migrations: { name: string; checksum: string; durationMs: number }[];
  /** How long the last (the kept) database took to open. */
  openMs: number;
  /** Bundled extensions the chain needed but did not visibly create: the replay started over with them. */
  loadedLate: string[];
}

/**
 * What to do with a database: `open` it (with extra extensions to load), `prepare` it (the
 * config's initShadowDb), then replay the chain. Any failure disposes of the database.
 */
export interface ReplaySteps {
  open(extraExtensions: string[]): Promise<Result<ThrowawayDb>>;
  prepare(db: ThrowawayDb): Promise<Result<void>>;
  /** Before each migration (the deploy-risk review reads the tables as they stand then). */
  before?(db: ThrowawayDb, migration: Migration): Promise<void>;
  /** False for a real server, whose extensions are the server's. */
  loadsExtensions: boolean;
}

/**
 * The safety net behind extension detection: a `CREATE EXTENSION` inside a DO block or a function
 * body is invisible to it, and PGlite then says `extension "x" is not available`. When PGlite
 * bundles x, the replay starts over in a fresh database with x loaded (extensions load at start-up).
 */
export async function openAndReplay(steps: ReplaySteps, chain: Migration[]): Promise<ReplayOutcome> {
  const loadedLate: string[] = [];
  for (;;) {
    const attempt = await replayOnce(steps, chain, loadedLate);
    if (attempt.ok) return { ok: true, value: { ...attempt.value, loadedLate } };
    const failed = { ok: false as const, problem: attempt.problem, migrations: attempt.migrations };
    const missing = /extension "([^"]+)" is not available/.exec(attempt.problem.message)?.[1];
    if (!attempt.retry || !missing || !PGLITE_EXTENSIONS[missing] || loadedLate.includes(missing)) return failed;
    loadedLate.push(missing);
  }
}

/** On failure, the migrations that did run before it, for the report. */
export type ReplayOutcome =
  { ok: true; value: ReplayedDb } | { ok: false; problem: Problem; migrations: ReplayedDb['migrations'] };

type Attempt =
  | { ok: true; value: Omit<ReplayedDb, 'loadedLate'> }
  | { ok: false; problem: Problem; retry: boolean; migrations: ReplayedDb['migrations'] };

async function replayOnce(steps: ReplaySteps, chain: Migration[], extra: string[]): Promise<Attempt> {
  const t0 = performance.now();
  const opened = await steps.open(extra);
  const openMs = Math.round(performance.now() - t0);
  if (!opened.ok) return { ...opened, retry: false, migrations: [] };
  const db = opened.value;
  let keep = false;
  const migrations: ReplayedDb['migrations'] = [];
  try {
    const prepared = await steps.prepare(db);
    if (!prepared.ok) return { ...prepared, retry: false, migrations };
    for (const [i, migration] of chain.entries()) {
      await steps.before?.(db, migration);
      const { name, displayFile: file } = migration;
      progress({ doing: 'replaying', migration: name, file, n: i + 1, of: chain.length });
      const tm = performance.now();
      const r = await db.runMigration(migration);
      if (!r.ok) return { ...r, retry: steps.loadsExtensions && db.provider === 'postgresql', migrations };
      const durationMs = Math.round((performance.now() - tm) * 10) / 10;
      migrations.push({ name: migration.name, checksum: migration.checksum, durationMs });
    }
    keep = true;
    return { ok: true, value: { db, migrations, openMs } };
  } finally {
    if (!keep) await db[Symbol.asyncDispose]();
  }
}
