import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import pg from 'pg';
import type { Migration } from '../chain/load';
import { quoteIdent } from '../sql/quote';
import { splitStatements, statementHead, type Statement } from '../sql/tokens';
import { locatePgFailure, pgInspector, type PgError } from './pgCommon';
import { fail, ok, type Problem, type Result } from '../problem';
import { maskUrl } from '../maskUrl';
import { reachBeyond } from './pgServerReach';
import { CharAsTextPool, charAwarePg } from './pgChar';
import { migrationFailure, type ThrowawayDb } from './types';

export interface PgConnection {
  connectionString: string;
  schema: string;
  /** TLS as Prisma reads its URL parameters; undefined leaves pg's defaults. */
  ssl?: false | { rejectUnauthorized: boolean; ca?: Buffer; pfx?: Buffer; passphrase?: string };
}

/**
 * Prisma's URL parameters, translated for pg. `schema` selects the search path. TLS differs:
 * in Prisma `sslcert` is the server's CA file (relative to the schema's folder),
 * `sslidentity`/`sslpassword` a PKCS#12 client identity, and certificates are not verified
 * unless `sslaccept=strict`; pg would read `sslcert` as a client certificate and verify by
 * default. Throws (with the file named) when a certificate file cannot be read.
 */
export function splitUrl(url: string, baseDir = process.cwd()): PgConnection {
  const u = new URL(url);
  const schema = u.searchParams.get('schema') || 'public';
  const p = (key: string) => u.searchParams.get(key) ?? undefined;
  const mode = p('sslmode');
  const sslcert = p('sslcert');
  const sslidentity = p('sslidentity');
  const read = (file: string, what: string) => {
    try {
      return fs.readFileSync(path.resolve(baseDir, file));
    } catch (e) {
      throw new Error(
        `cannot read the ${what} ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)}); relative paths ` +
          `resolve from the schema's folder, as in Prisma`,
      );
    }
  };
  let ssl: PgConnection['ssl'];
  if (mode === 'disable') ssl = false;
  else if (mode || sslcert || sslidentity) {
    ssl = { rejectUnauthorized: p('sslaccept') === 'strict' };
    if (sslcert) ssl.ca = read(sslcert, 'sslcert CA file');
    if (sslidentity) ssl.pfx = read(sslidentity, 'sslidentity file');
    if (p('sslpassword')) ssl.passphrase = p('sslpassword');
  }
  for (const key of [
    'schema',
    'connection_limit',
    'pool_timeout',
    'pgbouncer',
    'statement_cache_size',
    'socket_timeout',
    'connect_timeout',
    'sslmode',
    'sslcert',
    'sslidentity',
    'sslpassword',
    'sslaccept',
  ])
    u.searchParams.delete(key);
  return { connectionString: u.toString(), schema, ...(ssl !== undefined ? { ssl } : {}) };
}

/** libpq's `options` value: a quoted identifier, with spaces and backslashes escaped. */
export const searchPathOption = (schema: string) =>
  `-c search_path=${quoteIdent(schema).replace(/\\/g, '\\\\').replace(/ /g, '\\ ')}`;

/** A connection failure in words, without the password. */
export function connectionProblem(url: string, e: unknown, source = '--shadow-database-url'): Problem {
  const err = e as { code?: string; message?: string };
  const why =
    err.code === '28P01'
      ? 'password authentication failed'
      : err.code === 'ECONNREFUSED'
        ? 'connection refused (is the server running and reachable?)'
        : err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN'
          ? 'host not found'
          : err.code === '3D000'
            ? 'the database does not exist'
            : (err.message ?? String(e)).split(url).join(maskUrl(url));
  return { message: `${source} ${maskUrl(url)}: cannot connect: ${why}.` };
}

/**
 * Replays on a real PostgreSQL server: in a fresh temporary database, dropped afterwards;
 * where creating databases is not allowed, in a temporary schema of the given database.
 * Nothing else on the server is touched.
 */
export async function openPgServer(url: string, schemaMode = false): Promise<Result<ThrowawayDb>> {
  const connected = await connectAdmin(url);
  if (!connected.ok) return connected;
  const { admin, parts } = connected.value;
  const created = await createTemporary(admin, url, schemaMode);
  if (!created.ok) return created;
  const { name, mode } = created.value;
  const notes = await reachBeyond(admin, name, url);
  const target = new URL(parts.connectionString);
  if (mode === 'database') target.pathname = `/${name}`;
  const schema = mode === 'database' ? parts.schema : name;
  const pool = new CharAsTextPool({
    connectionString: target.toString(),
    max: 2,
    options: searchPathOption(schema),
    ...(parts.ssl !== undefined ? { ssl: parts.ssl } : {}),
  });
  // DROP DATABASE … WITH (FORCE) at the end terminates whatever the engine left connected;
  // the pool reports that on idle clients, and it is expected, not a failure.
  pool.on('error', () => undefined);
  const client = await pool.connect();
  if (mode === 'database' && schema !== 'public') {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
  }
  return ok({ ...serverDb({ admin, pool, client, name, mode, schema }), notes });
}

type Mode = 'database' | 'schema';

async function connectAdmin(url: string): Promise<Result<{ admin: pg.Client; parts: PgConnection }>> {
  let parts: PgConnection;
  try {
    parts = splitUrl(url);
  } catch (e) {
    return fail(
      e instanceof TypeError
        ? `--shadow-database-url: not a valid URL (${maskUrl(url)}). Use postgresql://user:password@host:5432/db.`
        : `--shadow-database-url ${maskUrl(url)}: ${(e as Error).message}.`,
    );
  }
  const admin = new pg.Client({
    connectionString: parts.connectionString,
    connectionTimeoutMillis: 10_000,
    ...(parts.ssl !== undefined ? { ssl: parts.ssl } : {}),
  });
  admin.on('error', () => undefined);
  try {
    await admin.connect();
  } catch (e) {
    return fail(connectionProblem(url, e));
  }
  return ok({ admin, parts });
}

/**
 * A fresh database. A temporary schema only when the user opted in: the pull request's SQL
 * can leave a schema (`SET search_path`, then DROP), and nothing on the server can stop it.
 */
async function createTemporary(
  admin: pg.Client,
  url: string,
  schemaMode: boolean,
): Promise<Result<{ name: string; mode: Mode }>> {
  const name = `prisma_drift_gate_${randomBytes(6).toString('hex')}`;
  try {
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
    return ok({ name, mode: 'database' });
  } catch (e) {
    const denied = (e as { code?: string }).code === '42501';
    if (denied && schemaMode) {
      await admin.query(`CREATE SCHEMA ${quoteIdent(name)}`);
      return ok({ name, mode: 'schema' });
    }
    await admin.end();
    const why = denied ? 'the role may not create databases' : (e as Error).message;
    const what = denied
      ? 'Grant CREATEDB to a role of its own on a disposable server, or opt in to --shadow-schema-mode ' +
        '(the Action: shadow-schema-mode: true), which replays in a schema that migration SQL can leave.'
      : 'Check the server.';
    return fail(`--shadow-database-url ${maskUrl(url)}: cannot create a temporary database: ${why}. ${what}`);
  }
}

interface ServerParts {
  admin: pg.Client;
  pool: CharAsTextPool;
  client: pg.PoolClient;
  name: string;
  mode: Mode;
  schema: string;
}

function serverDb({ admin, pool, client, name, mode, schema }: ServerParts): ThrowawayDb {
  const runWhole = async (sql: string) => {
    try {
      await client.query(sql);
      return undefined;
    } catch (e) {
      return e as PgError;
    }
  };
  return {
    provider: 'postgresql',
    inspector: pgInspector((sql, params) => client.query(sql, params)),
    async runMigration(migration: Migration) {
      const escape = mode === 'schema' ? refuseEscape(migration, name) : undefined;
      if (escape) return escape;
      const error = await runWhole(migration.sql);
      if (!error) return ok(undefined);
      const where = await locatePgFailure(migration.sql, error, (sql) => client.query(sql));
      const line = where.line ?? where.stmt?.line ?? 1;
      return fail(migrationFailure(migration, line, statementHead(where.stmt?.text ?? ''), where.message, error.hint));
    },
    async runScript(sql: string) {
      const error = await runWhole(sql);
      return error ? fail(error.message) : ok(undefined);
    },
    adapterFactory: () => charAwarePg(pool, schema),
    async [Symbol.asyncDispose]() {
      client.release();
      await pool.end();
      if (mode === 'database') {
        await admin
          .query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)
          .catch(() => admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`));
      } else await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(name)} CASCADE`);
      await admin.end();
    },
  };
}

function refuseEscape(migration: Migration, own: string): Result<void> | undefined {
  const escape = escapingStatement(migration.sql, own);
  if (!escape) return undefined;
  return fail(
    migrationFailure(
      migration,
      escape.line,
      statementHead(escape.text),
      `schema-qualified statements are refused in the temporary schema (the server does not allow creating ` +
        `a database)`,
      'Grant CREATEDB to the shadow user, or replay in the embedded database.',
    ),
  );
}

/** In temporary-schema mode, a `"schema".object` reference to any other schema would escape it. */
function escapingStatement(sql: string, own: string): Statement | undefined {
  for (const stmt of splitStatements(sql, 'postgresql')) {
    for (const m of stmt.text.matchAll(/(?:"((?:[^"]|"")+)"|\b([A-Za-z_]\w*))\s*\.\s*(?:"|[A-Za-z_])/g)) {
      const schema = m[1] ?? m[2]!;
      if (schema !== own && !/^\d/.test(schema)) return stmt;
    }
  }
  return undefined;
}
