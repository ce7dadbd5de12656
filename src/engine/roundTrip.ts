import type { Result } from '../problem';
import type { ThrowawayDb } from '../throwaway/types';
import type { EngineDiff } from './diff';

/**
 * Applies the suggestion to the replayed DB and diffs again. Anything left over is a bug
 * in our pipeline (or the engine), and must be visible rather than silently wrong.
 */
export async function roundTrip(
  db: ThrowawayDb,
  sql: string,
  diffAgain: () => Promise<Result<EngineDiff>>,
): Promise<{ ok: boolean; residualSql?: string }> {
  const applied = await db.runScript(sql);
  if (!applied.ok)
    return { ok: false, residualSql: `-- the suggested SQL failed to apply: ${applied.problem.message}\n${sql}` };
  const again = await diffAgain();
  if (!again.ok) return { ok: false, residualSql: `-- the second diff failed: ${again.problem.message}` };
  return again.value.drift ? { ok: false, residualSql: again.value.sql } : { ok: true };
}
