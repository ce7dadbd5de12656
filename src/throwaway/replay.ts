import { performance } from 'node:perf_hooks';
import type { Migration } from '../chain/load';
import { ok, type Problem, type Result } from '../problem';
import { progress } from '../watchdog';
import { PGLITE_EXTENSIONS } from './pgExtensions';
import { batchEnd, type BatchRun } from './replayBatch';
import type { ThrowawayDb } from './types';

export interface ReplayedDb {
  /** Open, holding the replayed chain: the caller disposes it. */
  db: ThrowawayDb;
  /** Restored from the replay cache: `cached: true`, and no duration of their own. */
  migrations: { name: string; checksum: string; durationMs: number; cached?: true }[];
  /** How long the last (the kept) database took to open. */
  openMs: number;
  /** Bundled extensions the chain needed but did not visibly create: the replay started over with them. */
  loadedLate: string[];
  /** Each of those, by the migration that needed it (the replay cache keeps them per migration). */
  loadedLateBy: Record<string, string>;
}

/** What the replay cache restores (see replayCache.ts). */
export interface CachedPrefix {
  count: number;
  /** Unpacked in the thread pool, while the database starts. */
  state: Promise<Buffer>;
  /** The extensions the prefix's replay loaded late: name, and the migration that needed it. */
  loadedLate: { name: string; by: string }[];
}

/**
 * What to do with a database: `open` it (with extra extensions to load), `prepare` it (the
 * config's initShadowDb), then replay the chain. Any failure disposes of the database.
 */
export interface ReplaySteps {
  open(extraExtensions: string[], restored?: Promise<Buffer>): Promise<Result<ThrowawayDb>>;
  prepare(db: ThrowawayDb): Promise<Result<void>>;
  /** Before each migration (the deploy-risk review reads the tables as they stand then). */
  before?(db: ThrowawayDb, migration: Migration): Promise<void>;
  /**
   * Whether `before` reads the database before this migration, which then starts a batch (PGlite
   * replays migrations in batches). Absent with a `before`: every migration runs alone.
   */
  readsBefore?(migration: Migration): boolean;
  /** False for a real server, whose extensions are the server's. */
  loadsExtensions: boolean;
  /** The replay cache: the longest cached prefix, and where to say that a restored state did not open. */
  cache?: { restore(): CachedPrefix | undefined; discard(why: string): void };
  /**
   * The chain index from which the replay is held in one transaction (TailHold), when the database
   * can: the review's rename proofs then go back there. Any failure in it: the replay starts over unheld.
   */
  holdFrom?: number;
}

/**
 * The safety net behind extension detection: a `CREATE EXTENSION` inside a DO block or a function
 * body is invisible to it, and PGlite then says `extension "x" is not available`. When PGlite
 * bundles x, the replay starts over in a fresh database with x loaded (extensions load at start-up).
 */
export async function openAndReplay(steps: ReplaySteps, chain: Migration[]): Promise<ReplayOutcome> {
  const loadedLate: string[] = [];
  const loadedLateBy: Record<string, string> = {};
  let batched = true;
  let hold = steps.holdFrom;
  for (;;) {
    const attempt = await replayOnce({ ...steps, holdFrom: hold }, chain, loadedLate, batched);
    if (attempt.ok) {
      // Restored ones first: they were needed earlier in the chain, which is the order a cold replay finds them.
      const restored = attempt.value.restoredLate;
      for (const { name, by } of restored) loadedLateBy[name] = by;
      const all = [...restored.map((r) => r.name), ...loadedLate.filter((n) => !restored.some((r) => r.name === n))];
      return { ok: true, value: { ...attempt.value, loadedLate: all, loadedLateBy } };
    }
    // A failure in the held tail is told by a replay as the check runs it without the hold.
    if (attempt.unheld && hold !== undefined) {
      hold = undefined;
      continue;
    }
    // A batch that stopped PGlite (a program started by EXECUTE) or did not end as written: one by one names it.
    if (attempt.unbatched && batched) {
      batched = false;
      continue;
    }
    const failed = { ok: false as const, problem: attempt.problem, migrations: attempt.migrations };
    const missing = /extension "([^"]+)" is not available/.exec(attempt.problem.message)?.[1];
    if (!attempt.retry || !missing || !PGLITE_EXTENSIONS[missing] || loadedLate.includes(missing)) return failed;
    loadedLate.push(missing);
    loadedLateBy[missing] = attempt.problem.migration ?? '';
  }
}

/** On failure, the migrations that did run before it, for the report. */
export type ReplayOutcome =
  { ok: true; value: ReplayedDb } | { ok: false; problem: Problem; migrations: ReplayedDb['migrations'] };

type Attempt =
  | { ok: true; value: Omit<ReplayedDb, 'loadedLate' | 'loadedLateBy'> & { restoredLate: CachedPrefix['loadedLate'] } }
  | {
      ok: false;
      problem: Problem;
      retry: boolean;
      unbatched?: boolean;
      unheld?: true;
      migrations: ReplayedDb['migrations'];
    };

async function replayOnce(steps: ReplaySteps, chain: Migration[], extra: string[], batched: boolean): Promise<Attempt> {
  const t0 = performance.now();
  const { opened, restored } = await openRestored(steps, extra);
  const openMs = Math.round(performance.now() - t0);
  if (!opened.ok) return { ...opened, retry: false, migrations: [] };
  const db = opened.value;
  let keep = false;
  const cached = chain.slice(0, restored?.count ?? 0);
  const migrations: ReplayedDb['migrations'] = cached.map(({ name, checksum }) => ({
    name,
    checksum,
    durationMs: 0,
    cached: true as const,
  }));
  try {
    // A restored state already holds initShadowDb's work (the cache key is seeded with it).
    const prepared = restored ? ok(undefined) : await steps.prepare(db);
    if (!prepared.ok) return { ...prepared, retry: false, migrations };
    // Migrations up to here run one by one: the rest of a batch that failed. The restored prefix is skipped.
    let alone = 0;
    let held = false;
    // A batch stops where the hold begins.
    const hold = (i: number) => (steps.holdFrom !== undefined && i < steps.holdFrom ? steps.holdFrom : chain.length);
    for (let i = cached.length; i < chain.length;) {
      if (i === steps.holdFrom && db.hold) held = await db.hold.begin();
      const batch = batched && db.runBatch && i >= alone && !held;
      const end = batch ? Math.min(batchEnd(chain, i, steps.readsBefore ?? (() => !!steps.before)), hold(i)) : i + 1;
      await steps.before?.(db, chain[i]!);
      if (end - i > 1) {
        const run = await replayBatch(db, chain, i, end, migrations);
        if (run.stopped)
          return { ok: false, problem: { message: 'batch stopped' }, retry: false, unbatched: true, migrations };
        i += run.done;
        alone = end;
        continue;
      }
      const migration = chain[i]!;
      const { name, file } = migration;
      progress({ doing: 'replaying', migration: name, file, n: i + 1, of: chain.length });
      const tm = performance.now();
      if (held && !(await db.hold!.run(migration.sql)))
        return { ok: false, problem: { message: 'held' }, retry: false, unheld: true, migrations };
      const r = held ? ok(undefined) : await db.runMigration(migration);
      if (!r.ok) return { ...r, retry: steps.loadsExtensions && db.provider === 'postgresql', migrations };
      migrations.push({ name, checksum: migration.checksum, durationMs: roundMs(performance.now() - tm) });
      i++;
    }
    keep = true;
    return { ok: true, value: { db, migrations, openMs, restoredLate: restored?.loadedLate ?? [] } };
  } finally {
    if (!keep) await db[Symbol.asyncDispose]();
  }
}

const roundMs = (ms: number) => Math.round(ms * 10) / 10;

/**
 * Runs chain[from, end) in one exec (replayBatch.ts). Each migration's progress step and duration
 * come from the notice that starts it, so they are as precise as one by one.
 */
async function replayBatch(
  db: ThrowawayDb,
  chain: Migration[],
  from: number,
  end: number,
  out: ReplayedDb['migrations'],
): Promise<BatchRun> {
  const starts: number[] = [];
  const started = (k: number) => {
    const m = chain[k]!;
    starts[k - from] = performance.now();
    progress({ doing: 'replaying', migration: m.name, file: m.file, n: k + 1, of: chain.length });
  };
  started(from);
  const run = await db.runBatch!(chain.slice(from, end), from, started);
  const tEnd = performance.now();
  for (let k = 0; k < run.done; k++) {
    const m = chain[from + k]!;
    const t = starts[k] ?? starts[0]!;
    out.push({ name: m.name, checksum: m.checksum, durationMs: roundMs((starts[k + 1] ?? tEnd) - t) });
  }
  return run;
}

// ---- the replay cache's hook (replayCache.ts) ----

/** Opens on the longest cached prefix; a restored state that does not open is discarded, and the replay is cold. */
async function openRestored(
  steps: ReplaySteps,
  extra: string[],
): Promise<{ opened: Result<ThrowawayDb>; restored?: CachedPrefix }> {
  const restored = steps.cache?.restore();
  if (restored) {
    progress({ doing: `restoring ${restored.count} migrations from the replay cache` });
    const late = restored.loadedLate.map((l) => l.name).filter((n) => !extra.includes(n));
    try {
      const opened = await steps.open([...extra, ...late], restored.state);
      if (opened.ok) return { opened, restored };
      steps.cache!.discard(opened.problem.message);
    } catch (e) {
      steps.cache!.discard(String((e as Error)?.message ?? e));
    }
  }
  return { opened: await steps.open(extra) };
}
