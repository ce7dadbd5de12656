import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { runDeployCommand, type DeployOptions } from '../src/deploy/run';
import { renderDeployText } from '../src/report/deployText';
import { addMigration, BIN, copyFixture, runBin } from './helpers/fixtures';
import { startTestServer, type TestServer } from './helpers/pgServer';
import { killTree } from './helpers/soak';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

let counter = 0;
function newDatabase(): { name: string; url: string } {
  const name = `crash_${++counter}`;
  server.psql(`CREATE DATABASE ${name}`);
  return { name, url: server.url(name) };
}
const run = (command: 'deploy' | 'status' | 'resolve', cwd: string, url: string, extra: Partial<DeployOptions> = {}) =>
  runDeployCommand(command, { cwd, env: { DATABASE_URL: url }, ...extra });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(probe: () => T | undefined, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== '') return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

test('a killed deploy whose backend still runs: status names it (pid, migration, start) and never advises resolve; resolve refuses; once cancelled, the advice is certain and works', async () => {
  const project = copyFixture('pg-in-sync');
  const slow = '20240301000000_slow_backfill';
  addMigration(
    project,
    slow,
    'SELECT pg_sleep(30);\nINSERT INTO "User" ("email") VALUES (\'backfill@example.com\');\n',
  );
  const db = newDatabase();
  const child = spawn(process.execPath, [BIN, 'deploy'], {
    cwd: project,
    env: { ...process.env, DATABASE_URL: db.url },
    stdio: 'ignore',
  });
  const app = `prisma-drift-gate deploy: ${slow}`;
  const pid = await waitFor(
    () => server.psql(`SELECT pid FROM pg_stat_activity WHERE application_name = '${app}' AND state = 'active'`),
    'the deploy to reach the slow migration',
  );
  // The CLI may run its work in a supervised child: kill -9 all of it, as a crash would.
  const exited = new Promise((r) => child.on('exit', r));
  killTree(child.pid!);
  await exited;

  const status = await run('status', project, db.url);
  expect(status.advice).toEqual([
    expect.objectContaining({
      migration: slow,
      finding: 'running',
      next: [],
      backend: expect.objectContaining({ pid: Number(pid), migration: slow, since: expect.stringMatching(/^\d{4}-/) }),
    }),
  ]);
  const text = renderDeployText(status);
  expect(text).toContain(`backend pid ${pid} (applying "${slow}"`);
  expect(text).toContain(`pg_cancel_backend(${pid})`);
  expect(text).not.toMatch(/resolve --(rolled-back|applied) /);

  const refused = runBin(['resolve', '--rolled-back', slow], project, { DATABASE_URL: db.url });
  expect(refused.status).toBe(2);
  // Refusals keep their context lines (database, migrations); the error itself is one line.
  const errors = refused.stderr.split('\n').filter((l) => l.startsWith('error:'));
  expect(errors).toEqual([
    expect.stringMatching(
      new RegExp(`^error: a deploy is still running on this database: backend pid ${pid} .*Nothing was recorded\\.$`),
    ),
  ]);

  server.psql(`SELECT pg_cancel_backend(${pid})`);
  await waitFor(
    () => server.psql(`SELECT 'gone' WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = ${pid})`),
    'the backend to end',
  );
  const after = await run('status', project, db.url);
  expect(after.advice).toEqual([
    expect.objectContaining({ finding: 'not-applied', next: [['resolve', '--rolled-back', slow], ['deploy']] }),
  ]);
  addMigration(project, slow, 'INSERT INTO "User" ("email") VALUES (\'backfill@example.com\');\n');
  // The edit of an unapplied migration is fine: the advice is followed as given.
  for (const argv of after.advice![0]!.next) expect(runBin(argv, project, { DATABASE_URL: db.url }).status).toBe(0);
  expect(server.psql(`SELECT count(*) FROM "User" WHERE email = 'backfill@example.com'`, db.name)).toBe('1');
}, 90_000);

test('an unfinished non-atomic migration: the advice says it cannot be known, lists the data-changing statements, and "no drift" is not offered as proof', async () => {
  const project = copyFixture('pg-in-sync');
  const name = '20240301000000_batches';
  addMigration(
    project,
    name,
    'BEGIN;\nINSERT INTO "User" ("email") VALUES (\'a@example.com\');\nCOMMIT;\n\nupdate "User" set "name" = \'x\';\n',
  );
  const db = newDatabase();
  expect((await run('deploy', project, db.url, { dryRun: true })).plan.at(-1)).toMatchObject({
    name,
    atomic: false,
    nonAtomicReason: 'line 1: `BEGIN;` manages its own transaction',
  });
  const dry = runBin(['deploy', '--dry-run'], project, { DATABASE_URL: db.url });
  expect(dry.stdout).toMatch(new RegExp(`${name}  sha256:[0-9a-f]{64}  non-atomic: line 1: \`BEGIN;\` manages`));
  await run('deploy', project, db.url);
  // What a crash of prisma migrate deploy (or of ours, in a non-atomic file) leaves: an unfinished row, no mark.
  server.psql(
    `UPDATE _prisma_migrations SET finished_at = NULL, applied_steps_count = 0 WHERE migration_name = '${name}'`,
    db.name,
  );
  const cli = runBin(['status'], project, { DATABASE_URL: db.url });
  expect(cli.status).toBe(1);
  expect(cli.stdout).toContain(`did not finish, and whether any of it ran cannot be known: it is non-atomic (line 1:`);
  expect(cli.stdout).toContain(`prisma/migrations/${name}/migration.sql:2 INSERT INTO "User"`);
  expect(cli.stdout).toContain(`prisma/migrations/${name}/migration.sql:5 update "User" set "name" = 'x';`);
  expect(cli.stdout).toContain('No schema drift: the live schema matches its applied migrations. This does not show');
  expect(cli.stdout).not.toContain('No drift: the live database matches');
  const deploy = await run('deploy', project, db.url);
  expect(deploy.result).toBe('refused');
  expect(deploy.advice).toEqual([expect.objectContaining({ finding: 'unknown', next: [] })]);
}, 90_000);

test("a _prisma_migrations table that is not Prisma's: one line naming the missing columns and what to do (PostgreSQL and SQLite)", async () => {
  const db = newDatabase();
  server.psql('CREATE TABLE _prisma_migrations (id text, migration_name text)', db.name);
  const project = copyFixture('pg-in-sync');
  const missing = 'checksum, finished_at, logs, rolled_back_at, started_at, applied_steps_count';
  for (const command of ['deploy', 'status']) {
    const r = runBin([command], project, { DATABASE_URL: db.url });
    expect(r.status).toBe(2);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^error: .*_prisma_migrations is not Prisma's table: it lacks the columns ${missing}\\. Nothing was ` +
            `changed\\. Rename it .*resolve --applied`,
        ),
      ),
    ]);
  }
  const sqlite = copyFixture('sqlite-in-sync');
  const file = path.join(sqlite, 'prisma', 'dev.db');
  const raw = new Database(file);
  raw.exec('CREATE TABLE _prisma_migrations (id TEXT, checksum TEXT, migration_name TEXT)');
  raw.close();
  const r = runBin(['status'], sqlite, { DATABASE_URL: 'file:./dev.db' });
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/it lacks the columns finished_at, logs, rolled_back_at, started_at, applied_steps_count\./);
});

test('SQLite after kill -9 mid-write: status names the hot journal and says deploy recovers it; deploy does', async () => {
  const project = copyFixture('sqlite-in-sync');
  expect(runBin(['deploy'], project, { DATABASE_URL: 'file:./dev.db' }).status).toBe(0);
  const file = path.join(project, 'prisma', 'dev.db');
  const script = path.join(project, 'writer.js');
  fs.writeFileSync(
    script,
    `const D = require(${JSON.stringify(require.resolve('better-sqlite3'))});\n` +
      `const db = new D(process.argv[2]); db.pragma('cache_size = 1'); db.exec('CREATE TABLE big (b TEXT); BEGIN');\n` +
      `db.exec("WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < 20000) INSERT INTO big SELECT hex(randomblob(50)) FROM s");\n` +
      `process.stdout.write('ready'); setInterval(() => {}, 1000);\n`,
  );
  const child = spawn(process.execPath, [script, file]);
  await new Promise((r) => child.stdout.once('data', r));
  child.kill('SIGKILL');
  await new Promise((r) => child.on('exit', r));
  expect(fs.existsSync(`${file}-journal`)).toBe(true);

  const status = runBin(['status'], project, { DATABASE_URL: 'file:./dev.db' });
  expect(status.status).toBe(2);
  expect(status.stderr).toBe(
    `error: ${file}: it has a hot journal (${file}-journal): a deploy was killed in the middle of a write, and SQLite must roll that write back before the file can be read, which a read-only command cannot do ("attempt to write a readonly database"). Run prisma-drift-gate deploy: opening the file read-write rolls the journal back, and deploy then says whether a migration was interrupted.\n`,
  );
  expect(runBin(['deploy'], project, { DATABASE_URL: 'file:./dev.db' }).status).toBe(0);
  expect(runBin(['status'], project, { DATABASE_URL: 'file:./dev.db' }).status).toBe(0);
  const db = new Database(file, { readonly: true });
  expect(db.prepare(`SELECT count(*) AS n FROM big`).get()).toEqual({ n: 0 });
  db.close();
});
