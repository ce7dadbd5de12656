import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

/** The parts of Prisma 7's prisma.config.ts that a drift check uses. */
export interface PrismaConfig {
  file: string;
  schema?: string;
  migrationsPath?: string;
  initShadowDb?: string;
  shadowDatabaseUrl?: string;
  /** `datasource.url`: the database deploy/status/resolve work on. */
  url?: string;
  externalTables: string[];
  externalEnums: string[];
  /** Set when the file could not be evaluated and string literals were read instead. */
  fallback?: string;
}

const NAMES = [
  'prisma.config.ts',
  'prisma.config.mts',
  'prisma.config.cts',
  'prisma.config.js',
  'prisma.config.mjs',
  'prisma.config.cjs',
];

/** Where Prisma 7 looks: the working directory, then `.config/prisma.*`. */
export function findPrismaConfig(cwd: string): string | undefined {
  for (const name of NAMES) if (fs.existsSync(path.join(cwd, name))) return path.join(cwd, name);
  for (const ext of ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs'])
    if (fs.existsSync(path.join(cwd, '.config', `prisma.${ext}`))) return path.join(cwd, '.config', `prisma.${ext}`);
  return undefined;
}

/**
 * Loads a config the way a runner that only checked out the repo can: TypeScript is
 * transpiled with a bundled compiler (sucrase), `prisma/config` and `dotenv` resolve to
 * built-in stand-ins, and `env("X")` returns undefined instead of throwing, because a check
 * needs no database. If the file still cannot be evaluated, string literals are read instead.
 */
export function loadPrismaConfig(file: string): PrismaConfig {
  const source = fs.readFileSync(file, 'utf8');
  try {
    return { file, ...fromObject(evaluate(file, source)) };
  } catch (e) {
    return {
      file,
      ...fromLiterals(source),
      fallback:
        `${path.basename(file)} could not be evaluated (${(e as Error).message.split('\n')[0]}); read its ` +
        `string literals instead`,
    };
  }
}

function evaluate(file: string, source: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { transform } = require('sucrase') as typeof import('sucrase');
  const code = transform(source, { transforms: ['typescript', 'imports'], filePath: file }).code;
  const dir = path.dirname(file);
  const realRequire = createRequire(file);
  const loadDotenv = () => {
    const envFile = path.join(dir, '.env');
    if (!fs.existsSync(envFile)) return;
    for (const line of fs.readFileSync(envFile, 'utf8').split(/\r?\n/)) {
      const m = /^\s*(?:export\s+)?([A-Za-z_][\w.]*)\s*=\s*(.*?)\s*$/.exec(line);
      if (m && process.env[m[1]!] === undefined) process.env[m[1]!] = m[2]!.replace(/^(['"])(.*)\1$/, '$2');
    }
  };
  const prismaConfig = { defineConfig: <T>(c: T) => c, env: (name: string) => process.env[name] };
  const stubs: Record<string, () => unknown> = {
    'prisma/config': () => prismaConfig,
    '@prisma/config': () => prismaConfig,
    'dotenv/config': () => (loadDotenv(), {}),
    dotenv: () => ({ config: () => (loadDotenv(), { parsed: {} }) }),
  };
  const requireForConfig = (id: string) => (id in stubs ? stubs[id]!() : realRequire(id));
  const module = { exports: {} as Record<string, unknown> };
  new Function('require', 'module', 'exports', '__filename', '__dirname', code)(
    requireForConfig,
    module,
    module.exports,
    file,
    dir,
  );
  const exported = (module.exports.default ?? module.exports) as unknown;
  if (exported && typeof (exported as Promise<unknown>).then === 'function')
    throw new Error('an async config is not supported');
  return exported;
}

function fromObject(value: unknown): Omit<PrismaConfig, 'file'> {
  const c = (value ?? {}) as {
    schema?: unknown;
    migrations?: { path?: unknown; initShadowDb?: unknown };
    datasource?: { shadowDatabaseUrl?: unknown; url?: unknown };
    tables?: { external?: unknown };
    enums?: { external?: unknown };
  };
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    schema: str(c.schema),
    migrationsPath: str(c.migrations?.path),
    initShadowDb: str(c.migrations?.initShadowDb),
    shadowDatabaseUrl: str(c.datasource?.shadowDatabaseUrl),
    url: str(c.datasource?.url),
    externalTables: list(c.tables?.external),
    externalEnums: list(c.enums?.external),
  };
}

/** The fallback: literal values only (a value computed at run time cannot be read this way). */
function fromLiterals(source: string): Omit<PrismaConfig, 'file'> {
  const literal = (key: string) => new RegExp(`\\b${key}\\s*:\\s*(['"\`])([^'"\`]*)\\1`).exec(source)?.[2];
  const array = (block: string) => {
    const m = new RegExp(`\\b${block}\\s*:\\s*\\{[^}]*?\\bexternal\\s*:\\s*\\[([^\\]]*)\\]`).exec(source);
    return m ? [...m[1]!.matchAll(/(['"`])([^'"`]*)\1/g)].map((x) => x[2]!) : [];
  };
  return {
    schema: literal('schema'),
    migrationsPath: /\bmigrations\s*:\s*\{[^}]*?\bpath\s*:\s*(['"`])([^'"`]*)\1/.exec(source)?.[2],
    initShadowDb: literal('initShadowDb'),
    shadowDatabaseUrl: literal('shadowDatabaseUrl'),
    externalTables: array('tables'),
    externalEnums: array('enums'),
  };
}
