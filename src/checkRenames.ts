import type { CheckReport } from './checkReport';
import { diffWithEngine, engineProblem } from './engine/diff';
import { enginePanic, startEngine } from './engine/load';
import { setAsideRepeatedIndexes } from './engine/repeatedIndexes';
import type { Project } from './project';
import type { ReviewPlan } from './review/plan';
import type { ReviewFinding } from './review/types';
import { schemaForEngine } from './schema/engineSchema';
import { openAndReplay, type ReplaySteps } from './throwaway/replay';
import { progress } from './watchdog';

/**
 * probable-rename in the pull request's own migrations: the proof replays the chain again, in a
 * fresh database opened the way the check's own was, with the migration rewritten. Only when the
 * replay saw a candidate (a column or table gone and one alike added); otherwise nothing is loaded.
 */
export async function proveHistoryRenames(
  plan: ReviewPlan,
  project: Project,
  steps: ReplaySteps,
  report: CheckReport,
): Promise<ReviewFinding[]> {
  if (plan.after.size === 0) return [];
  const { snapshotCandidates } = await import('./review/rewrite');
  const any = [...plan.after].some(([name, after]) => snapshotCandidates(plan.states.get(name)!, after).length > 0);
  if (!any) return [];
  const { proveMigrationRenames } = await import('./review/migrationRenames');
  const files = schemaForEngine(project.schema.files);
  const filters = {
    externalTables: project.config?.externalTables ?? [],
    externalEnums: project.config?.externalEnums ?? [],
  };
  return proveMigrationRenames(plan, project.chain, project.provider.provider, {
    expected: report.drift ? report.sql : '',
    fork: async (name, sql) => {
      progress({ doing: `proving a probable rename in ${name}` });
      const chain = project.chain.map((m) => (m.name === name ? { ...m, sql } : m));
      const replayed = await openAndReplay({ ...steps, before: undefined }, chain);
      if (!replayed.ok) return undefined;
      const db = replayed.value.db;
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
        [Symbol.asyncDispose]: () => db[Symbol.asyncDispose](),
      };
    },
  });
}
