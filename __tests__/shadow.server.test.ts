import * as fs from 'node:fs';
import * as path from 'node:path';
import { exitCodeOf, runCheck } from '../src/check';
import { copyFixture, fixture, readExpected, readExpectedWarnings } from './helpers/fixtures';
import { startTestServer, type TestServer } from './helpers/pgServer';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const tempDatabases = () => server.psql("SELECT count(*) FROM pg_database WHERE datname LIKE 'prisma_drift_gate_%'");

test('in sync on a real server, and the temporary database is gone afterwards', async () => {
  const r = await runCheck({ cwd: fixture('pg-in-sync'), shadowDatabaseUrl: server.url() });
  expect(r.errors).toEqual([]);
  expect(r.drift).toBe(false);
  expect(tempDatabases()).toBe('0');
});

test.each(['pg-data-loss', 'pg-rich-types', 'pg-extension'])(
  '%s: the same SQL and warnings as the embedded replay',
  async (name) => {
    const r = await runCheck({ cwd: fixture(name), shadowDatabaseUrl: server.url() });
    expect(r.errors).toEqual([]);
    if (fs.existsSync(path.join(fixture(name), 'expected.sql'))) {
      expect(r.sql).toBe(readExpected(name));
      expect(r.warnings).toEqual(readExpectedWarnings(name));
      expect(r.roundTrip).toEqual({ ok: true });
    } else expect(r.drift).toBe(false);
    expect(tempDatabases()).toBe('0');
  },
);

test('a failing migration names the file and line; nothing is left behind', async () => {
  const r = await runCheck({ cwd: fixture('pg-sql-error'), shadowDatabaseUrl: server.url() });
  expect(exitCodeOf(r)).toBe(2);
  expect(r.errors[0]).toMatchObject({ migration: '20240201000000_add_bio', line: 5 });
  expect(r.errors[0]!.message).toMatch(/relation "Usr" does not exist/);
  expect(tempDatabases()).toBe('0');
});

test('?schema= replays into that schema, as Prisma does', async () => {
  const r = await runCheck({ cwd: fixture('pg-seed-drift'), shadowDatabaseUrl: `${server.url()}?schema=app` });
  expect(r.errors).toEqual([]);
  expect(r.sql).toBe(readExpected('pg-seed-drift'));
});

test('a wrong password: a clear message without the password', async () => {
  const r = await runCheck({
    cwd: fixture('pg-in-sync'),
    shadowDatabaseUrl: server.url('postgres', 'postgres', 'hunter2-wrong'),
  });
  expect(exitCodeOf(r)).toBe(2);
  expect(r.errors[0]!.message).toMatch(
    /^--shadow-database-url postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/postgres: cannot connect: password authentication failed\.$/,
  );
  expect(JSON.stringify(r)).not.toContain('hunter2');
});

test('an unreachable host: a clear message without the password', async () => {
  const r = await runCheck({ cwd: fixture('pg-in-sync'), shadowDatabaseUrl: 'postgresql://app:s3cret@127.0.0.1:1/db' });
  expect(r.errors[0]!.message).toBe(
    '--shadow-database-url postgresql://app:***@127.0.0.1:1/db: cannot connect: connection refused (is the server running and reachable?).',
  );
});

test('without CREATEDB the check refuses, and says how to opt in to a temporary schema', async () => {
  server.psql(
    "DROP ROLE IF EXISTS limited0; CREATE ROLE limited0 LOGIN PASSWORD 'limitedpw'; GRANT CREATE ON DATABASE postgres TO limited0;",
  );
  const r = await runCheck({
    cwd: fixture('pg-seed-drift'),
    shadowDatabaseUrl: server.url('postgres', 'limited0', 'limitedpw'),
  });
  expect(exitCodeOf(r)).toBe(2);
  expect(r.errors[0]!.message).toMatch(
    /cannot create a temporary database: the role may not create databases\. .*--shadow-schema-mode/,
  );
  expect(server.psql("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'prisma_drift_gate_%'")).toBe('0');
});

test('the shadow role reaching other databases is said before the replay', async () => {
  const r = await runCheck({ cwd: fixture('pg-in-sync'), shadowDatabaseUrl: server.url() });
  expect(r.errors).toEqual([]);
  expect(r.notes).toEqual([
    expect.stringMatching(/^the shadow server's role may connect to \d+ other database\(s\) \(postgres/),
  ]);
  expect(r.notes![0]).not.toContain('postgres:postgres@');
});

test('with --shadow-schema-mode and without CREATEDB it replays in a temporary schema, and drops it', async () => {
  server.psql(
    "DROP ROLE IF EXISTS limited; CREATE ROLE limited LOGIN PASSWORD 'limitedpw'; GRANT CREATE ON DATABASE postgres TO limited;",
  );
  const r = await runCheck({
    cwd: fixture('pg-seed-drift'),
    shadowDatabaseUrl: server.url('postgres', 'limited', 'limitedpw'),
    shadowSchemaMode: true,
  });
  expect(r.errors).toEqual([]);
  expect(r.sql).toBe(readExpected('pg-seed-drift'));
  expect(server.psql("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'prisma_drift_gate_%'")).toBe('0');
});

test('in the temporary schema, a statement that names another schema is refused', async () => {
  server.psql(
    "DROP ROLE IF EXISTS limited2; CREATE ROLE limited2 LOGIN PASSWORD 'limitedpw'; GRANT CREATE ON DATABASE postgres TO limited2;",
  );
  const dir = copyFixture('pg-in-sync');
  const folder = path.join(dir, 'prisma/migrations/20240301000000_escape');
  fs.mkdirSync(folder);
  fs.writeFileSync(
    path.join(folder, 'migration.sql'),
    '-- Escapes the replay schema:\nCREATE TABLE "public"."Leak" ("id" INT);\n',
  );
  const r = await runCheck({
    cwd: dir,
    shadowDatabaseUrl: server.url('postgres', 'limited2', 'limitedpw'),
    shadowSchemaMode: true,
  });
  expect(exitCodeOf(r)).toBe(2);
  expect(r.errors[0]).toMatchObject({ migration: '20240301000000_escape', line: 2 });
  expect(r.errors[0]!.message).toMatch(/schema-qualified statements are refused in the temporary schema/);
  expect(server.psql("SELECT count(*) FROM pg_tables WHERE tablename = 'Leak'")).toBe('0');
});

test('a SQLite project cannot use a shadow server', async () => {
  const r = await runCheck({ cwd: copyFixture('sqlite-in-sync'), shadowDatabaseUrl: server.url() });
  expect(r.errors[0]!.message).toMatch(/is for PostgreSQL/);
});
