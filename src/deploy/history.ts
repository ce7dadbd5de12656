import { createHash } from 'node:crypto';
import type { Migration } from '../chain/load';

/** One row of `_prisma_migrations`, with timestamps normalised (SQLite stores ms or text). */
export interface MigrationRow {
  id: string;
  checksum: string;
  migrationName: string;
  startedAt: Date | null;
  finishedAt: Date | null;
  rolledBackAt: Date | null;
  logs: string | null;
  appliedStepsCount: number;
}

/** A `_prisma_migrations` row as a driver returns it; `time` reads that database's timestamps. */
export function rowFrom(r: Record<string, unknown>, time: (v: unknown) => Date | null): MigrationRow {
  return {
    id: String(r.id),
    checksum: String(r.checksum),
    migrationName: String(r.migration_name),
    startedAt: time(r.started_at),
    finishedAt: time(r.finished_at),
    rolledBackAt: time(r.rolled_back_at),
    logs: (r.logs as string | null) ?? null,
    appliedStepsCount: Number(r.applied_steps_count ?? 0),
  };
}

export type MigrationState = 'applied' | 'pending' | 'failed' | 'edited' | 'unknown';

export interface MigrationStatus {
  name: string;
  state: MigrationState;
  /** The checksum of the file on disk (absent for `unknown`). */
  checksum?: string;
  /** The checksum recorded in the database, when it differs (edited). */
  recordedChecksum?: string;
  startedAt?: string;
  finishedAt?: string;
  durationMs?: number;
  logs?: string;
  /** On disk: false when the file cannot run in one transaction with its row (see nonAtomicReason). */
  atomic?: boolean;
  nonAtomicReason?: string;
}

/**
 * Compares the folders with the table, as Prisma's diagnoseMigrationHistory does: rows
 * whose `rolled_back_at` is set are ignored; a row without `finished_at` is a failed
 * migration; a finished row whose checksum does not match the file is an edited one.
 */
export function classifyHistory(chain: Migration[], rows: readonly MigrationRow[]): MigrationStatus[] {
  const live = rows.filter((r) => r.rolledBackAt === null);
  const byName = new Map<string, MigrationRow[]>();
  for (const r of live) byName.set(r.migrationName, [...(byName.get(r.migrationName) ?? []), r]);
  const onDisk = new Set(chain.map((m) => m.name));
  const out: MigrationStatus[] = [];
  for (const m of chain) {
    const mine = byName.get(m.name) ?? [];
    const failed = mine.find((r) => r.finishedAt === null);
    const applied = mine.find((r) => r.finishedAt !== null);
    if (failed)
      out.push({
        name: m.name,
        state: 'failed',
        checksum: m.checksum,
        ...times(failed),
        logs: failed.logs ?? undefined,
      });
    else if (!applied) out.push({ name: m.name, state: 'pending', checksum: m.checksum });
    else if (!checksumMatches(m.text, applied.checksum))
      out.push({
        name: m.name,
        state: 'edited',
        checksum: m.checksum,
        recordedChecksum: applied.checksum,
        ...times(applied),
      });
    else out.push({ name: m.name, state: 'applied', checksum: m.checksum, ...times(applied) });
  }
  const unknown = [...new Set(live.filter((r) => !onDisk.has(r.migrationName)).map((r) => r.migrationName))];
  for (const name of unknown) {
    const row = live.find((r) => r.migrationName === name)!;
    out.push({
      name,
      state: row.finishedAt === null ? 'failed' : 'unknown',
      ...times(row),
      logs: row.logs ?? undefined,
    });
  }
  return out;
}

function times(r: MigrationRow): Pick<MigrationStatus, 'startedAt' | 'finishedAt' | 'durationMs'> {
  return {
    startedAt: r.startedAt?.toISOString(),
    finishedAt: r.finishedAt?.toISOString(),
    durationMs: r.startedAt && r.finishedAt ? Math.max(0, r.finishedAt.getTime() - r.startedAt.getTime()) : undefined,
  };
}

/**
 * Prisma's checksum_matches (schema-engine checksum.rs): the file as it is, or with its line
 * endings switched (a checkout with other autocrlf settings), hashed with SHA-256; and old
 * rows written before prisma-engines#1887 hold the hex digits without zero padding.
 */
export function checksumMatches(sql: string, recorded: string): boolean {
  const variants = [sql, sql.includes('\r\n') ? sql.replace(/\r\n/g, '\n') : sql.replace(/\n/g, '\r\n')];
  return variants.some((text) => {
    const digest = createHash('sha256').update(text, 'utf8').digest();
    const rendered =
      recorded.length !== 64 && recorded.length > 0
        ? [...digest].map((b) => b.toString(16)).join('')
        : digest.toString('hex');
    return rendered === recorded;
  });
}
