import { progress, timedOutProblem } from './watchdog';
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { compareWithBase, localFindings, type Finding } from './chain/integrity';
import type { Migration } from './chain/load';
import { diffWithEngine, type DiffFilters } from './engine/diff';
import { loadEngineBindings, startEngine, type SchemaEngine } from './engine/load';
import { explainRedefinedTables } from './engine/summary';
import { deriveWarnings, type DataLossWarning } from './engine/warnings';
import { describeProject, loadProject, type Project } from './project';
import { displayPath, type Problem, type Result } from './problem';
import { schemaForEngine } from './schema/engineSchema';
import type { SchemaFile } from './schema/locate';
import { indexSchema } from './schema/modelIndex';
import type { Provider } from './schema/provider';
import { openThrowawayDb } from './throwaway/open';
import type { ThrowawayDb } from './throwaway/types';
import { migrationFolderName } from './write';

export interface CheckOptions {
  cwd: string;
  schema?: string;
  migrations?: string;
  /** A git ref to compare the migration history with (chain integrity). */
  base?: string;
  /** Replay PostgreSQL on this server instead of PGlite. */
  shadowDatabaseUrl?: string;
  /** Replay in a temporary schema where the role may not create databases (opt-in: SQL can leave it). */
  shadowSchemaMode?: boolean;
  /** The CLI's environment: SHADOW_DATABASE_URL there is the default for `shadowDatabaseUrl`. */
  env?: NodeJS.ProcessEnv;
  /** When the base cannot be read: true makes it an error (exit 2), false skips the comparison with a note. */
  baseRequired?: boolean;
  /** The name for the suggested migration's folder (`--write <name>`, the `migration-name` input). */
  migrationName?: string;
}

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
  migrations: { name: string; checksum: string; durationMs: number }[];
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
  timings: Timings;
}

export type CheckResult = 'in-sync' | 'drift' | 'broken';

/**
 * The verdict, decided here and nowhere else. `broken` (exit 2): bad input, a chain that
 * cannot be replayed, or a history with error findings. `drift` (exit 1): also a suggestion
 * that did not round-trip. `in-sync` (exit 0).
 */
export function verdictOf(report: CheckReport): { result: CheckResult; exitCode: 0 | 1 | 2 } {
  if (report.errors.length > 0 || report.drift === null) return { result: 'broken', exitCode: 2 };
  if (report.findings.some((f) => f.severity === 'error')) return { result: 'broken', exitCode: 2 };
  if (report.drift || !report.roundTrip.ok) return { result: 'drift', exitCode: 1 };
  return { result: 'in-sync', exitCode: 0 };
}

export const exitCodeOf = (report: CheckReport): 0 | 1 | 2 => verdictOf(report).exitCode;

/** What the edges need besides the report, so that they never re-read the project. */
export interface CheckOutcome {
  report: CheckReport;
  /** Absolute; undefined when the project could not be located. */
  migrationsDir?: string;
  schemaFiles: SchemaFile[];
  /** `<timestamp>_<migrationName>`, after the newest folder there, when a name was given. */
  migrationFolder?: string;
}

/**
 * locate → replay → diff → round trip. Never throws for an expected failure: a bad input
 * or a broken chain comes back in `errors`, with `drift: null`.
 */
export async function runCheck(opts: CheckOptions): Promise<CheckReport> {
  return (await checkProject(opts)).report;
}

export async function checkProject(opts: CheckOptions): Promise<CheckOutcome> {
  const t0 = performance.now();
  const report = emptyCheckReport(Math.round(t0));
  const timedOut = timedOutProblem();
  if (timedOut) return { report: { ...report, errors: [timedOut] }, schemaFiles: [] };
  const loaded = loadProject({
    cwd: opts.cwd,
    schema: opts.schema,
    migrations: opts.migrations,
    lockMustMatchSchema: true,
  });
  const known = loaded.ok ? loaded.value : loaded.partial;
  if (known.config) {
    report.config = displayPath(known.config.file, opts.cwd);
    if (known.config.fallback) report.notes = [known.config.fallback];
  }
  Object.assign(report, describeProject(known, opts.cwd));
  report.provider = known.provider?.provider ?? null;
  const migrationsDir = known.schema?.migrationsDir;
  const outcome: CheckOutcome = { report, migrationsDir, schemaFiles: known.schema?.files ?? [] };
  if (opts.migrationName !== undefined) {
    const existing = migrationsDir && fs.existsSync(migrationsDir) ? fs.readdirSync(migrationsDir) : [];
    outcome.migrationFolder = migrationFolderName(opts.migrationName, existing);
  }
  const checked = loaded.ok
    ? await checkLoaded(loaded.value, opts, report)
    : { ok: false as const, problem: loaded.problem };
  if (!checked.ok) report.errors.push(checked.problem);
  report.timings.totalMs = Math.round(performance.now() - t0);
  return outcome;
}

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
    timings: { startMs, engineLoadMs: 0, dbStartMs: 0, replayMs: 0, diffMs: 0, roundTripMs: 0, totalMs: 0 },
  };
}

async function checkLoaded(project: Project, opts: CheckOptions, report: CheckReport): Promise<Result<void>> {
  const provider = project.provider.provider;
  // Before the replay: an out-of-order migration often breaks the replay, and the user
  // needs to hear about the order, not only about the SQL error it causes.
  const findings = historyFindings(project, opts, report);
  if (!findings.ok) return findings;
  // Compiling the engine happens off the main thread; overlap it with the DB start.
  const engineReady = loadEngineBindings();
  const tDb = performance.now();
  progress({ doing: 'starting the throwaway database' });
  const shadowUrl = opts.shadowDatabaseUrl ?? opts.env?.SHADOW_DATABASE_URL ?? project.config?.shadowDatabaseUrl;
  if (shadowUrl && provider !== 'postgresql') {
    return broken(
      `--shadow-database-url is for PostgreSQL; this schema's provider is ${provider}, which replays in an embedded ` +
        `database.`,
    );
  }
  const opened = shadowUrl
    ? await (await import('./throwaway/pgServer')).openPgServer(shadowUrl, opts.shadowSchemaMode)
    : { ok: true as const, value: await openThrowawayDb(provider, project.chain, project.schema) };
  if (!opened.ok) return opened;
  await using db = opened.value;
  report.timings.dbStartMs = Math.round(performance.now() - tDb);
  if (db.notes?.length) report.notes = [...(report.notes ?? []), ...db.notes];
  const init = project.config?.initShadowDb;
  if (init) {
    const r = await db.runScript(init);
    const fix = 'Fix that SQL in the config.';
    if (!r.ok)
      return broken({
        file: report.config,
        message: `${report.config}: migrations.initShadowDb failed: ${r.problem.message}. ${fix}`,
      });
  }
  const replayed = await replay(db, project.chain, report);
  if (!replayed.ok) return replayed;
  // engineLoadMs: how long the check waited for the engine after the replay (the rest of
  // the compile overlapped with starting the DB and replaying).
  const tEngine = performance.now();
  await engineReady;
  report.timings.engineLoadMs = Math.round(performance.now() - tEngine);
  // `return await`: the database is disposed when this function returns.
  return await diffAndExplain(db, project, report);
}

const broken = (problem: Problem | string): { ok: false; problem: Problem } => ({
  ok: false,
  problem: typeof problem === 'string' ? { message: problem } : problem,
});

function historyFindings(project: Project, opts: CheckOptions, report: CheckReport): Result<void> {
  const provider = project.provider.provider;
  if (!opts.base) {
    report.findings = localFindings(project.chain, provider);
    return { ok: true, value: undefined };
  }
  progress({ doing: 'comparing the migration history with the base' });
  const compared = compareWithBase(opts.base, project.chain, project.schema.migrationsDir, provider);
  if (compared.ok) report.findings = compared.value;
  else if (opts.baseRequired ?? true) return compared;
  else {
    report.integritySkipped = compared.problem.message;
    report.findings = localFindings(project.chain, provider);
  }
  return { ok: true, value: undefined };
}

async function replay(db: ThrowawayDb, chain: Migration[], report: CheckReport): Promise<Result<void>> {
  const tReplay = performance.now();
  try {
    for (const [i, migration] of chain.entries()) {
      const n = i + 1;
      progress({ doing: 'replaying', migration: migration.name, file: migration.displayFile, n, of: chain.length });
      const tm = performance.now();
      const r = await db.runMigration(migration);
      if (!r.ok) return r;
      report.migrations.push({
        name: migration.name,
        checksum: migration.checksum,
        durationMs: round1(performance.now() - tm),
      });
    }
    return { ok: true, value: undefined };
  } finally {
    report.timings.replayMs = Math.round(performance.now() - tReplay);
  }
}

async function diffAndExplain(db: ThrowawayDb, project: Project, report: CheckReport): Promise<Result<void>> {
  const tDiff = performance.now();
  const files = schemaForEngine(project.schema.files);
  const filters = {
    externalTables: project.config?.externalTables ?? [],
    externalEnums: project.config?.externalEnums ?? [],
  };
  progress({ doing: 'diffing the schema with the engine' });
  const engine = await startEngine(db.adapterFactory());
  try {
    const diff = await diffWithEngine(engine, files, project.cwd, filters);
    report.timings.diffMs = Math.round(performance.now() - tDiff);
    if (!diff.ok) return diff;
    report.drift = diff.value.drift;
    report.sql = diff.value.sql;
    if (!diff.value.drift) return { ok: true, value: undefined };
    report.summary = await explainRedefinedTables(diff.value.summary, diff.value.sql, db.inspector);
    const models = indexSchema(project.schema.files);
    report.warnings = await deriveWarnings(diff.value.sql, project.provider.provider, db.inspector, models);
    const tRound = performance.now();
    progress({ doing: 'applying the suggestion and diffing again (round trip)' });
    report.roundTrip = await roundTrip(db, engine, files, diff.value.sql, project.cwd, filters);
    report.timings.roundTripMs = Math.round(performance.now() - tRound);
    return { ok: true, value: undefined };
  } finally {
    engine.free();
  }
}

/**
 * Applies the suggestion to the replayed DB and diffs again. Anything left over is a bug
 * in our pipeline (or the engine), and must be visible rather than silently wrong.
 */
async function roundTrip(
  db: ThrowawayDb,
  engine: SchemaEngine,
  files: SchemaFile[],
  sql: string,
  cwd: string,
  filters: DiffFilters,
): Promise<CheckReport['roundTrip']> {
  const applied = await db.runScript(sql);
  if (!applied.ok)
    return { ok: false, residualSql: `-- the suggested SQL failed to apply: ${applied.problem.message}\n${sql}` };
  const again = await diffWithEngine(engine, files, cwd, filters);
  if (!again.ok) return { ok: false, residualSql: `-- the second diff failed: ${again.problem.message}` };
  return again.value.drift ? { ok: false, residualSql: again.value.sql } : { ok: true };
}

const round1 = (ms: number) => Math.round(ms * 10) / 10;
