import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { compareWithBase, localFindings, type Finding } from './chain/integrity';
import { loadChain, type Migration } from './chain/load';
import { extensionsCreatedBy } from './db/pgExtensions';
import type { ThrowawayDb } from './db/types';
import { diffWithEngine, type DiffFilters } from './engine/diff';
import { findPrismaConfig, loadPrismaConfig } from './config/prismaConfig';
import { loadEngineBindings, startEngine } from './engine/load';
import { explainRedefinedTables } from './engine/summary';
import { deriveWarnings } from './engine/warnings';
import { indexSchema } from './locate/schemaIndex';
import { declaredExtensions, schemaForEngine } from './locate/engineSchema';
import { checkLockFile, readProvider, type Provider } from './locate/provider';
import { locateSchema, type LocatedSchema } from './locate/schema';
import { displayPath, type Problem } from './problem';

export interface CheckOptions {
  cwd: string;
  schema?: string;
  migrations?: string;
  /** A git ref to compare the migration history with (chain integrity). */
  base?: string;
  /** Replay PostgreSQL on this server instead of PGlite. */
  shadowDatabaseUrl?: string;
  /** When the base cannot be read: true makes it an error (exit 2), false skips the comparison with a note. */
  baseRequired?: boolean;
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

export interface DataLossWarning {
  table: string;
  column?: string;
  message: string;
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

/** 0 in sync, 1 drift (or a failed round trip), 2 broken input or chain. */
export function exitCodeOf(report: CheckReport): 0 | 1 | 2 {
  if (report.errors.length > 0 || report.drift === null) return 2;
  if (report.findings.some((f) => f.severity === 'error')) return 2;
  if (report.drift || !report.roundTrip.ok) return 1;
  return 0;
}

/**
 * locate → replay → diff → round trip. Never throws for an expected failure: a bad input
 * or a broken chain comes back in `errors`, with `drift: null`.
 */
export async function runCheck(opts: CheckOptions): Promise<CheckReport> {
  const t0 = performance.now();
  const timings: Timings = { startMs: Math.round(t0), engineLoadMs: 0, dbStartMs: 0, replayMs: 0, diffMs: 0, roundTripMs: 0, totalMs: 0 };
  const report: CheckReport = {
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
    timings,
  };
  const finish = () => {
    timings.totalMs = Math.round(performance.now() - t0);
    return report;
  };
  const broken = (problem: Problem) => {
    report.errors.push(problem);
    return finish();
  };

  const configFile = findPrismaConfig(opts.cwd);
  const config = configFile ? loadPrismaConfig(configFile) : undefined;
  if (config) {
    report.config = displayPath(config.file, opts.cwd);
    if (config.fallback) report.notes = [config.fallback];
  }
  const fromConfig = (p: string | undefined) => (p && config ? path.resolve(path.dirname(config.file), p) : undefined);
  const located = locateSchema({ cwd: opts.cwd, schema: opts.schema ?? fromConfig(config?.schema), migrations: opts.migrations ?? fromConfig(config?.migrationsPath) });
  if (!located.ok) return broken(located.problem);
  const schema: LocatedSchema = located.value;
  report.schema = schema.files.map((f) => displayPath(f.path, opts.cwd));
  report.migrationsDir = displayPath(schema.migrationsDir, opts.cwd);

  const provider = readProvider(schema.files, opts.cwd);
  if (!provider.ok) return broken(provider.problem);
  report.provider = provider.value.provider;
  const lock = checkLockFile(schema.migrationsDir, report.provider, opts.cwd);
  if (!lock.ok) return broken(lock.problem);

  const chain = loadChain(schema.migrationsDir, opts.cwd);
  if (!chain.ok) return broken(chain.problem);

  // Before the replay: an out-of-order migration often breaks the replay, and the user
  // needs to hear about the order, not only about the SQL error it causes.
  if (opts.base) {
    const compared = compareWithBase(opts.base, chain.value, schema.migrationsDir, report.provider);
    if (compared.ok) report.findings = compared.value;
    else if (opts.baseRequired ?? true) return broken(compared.problem);
    else {
      report.integritySkipped = compared.problem.message;
      report.findings = localFindings(chain.value, report.provider);
    }
  } else {
    report.findings = localFindings(chain.value, report.provider);
  }

  // Compiling the engine happens off the main thread; overlap it with the DB start.
  const engineReady = loadEngineBindings();
  const tDb = performance.now();
  const engineFiles = schemaForEngine(schema.files);
  const shadowDatabaseUrl = opts.shadowDatabaseUrl ?? config?.shadowDatabaseUrl;
  if (shadowDatabaseUrl && report.provider !== 'postgresql') return broken({ message: `--shadow-database-url is for PostgreSQL; this schema's provider is ${report.provider}, which replays in an embedded database.` });
  const opened = shadowDatabaseUrl ? await (await import('./db/pgServer')).openPgServer(shadowDatabaseUrl) : { ok: true as const, value: await openThrowawayDb(report.provider, chain.value, schema) };
  if (!opened.ok) return broken(opened.problem);
  await using db = opened.value;
  timings.dbStartMs = Math.round(performance.now() - tDb);

  if (config?.initShadowDb) {
    const init = await db.runScript(config.initShadowDb);
    if (!init.ok) return broken({ file: report.config, message: `${report.config}: migrations.initShadowDb failed: ${init.problem.message}. Fix that SQL in the config.` });
  }
  const filters = { externalTables: config?.externalTables ?? [], externalEnums: config?.externalEnums ?? [] };

  const tReplay = performance.now();
  for (const migration of chain.value) {
    const tm = performance.now();
    const r = await db.runMigration(migration);
    if (!r.ok) {
      timings.replayMs = Math.round(performance.now() - tReplay);
      return broken(r.problem);
    }
    report.migrations.push({ name: migration.name, checksum: migration.checksum, durationMs: round1(performance.now() - tm) });
  }
  timings.replayMs = Math.round(performance.now() - tReplay);

  // engineLoadMs: how long the check waited for the engine after the replay (the rest of
  // the compile overlapped with starting the DB and replaying).
  const tEngine = performance.now();
  await engineReady;
  timings.engineLoadMs = Math.round(performance.now() - tEngine);
  const tDiff = performance.now();
  const engine = await startEngine(db.adapterFactory());
  try {
    const diff = await diffWithEngine(engine, engineFiles, opts.cwd, filters);
    timings.diffMs = Math.round(performance.now() - tDiff);
    if (!diff.ok) return broken(diff.problem);
    report.drift = diff.value.drift;
    report.sql = diff.value.sql;
    if (diff.value.drift) {
      report.summary = await explainRedefinedTables(diff.value.summary, diff.value.sql, db.inspector);
      report.warnings = await deriveWarnings(diff.value.sql, report.provider, db.inspector, indexSchema(schema.files));
    }

    if (diff.value.drift) {
      const tRound = performance.now();
      report.roundTrip = await roundTrip(db, engine, engineFiles, diff.value.sql, opts.cwd, filters);
      timings.roundTripMs = Math.round(performance.now() - tRound);
    }
  } finally {
    engine.free();
  }
  return finish();
}

/**
 * Applies the suggestion to the replayed DB and diffs again. Anything left over is a bug
 * in our pipeline (or the engine), and must be visible rather than silently wrong.
 */
async function roundTrip(db: ThrowawayDb, engine: Parameters<typeof diffWithEngine>[0], files: Parameters<typeof diffWithEngine>[1], sql: string, cwd: string, filters: DiffFilters): Promise<CheckReport['roundTrip']> {
  const applied = await db.runScript(sql);
  if (!applied.ok) return { ok: false, residualSql: `-- the suggested SQL failed to apply: ${applied.problem.message}\n${sql}` };
  const again = await diffWithEngine(engine, files, cwd, filters);
  if (!again.ok) return { ok: false, residualSql: `-- the second diff failed: ${again.problem.message}` };
  return again.value.drift ? { ok: false, residualSql: again.value.sql } : { ok: true };
}

/** Each database's driver is loaded only when used: a SQLite check never loads PGlite (about 30 ms). */
export async function openThrowawayDb(provider: Provider, chain: Migration[], schema: LocatedSchema): Promise<ThrowawayDb> {
  switch (provider) {
    case 'sqlite':
      return (await import('./db/sqlite')).openSqlite();
    case 'postgresql':
      // Load only the extensions the chain or the schema names: each costs start-up time.
      return (await import('./db/pglite')).openPglite([...chain.flatMap((m) => extensionsCreatedBy(m.sql)), ...declaredExtensions(schema.files)]);
  }
}

const round1 = (ms: number) => Math.round(ms * 10) / 10;
