import { displayPath, showPaths, shownFrom, type Problem } from '../problem';
import type { Advice } from './advice';
import type { Provider } from '../schema/provider';
import type { MigrationStatus } from './history';
import type { LiveDrift } from './liveDrift';

export type DeployCommand = 'deploy' | 'status' | 'resolve';

export interface DeployOptions {
  cwd: string;
  schema?: string;
  migrations?: string;
  /** Overrides the environment (DATABASE_URL or the schema's env var). */
  databaseUrl?: string;
  env?: NodeJS.ProcessEnv;
  dryRun?: boolean;
  allowEdited?: boolean;
  /** status: also compare the live database with the chain. */
  drift?: boolean;
  resolve?: { applied?: string; rolledBack?: string };
  /** How long deploy/resolve wait for a concurrent deploy's lock (default 10, as Prisma). */
  lockTimeoutSeconds?: number;
}

/** The JSON contract of deploy/status/resolve. */
export interface DeployReport {
  command: DeployCommand;
  /**
   * deploy: deployed | up-to-date | dry-run | refused | failed; status: up-to-date | behind | drift;
   * resolve: resolved; error on bad input.
   */
  result: string;
  provider: Provider | null;
  /** The database, masked (`postgresql://user:***@host/db`) or the SQLite file's path. */
  target: string | null;
  schema: string[];
  migrationsDir: string | null;
  /** Every migration on disk or in the table, in order, with its state after the command. */
  migrations: MigrationStatus[];
  /** What this run applied (deploy) or would apply (--dry-run), in order. */
  deployed: string[];
  plan: { name: string; checksum: string; atomic?: boolean; nonAtomicReason?: string }[];
  errors: Problem[];
  notes: string[];
  drift?: LiveDrift;
  /** What to do about unfinished migrations or a running deploy, machine-readable (`next` commands). */
  advice?: Advice[];
  /** resolve: what was recorded. */
  resolved?: { applied?: string; rolledBack?: string };
  durationMs: number;
}

/** The names of the migrations in one state (the Action's outputs). */
export const namesIn = (report: DeployReport, state: MigrationStatus['state']) =>
  report.migrations.filter((m) => m.state === state).map((m) => m.name);

/** deploy/resolve: 0 done, 2 refused or failed. status: 0 up to date, 1 anything to do or drift, 2 errors. */
export function deployExitCode(report: DeployReport): 0 | 1 | 2 {
  if (report.errors.length > 0) return 2;
  if (report.command !== 'status') return 0;
  const behind = report.migrations.some((m) => m.state !== 'applied');
  return behind || report.drift?.drift ? 1 : 0;
}

/** What one command found and did, returned by it (the database is read once; nothing is shared). */
export interface Outcome {
  result: string;
  migrations?: MigrationStatus[];
  deployed?: string[];
  plan?: DeployReport['plan'];
  errors?: Problem[];
  notes?: string[];
  advice?: Advice[];
  drift?: LiveDrift;
  resolved?: DeployReport['resolved'];
}

/** What is known of the project and the target before a command runs (every report shows it). */
export type ReportHead = Pick<DeployReport, 'provider' | 'target' | 'schema' | 'migrationsDir' | 'notes'>;

/** The report: the head, then the command's outcome (its notes and errors after the head's). */
export function deployReport(command: DeployCommand, head: ReportHead, outcome: Outcome, durationMs: number) {
  const { result, errors = [], notes = [], advice, drift, resolved, ...found } = outcome;
  const report: DeployReport = {
    ...emptyDeployReport(command),
    ...head,
    ...found,
    result,
    errors,
    notes: [...head.notes, ...notes],
    durationMs,
  };
  // The optional fields follow durationMs in the JSON, in this order.
  if (advice) report.advice = advice;
  if (drift) report.drift = drift;
  if (resolved) report.resolved = resolved;
  return report;
}

export function emptyDeployReport(command: DeployCommand): DeployReport {
  return {
    command,
    result: 'error',
    provider: null,
    target: null,
    schema: [],
    migrationsDir: null,
    migrations: [],
    deployed: [],
    plan: [],
    errors: [],
    notes: [],
    durationMs: 0,
  };
}

/** The outcome as users read it: the core's absolute paths (and path slots in messages) shown relative to `cwd`. */
export function shownOutcome(outcome: Outcome, cwd: string): Outcome {
  const shown: Outcome = { ...outcome };
  if (outcome.errors) shown.errors = outcome.errors.map((p) => shownFrom(p, cwd));
  if (outcome.notes) shown.notes = outcome.notes.map((n) => showPaths(n, cwd));
  if (outcome.advice) shown.advice = outcome.advice.map((a) => shownAdvice(a, cwd));
  return shown;
}

function shownAdvice(advice: Advice, cwd: string): Advice {
  const shown = { ...advice, message: showPaths(advice.message, cwd) };
  if (advice.dataStatements)
    shown.dataStatements = advice.dataStatements.map((d) => ({ ...d, file: displayPath(d.file, cwd) }));
  return shown;
}
