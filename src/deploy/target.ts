import * as fs from 'node:fs';
import * as path from 'node:path';
import { maskUrl } from '../maskUrl';
import type { Provider } from '../schema/provider';
import { blockProperties, findBlocks, maskCommentsAndStrings } from '../schema/prismaSyntax';
import type { SchemaFile } from '../schema/locate';
import { fail, ok, type Result } from '../problem';

/** The database that deploy/status/resolve work on. */
export interface Target {
  provider: Provider;
  /** The URL as given (a secret: never print it). */
  url: string;
  /** What may be printed: the URL with its password masked, or the SQLite file's path. */
  display: string;
  /** SQLite: the absolute path of the database file. */
  file?: string;
  /** PostgreSQL: the schema from `?schema=` (default public). */
  schema?: string;
  /** Where the URL came from, for messages. */
  source: string;
  /** The schema's folder: relative paths in the URL (SQLite files, TLS certificates) resolve from it. */
  baseDir: string;
}

export interface UrlSources {
  flag?: string;
  config?: string;
  env: NodeJS.ProcessEnv;
  schemaFiles: SchemaFile[];
}

/**
 * The URL, in the order a Prisma user expects: the flag, prisma.config.ts `datasource.url`,
 * the schema's own datasource (Prisma 5/6: `directUrl` first, as Prisma's migrate commands
 * use it to bypass a connection pooler, then `url`), then DATABASE_URL.
 */
export function pickDatabaseUrl(s: UrlSources): Result<{ url: string; source: string }> {
  if (s.flag) return ok({ url: s.flag, source: '--database-url' });
  if (s.config) return ok({ url: s.config, source: 'prisma.config.ts datasource.url' });
  const ds = schemaUrls(s.schemaFiles);
  for (const key of ['directUrl', 'url'] as const) {
    const ref = ds[key];
    if (!ref) continue;
    if (ref.literal) return ok({ url: ref.literal, source: `the schema's datasource ${key}` });
    if (s.env[ref.env!]) return ok({ url: s.env[ref.env!]!, source: `environment variable ${ref.env}` });
    // The schema names this variable: falling back to another one could pick another database.
    if (ref.env !== 'DATABASE_URL')
      return fail(
        `environment variable ${ref.env} is not set (the schema's datasource ${key} = env("${ref.env}")). Set it, ` +
          `or pass --database-url.`,
      );
  }
  if (s.env.DATABASE_URL) return ok({ url: s.env.DATABASE_URL, source: 'environment variable DATABASE_URL' });
  return fail(
    'no database URL: set the environment variable DATABASE_URL (preferred: a URL passed as an argument shows up in ' +
      'ps and shell history), or pass --database-url.',
  );
}

interface UrlRef {
  env?: string;
  literal?: string;
}

/** `url`/`directUrl` = env("X") or "…" in the datasource block, where present. */
function schemaUrls(files: SchemaFile[]): { url?: UrlRef; directUrl?: UrlRef } {
  for (const file of files) {
    const masked = maskCommentsAndStrings(file.content);
    const [block] = findBlocks(masked, 'datasource');
    if (!block) continue;
    const props = blockProperties(masked, block);
    const read = (key: string): UrlRef | undefined => {
      const prop = props.find((p) => p.key === key);
      if (!prop) return undefined;
      const value = file.content.slice(prop.valueStart, prop.end).trim();
      const env = /^env\(\s*"([^"]+)"\s*\)/.exec(value)?.[1];
      if (env) return { env };
      const literal = /^"([^"]*)"/.exec(value)?.[1];
      return literal ? { literal } : undefined;
    };
    return { url: read('url'), directUrl: read('directUrl') };
  }
  return {};
}

/**
 * Classifies the URL. A relative `file:` path resolves from the schema's folder, as
 * Prisma does; the resolved path is shown so a typo is visible.
 */
export function resolveTarget(url: string, source: string, schemaDir: string): Result<Target> {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'file') {
    const raw = url.slice('file:'.length).replace(/\?.*$/, '');
    if (raw === '') return fail(`${source}: "file:" has no path. Use e.g. file:./dev.db.`);
    // The path is used as written (no percent-decoding): `file:./100%.db` is that file.
    const rawPath = raw.startsWith('//') ? raw.slice(2) : raw;
    const file = path.resolve(schemaDir, rawPath);
    return ok({ provider: 'sqlite', url, display: file, file, source, baseDir: schemaDir });
  }
  if (scheme === 'postgresql' || scheme === 'postgres') {
    let schema = 'public';
    try {
      schema = new URL(url).searchParams.get('schema') || 'public';
    } catch {
      return fail(
        `${source}: not a valid PostgreSQL URL (${maskUrl(url)}). Use postgresql://user:password@host:5432/db.`,
      );
    }
    return ok({ provider: 'postgresql', url, display: maskUrl(url), schema, source, baseDir: schemaDir });
  }
  if (scheme && ['mysql', 'sqlserver', 'mongodb', 'mongodb+srv', 'prisma', 'prisma+postgres'].includes(scheme)) {
    return fail(
      `${source}: ${scheme}:// databases are not supported yet; deploy supports SQLite (file:) and PostgreSQL ` +
        `(postgresql://).`,
    );
  }
  return fail(
    `${source}: not a database URL we recognise (${scheme ? `${scheme}:` : 'no scheme'}). Use file:./dev.db or ` +
      `postgresql://user:password@host:5432/db.`,
  );
}

/** A SQLite target file that does not exist yet is created by deploy; say so, in case of a typo. */
export function missingFileNote(target: Target): string | undefined {
  if (target.provider !== 'sqlite' || fs.existsSync(target.file!)) return undefined;
  return (
    `${target.file} does not exist yet; deploy creates it. If you meant an existing database, check the path ` +
    `(relative file: paths resolve from the schema's folder).`
  );
}
