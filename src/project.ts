import * as path from 'node:path';
import { loadChain, type LoadedChain, type Migration } from './chain/load';
import { findPrismaConfig, loadPrismaConfig, type PrismaConfig } from './config/prismaConfig';
import { displayPath, pathSlot, type Problem } from './problem';
import { inspectRepoPath, isInside, realRoot } from './repoFiles';
import { progress } from './watchdog';
import { locateSchema, type LocatedSchema } from './schema/locate';
import type { Surface } from './surface';
import { checkLockedProvider, readLockedProvider } from './schema/lockFile';
import { detectPrismaVersion, type PrismaVersion } from './schema/prismaVersion';
import { readProvider, type ProviderSource } from './schema/provider';
import type { Dialect } from './sql/tokens';

export interface ProjectOptions {
  cwd: string;
  /** --schema / the `schema` input; otherwise prisma.config.ts, then Prisma's defaults. */
  schema?: string;
  migrations?: string;
  /** check: the lock file must name the schema's provider (deploy compares it with the target instead). */
  lockMustMatchSchema?: boolean;
  /** Who reads the messages (the CLI's flags or the Action's inputs). */
  surface?: Surface;
}

/** What every command starts from, read once: absolute paths, the schema parsed from disk once. */
export interface Project {
  config?: PrismaConfig;
  schema: LocatedSchema;
  provider: ProviderSource;
  /** The provider migration_lock.toml names, when there is one. */
  lockedProvider?: string;
  chain: Migration[];
  /** Folders without migration.sql that hold a code migration (left out of the chain). */
  codeMigrations: string[];
  /** The Prisma version the project pins (package.json, resolved through its lockfile). */
  prismaVersion?: PrismaVersion;
}

/** What was learned before a failure: the reports show the schema even when the chain is broken. */
export interface PartialProject {
  config?: PrismaConfig;
  schema?: LocatedSchema;
  provider?: ProviderSource;
  /**
   * A provider the embedded engine cannot diff (mysql, sqlserver, cockroachdb): the history is
   * still loaded, because its integrity checks need no database.
   */
  unsupported?: { provider: string; dialect: Dialect; chain: LoadedChain };
}

export type ProjectResult = { ok: true; value: Project } | { ok: false; problem: Problem; partial: PartialProject };

/** Config → schema → provider → lock file → chain, stopping at the first problem. */
export function loadProject(opts: ProjectOptions): ProjectResult {
  const repo = realRoot(opts.cwd);
  const partial: PartialProject = {};
  const broken = (problem: Problem): ProjectResult => ({ ok: false, problem, partial });
  const configFile = findPrismaConfig(opts.cwd);
  const configEntry = configFile ? inspectRepoPath(configFile, repo, 'the Prisma config') : undefined;
  if (configEntry && !configEntry.ok) return broken(configEntry.problem);
  if (configFile) progress({ doing: 'evaluating the Prisma config', file: configFile });
  const config = (partial.config = configFile ? loadPrismaConfig(configFile) : undefined);
  if (config?.rejected) return broken({ message: `${pathSlot(config.file)}: ${config.rejected}`, file: config.file });
  const fromConfig = (p: string | undefined) => (p && config ? path.resolve(path.dirname(config.file), p) : undefined);
  const located = locateSchema({
    cwd: opts.cwd,
    schema: opts.schema ?? fromConfig(config?.schema),
    migrations: opts.migrations ?? fromConfig(config?.migrationsPath),
    surface: opts.surface,
  });
  if (!located.ok) return broken(located.problem);
  const outside = leavesRepository(located.value, opts, repo);
  if (outside) return broken(outside);
  const schema = (partial.schema = located.value);
  const provider = readProvider(schema.files);
  if (!provider.ok) {
    const { unsupported, ...problem } = provider.problem;
    const chain = unsupported ? loadChain(schema.migrationsDir) : undefined;
    if (unsupported && chain?.ok) partial.unsupported = { ...unsupported, chain: chain.value };
    return broken(problem);
  }
  partial.provider = provider.value;
  const locked = readLockedProvider(schema.migrationsDir);
  if (!locked.ok) return broken(locked.problem);
  const lockedProvider = locked.value;
  if (opts.lockMustMatchSchema) {
    const matches = checkLockedProvider(lockedProvider, schema.migrationsDir, provider.value.provider);
    if (!matches.ok) return broken(matches.problem);
  }
  const chain = loadChain(schema.migrationsDir);
  if (!chain.ok) return broken(chain.problem);
  const versionFrom = [schema.dir, ...(config ? [path.dirname(config.file)] : [])];
  return {
    ok: true,
    value: {
      config,
      schema,
      provider: provider.value,
      lockedProvider,
      chain: chain.value.migrations,
      codeMigrations: chain.value.codeMigrations,
      prismaVersion: detectPrismaVersion(versionFrom),
    },
  };
}

/**
 * Paths the user passed are trusted wherever they are. Paths the repository chose (the config,
 * package.json, Prisma's defaults) must stay inside the repository once symlinks are followed.
 */
function leavesRepository(located: LocatedSchema, opts: ProjectOptions, repo: string): Problem | undefined {
  // Migrations found beside a schema the user passed stay inside that schema's folder.
  const besideSchema = opts.schema ? realRoot(path.dirname(located.root)) : repo;
  const chosen = [
    ...(opts.schema ? [] : [{ p: located.root, what: 'the schema', base: repo }]),
    ...(opts.migrations ? [] : [{ p: located.migrationsDir, what: 'the migrations folder', base: besideSchema }]),
  ];
  for (const { p, what, base } of chosen) {
    if (isInside(realRoot(p), base)) continue;
    return {
      file: p,
      message:
        `${pathSlot(p)}: ${what} leads outside ${pathSlot(base)} through a symlink, so it is not read. ` +
        `Replace the symlink with the real files, or pass the path yourself with --schema / --migrations.`,
    };
  }
  return undefined;
}

/** The display fields every report carries, from whatever part of the project was read. */
export function describeProject(p: PartialProject, cwd: string): { schema: string[]; migrationsDir: string | null } {
  return {
    schema: p.schema ? p.schema.files.map((f) => displayPath(f.path, cwd)) : [],
    migrationsDir: p.schema ? displayPath(p.schema.migrationsDir, cwd) : null,
  };
}
