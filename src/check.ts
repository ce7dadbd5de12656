import { progress, timedOutProblem } from './watchdog';
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { compareWithBase, localFindings } from './chain/integrity';
import { emptyCheckReport, type CheckReport } from './checkReport';
import { diffWithEngine, type DiffFilters } from './engine/diff';
import { loadEngineBindings, startEngine, type SchemaEngine } from './engine/load';
import { keepsPrisma5M2m, setAsidePrisma5M2m } from './engine/prisma5M2m';
import { explainRedefinedTables } from './engine/summary';
import { deriveWarnings } from './engine/warnings';
import { describeProject, loadProject, type Project } from './project';
import { displayPath, type Problem, type Result } from './problem';
import { schemaForEngine } from './schema/engineSchema';
import type { SchemaFile } from './schema/locate';
import { indexSchema } from './schema/modelIndex';
import type { Provider } from './schema/provider';
import { openThrowawayDb } from './throwaway/open';
import { openAndReplay } from './throwaway/replay';
import type { ThrowawayDb } from './throwaway/types';
import { optionLabel, type Surface } from './surface';
import { migrationFolderName } from './write';

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
}

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
    const checked = await checkLoaded(loaded.value, opts, report);
    if (!checked.ok) report.errors.push(checked.problem);
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
  return outcome;
}

async function checkLoaded(project: Project, opts: CheckOptions, report: CheckReport): Promise<Result<void>> {
  const provider = project.provider.provider;
  report.prismaVersion = project.prismaVersion ?? null;
  if (project.codeMigrations.length > 0) skipCodeMigrations(project.codeMigrations, report);
  // Before the replay: an out-of-order migration often breaks the replay, and the user
  // needs to hear about the order, not only about the SQL error it causes.
  const findings = historyFindings(project.chain, project.schema.migrationsDir, provider, opts, report);
  if (!findings.ok) return findings;
  // Compiling the engine happens off the main thread; overlap it with the DB start.
  const engineReady = loadEngineBindings();
  const tDb = performance.now();
  const shadowUrl = opts.shadowDatabaseUrl ?? opts.env?.SHADOW_DATABASE_URL ?? project.config?.shadowDatabaseUrl;
  if (shadowUrl && provider !== 'postgresql') {
    return broken(
      `${optionLabel(opts.surface ?? 'cli', 'shadow-database-url')} is for PostgreSQL; this schema's provider is ` +
        `${provider}, which replays in an embedded database.`,
    );
  }
  progress({ doing: 'starting the throwaway database' });
  const replayed = await openAndReplay(
    {
      open: async (extra) =>
        shadowUrl
          ? await (await import('./throwaway/pgServer')).openPgServer(shadowUrl, opts.shadowSchemaMode)
          : { ok: true, value: await openThrowawayDb(provider, project.chain, project.schema, extra) },
      prepare: (db) => initShadowDb(db, project, report),
      loadsExtensions: !shadowUrl,
    },
    project.chain,
  );
  const replayMs = Math.round(performance.now() - tDb);
  if (!replayed.ok) {
    report.migrations = replayed.migrations;
    return replayed;
  }
  report.timings.dbStartMs = replayed.value.openMs;
  report.timings.replayMs = replayMs - replayed.value.openMs;
  await using db = replayed.value.db;
  report.migrations = replayed.value.migrations;
  for (const note of db.notes ?? []) addNote(report, note);
  for (const name of replayed.value.loadedLate) {
    addNote(
      report,
      `The chain creates the extension "${name}" in a way the check cannot read (in a DO block or a function), so ` +
        `PGlite started without it; the replay started over with "${name}" loaded.`,
    );
  }
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

const addNote = (report: CheckReport, note: string) => (report.notes ??= []).push(note);

function skipCodeMigrations(names: string[], report: CheckReport): void {
  report.skipped = names;
  const first = names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '');
  addNote(
    report,
    `${names.length} migration folder${names.length > 1 ? 's' : ''} without migration.sql skipped as code ` +
      `migrations (${first}): they are not replayed (prisma migrate deploy would fail on them, P3015).`,
  );
}

async function initShadowDb(db: ThrowawayDb, project: Project, report: CheckReport): Promise<Result<void>> {
  const init = project.config?.initShadowDb;
  if (!init) return { ok: true, value: undefined };
  const r = await db.runScript(init);
  if (r.ok) return r;
  const message = `${report.config}: migrations.initShadowDb failed: ${r.problem.message}. Fix that SQL in the config.`;
  return broken({ file: report.config, message });
}

function historyFindings(
  chain: Project['chain'],
  migrationsDir: string,
  dialect: Provider,
  opts: CheckOptions,
  report: CheckReport,
): Result<void> {
  if (!opts.base) {
    report.findings = localFindings(chain, dialect);
    return { ok: true, value: undefined };
  }
  progress({ doing: 'comparing the migration history with the base' });
  const compared = compareWithBase(opts.base, chain, migrationsDir, dialect, opts.surface);
  if (compared.ok) report.findings = compared.value;
  else if (opts.baseRequired ?? true) return compared;
  else {
    report.integritySkipped = compared.problem.message;
    report.findings = localFindings(chain, dialect);
  }
  return { ok: true, value: undefined };
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
    let diff = await diffWithEngine(engine, files, project.cwd, filters);
    const version = project.prismaVersion;
    if (diff.ok && diff.value.drift && version && keepsPrisma5M2m(version, project.provider.provider)) {
      const again = () => diffWithEngine(engine, files, project.cwd, filters);
      const aside = await setAsidePrisma5M2m(db, diff.value, version, again);
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
