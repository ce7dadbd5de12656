import type { Migration } from '../chain/load';
import { pathSlot } from '../problem';
import type { Atomicity } from '../sql/atomicity';
import type { MigrationStatus } from './history';
import { ATOMIC_MARK, type LiveDeploy } from './targetDb';

/** What to do about a migration whose row is unfinished: part of the JSON contract, for people and scripts. */
export interface Advice {
  migration: string;
  /**
   * running: a deploy's backend is applying it now; not-applied: certain (it ran in one
   * transaction with its row); unknown: the history cannot tell whether any of it ran.
   */
  finding: 'running' | 'not-applied' | 'unknown';
  /** Commands to run in order (the arguments after `prisma-drift-gate`); empty when a person must look first. */
  next: string[][];
  /** running: the backend to wait for, or to stop with pg_cancel_backend(pid). */
  backend?: LiveDeploy;
  /** unknown: the statements that change data, which no schema diff can see. */
  dataStatements?: { file: string; line: number; statement: string }[];
  message: string;
}

export interface AdviceContext {
  chain: Migration[];
  live: readonly LiveDeploy[];
  classify: (m: Migration) => Atomicity;
  provider: 'postgresql' | 'sqlite';
}

/** One piece of advice per failed (unfinished) migration; a running deploy comes first and rules out resolve. */
export function adviseUnfinished(statuses: readonly MigrationStatus[], ctx: AdviceContext): Advice[] {
  return statuses.filter((s) => s.state === 'failed').map((s) => adviseOne(s, ctx));
}

function adviseOne(s: MigrationStatus, ctx: AdviceContext): Advice {
  if (ctx.live.length > 0) {
    // application_name holds 63 bytes: a long name is matched by its start.
    const backend = ctx.live.find((b) => b.migration && s.name.startsWith(b.migration)) ?? ctx.live[0]!;
    return {
      migration: s.name,
      finding: 'running',
      next: [],
      backend,
      message:
        `migration "${s.name}" is unfinished and a deploy is still running on this database: backend pid ` +
        `${backend.pid} (${backend.migration ? `applying "${backend.migration}"` : backend.applicationName}` +
        `${backend.since ? `, since ${backend.since}` : ''}). Wait for it to end, or stop it with SELECT ` +
        `pg_cancel_backend(${backend.pid}); then run prisma-drift-gate status again. Do not resolve it while it runs.`,
    };
  }
  const migration = ctx.chain.find((m) => m.name === s.name);
  const atomicity = migration ? ctx.classify(migration) : undefined;
  if (migration && atomicity?.atomic && wasAtomic(s.logs, ctx.provider)) {
    const failed = s.logs && !s.logs.startsWith(ATOMIC_MARK) ? ' It failed: fix the file first (see the logs).' : '';
    return {
      migration: s.name,
      finding: 'not-applied',
      next: [['resolve', '--rolled-back', s.name], ['deploy']],
      message:
        `migration "${s.name}" was not applied: it ran in one transaction together with the row that ` +
        `records it, and that row never finished, so nothing of it was committed.${failed} Run prisma-drift-gate ` +
        `resolve --rolled-back ${s.name}, then prisma-drift-gate deploy.`,
    };
  }
  return unknownAdvice(s, migration, atomicity);
}

/**
 * Certain only when the row says the file ran in one transaction: our in-flight or rolled-back
 * mark, or (PostgreSQL) a database error, which rolls back a file sent as one query.
 */
function wasAtomic(logs: string | undefined, provider: AdviceContext['provider']): boolean {
  if (logs?.includes(ATOMIC_MARK)) return true;
  return provider === 'postgresql' && Boolean(logs?.startsWith('Database error'));
}

function unknownAdvice(s: MigrationStatus, migration: Migration | undefined, atomicity: Atomicity | undefined): Advice {
  const why = !migration
    ? 'its folder is not on disk'
    : !atomicity?.atomic
      ? `it is non-atomic (${atomicity?.reason})`
      : 'its row was not written by an atomic deploy (prisma migrate deploy, or an older prisma-drift-gate)';
  const dataStatements = (atomicity?.dataStatements ?? []).map((d) => ({ file: migration!.file, ...d }));
  const listed = dataStatements.map((d) => `${pathSlot(d.file)}:${d.line} ${d.statement}`).join('; ');
  const data = dataStatements.length ? ` Statements in it that change data: ${listed}.` : '';
  return {
    migration: s.name,
    finding: 'unknown',
    next: [],
    ...(dataStatements.length ? { dataStatements } : {}),
    message:
      `migration "${s.name}" did not finish, and whether any of it ran cannot be known: ${why}. ` +
      `prisma-drift-gate status --drift shows schema differences only; changes to data are invisible to it, so ` +
      `"no drift" does not prove that nothing ran.${data} Check the database; then resolve --applied ${s.name} if ` +
      `all of it ran, or undo what ran and resolve --rolled-back ${s.name}.`,
  };
}
