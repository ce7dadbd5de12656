import * as path from 'node:path';
import { loadChain, type LoadedChain, type Migration } from './chain/load';
import { findPrismaConfig, loadPrismaConfig, type PrismaConfig } from './config/prismaConfig';
import { displayPath, type Problem } from './problem';
import { locateSchema, type LocatedSchema } from './schema/locate';
import { detectPrismaVersion, type PrismaVersion } from './schema/prismaVersion';
import { checkLockFile, readLockedProvider, readProvider, type ProviderSource } from './schema/provider';
import type { Dialect } from './sql/tokens';

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
  const configFile = findPrismaConfig(opts.cwd);
  const config = configFile ? loadPrismaConfig(configFile) : undefined;
  const partial: PartialProject = { config };
  const broken = (problem: Problem): ProjectResult => ({ ok: false, problem, partial });
  const fromConfig = (p: string | undefined) => (p && config ? path.resolve(path.dirname(config.file), p) : undefined);
  const located = locateSchema({
    cwd: opts.cwd,
    schema: opts.schema ?? fromConfig(config?.schema),
    migrations: opts.migrations ?? fromConfig(config?.migrationsPath),
  });
  if (!located.ok) return broken(located.problem);
  const schema = (partial.schema = located.value);
  const provider = readProvider(schema.files, opts.cwd);
  if (!provider.ok) {
    const { unsupported, ...problem } = provider.problem;
    const chain = unsupported ? loadChain(schema.migrationsDir, opts.cwd) : undefined;
    if (unsupported && chain?.ok) partial.unsupported = { ...unsupported, chain: chain.value };
    return broken(problem);
  }
  partial.provider = provider.value;
  if (opts.lockMustMatchSchema) {
    const lock = checkLockFile(schema.migrationsDir, provider.value.provider, opts.cwd);
    if (!lock.ok) return broken(lock.problem);
  }
  const chain = loadChain(schema.migrationsDir, opts.cwd);
  if (!chain.ok) return broken(chain.problem);
  const lockedProvider = readLockedProvider(schema.migrationsDir);
  const versionFrom = [schema.dir, ...(config ? [path.dirname(config.file)] : [])];
  return {
    ok: true,
    value: {
      cwd: opts.cwd,
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

/** The display fields every report carries, from whatever part of the project was read. */
export function describeProject(p: PartialProject, cwd: string): { schema: string[]; migrationsDir: string | null } {
  return {
    schema: p.schema ? p.schema.files.map((f) => displayPath(f.path, cwd)) : [],
    migrationsDir: p.schema ? displayPath(p.schema.migrationsDir, cwd) : null,
  };
}
