import type { Finding } from './chain/integrity';
import type { DataLossWarning } from './engine/warnings';
import { displayPath, showPaths, shownFrom, type Problem } from './problem';
import type { PrismaVersion } from './schema/prismaVersion';
import type { Provider } from './schema/provider';
import type { FailCondition } from './review/failOn';
import type { ReviewFinding } from './review/types';

/** The report of `check` and its verdict: plain data, shared by the check and every renderer. */

export interface Timings {
  startMs: number;
  engineLoadMs: number;
  dbStartMs: number;
  replayMs: number;
  diffMs: number;
  roundTripMs: number;
  totalMs: number;
}

/** The JSON contract of `check --json`. */
export interface CheckReport {
  drift: boolean | null;
  provider: Provider | null;
  schema: string[];
  migrationsDir: string | null;
  /** Every migration of the chain; those restored from the replay cache carry `cached: true` and `durationMs: 0`. */
  migrations: { name: string; checksum: string; durationMs: number; cached?: true }[];
  sql: string;
  summary: string;
  warnings: DataLossWarning[];
  errors: Problem[];
  roundTrip: { ok: boolean; residualSql?: string };
  /** prisma.config.ts in use, when one was found. */
  config?: string;
  /** Things the user should know that are not errors (e.g. a config read by fallback). */
  notes?: string[];
  /** Migration-history problems, found before the replay and reported even if it fails. */
  findings: Finding[];
  /** Why the comparison with the base was skipped (only when the base was optional). */
  integritySkipped?: string;
  /** The Prisma version the project pins, from package.json and its lockfile; null when unknown. */
  prismaVersion: PrismaVersion | null;
  /** Code-migration folders (no migration.sql, other files) left out of the replay. */
  skipped?: string[];
  /** Deploy risks in the reviewed migrations and the suggestion (silenced ones included, marked). */
  review: ReviewFinding[];
  /** Which of the `failOn` conditions held: a non-empty list is exit 1. */
  failedOn: FailCondition[];
  timings: Timings;
}

export type CheckResult = 'in-sync' | 'drift' | 'broken';

/**
 * The verdict, decided here and nowhere else. `broken` (exit 2): bad input, a chain that
 * cannot be replayed, or a history with error findings. `drift` or `in-sync` otherwise; exit 1
 * when a `failOn` condition held (drift by default) or the suggestion did not round-trip.
 */
export function verdictOf(report: CheckReport): { result: CheckResult; exitCode: 0 | 1 | 2 } {
  if (report.errors.length > 0 || report.drift === null) return { result: 'broken', exitCode: 2 };
  if (report.findings.some((f) => f.severity === 'error')) return { result: 'broken', exitCode: 2 };
  if (!report.roundTrip.ok) return { result: 'drift', exitCode: 1 };
  return { result: report.drift ? 'drift' : 'in-sync', exitCode: report.failedOn.length > 0 ? 1 : 0 };
}

export const exitCodeOf = (report: CheckReport): 0 | 1 | 2 => verdictOf(report).exitCode;

/** A report before anything is known: the one starting point for runs and tests. */
export function emptyCheckReport(startMs = 0): CheckReport {
  return {
    drift: null,
    provider: null,
    schema: [],
    migrationsDir: null,
    migrations: [],
    sql: '',
    summary: '',
    warnings: [],
    errors: [],
    roundTrip: { ok: true },
    findings: [],
    prismaVersion: null,
    review: [],
    failedOn: [],
    timings: { startMs, engineLoadMs: 0, dbStartMs: 0, replayMs: 0, diffMs: 0, roundTripMs: 0, totalMs: 0 },
  };
}

/**
 * The report as users read it: the core works on absolute paths (path slots in messages), and
 * they are shown relative to the working directory here, once, for every renderer.
 */
export function shownCheckReport(report: CheckReport, cwd: string): CheckReport {
  const shown: CheckReport = {
    ...report,
    errors: report.errors.map((p) => shownFrom(p, cwd)),
    review: report.review.map((f) => (f.file === null ? f : { ...f, file: displayPath(f.file, cwd) })),
  };
  if (report.notes) shown.notes = report.notes.map((n) => showPaths(n, cwd));
  const residual = report.roundTrip.residualSql;
  if (residual) shown.roundTrip = { ...report.roundTrip, residualSql: showPaths(residual, cwd) };
  return shown;
}
