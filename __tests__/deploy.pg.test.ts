import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { deployExitCode, runDeployCommand, type DeployOptions } from '../src/deploy/run';
import { startEngine } from '../src/engine/load';
import { addMigration, copyFixture, runBin, runBinAsync } from './helpers/fixtures';
import { engineMigrationsList } from './helpers/engineMigrations';
import { startTestServer, type TestServer } from './helpers/pgServer';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

let counter = 0;
/** A fresh, empty database on the test server. */
function newDatabase(): { name: string; url: string } {
  const name = `deploy_${++counter}`;
  server.psql(`CREATE DATABASE ${name}`);
  return { name, url: server.url(name) };
}
const run = (command: 'deploy' | 'status' | 'resolve', cwd: string, url: string, extra: Partial<DeployOptions> = {}) =>
  runDeployCommand(command, { cwd, env: { DATABASE_URL: url }, ...extra });
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const migrationsDir = (project: string) => path.join(project, 'prisma', 'migrations');

/** The table's shape as PostgreSQL reports it: this is what must equal Prisma's. */
function tableShape(db: string, schema = 'public'): string {
  return server.psql(
    `SELECT string_agg(column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') || ' ' || is_nullable || ' ' || coalesce(column_default, '-'), '; ' ORDER BY ordinal_position)
       FROM information_schema.columns WHERE table_schema = '${schema}' AND table_name = '_prisma_migrations'`,
    db,
  );
}
function rows(db: string, schema = 'public'): Record<string, unknown>[] {
  const json = server.psql(
    `SELECT coalesce(json_agg(r ORDER BY r.started_at), '[]') FROM "${schema}"._prisma_migrations r`,
    db,
  );
  return JSON.parse(json) as Record<string, unknown>[];
}
function engineFactory(url: string): { factory: SqlMigrationAwareDriverAdapterFactory; end: () => Promise<void> } {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  return {
    factory: new PrismaPg(pool, { schema: 'public' }) as unknown as SqlMigrationAwareDriverAdapterFactory,
    end: () => pool.end(),
  };
}
async function engineDiagnosis(url: string, project: string) {
  const { factory, end } = engineFactory(url);
  const engine = await startEngine(factory);
  try {
    return await engine.diagnoseMigrationHistory({
      migrationsList: engineMigrationsList(migrationsDir(project)),
      optInToShadowDatabase: false,
      filters: { externalTables: [], externalEnums: [] },
    });
  } finally {
    engine.free();
    await end();
  }
}

test("deploy to a fresh database writes Prisma's table and rows, and Prisma's engine agrees", async () => {
  const project = copyFixture('pg-in-sync');
  const db = newDatabase();
  const report = await run('deploy', project, db.url);
  expect(report.errors).toEqual([]);
  expect(report.result).toBe('deployed');
  expect(report.deployed).toEqual(['20240101000000_init', '20240201000000_add_posts']);
  expect(deployExitCode(report)).toBe(0);
  expect(tableShape(db.name)).toBe(
    'id character varying(36) NO -; checksum character varying(64) NO -; finished_at timestamp with time zone YES -; migration_name character varying(255) NO -; logs text YES -; rolled_back_at timestamp with time zone YES -; started_at timestamp with time zone NO now(); applied_steps_count integer NO 0',
  );
  const recorded = rows(db.name);
  expect(recorded.map((r) => [r.migration_name, r.checksum, r.applied_steps_count, r.logs, r.rolled_back_at])).toEqual(
    report.deployed.map((name) => [
      name,
      sha256(path.join(migrationsDir(project), name, 'migration.sql')),
      1,
      null,
      null,
    ]),
  );
  for (const r of recorded) {
    expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Date.parse(String(r.finished_at))).toBeGreaterThanOrEqual(Date.parse(String(r.started_at)));
  }
  const diagnosis = await engineDiagnosis(db.url, project);
  expect(diagnosis).toMatchObject({
    hasMigrationsTable: true,
    failedMigrationNames: [],
    editedMigrationNames: [],
    history: null,
  });

  const again = await run('deploy', project, db.url);
  expect(again.result).toBe('up-to-date');
  expect(rows(db.name)).toHaveLength(2);
});

test("the engine's own applyMigrations writes the same table and rows; our status reads its database as up to date", async () => {
  const project = copyFixture('pg-in-sync');
  const ours = newDatabase();
  const twin = newDatabase();
  await run('deploy', project, ours.url);
  const { factory, end } = engineFactory(twin.url);
  const engine = await startEngine(factory);
  try {
    const applied = await engine.applyMigrations({
      migrationsList: engineMigrationsList(migrationsDir(project)),
      filters: { externalTables: [], externalEnums: [] },
    });
    expect(applied.appliedMigrationNames).toEqual(['20240101000000_init', '20240201000000_add_posts']);
  } finally {
    engine.free();
    await end();
  }
  expect(tableShape(twin.name)).toBe(tableShape(ours.name));
  const comparable = (db: string) => rows(db).map(({ id: _id, started_at: _s, finished_at: _f, ...rest }) => rest);
  expect(comparable(ours.name)).toEqual(comparable(twin.name));
  const status = await run('status', project, twin.url);
  expect(status.errors).toEqual([]);
  expect(status.migrations.map((m) => m.state)).toEqual(['applied', 'applied']);
  expect(deployExitCode(status)).toBe(0);
});

test('a failing middle migration: logs recorded, nothing after it runs, no partial DDL; P3009 until resolved', async () => {
  const project = copyFixture('pg-in-sync');
  addMigration(
    project,
    '20240301000000_tags',
    'CREATE TABLE "Tag" ("id" SERIAL PRIMARY KEY);\n\n-- a typo\nALTER TABLE "Tags" ADD COLUMN "name" TEXT;\n',
  );
  addMigration(project, '20240401000000_after', 'CREATE TABLE "After" ("id" INTEGER);\n');
  const db = newDatabase();
  const failed = await run('deploy', project, db.url);
  expect(failed.result).toBe('failed');
  expect(deployExitCode(failed)).toBe(2);
  expect(failed.deployed).toEqual(['20240101000000_init', '20240201000000_add_posts']);
  expect(failed.errors).toHaveLength(1);
  expect(failed.errors[0]).toMatchObject({ migration: '20240301000000_tags', line: 4 });
  expect(failed.errors[0]!.message).toMatch(
    /^prisma\/migrations\/20240301000000_tags\/migration\.sql:4: migration "20240301000000_tags" failed at `ALTER TABLE "Tags" ADD COLUMN "name" TEXT;`: relation "Tags" does not exist \(SQLSTATE 42P01\)\..*resolve --rolled-back 20240301000000_tags/,
  );
  const tagsRow = rows(db.name).find((r) => r.migration_name === '20240301000000_tags')!;
  expect(tagsRow.finished_at).toBeNull();
  expect(tagsRow.logs).toMatch(/relation "Tags" does not exist/);
  expect(rows(db.name).map((r) => r.migration_name)).not.toContain('20240401000000_after');
  expect(server.psql(`SELECT count(*) FROM pg_class WHERE relname IN ('Tag', 'After')`, db.name)).toBe('0');

  const refused = await run('deploy', project, db.url);
  expect(refused.result).toBe('refused');
  expect(refused.errors[0]!.message).toMatch(
    /"20240301000000_tags" is resolved \(P3009\).*was not applied.*resolve --rolled-back 20240301000000_tags/,
  );
  expect(refused.advice).toEqual([
    expect.objectContaining({
      migration: '20240301000000_tags',
      finding: 'not-applied',
      next: [['resolve', '--rolled-back', '20240301000000_tags'], ['deploy']],
    }),
  ]);
  expect(rows(db.name)).toHaveLength(3);
  expect((await engineDiagnosis(db.url, project)).failedMigrationNames).toEqual(['20240301000000_tags']);

  const resolved = await run('resolve', project, db.url, { resolve: { rolledBack: '20240301000000_tags' } });
  expect(resolved.errors).toEqual([]);
  addMigration(
    project,
    '20240301000000_tags',
    'CREATE TABLE "Tag" ("id" SERIAL PRIMARY KEY);\n\nALTER TABLE "Tag" ADD COLUMN "name" TEXT;\n',
  );
  const fixed = await run('deploy', project, db.url);
  expect(fixed.errors).toEqual([]);
  expect(fixed.deployed).toEqual(['20240301000000_tags', '20240401000000_after']);
  expect(await engineDiagnosis(db.url, project)).toMatchObject({
    failedMigrationNames: [],
    editedMigrationNames: [],
    history: null,
  });
});

test('two deploys at once: one waits for the advisory lock, and nothing is applied twice', async () => {
  const project = copyFixture('pg-in-sync');
  addMigration(project, '20240301000000_slow', 'SELECT pg_sleep(1.5);\nCREATE TABLE "Slow" ("id" INTEGER);\n');
  const db = newDatabase();
  const [a, b] = await Promise.all([
    runBinAsync(['deploy'], project, { DATABASE_URL: db.url }),
    runBinAsync(['deploy'], project, { DATABASE_URL: db.url }),
  ]);
  expect([a.status, b.status]).toEqual([0, 0]);
  const outputs = [a.stdout, b.stdout];
  expect(outputs.filter((o) => /Applied 3 migrations/.test(o))).toHaveLength(1);
  expect(outputs.filter((o) => /No pending migrations to apply/.test(o))).toHaveLength(1);
  expect(
    server
      .psql(
        'SELECT migration_name || count(*)::text FROM _prisma_migrations GROUP BY migration_name ORDER BY migration_name',
        db.name,
      )
      .split('\n'),
  ).toEqual(['20240101000000_init1', '20240201000000_add_posts1', '20240301000000_slow1']);
});

test('a held lock: deploy gives up after 10 s with a clear message; PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK skips the lock', async () => {
  const project = copyFixture('pg-in-sync');
  const db = newDatabase();
  const holder = new pg.Client({ connectionString: db.url, application_name: 'nightly-job' });
  await holder.connect();
  try {
    await holder.query('SELECT pg_advisory_lock(72707369)');
    // --lock-timeout: the wait is bounded by it, and the JSON advice names the holder for a script to wait on.
    const t0 = Date.now();
    const short = runBin(['deploy', '--json', '--lock-timeout', '1.5'], project, { DATABASE_URL: db.url });
    expect(short.status).toBe(2);
    expect(Date.now() - t0).toBeLessThan(9_000);
    const json = JSON.parse(short.stdout) as { errors: { message: string }[]; advice: unknown[] };
    expect(json.errors[0]!.message).toMatch(/timed out after 1.5 s .*application_name "nightly-job"/);
    expect(json.advice).toEqual([
      expect.objectContaining({
        finding: 'running',
        next: [],
        backend: expect.objectContaining({ applicationName: 'nightly-job' }),
      }),
    ]);
    expect(runBin(['deploy', '--lock-timeout', 'soon'], project, { DATABASE_URL: db.url }).stderr).toBe(
      'error: --lock-timeout: expected a number of seconds between 0 and 86400, got "soon".\n',
    );
    const waited = await run('deploy', project, db.url);
    expect(waited.result).toBe('refused');
    expect(waited.errors[0]!.message).toMatch(
      /timed out after 10 s waiting for the migration lock \(pg_advisory_lock\(72707369\)\): it is held by backend pid \d+ .*another deploy.*pg_cancel_backend\(\d+\)/,
    );
    expect(waited.errors[0]!.message).not.toContain('rootpw');
    expect(server.psql("SELECT to_regclass('_prisma_migrations') IS NULL", db.name)).toBe('t');
    const skipped = runBin(['deploy'], project, { DATABASE_URL: db.url, PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK: '1' });
    expect(skipped.status).toBe(0);
  } finally {
    await holder.end();
  }
}, 60_000);

test('an edited migration is refused (unless --allow-edited); a CRLF checkout is not an edit', async () => {
  const project = copyFixture('pg-in-sync');
  const db = newDatabase();
  await run('deploy', project, db.url);
  const init = path.join(migrationsDir(project), '20240101000000_init', 'migration.sql');
  const original = fs.readFileSync(init, 'utf8');
  fs.writeFileSync(init, original.replace(/\n/g, '\r\n'));
  expect((await run('status', project, db.url)).result).toBe('up-to-date');
  fs.writeFileSync(init, original + '\n-- tweak\n');
  addMigration(project, '20240301000000_more', 'CREATE TABLE "More" ("id" INTEGER);\n');
  const refused = await run('deploy', project, db.url);
  expect(refused.result).toBe('refused');
  expect(refused.errors.map((e) => e.migration)).toEqual(['20240101000000_init']);
  expect(refused.errors[0]!.message).toMatch(/was changed after it was applied .*--allow-edited/);
  expect(rows(db.name)).toHaveLength(2);
  const status = await run('status', project, db.url);
  expect(status.migrations.map((m) => m.state)).toEqual(['edited', 'applied', 'pending']);
  expect(deployExitCode(status)).toBe(1);
  expect((await engineDiagnosis(db.url, project)).editedMigrationNames).toEqual(['20240101000000_init']);
  const allowed = await run('deploy', project, db.url, { allowEdited: true });
  expect(allowed.deployed).toEqual(['20240301000000_more']);
});

test('a diverged history (an applied migration missing on disk) is refused; status lists it as unknown', async () => {
  const project = copyFixture('pg-in-sync');
  const db = newDatabase();
  await run('deploy', project, db.url);
  fs.rmSync(path.join(migrationsDir(project), '20240201000000_add_posts'), { recursive: true });
  addMigration(project, '20240301000000_other', 'CREATE TABLE "Other" ("id" INTEGER);\n');
  const refused = await run('deploy', project, db.url);
  expect(refused.result).toBe('refused');
  expect(refused.errors[0]!.message).toMatch(
    /"20240201000000_add_posts" is applied in .* but missing from prisma\/migrations: the history diverged/,
  );
  expect(server.psql(`SELECT to_regclass('"Other"') IS NULL`, db.name)).toBe('t');
  const status = await run('status', project, db.url);
  expect(status.migrations.map((m) => `${m.name}:${m.state}`)).toEqual([
    '20240101000000_init:applied',
    '20240301000000_other:pending',
    '20240201000000_add_posts:unknown',
  ]);
});

test('P3005: a database with tables but no migrations table is refused; baselining with resolve --applied', async () => {
  const project = copyFixture('pg-in-sync');
  const db = newDatabase();
  server.psql(
    fs.readFileSync(path.join(migrationsDir(project), '20240101000000_init', 'migration.sql'), 'utf8'),
    db.name,
  );
  const refused = await run('deploy', project, db.url);
  expect(refused.result).toBe('refused');
  expect(refused.errors[0]!.message).toMatch(
    /not empty \(it has public.User\) but has no _prisma_migrations table \(P3005\).*resolve --applied 20240101000000_init/,
  );
  expect(server.psql("SELECT to_regclass('_prisma_migrations') IS NULL", db.name)).toBe('t');
  const baselined = await run('resolve', project, db.url, { resolve: { applied: '20240101000000_init' } });
  expect(baselined.errors).toEqual([]);
  expect(rows(db.name).map((r) => [r.migration_name, r.applied_steps_count, r.finished_at !== null])).toEqual([
    ['20240101000000_init', 0, true],
  ]);
  const deployed = await run('deploy', project, db.url);
  expect(deployed.deployed).toEqual(['20240201000000_add_posts']);
  const again = await run('resolve', project, db.url, { resolve: { applied: '20240101000000_init' } });
  expect(again.errors[0]!.message).toMatch(/already recorded as applied .*\(P3008\)/);
  const notFailed = await run('resolve', project, db.url, { resolve: { rolledBack: '20240101000000_init' } });
  expect(notFailed.errors[0]!.message).toMatch(/not failed \(P3012\)/);
  const missing = await run('resolve', project, db.url, { resolve: { applied: '20990101000000_nope' } });
  expect(missing.errors[0]!.message).toMatch(/is not in prisma\/migrations \(P3017\)/);
});

test('--dry-run prints the plan with checksums and changes nothing, not even the migrations table', async () => {
  const project = copyFixture('pg-in-sync');
  const db = newDatabase();
  const cli = runBin(['deploy', '--dry-run'], project, { DATABASE_URL: db.url });
  expect(cli.status).toBe(0);
  const init = sha256(path.join(migrationsDir(project), '20240101000000_init', 'migration.sql'));
  expect(cli.stdout).toContain(
    `Dry run: would apply 2 migrations, in this order. Nothing was changed.\n  1. 20240101000000_init  sha256:${init}\n  2. 20240201000000_add_posts  sha256:`,
  );
  expect(
    server.psql(
      "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'",
      db.name,
    ),
  ).toBe('0');
});

test('?schema= puts the migrations table and the tables in that schema, as Prisma does', async () => {
  const project = copyFixture('pg-in-sync');
  const db = newDatabase();
  const report = await run('deploy', project, `${db.url}?schema=app`);
  expect(report.errors).toEqual([]);
  expect(rows(db.name, 'app')).toHaveLength(2);
  expect(
    server.psql(
      `SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'app'`,
      db.name,
    ),
  ).toBe('Post,User,_prisma_migrations');
  expect(server.psql(`SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'`, db.name)).toBe(
    '0',
  );
});

test('status --drift finds a hand-made change and gives the SQL that reverses it', async () => {
  const project = copyFixture('pg-in-sync');
  const db = newDatabase();
  await run('deploy', project, db.url);
  server.psql('ALTER TABLE "User" ADD COLUMN "hack" INTEGER', db.name);
  const drifted = await run('status', project, db.url, { drift: true });
  expect(drifted.result).toBe('drift');
  expect(deployExitCode(drifted)).toBe(1);
  expect(drifted.drift!.summary).toContain('[+] Added column `hack`');
  expect(drifted.drift!.sql).toContain('ALTER TABLE "User" DROP COLUMN "hack";');
  server.psql(drifted.drift!.sql, db.name);
  const clean = await run('status', project, db.url, { drift: true });
  expect(clean.drift).toEqual({ drift: false, summary: '', sql: '' });
  expect(deployExitCode(clean)).toBe(0);
});

test('a wrong password or an unreachable host: one line, exit 2, no password', () => {
  const project = copyFixture('pg-in-sync');
  const wrong = runBin(['deploy'], project, { DATABASE_URL: server.url('postgres', 'postgres', 'hunter2-wrong') });
  expect(wrong.status).toBe(2);
  expect(wrong.stderr).toMatch(
    /^error: environment variable DATABASE_URL postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/postgres: cannot connect: password authentication failed\.\n$/,
  );
  const unreachable = runBin(['status'], project, { DATABASE_URL: 'postgresql://app:s3cret@127.0.0.1:1/app' });
  expect(unreachable.status).toBe(2);
  expect(unreachable.stderr).toBe(
    'error: environment variable DATABASE_URL postgresql://app:***@127.0.0.1:1/app: cannot connect: connection refused (is the server running and reachable?).\n',
  );
  for (const out of [wrong.stdout, wrong.stderr, unreachable.stdout, unreachable.stderr])
    expect(out).not.toMatch(/hunter2|s3cret/);
});

test('refusals before connecting: a SQLite history or an unsupported URL against this schema', async () => {
  const project = copyFixture('pg-in-sync');
  fs.writeFileSync(path.join(migrationsDir(project), 'migration_lock.toml'), 'provider = "sqlite"\n');
  const lock = await run('deploy', project, 'postgresql://u:p@127.0.0.1:1/x');
  expect(lock.errors[0]!.message).toBe(
    'prisma/migrations/migration_lock.toml: the migrations were written for "sqlite", but the target is postgresql (postgresql://u:***@127.0.0.1:1/x). Nothing was applied. Use a sqlite database, or start a new history for postgresql.',
  );
  const mysql = await run('deploy', project, 'mysql://u:p@h/db');
  expect(mysql.errors[0]!.message).toMatch(/mysql:\/\/ databases are not supported yet/);
  const sqlite = await run('deploy', project, 'file:./dev.db');
  expect(sqlite.errors[0]!.message).toMatch(
    /points at a sqlite database, but the schema's datasource says "postgresql"/,
  );
  const none = runBin(['deploy'], project);
  expect(none.status).toBe(2);
  expect(none.stderr).toMatch(/^error: no database URL: set the environment variable DATABASE_URL/);
});

test('a file that commits part of itself: the message says what may have stayed applied', async () => {
  const project = copyFixture('pg-in-sync');
  addMigration(
    project,
    '20240301000000_partial',
    'BEGIN;\nCREATE TABLE "Early" ("id" INTEGER);\nCOMMIT;\nBEGIN;\nALTER TABLE "Nope" ADD COLUMN "x" INTEGER;\nCOMMIT;\n',
  );
  const db = newDatabase();
  const failed = await run('deploy', project, db.url);
  expect(failed.errors[0]).toMatchObject({ migration: '20240301000000_partial', line: 5 });
  expect(failed.errors[0]!.message).toContain(
    'The file manages its own transactions, so statements it committed before the failure stay applied; check the database.',
  );
  expect(server.psql(`SELECT to_regclass('"Early"') IS NOT NULL`, db.name)).toBe('t');
  // The file's own open transaction was ended, so the failure is on record.
  expect(rows(db.name).find((r) => r.migration_name === '20240301000000_partial')).toMatchObject({
    finished_at: null,
    logs: expect.stringContaining('relation "Nope" does not exist'),
  });
});

test('a password in ?password= is masked too', () => {
  const project = copyFixture('pg-in-sync');
  const db = newDatabase();
  const url = `${db.url.replace(':rootpw@', '@')}?password=rootpw`;
  const r = runBin(['deploy', '--json'], project, { DATABASE_URL: url });
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout).target).toMatch(/\?password=\*\*\*$/);
  expect(r.stdout + r.stderr).not.toContain('rootpw');
});

test("a least-privilege user deploys into an existing schema; the database's lock_timeout stays in force; a schema name with a space", async () => {
  const db = newDatabase();
  server.psql(`CREATE ROLE app LOGIN PASSWORD 'apppw'; GRANT CONNECT ON DATABASE ${db.name} TO app;`);
  server.psql(
    `GRANT USAGE, CREATE ON SCHEMA public TO app; ALTER DATABASE ${db.name} SET lock_timeout = '2s';`,
    db.name,
  );
  const project = copyFixture('pg-in-sync');
  addMigration(
    project,
    '20240301000000_check_timeout',
    `DO $$ BEGIN IF current_setting('lock_timeout') <> '2s' THEN RAISE EXCEPTION 'lock_timeout is %', current_setting('lock_timeout'); END IF; END $$;\n`,
  );
  const report = await run('deploy', project, server.url(db.name, 'app', 'apppw'));
  expect(report.errors).toEqual([]);
  expect(report.deployed).toHaveLength(3);

  const spaced = newDatabase();
  const inSchema = await run('deploy', copyFixture('pg-in-sync'), `${spaced.url}?schema=my%20app`);
  expect(inSchema.errors).toEqual([]);
  expect(rows(spaced.name, 'my app')).toHaveLength(2);
  expect(server.psql(`SELECT count(*) FROM information_schema.tables WHERE table_schema = 'my app'`, spaced.name)).toBe(
    '3',
  );
});

test('no permission on the schema: one line naming the cause, not an internal error', async () => {
  const db = newDatabase();
  server.psql(`CREATE ROLE reader LOGIN PASSWORD 'readerpw'; GRANT CONNECT ON DATABASE ${db.name} TO reader;`);
  const r = runBin(['deploy'], copyFixture('pg-in-sync'), { DATABASE_URL: server.url(db.name, 'reader', 'readerpw') });
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(
    /^error: postgresql:\/\/reader:\*\*\*@127\.0\.0\.1:\d+\/deploy_\d+: permission denied \(permission denied for schema public\); the database user needs rights on the schema and its tables\.\n$/,
  );
});
