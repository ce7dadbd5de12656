import * as path from 'node:path';
import { loadChain, type Migration } from './chain/load';
import { findPrismaConfig, loadPrismaConfig, type PrismaConfig } from './config/prismaConfig';
import { displayPath, type Problem } from './problem';
import { inspectRepoPath, isInside, realRoot } from './repoFiles';
import { progress } from './watchdog';
import { locateSchema, type LocatedSchema } from './schema/locate';
import { checkLockFile, readLockedProvider, readProvider, type ProviderSource } from './schema/provider';

export interface ProjectOptions {
  cwd: string;
  /** --schema / the `schema` input; otherwise prisma.config.ts, then Prisma's defaults. */
  schema?: string;
  migrations?: string;
  /** check: the lock file must name the schema's provider (deploy compares it with the target instead). */
  lockMustMatchSchema?: boolean;
}

/** What every command starts from, read once: absolute paths, the schema parsed from disk once. */
export interface Project {
  cwd: string;
  config?: PrismaConfig;
  schema: LocatedSchema;
  provider: ProviderSource;
  /** The provider migration_lock.toml names, when there is one. */
  lockedProvider?: string;
  chain: Migration[];
}

/** What was learned before a failure: the reports show the schema even when the chain is broken. */
export interface PartialProject {
  config?: PrismaConfig;
  schema?: LocatedSchema;
  provider?: ProviderSource;
}

export type ProjectResult = { ok: true; value: Project } | { ok: false; problem: Problem; partial: PartialProject };

/** Config → schema → provider → lock file → chain, stopping at the first problem. */
export function loadProject(opts: ProjectOptions): ProjectResult {
  const repo = realRoot(opts.cwd);
  const partial: PartialProject = {};
  const broken = (problem: Problem): ProjectResult => ({ ok: false, problem, partial });
  const configFile = findPrismaConfig(opts.cwd);
  const configEntry = configFile ? inspectRepoPath(configFile, repo, 'the Prisma config', opts.cwd) : undefined;
  if (configEntry && !configEntry.ok) return broken(configEntry.problem);
  if (configFile) progress({ doing: 'evaluating the Prisma config', file: displayPath(configFile, opts.cwd) });
  const config = (partial.config = configFile ? loadPrismaConfig(configFile) : undefined);
  const fromConfig = (p: string | undefined) => (p && config ? path.resolve(path.dirname(config.file), p) : undefined);
  const located = locateSchema({
    cwd: opts.cwd,
    schema: opts.schema ?? fromConfig(config?.schema),
    migrations: opts.migrations ?? fromConfig(config?.migrationsPath),
  });
  if (!located.ok) return broken(located.problem);
  const outside = leavesRepository(located.value, opts, repo);
  if (outside) return broken(outside);
  const schema = (partial.schema = located.value);
  const provider = readProvider(schema.files, opts.cwd);
  if (!provider.ok) return broken(provider.problem);
  partial.provider = provider.value;
  const lockFile = path.join(schema.migrationsDir, 'migration_lock.toml');
  const lock = inspectRepoPath(lockFile, realRoot(schema.migrationsDir), 'migration_lock.toml', opts.cwd);
  if (!lock.ok) return broken(lock.problem);
  if (opts.lockMustMatchSchema) {
    const matches = checkLockFile(schema.migrationsDir, provider.value.provider, opts.cwd);
    if (!matches.ok) return broken(matches.problem);
  }
  const chain = loadChain(schema.migrationsDir, opts.cwd);
  if (!chain.ok) return broken(chain.problem);
  const lockedProvider = readLockedProvider(schema.migrationsDir);
  return {
    ok: true,
    value: { cwd: opts.cwd, config, schema, provider: provider.value, lockedProvider, chain: chain.value },
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
    const shown = displayPath(p, opts.cwd);
    return {
      file: shown,
      message:
        `${shown}: ${what} leads outside ${displayPath(base, opts.cwd)} through a symlink, so it is not read. ` +
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
