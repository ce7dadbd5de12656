import type { Migration } from '../chain/load';
import { classifyAtomicity } from '../sql/atomicity';
import { splitStatements, tokens } from '../sql/tokens';
import { findClientCopy } from './pgliteCopy';

/**
 * Batched PGlite replay: several migrations in one `exec`, each in its own BEGIN … COMMIT, so
 * each still commits on its own as under `migrate deploy`, and PGlite's per-call cost is paid once
 * per batch. A batch that fails is rolled back to its last committed migration and the rest of it
 * runs one by one, so an error is the one-by-one error, word for word.
 */
export interface BatchRun {
  /** How many of the batch's migrations are committed (the rest did not run, or were rolled back). */
  done: number;
  /** PGlite stopped answering, or the batch did not end as written: replay again, one by one. */
  stopped: boolean;
}

/** Bounds on one exec: the progress line and a failing batch's fallback stay short. */
const MAX_MIGRATIONS = 100;
const MAX_CHARS = 2 * 1024 * 1024;

/** The session setting each migration's transaction sets as it commits: the count replayed so far. */
export const REPLAYED_SETTING = 'prisma_drift_gate.replayed';
const NOTICE_PREFIX = 'prisma-drift-gate: replaying migration ';

/**
 * [from, end): the migrations that go in one exec with `chain[from]`. A batch of one runs as today.
 * `readsBefore(m)`: the replay's caller reads the database before m, so m can only start a batch.
 */
export function batchEnd(chain: Migration[], from: number, readsBefore: (m: Migration) => boolean): number {
  let end = from;
  let chars = 0;
  while (end < chain.length && end - from < MAX_MIGRATIONS) {
    const m = chain[end]!;
    if ((end > from && readsBefore(m)) || !batchable(m)) break;
    chars += m.sql.length;
    if (end > from && chars > MAX_CHARS) break;
    end++;
  }
  return Math.max(end, from + 1);
}

/**
 * Whether a migration runs the same inside BEGIN … COMMIT, in one string with others, as alone.
 * Read with the tokeniser (atomicity.ts), never a regex over the text. Not batched:
 * - files that cannot run in a transaction block (CONCURRENTLY, VACUUM, their own BEGIN/COMMIT…);
 * - COPY from the client or a program: their own messages (pglite.ts);
 * - LOCK and DECLARE: alone in a file they fail outside a transaction block, as under Prisma;
 * - a file that does not end after a `;` (an open quote or comment would swallow the next one);
 * - a file that names the settings that change how PostgreSQL reads a string: one exec is parsed
 *   whole before it runs, so a change would not reach the next migration as it does one by one.
 *   (A plain text search: a mention in a comment only costs the batch.)
 */
export function batchable(m: Migration): boolean {
  const lower = m.sql.toLowerCase();
  if (lower.includes('standard_conforming_strings') || lower.includes('backslash_quote')) return false;
  if (!endsAfterSemicolon(m.sql)) return false;
  if (!classifyAtomicity(m.sql, 'postgresql').atomic) return false;
  if (findClientCopy(m.sql, 'stdin') || findClientCopy(m.sql, 'program')) return false;
  return splitStatements(m.sql, 'postgresql').every((s) => {
    const first = tokens(s.text, 'postgresql').next().value;
    const word = first?.kind === 'word' ? s.text.slice(first.start, first.end).toUpperCase() : '';
    return word !== 'LOCK' && word !== 'DECLARE';
  });
}

/** The last token is a `;` (so no quote is left open) and only blank lines or `--` comments follow it. */
function endsAfterSemicolon(sql: string): boolean {
  let last: { kind: string; end: number } | undefined;
  for (const t of tokens(sql, 'postgresql')) last = t;
  if (last?.kind !== 'semicolon') return false;
  return sql
    .slice(last.end)
    .split('\n')
    .every((line) => line.trim() === '' || line.trim().startsWith('--'));
}

/**
 * The script of one batch. Each migration's transaction starts with a notice that names it: PGlite
 * hands notices over while the exec runs, so the progress step (and a timeout) names the migration in
 * flight, and each gets its own duration. The notice is a DROP … IF EXISTS of a table in pg_catalog,
 * where no table can be created, so it never drops anything (a plpgsql RAISE costs ~1 ms a migration);
 * SET LOCAL shows it whatever the migrations set client_min_messages to. Before each COMMIT the
 * replayed count is set: after a failure it says which migrations committed.
 */
export function batchScript(batch: Migration[], first: number): string {
  return batch
    .map((m, k) =>
      [
        'BEGIN;',
        'SET LOCAL client_min_messages = notice;',
        `DROP TABLE IF EXISTS pg_catalog."${NOTICE_PREFIX}${first + k}";`,
        m.sql,
        ';',
        `SELECT set_config('${REPLAYED_SETTING}', '${first + k + 1}', false);`,
        'COMMIT;',
      ].join('\n'),
    )
    .join('\n');
}

/** The chain index a batch notice names, or undefined for any other notice. */
export function noticedMigration(message: string | undefined): number | undefined {
  const m = /^table "prisma-drift-gate: replaying migration (\d+)" does not exist, skipping$/.exec(message ?? '');
  return m ? Number(m[1]) : undefined;
}
