import type { Migration } from './chain/load';
import type { CheckReport } from './checkReport';
import { diffWithEngine, engineProblem } from './engine/diff';
import { enginePanic, startEngine } from './engine/load';
import { setAsideRepeatedIndexes } from './engine/repeatedIndexes';
import type { Project } from './project';
import { dropsSomething, type ReviewPlan } from './review/plan';
import type { Fork } from './review/migrationRenames';
import type { ReviewFinding } from './review/types';
import { schemaForEngine } from './schema/engineSchema';
import { holdable } from './throwaway/pgliteHold';
import { openAndReplay, type ReplaySteps } from './throwaway/replay';
import type { ThrowawayDb } from './throwaway/types';
import { progress } from './watchdog';

/** A longer tail is replayed in a fresh database: one transaction holds a lock on every table it touches. */
const MAX_HELD = 50;

/**
 * Where the replay holds its tail in one transaction (TailHold): at the first reviewed migration that
 * drops something, the first that can have a probable rename, when every migration from there runs in
 * it as it runs alone. Undefined: nothing to hold, and the proofs (if any) replay in a fresh database.
 */
export function tailToHold(plan: ReviewPlan, chain: Migration[]): number | undefined {
  if (plan.migrations.size === 0) return undefined;
  const from = chain.findIndex((m) => plan.migrations.has(m.name) && dropsSomething(m.sql, 'postgresql'));
  if (from === -1 || chain.length - from > MAX_HELD) return undefined;
  return chain.slice(from).every(holdable) ? from : undefined;
}

/**
 * probable-rename in the pull request's own migrations: the proof replays the chain with the migration
 * rewritten, and asks the engine. Where the check's replay held its tail (`held`), on the check's own
 * database, rolled back to the start of the tail, after the check's verdict is made; else in a fresh
 * database opened the way the check's own was. Only when the replay saw a candidate (a column or table
 * gone and one alike added); otherwise nothing is loaded.
 */
export async function proveHistoryRenames(
  plan: ReviewPlan,
  project: Project,
  steps: ReplaySteps,
  report: CheckReport,
  held?: { db: ThrowawayDb; from: number },
): Promise<ReviewFinding[]> {
  if (plan.after.size === 0) return [];
  const { snapshotCandidates } = await import('./review/rewrite');
  const any = [...plan.after].some(([name, after]) => snapshotCandidates(plan.states.get(name)!, after).length > 0);
  if (!any) return [];
  const { proveMigrationRenames } = await import('./review/migrationRenames');
  return proveMigrationRenames(plan, project.chain, project.provider.provider, {
    expected: report.drift ? report.sql : '',
    fork: async (name, sql) => {
      progress({ doing: `proving a probable rename in ${name}` });
      const chain = project.chain.map((m) => (m.name === name ? { ...m, sql } : m));
      // A rewritten tail that fails in the hold is told by the fresh replay, as without the hold.
      if (held && (await replayHeld(held.db, chain.slice(held.from)))) return forkOn(held.db, project, report);
      const replayed = await openAndReplay({ ...steps, before: undefined }, chain);
      if (!replayed.ok) return undefined;
      const db = replayed.value.db;
      return { ...forkOn(db, project, report), [Symbol.asyncDispose]: () => db[Symbol.asyncDispose]() };
    },
  });
}

async function replayHeld(db: ThrowawayDb, tail: Migration[]): Promise<boolean> {
  if (!db.hold || !(await db.hold.rewind())) return false;
  // One exec for the whole tail, as a batch runs (each is holdable, so batchable: it ends after a `;`).
  return db.hold.run(tail.map((m) => m.sql).join('\n'));
}

/** The engine's residual diff on a database holding a rewritten chain (disposing of it is the caller's). */
function forkOn(db: ThrowawayDb, project: Project, report: CheckReport): Fork {
  const files = schemaForEngine(project.schema.files);
  const filters = {
    externalTables: project.config?.externalTables ?? [],
    externalEnums: project.config?.externalEnums ?? [],
  };
  return {
    async diff() {
      const engine = await startEngine(db.adapterFactory());
      try {
        const d = await diffWithEngine(engine, files, filters, { summary: false });
        if (!d.ok) {
          // A panic is not "unproven": it fails the check, once, with the engine's one line.
          const panicked = enginePanic(engine);
          const problem = panicked && engineProblem(panicked);
          if (problem && !report.errors.some((e) => e.message === problem.message)) report.errors.push(problem);
          return undefined;
        }
        // As in the check's own diffs: the index pairs the engine would ask for forever are left out.
        const aside = await setAsideRepeatedIndexes(db, d.value);
        return aside.diff.drift ? aside.diff.sql : '';
      } finally {
        engine.free();
      }
    },
    [Symbol.asyncDispose]: async () => undefined,
  };
}
