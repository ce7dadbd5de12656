import { progress, timedOutProblem } from './watchdog';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openCheckCache } from './checkCache';
import type { CacheFs } from './throwaway/replayCache';
import { performance } from 'node:perf_hooks';
import { emptyCheckReport, shownCheckReport, type CheckReport } from './checkReport';
import { addNote, historyFindings, initShadowDb, loadedLateNote, skipCodeMigrations } from './checkSteps';
import { diffWithEngine, engineProblem, type EngineDiff } from './engine/diff';
import { enginePanic, loadEngineBindings, startEngine } from './engine/load';
import { keepsPrisma5M2m, setAsidePrisma5M2m } from './engine/prisma5M2m';
import { repeatedIndexNote, setAsideRepeatedIndexes, type RepeatedIndex } from './engine/repeatedIndexes';
import { roundTrip } from './engine/roundTrip';
import { explainRedefinedTables } from './engine/summary';
import { deriveWarnings } from './engine/warnings';
import { describeProject, loadProject, type Project } from './project';
import { displayPath, type Problem, type Result } from './problem';
import { schemaForEngine } from './schema/engineSchema';
import type { SchemaFile } from './schema/locate';
import { indexSchema } from './schema/modelIndex';
import { openThrowawayDb } from './throwaway/open';
import { bootPglite } from './throwaway/pgliteBoot';
import { openAndReplay, type ReplaySteps } from './throwaway/replay';
import type { ThrowawayDb } from './throwaway/types';
import { optionLabel, type Surface } from './surface';
import { migrationFolderName } from './write';
import { failedConditions, type FailCondition } from './review/failOn';
import { afterReplay, beforeMigration, planReview, prepareSuggestion, reviewPlanned } from './review/plan';
import { proveHistoryRenames, tailToHold } from './checkRenames';
import type { ReviewMode, ReviewPlan, SuggestionReview } from './review/plan';

export { emptyCheckReport, exitCodeOf, verdictOf } from './checkReport';
export type { CheckReport, CheckResult, Timings } from './checkReport';

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
  /** Who reads the messages: the CLI names its flags, the Action its inputs. Default: the CLI. */
  surface?: Surface;
  /** What the deploy-risk review reads (default `pull-request`: the migrations new since --base, the suggestion). */
  review?: ReviewMode;
  /** The conditions that fail the check (exit 1); default `drift`. */
  failOn?: FailCondition[];
  /** The replay cache's folder (`--cache-dir`); relative to `cwd`. */
  cacheDir?: string;
  /** Tests: the file system calls of the replay cache (one that fails, like a full disk). */
  cacheIo?: CacheFs;
}

/** What the edges need besides the report, so that they never re-read the project. */
export interface CheckOutcome {
  report: CheckReport;
  /** Absolute; undefined when the project could not be located. */
  migrationsDir?: string;
  schemaFiles: SchemaFile[];
  /** `<timestamp>_<migrationName>`, after the newest folder there, when a name was given. */
  migrationFolder?: string;
  /**
   * Saves the replayed state into the replay cache. Call it after the report is out; the value is a
   * note when it could not save (a full disk), which never changes the verdict.
   */
  saveCache?: () => Promise<string | undefined>;
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
  if (timedOut) return { report: shownCheckReport({ ...report, errors: [timedOut] }, opts.cwd), schemaFiles: [] };
  const loaded = loadProject({
    cwd: opts.cwd,
    schema: opts.schema,
    migrations: opts.migrations,
    lockMustMatchSchema: true,
    surface: opts.surface,
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
  if (loaded.ok) {
    const checked = await checkLoaded(loaded.value, opts, report, outcome);
    if (!checked.ok) report.errors.push(checked.problem);
    else report.failedOn = failedConditions(opts.failOn ?? ['drift'], report);
  } else {
    // A provider the engine cannot diff still has a history to check, which needs no database.
    const unsupported = loaded.partial.unsupported;
    if (unsupported && migrationsDir) {
      const { migrations } = unsupported.chain;
      const history = historyFindings(migrations, migrationsDir, unsupported.dialect, opts, report);
      if (!history.ok) report.errors.push(history.problem);
    }
    report.errors.push(loaded.problem);
  }
  report.timings.totalMs = Math.round(performance.now() - t0);
  outcome.report = shownCheckReport(report, opts.cwd);
  return outcome;
}

async function checkLoaded(
  project: Project,
  opts: CheckOptions,
  report: CheckReport,
  outcome: CheckOutcome,
): Promise<Result<void>> {
  const provider = project.provider.provider;
  report.prismaVersion = project.prismaVersion ?? null;
  const shadowUrl = opts.shadowDatabaseUrl ?? opts.env?.SHADOW_DATABASE_URL ?? project.config?.shadowDatabaseUrl;
  // Off the main thread: PGlite's compile now, under the history; the engine's after it (together: PGlite's 5x).
  const pgliteCompiled = provider === 'postgresql' && !shadowUrl ? bootPglite(!opts.cacheDir).wasmModule : undefined;
  if (project.codeMigrations.length > 0) skipCodeMigrations(project.codeMigrations, report);
  // Before the replay: an out-of-order migration often breaks it, and the user needs to hear of the order first.
  const history = historyFindings(project.chain, project.schema.migrationsDir, provider, opts, report);
  if (!history.ok) return history;
  const plan = planReview(opts.review ?? 'pull-request', project.chain, history.value);
  const engineReady = (pgliteCompiled ?? Promise.resolve()).then(loadEngineBindings);
  const tDb = performance.now();
  if (shadowUrl && provider !== 'postgresql') {
    return broken(
      `${optionLabel(opts.surface ?? 'cli', 'shadow-database-url')} is for PostgreSQL; this schema's provider is ` +
        `${provider}, which replays in an embedded database.`,
    );
  }
  const { replayed, cache, steps, holdFrom } = await replayChain(project, opts, plan, report, shadowUrl);
  const replayMs = Math.round(performance.now() - tDb);
  if (!replayed.ok) {
    report.migrations = replayed.migrations;
    return replayed;
  }
  report.timings.dbStartMs = replayed.value.openMs;
  report.timings.replayMs = replayMs - replayed.value.openMs;
  await using db = replayed.value.db;
  report.migrations = replayed.value.migrations;
  // Captured before anything below changes the database (the review's snapshot only reads it).
  outcome.saveCache = await cache?.capture(db, replayed.value);
  await afterReplay(plan, db.inspector);
  for (const note of db.notes ?? []) addNote(report, note);
  for (const name of replayed.value.loadedLate) addNote(report, loadedLateNote(name));
  // engineLoadMs: how long the check waited for the engine after the replay (the rest of
  // the compile overlapped with starting the DB and replaying).
  const tEngine = performance.now();
  await engineReady;
  report.timings.engineLoadMs = Math.round(performance.now() - tEngine);
  const suggested = await diffAndExplain(db, project, report, plan);
  if (!suggested.ok) return suggested;
  // The proofs replay the chain again, with the extensions the first replay found it needs.
  const late = replayed.value.loadedLate;
  const loaded = { ...steps, open: (extra: string[]) => steps.open([...late, ...extra]) };
  const held = holdFrom === undefined ? undefined : { db, from: holdFrom };
  const renamed = await proveHistoryRenames(plan, project, loaded, report, held);
  const reviewed = await reviewPlanned(plan, project.chain, suggested.value, provider, renamed);
  report.review = reviewed.findings;
  for (const note of reviewed.notes) addNote(report, note);
  return { ok: true, value: undefined };
}

/** Opens the throwaway database (from the replay cache's longest prefix, when there is one) and replays. */
async function replayChain(
  project: Project,
  opts: CheckOptions,
  plan: ReviewPlan,
  report: CheckReport,
  shadowUrl: string | undefined,
) {
  progress({ doing: 'starting the throwaway database' });
  // A server's state stays on the server: only the embedded databases are cached.
  const cache = opts.cacheDir && !shadowUrl ? await openReplayCache(project, opts, plan) : undefined;
  const provider = project.provider.provider;
  // The review's rename proofs replay the chain again with these steps, never from the cache.
  const steps: ReplaySteps = {
    open: async (extra, restored) =>
      shadowUrl
        ? await (await import('./throwaway/pgServer')).openPgServer(shadowUrl, opts.shadowSchemaMode)
        : { ok: true, value: await openThrowawayDb(provider, project.chain, project.schema, extra, restored) },
    prepare: (db) => initShadowDb(db, project, report),
    before: (db, m) => beforeMigration(plan, m, db),
    readsBefore: (m) => plan.migrations.has(m.name),
    loadsExtensions: !shadowUrl,
  };
  // Only the check's own replay holds its tail (the proofs' fresh replays never roll back).
  const holdFrom = shadowUrl || provider !== 'postgresql' ? undefined : tailToHold(plan, project.chain);
  const replayed = await openAndReplay({ ...steps, cache: cache?.hook, holdFrom }, project.chain);
  for (const note of cache?.notes ?? []) addNote(report, note);
  return { replayed, cache, steps, holdFrom };
}

/** The review reads the tables as they stood before its first migration: the cache restores no further. */
function openReplayCache(project: Project, opts: CheckOptions, plan: ReviewPlan) {
  const firstReviewed = project.chain.findIndex((m) => plan.migrations.has(m.name));
  const limit = firstReviewed === -1 ? project.chain.length : firstReviewed;
  return openCheckCache(path.resolve(opts.cwd, opts.cacheDir!), project, limit, opts.cacheIo);
}

const broken = (problem: Problem | string): { ok: false; problem: Problem } => ({
  ok: false,
  problem: typeof problem === 'string' ? { message: problem } : problem,
});

/** The value: the suggestion as the review reads it (undefined when in sync or not reviewed). */
async function diffAndExplain(
  db: ThrowawayDb,
  project: Project,
  report: CheckReport,
  plan: ReviewPlan,
): Promise<Result<SuggestionReview | undefined>> {
  const files = schemaForEngine(project.schema.files);
  const filters = {
    externalTables: project.config?.externalTables ?? [],
    externalEnums: project.config?.externalEnums ?? [],
  };
  progress({ doing: 'diffing the schema with the engine' });
  const engine = await startEngine(db.adapterFactory());
  const repeated = new Map<string, RepeatedIndex>();
  // Every diff of the check (the first, after the m2m pairs, in the review's proofs and the round
  // trip) leaves out the index pairs the engine would ask for forever, and remembers them for the note.
  const diff = async (summary = true): Promise<Result<EngineDiff>> => {
    const d = await diffWithEngine(engine, files, filters, { summary });
    if (!d.ok) return d;
    const aside = await setAsideRepeatedIndexes(db, d.value);
    for (const r of aside.repeated) repeated.set(r.name, r);
    return { ok: true, value: aside.diff };
  };
  try {
    const explained = await explainDiff(db, project, report, plan, diff);
    // A panic in a later diff (the round trip, a review proof) was folded into "unknown" there: fail instead.
    const panicked = enginePanic(engine);
    if (panicked) return { ok: false, problem: engineProblem(panicked) };
    if (repeated.size > 0) addNote(report, repeatedIndexNote([...repeated.values()]));
    return explained;
  } finally {
    engine.free();
  }
}

async function explainDiff(
  db: ThrowawayDb,
  project: Project,
  report: CheckReport,
  plan: ReviewPlan,
  diffAgain: (summary?: boolean) => Promise<Result<EngineDiff>>,
): Promise<Result<SuggestionReview | undefined>> {
  const tDiff = performance.now();
  let diff = await diffAgain();
  const version = project.prismaVersion;
  if (diff.ok && diff.value.drift && version && keepsPrisma5M2m(version, project.provider.provider)) {
    const aside = await setAsidePrisma5M2m(db, diff.value, version, diffAgain);
    if (aside.ok && aside.value.note) addNote(report, aside.value.note);
    diff = aside.ok ? { ok: true, value: aside.value.diff } : aside;
  }
  report.timings.diffMs = Math.round(performance.now() - tDiff);
  if (!diff.ok) return diff;
  report.drift = diff.value.drift;
  report.sql = diff.value.sql;
  if (!diff.value.drift) return { ok: true, value: undefined };
  report.summary = await explainRedefinedTables(diff.value.summary, diff.value.sql, db.inspector);
  const models = indexSchema(project.schema.files);
  report.warnings = await deriveWarnings(diff.value.sql, project.provider.provider, db.inspector, models);
  // The proofs read only the engine's script: its summary would cost a second diff each time.
  const residual = async () => {
    const d = await diffAgain(false);
    return d.ok ? d.value.sql : undefined;
  };
  const suggestion = await prepareSuggestion(plan, diff.value.sql, db, residual);
  const tRound = performance.now();
  progress({ doing: 'applying the suggestion and diffing again (round trip)' });
  report.roundTrip = await roundTrip(db, diff.value.sql, diffAgain);
  report.timings.roundTripMs = Math.round(performance.now() - tRound);
  return { ok: true, value: suggestion };
}
