import * as fs from 'node:fs';
import type { Migration } from '../chain/load';
import { scrubText } from '../maskUrl';
import type { Problem } from '../problem';
import { oneLine } from '../throwaway/types';
import type { MigrationStatus } from './history';
import type { Advice } from './advice';
import type { Target } from './target';
import type { LiveDeploy } from './targetDb';

/**
 * Why deploy, status or resolve will not go on: one table, keyed by Prisma's error code where
 * Prisma has one, so that every refusal's wording is in one place. Each entry builds the one-line
 * message from plain values; the commands decide when it applies.
 */
export const refusal = {
  /** resolve without exactly one of its two flags. */
  resolveNeedsOne: () => 'resolve needs exactly one of --applied <migration> or --rolled-back <migration>.',
  /** resolve --applied names a folder that is not in the chain (checked before the database is opened). */
  P3017: (applied: string, migrationsDir: string | null, chain: Migration[]) =>
    `migration "${applied}" is not in ${migrationsDir} (P3017). Give the folder name exactly, ` +
    `e.g. ${chain[0]?.name ?? '20240101000000_init'}. Nothing changed.`,
  /** A folder of the project's own code migrations: neither we nor Prisma can apply it. */
  P3015: (names: string[], migrationsDir: string): Problem => {
    const first = names[0]!;
    const others = names.slice(1, 4).join(', ') + (names.length > 4 ? ', …' : '');
    const more = names.length > 1 ? ` (and ${names.length - 1} more: ${others})` : '';
    return {
      migration: first,
      message:
        `${migrationsDir}/${first} has no migration.sql: it is a code migration${more}, run by your own runner, ` +
        `not SQL. Nothing was applied; prisma migrate deploy would fail on it too (P3015). Move code migrations ` +
        `out of ${migrationsDir}, then deploy.`,
    };
  },
  providerMismatch: (source: string, target: Target, provider: string) =>
    `${source} points at a ${target.provider} database, but the schema's datasource says ` +
    `"${provider}". Use the URL of the database this schema describes.`,
  /** `file` is the lock file's display path. */
  lockMismatch: (file: string, lock: string, target: Target): Problem => ({
    file,
    message:
      `${file}: the migrations were written for "${lock}", but the target is ${target.provider} ` +
      `(${target.display}). Nothing was applied. Use a ${lock} database, or start a new history for ` +
      `${target.provider}.`,
  }),
  malformedTable: (target: string | null, missing: readonly string[]) =>
    `${target}: _prisma_migrations is not Prisma's table: it lacks the column${missing.length > 1 ? 's' : ''} ` +
    `${missing.join(', ')}. Nothing was changed. Rename it (ALTER TABLE _prisma_migrations RENAME TO ` +
    `_prisma_migrations_old), then baseline: prisma-drift-gate resolve --applied <migration> for each migration ` +
    `the database already has.`,
  /** A database with tables but no migrations table is not ours to change. */
  P3005: (objects: readonly string[], chain: Migration[]) =>
    `the database is not empty (it has ${objects.slice(0, 5).join(', ')}${objects.length > 5 ? ', …' : ''}) ` +
    `but has no _prisma_migrations table (P3005). If its schema already matches your migrations, baseline it: ` +
    `prisma-drift-gate resolve --applied ${chain[0]?.name ?? '<first migration>'} (once for each migration it ` +
    `already contains), then deploy.`,
  P3009: (target: string | null, name: string, advice: Advice | undefined) =>
    `${target}: nothing new is applied until migration "${name}" is resolved (P3009): ` +
    `${advice?.message ?? 'it failed.'}`,
  edited: (target: string | null, m: MigrationStatus) =>
    `migration "${m.name}" was changed after it was applied to ${target} (recorded checksum ` +
    `${m.recordedChecksum?.slice(0, 12)}, file ${m.checksum?.slice(0, 12)}). Restore the applied version from ` +
    `git and put the change in a new migration; or pass --allow-edited if the edit is cosmetic (prisma ` +
    `migrate deploy does not check this).`,
  divergedHistory: (target: string | null, name: string, migrationsDir: string | null) =>
    `migration "${name}" is applied in ${target} but missing from ${migrationsDir}: ` +
    `the history diverged (a migration was deleted or renamed, or this branch is behind the database). ` +
    `Restore the folder from the branch that applied it, then deploy.`,
  running: (live: readonly LiveDeploy[]) => {
    const b = live[0]!;
    return (
      `a deploy is still running on this database: backend pid ${b.pid} ` +
      `(${b.migration ? `applying "${b.migration}"` : b.applicationName}` +
      `${b.since ? `, since ${b.since}` : ''}). Wait for it to end, or stop it with ` +
      `SELECT pg_cancel_backend(${b.pid}).`
    );
  },
  noTableToRollBack: (target: string | null, name: string) =>
    `${target}: there is no _prisma_migrations table, so there is no failed migration "${name}" to ` +
    `mark rolled back.`,
  P3008: (name: string, target: string | null) =>
    `migration "${name}" is already recorded as applied in ${target} (P3008). Nothing changed.`,
  P3011: (name: string, target: string | null, chain: Migration[]) =>
    `migration "${name}" cannot be marked rolled back: it was never applied to ${target} (P3011). ` +
    `Give the whole folder name, e.g. ${chain[0]?.name ?? '20240101000000_init'}.`,
  P3012: (name: string) =>
    `migration "${name}" cannot be marked rolled back: it is not failed (P3012). Only a failed migration ` +
    `can be rolled back.`,
} as const;

/** Everything in the history that makes applying unsafe, reported together so one run shows all of it. */
export function historyRefusals(
  migrations: readonly MigrationStatus[],
  advice: readonly Advice[] | undefined,
  at: { target: string | null; migrationsDir: string | null; allowEdited?: boolean },
): Problem[] {
  return migrations.flatMap((m): Problem[] => {
    if (m.state === 'failed') {
      const why = advice?.find((a) => a.migration === m.name);
      return [{ migration: m.name, message: refusal.P3009(at.target, m.name, why) }];
    }
    if (m.state === 'edited' && !at.allowEdited) return [{ migration: m.name, message: refusal.edited(at.target, m) }];
    if (m.state === 'unknown')
      return [{ migration: m.name, message: refusal.divergedHistory(at.target, m.name, at.migrationsDir) }];
    return [];
  });
}

/** The database failed under us (busy, not a database, permission, connection lost): an answer, not a crash. */
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
