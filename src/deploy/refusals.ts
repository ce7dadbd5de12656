import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Migration } from '../chain/load';
import { scrubText } from '../maskUrl';
import { displayPath, type Problem } from '../problem';
import { oneLine } from '../throwaway/types';
import type { DeployOptions, DeployReport } from './report';
import type { Target } from './target';

/** Why deploy stops, or why the database failed under it: one place for every message. */

export function databaseProblem(e: unknown, target: Target, inFlight: string | undefined, lockMs: number): Problem {
  const err = e as { code?: string; message?: string };
  const raw = scrubText(oneLine(err.message ?? String(e)), [target.url]);
  const journal = target.file ? `${target.file}-journal` : undefined;
  const why =
    err.code === 'SQLITE_BUSY' || err.code === 'SQLITE_LOCKED'
      ? `the database is locked by another process (waited ${lockMs / 1000} s), perhaps a deploy; run ` +
        `again when it is done`
      : err.code === 'SQLITE_NOTADB'
        ? 'the file is not a SQLite database; check the path'
        : err.code?.startsWith('SQLITE_READONLY') && journal && fs.existsSync(journal)
          ? `it has a hot journal (${journal}): a deploy was killed in the middle of a write, and SQLite must roll ` +
            `that write back before the file can be read, which a read-only command cannot do ("${raw}"). Run ` +
            `prisma-drift-gate deploy: opening the file read-write rolls the journal back, and deploy then says ` +
            `whether a migration was interrupted`
          : err.code?.startsWith('SQLITE_READONLY')
            ? 'the database file is read-only for this user'
            : err.code === '42501'
              ? `permission denied (${raw}); the database user needs rights on the schema and its tables`
              : err.code === '25006'
                ? `the server is read-only (${raw}); use the primary's URL`
                : /^57P0[123]$/.test(err.code ?? '') || /Connection terminated|ECONNRESET|connection error/i.test(raw)
                  ? `the connection to the database was lost (${raw})`
                  : raw;
  const during = inFlight
    ? ` while applying migration "${inFlight}". Its row in _prisma_migrations may be unfinished: run ` +
      `prisma-drift-gate status, which says whether it was applied and what to do.`
    : '.';
  return { ...(inFlight ? { migration: inFlight } : {}), message: `${target.display}: ${why}${during}` };
}

export function malformedTableMessage(target: string | null, missing: readonly string[]): string {
  return (
    `${target}: _prisma_migrations is not Prisma's table: it lacks the column${missing.length > 1 ? 's' : ''} ` +
    `${missing.join(', ')}. Nothing was changed. Rename it (ALTER TABLE _prisma_migrations RENAME TO ` +
    `_prisma_migrations_old), then baseline: prisma-drift-gate resolve --applied <migration> for each migration the ` +
    `database already has.`
  );
}

export function notManagedMessage(objects: readonly string[], chain: Migration[]): string {
  const first = chain[0]?.name ?? '<first migration>';
  return (
    `the database is not empty (it has ${objects.slice(0, 5).join(', ')}${objects.length > 5 ? ', …' : ''}) ` +
    `but has no _prisma_migrations table (P3005). If its schema already matches your migrations, baseline it: ` +
    `prisma-drift-gate resolve --applied ${first} (once for each migration it already contains), then deploy.`
  );
}

/** Everything that makes applying unsafe, reported together so one run shows all of it. */
export function refusals(report: DeployReport, opts: DeployOptions): boolean {
  const before = report.errors.length;
  for (const m of report.migrations) {
    if (m.state === 'failed') {
      const advice = report.advice?.find((a) => a.migration === m.name);
      report.errors.push({
        migration: m.name,
        message:
          `${report.target}: nothing new is applied until migration "${m.name}" is resolved (P3009): ` +
          `${advice?.message ?? 'it failed.'}`,
      });
    } else if (m.state === 'edited' && !opts.allowEdited) {
      report.errors.push({
        migration: m.name,
        message:
          `migration "${m.name}" was changed after it was applied to ${report.target} (recorded checksum ` +
          `${m.recordedChecksum?.slice(0, 12)}, file ${m.checksum?.slice(0, 12)}). Restore the applied version from ` +
          `git and put the change in a new migration; or pass --allow-edited if the edit is cosmetic (prisma ` +
          `migrate deploy does not check this).`,
      });
    } else if (m.state === 'unknown') {
      report.errors.push({
        migration: m.name,
        message:
          `migration "${m.name}" is applied in ${report.target} but missing from ${report.migrationsDir}: ` +
          `the history diverged (a migration was deleted or renamed, or this branch is behind the database). ` +
          `Restore the folder from the branch that applied it, then deploy.`,
      });
    }
  }
  if (report.errors.length > before) report.result = 'refused';
  return report.errors.length > before;
}

export function refuse(report: DeployReport, problem: Problem | string): string {
  report.errors.push(typeof problem === 'string' ? { message: problem } : problem);
  report.result = 'refused';
  return 'refused';
}

export function lockMismatch(migrationsDir: string, lock: string, target: Target, cwd: string): Problem {
  const file = displayPath(path.join(migrationsDir, 'migration_lock.toml'), cwd);
  const message =
    `${file}: the migrations were written for "${lock}", but the target is ${target.provider} (${target.display}). ` +
    `Nothing was applied. Use a ${lock} database, or start a new history for ${target.provider}.`;
  return { file, message };
}

/** A folder of the project's own code migrations: neither we nor Prisma can apply it. */
export function codeMigrationRefusal(names: string[], migrationsDir: string): Problem {
  const first = names[0]!;
  const others = names.slice(1, 4).join(', ') + (names.length > 4 ? ', …' : '');
  const more = names.length > 1 ? ` (and ${names.length - 1} more: ${others})` : '';
  return {
    migration: first,
    message:
      `${migrationsDir}/${first} has no migration.sql: it is a code migration${more}, run by your own runner, not ` +
      `SQL. Nothing was applied; prisma migrate deploy would fail on it too (P3015). Move code migrations out of ` +
      `${migrationsDir}, then deploy.`,
  };
}
