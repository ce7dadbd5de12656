import type { PGlite } from '@electric-sql/pglite';
import type { Migration } from '../chain/load';
import { tokens } from '../sql/tokens';
import { batchable } from './replayBatch';
import type { TailHold } from './types';

const MARK = 'prisma_drift_gate_tail';

/**
 * Words after which a migration may behave differently inside one transaction with the next ones than
 * committed on its own: SET LOCAL outlives it, deferred checks wait for the end, ON COMMIT waits too.
 * A plain word test over the tokens: a mention in a comment or a string is not one.
 */
const LATER_IN_ONE_TRANSACTION = new Set(['LOCAL', 'DEFERRED', 'DEFERRABLE', 'CONSTRAINTS', 'COMMIT', 'TEMP']);
const TEMPORARY = 'TEMPORARY';

/** Whether a migration can run in the held tail exactly as it runs committed on its own (and batched). */
export function holdable(m: Migration): boolean {
  if (!batchable(m)) return false;
  for (const t of tokens(m.sql, 'postgresql')) {
    if (t.kind !== 'word') continue;
    const word = m.sql.slice(t.start, t.end).toUpperCase();
    if (LATER_IN_ONE_TRANSACTION.has(word) || word === TEMPORARY) return false;
  }
  return true;
}

/**
 * The end of the replay held in one open transaction (PGlite is one connection: the engine's
 * introspection runs inside it and sees it), so that a rename proof goes back to the state before
 * that tail with ROLLBACK TO SAVEPOINT instead of replaying the whole chain in a fresh PGlite (0.4 s to
 * start alone). PostgreSQL's DDL is transactional. The tail is only migrations that run the same there
 * (`holdable`); a failure in it gives the hold up, and the caller replays without one.
 */
export function pgliteHold(pg: PGlite): TailHold & { commit(): Promise<void> } {
  let held = false;
  return {
    get held() {
      return held;
    },
    async begin() {
      // Deferred checks of the tables already there would run at the end of the hold, not of each migration.
      const deferred = await pg.query<{ any: boolean }>(
        'SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE condeferred) OR ' +
          'EXISTS (SELECT 1 FROM pg_trigger WHERE tginitdeferred) AS any',
      );
      if (deferred.rows[0]?.any !== false) return false;
      await pg.exec(`BEGIN; SAVEPOINT ${MARK}`);
      held = true;
      return true;
    },
    run: (sql) => (held ? runAlive(pg, sql) : Promise.resolve(false)),
    async rewind() {
      if (!held) return false;
      try {
        await pg.exec(`ROLLBACK TO SAVEPOINT ${MARK}`);
        return true;
      } catch {
        held = false;
        return false;
      }
    },
    /**
     * Ends the hold, committing it: called before a script of ours (the round trip, a suggestion's proof),
     * which then runs as it runs unheld. Inside the hold it would not always run alike: an
     * enum value that the tail added cannot be used in the transaction that added it. The proofs then
     * replay in a fresh database, as without a hold: a check that drifts pays for that, one in sync not.
     */
    async commit() {
      if (!held) return;
      held = false;
      await pg.exec('COMMIT');
    },
  };
}

/** Runs SQL; false when it fails or PGlite no longer answers after it (see `answers` in pglite.ts). */
async function runAlive(pg: PGlite, sql: string): Promise<boolean> {
  try {
    await pg.exec(sql);
    const alive = await pg.query<{ alive: number }>('SELECT 1 AS alive');
    return alive.rows[0]?.alive === 1;
  } catch {
    return false;
  }
}
