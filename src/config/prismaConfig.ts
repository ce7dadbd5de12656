import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluateInChild, type RawConfig } from './configChild';

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
  /** Prisma refuses this config (its own wording): a check must too. */
  rejected?: string;
}

// Prisma 7.10's @prisma/config (loadConfigFromFile): `prisma7.*` names first, then the
// legacy ones, each legacy name also as a folder holding `index.*`; extensions in c12's order.
const EXTENSIONS = ['.js', '.ts', '.mjs', '.cjs', '.mts', '.cts'];
const CANDIDATES = [
  ...EXTENSIONS.map((ext) => `prisma7.config${ext}`),
  ...EXTENSIONS.map((ext) => path.join('.config', `prisma7${ext}`)),
  ...['prisma.config', path.join('.config', 'prisma'), path.join('.config', 'prisma.config')].flatMap((base) => [
    ...EXTENSIONS.map((ext) => `${base}${ext}`),
    ...EXTENSIONS.map((ext) => path.join(base, `index${ext}`)),
  ]),
];

/** The config Prisma 7.10 would pick in `cwd`, in its search order. */
export function findPrismaConfig(cwd: string): string | undefined {
  for (const candidate of CANDIDATES) {
    const file = path.join(cwd, candidate);
    if (fs.statSync(file, { throwIfNoEntry: false })?.isFile()) return file;
  }
  return undefined;
}

/**
 * Loads a config the way a runner that only checked out the repo can: TypeScript is
 * transpiled here with a bundled compiler (sucrase, which runs nothing), and the result is
 * evaluated in a child process (configChild.ts says how it is contained). If it cannot be
 * evaluated, for whatever reason, its string literals are read instead, with a note.
 */
export function loadPrismaConfig(given: string, env: NodeJS.ProcessEnv = process.env): PrismaConfig {
  const file = path.resolve(given);
  const source = fs.readFileSync(file, 'utf8');
  let reason: string;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { transform } = require('sucrase') as typeof import('sucrase');
    const code = transform(source, { transforms: ['typescript', 'imports'], filePath: file }).code;
    const result = evaluateInChild(file, code, source, env);
    if (result.ok) return { file, ...fromObject(result.value) };
    reason = result.reason;
  } catch (e) {
    reason = (e as Error).message.split('\n')[0]!;
  }
  return {
    file,
    ...fromLiterals(source),
    fallback: `${path.basename(file)} could not be evaluated (${reason}); read its string literals instead`,
  };
}

function fromObject(c: RawConfig): Omit<PrismaConfig, 'file'> {
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
    rejected: experimentalRejection({
      tables: c.tables?.external !== undefined && c.tables?.external !== null,
      enums: c.enums?.external !== undefined && c.enums?.external !== null,
      initShadowDb: Boolean(c.migrations?.initShadowDb),
      externalTables: c.experimental?.externalTables === true,
    }),
  };
}

/** Prisma 7.10 (@prisma/config validateExperimentalFeatures) refuses these without the flag, in this order. */
function experimentalRejection(used: {
  tables: boolean;
  enums: boolean;
  initShadowDb: boolean;
  externalTables: boolean;
}): string | undefined {
  if (used.externalTables) return undefined;
  const option = used.tables
    ? 'tables.external'
    : used.enums
      ? 'enums.external'
      : used.initShadowDb
        ? 'migrations.initShadowDb'
        : undefined;
  return option && `The \`${option}\` configuration requires \`experimental.externalTables\` to be set to \`true\`.`;
}

/** The fallback: literal values only (a value computed at run time cannot be read this way). */
function fromLiterals(withComments: string): Omit<PrismaConfig, 'file'> {
  // Whole-line and block comments only: `//` inside a string ('postgresql://…') must stay.
  const source = withComments.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const literal = (key: string) => new RegExp(`\\b${key}\\s*:\\s*(['"\`])([^'"\`]*)\\1`).exec(source)?.[2];
  const array = (block: string) => {
    const m = new RegExp(`\\b${block}\\s*:\\s*\\{[^}]*?\\bexternal\\s*:\\s*\\[([^\\]]*)\\]`).exec(source);
    return m ? [...m[1]!.matchAll(/(['"`])([^'"`]*)\1/g)].map((x) => x[2]!) : [];
  };
  const tables = /\btables\s*:\s*\{[^}]*?\bexternal\s*:/.test(source);
  const enums = /\benums\s*:\s*\{[^}]*?\bexternal\s*:/.test(source);
  return {
    rejected: experimentalRejection({
      tables,
      enums,
      initShadowDb: /\binitShadowDb\s*:/.test(source),
      externalTables: /\bexternalTables\s*:\s*true\b/.test(source),
    }),
    schema: literal('schema'),
    migrationsPath: /\bmigrations\s*:\s*\{[^}]*?\bpath\s*:\s*(['"`])([^'"`]*)\1/.exec(source)?.[2],
    initShadowDb: literal('initShadowDb'),
    shadowDatabaseUrl: literal('shadowDatabaseUrl'),
    externalTables: array('tables'),
    externalEnums: array('enums'),
  };
}
