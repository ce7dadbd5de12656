import Database from 'better-sqlite3';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCheck } from '../src/check';
import { checksumOf } from '../src/chain/load';
import { deployExitCode, runDeployCommand, type DeployOptions } from '../src/deploy/run';
import { startEngine } from '../src/engine/load';
import { addMigration, copyFixture, runBin, runBinAsync } from './helpers/fixtures';
import { engineMigrationsList } from './helpers/engineMigrations';

const run = (command: 'deploy' | 'status' | 'resolve', cwd: string, extra: Partial<DeployOptions> = {}) =>
  runDeployCommand(command, { cwd, env: { DATABASE_URL: 'file:./dev.db' }, ...extra });
const dbFile = (project: string) => path.join(project, 'prisma', 'dev.db');
const query = <T>(file: string, sql: string, ...params: unknown[]): T[] => {
  const db = new Database(file);
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
};

/** A Prisma project whose migrations are written by Prisma's own engine (through check). */
function projectWith(schemaBody: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-sqlite-deploy-'));
  fs.mkdirSync(path.join(dir, 'prisma'));
  fs.writeFileSync(
    path.join(dir, 'prisma', 'schema.prisma'),
    `datasource db {\n  provider = "sqlite"\n}\n\n${schemaBody}`,
  );
  return dir;
}
async function engineMigration(project: string, name: string): Promise<string> {
  const report = await runCheck({ cwd: project });
  expect(report.errors).toEqual([]);
  expect(report.drift).toBe(true);
  addMigration(project, name, report.sql);
  return report.sql;
}

const PARENT = (nameField: string) => `model Parent {
  id       Int     @id @default(autoincrement())
  ${nameField}
  children Child[]
}

model Child {
  id       Int    @id @default(autoincrement())
  parentId Int
  parent   Parent @relation(fields: [parentId], references: [id], onDelete: Cascade)
}
`;

test('a RedefineTables migration through deploy keeps every child row of an ON DELETE CASCADE relation', async () => {
  const project = projectWith(PARENT('name String'));
  await engineMigration(project, '20240101000000_init');
  expect((await run('deploy', project)).errors).toEqual([]);
  const seed = new Database(dbFile(project));
  seed.exec(
    `INSERT INTO "Parent" ("name") VALUES ('a'), ('b'); INSERT INTO "Child" ("parentId") VALUES (1), (1), (2);`,
  );
  seed.close();

  fs.writeFileSync(
    path.join(project, 'prisma', 'schema.prisma'),
    `datasource db {\n  provider = "sqlite"\n}\n\n${PARENT('name String @default("")')}`,
  );
  const redefine = await engineMigration(project, '20240201000000_default_name');
  expect(redefine).toContain('-- RedefineTables');
  expect(redefine).toContain('DROP TABLE "Parent";');

  // The control: the same script inside one transaction loses the children (foreign_keys=OFF is ignored there).
  const control = path.join(project, 'control.db');
  fs.copyFileSync(dbFile(project), control);
  const wrapped = new Database(control);
  wrapped.pragma('foreign_keys = ON');
  wrapped.exec(`BEGIN;\n${redefine}\nCOMMIT;`);
  expect((wrapped.prepare('SELECT count(*) AS n FROM "Child"').get() as { n: number }).n).toBe(0);
  wrapped.close();

  const deployed = await run('deploy', project);
  expect(deployed.errors).toEqual([]);
  expect(deployed.deployed).toEqual(['20240201000000_default_name']);
  expect(
    query<{ id: number; parentId: number }>(dbFile(project), 'SELECT id, "parentId" FROM "Child" ORDER BY id'),
  ).toEqual([
    { id: 1, parentId: 1 },
    { id: 2, parentId: 1 },
    { id: 3, parentId: 2 },
  ]);
  expect((await runCheck({ cwd: project })).drift).toBe(false);
});

test("the table, rows and epoch-millisecond timestamps are what Prisma writes, and Prisma's engine agrees", async () => {
  const project = copyFixture('sqlite-in-sync');
  const report = await run('deploy', project);
  expect(report.result).toBe('deployed');
  const twinDir = copyFixture('sqlite-in-sync');
  const twin = dbFile(twinDir);
  new Database(twin).close();
  // The engine's connection holds SQLite's exclusive lock until it is disposed.
  const connections: { dispose(): Promise<void> }[] = [];
  const adapter = new PrismaBetterSqlite3({ url: `file:${twin}` }) as unknown as SqlMigrationAwareDriverAdapterFactory;
  const engine = await startEngine({
    ...adapter,
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    connect: async () => {
      const c = await adapter.connect();
      connections.push(c);
      return c;
    },
    connectToShadowDb: () => adapter.connectToShadowDb(),
  });
  try {
    const applied = await engine.applyMigrations({
      migrationsList: engineMigrationsList(path.join(twinDir, 'prisma', 'migrations')),
      filters: { externalTables: [], externalEnums: [] },
    });
    expect(applied.appliedMigrationNames).toEqual(['20240101000000_init', '20240201000000_add_posts']);
  } finally {
    engine.free();
    for (const c of connections) await c.dispose();
  }
  // Prisma's engine reads the rows we wrote (epoch-ms timestamps) as a clean, complete history.
  const ours = new PrismaBetterSqlite3({
    url: `file:${dbFile(project)}`,
  }) as unknown as SqlMigrationAwareDriverAdapterFactory;
  const ourConnections: { dispose(): Promise<void> }[] = [];
  const reader = await startEngine({
    ...ours,
    provider: ours.provider,
    adapterName: ours.adapterName,
    connect: async () => {
      const c = await ours.connect();
      ourConnections.push(c);
      return c;
    },
    connectToShadowDb: () => ours.connectToShadowDb(),
  });
  try {
    const diagnosis = await reader.diagnoseMigrationHistory({
      migrationsList: engineMigrationsList(path.join(project, 'prisma', 'migrations')),
      optInToShadowDatabase: false,
      filters: { externalTables: [], externalEnums: [] },
    });
    expect(diagnosis).toEqual({
      hasMigrationsTable: true,
      failedMigrationNames: [],
      editedMigrationNames: [],
      history: null,
    });
  } finally {
    reader.free();
    for (const c of ourConnections) await c.dispose();
  }
  const ddl = (file: string) =>
    query<{ sql: string }>(file, `SELECT sql FROM sqlite_master WHERE name = '_prisma_migrations'`)[0]!.sql;
  expect(ddl(dbFile(project))).toBe(ddl(twin));
  const comparable = (file: string) =>
    query<Record<string, unknown>>(
      file,
      'SELECT checksum, migration_name, logs, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
    );
  expect(comparable(dbFile(project))).toEqual(comparable(twin));
  const types = query<{ s: string; f: string }>(
    dbFile(project),
    'SELECT typeof(started_at) AS s, typeof(finished_at) AS f FROM _prisma_migrations',
  );
  expect(types).toEqual([
    { s: 'integer', f: 'integer' },
    { s: 'integer', f: 'integer' },
  ]);
  const [first] = query<{ started_at: number }>(
    dbFile(project),
    'SELECT started_at FROM _prisma_migrations ORDER BY started_at',
  );
  expect(Math.abs(first!.started_at - Date.now())).toBeLessThan(60_000);

  // The engine's database (ISO text timestamps through the adapter) reads as up to date.
  const status = await runDeployCommand('status', { cwd: twinDir, env: { DATABASE_URL: 'file:./dev.db' } });
  expect(status.migrations.map((m) => m.state)).toEqual(['applied', 'applied']);
  expect(status.migrations[0]!.durationMs).toBeGreaterThanOrEqual(0);
});

test('a failed SQLite migration: the message names the statement and line; an atomic file leaves nothing; P3009 until resolved', async () => {
  const project = copyFixture('sqlite-in-sync');
  addMigration(
    project,
    '20240301000000_tags',
    'CREATE TABLE "Tag" ("id" INTEGER PRIMARY KEY);\n\nINSERT INTO "Nope" VALUES (1);\n',
  );
  const failed = await run('deploy', project);
  expect(failed.result).toBe('failed');
  expect(deployExitCode(failed)).toBe(2);
  expect(failed.errors[0]!.message).toBe(
    'prisma/migrations/20240301000000_tags/migration.sql:3: migration "20240301000000_tags" failed at `INSERT INTO "Nope" VALUES (1);`: no such table: Nope. Nothing of it was applied (it ran in one transaction). Fix the cause, then mark it: prisma-drift-gate resolve --rolled-back 20240301000000_tags, and deploy again.',
  );
  expect(query(dbFile(project), `SELECT name FROM sqlite_master WHERE name = 'Tag'`)).toEqual([]);
  const refused = await run('deploy', project);
  expect(refused.advice).toEqual([
    expect.objectContaining({
      finding: 'not-applied',
      next: [['resolve', '--rolled-back', '20240301000000_tags'], ['deploy']],
    }),
  ]);
  const [row] = query<{ logs: string; finished_at: unknown }>(
    dbFile(project),
    `SELECT logs, finished_at FROM _prisma_migrations WHERE migration_name = '20240301000000_tags'`,
  );
  expect(row).toEqual({ logs: expect.stringContaining('no such table: Nope'), finished_at: null });
  expect((await run('deploy', project)).errors[0]!.message).toMatch(/\(P3009\)/);
  expect((await run('resolve', project, { resolve: { applied: '20240301000000_tags' } })).errors).toEqual([]);
  // A non-atomic file (VACUUM cannot run in a transaction) keeps the statements before the failure, and says so.
  addMigration(
    project,
    '20240501000000_vacuum',
    'CREATE TABLE "Kept" ("id" INTEGER);\nVACUUM;\nINSERT INTO "Nope" VALUES (1);\n',
  );
  const partial = await run('deploy', project);
  expect(partial.errors[0]!.message).toMatch(/SQLite does not roll a script back: the statements before this one stay/);
  expect(query(dbFile(project), `SELECT name FROM sqlite_master WHERE name = 'Kept'`)).toEqual([{ name: 'Kept' }]);
  const unknown = await run('status', project);
  expect(unknown.advice).toEqual([
    expect.objectContaining({
      finding: 'unknown',
      next: [],
      dataStatements: [
        {
          file: 'prisma/migrations/20240501000000_vacuum/migration.sql',
          line: 3,
          statement: 'INSERT INTO "Nope" VALUES (1);',
        },
      ],
    }),
  ]);
  expect(unknown.advice![0]!.message).toMatch(/non-atomic \(line 2: `VACUUM;` cannot run inside a transaction\)/);
  expect((await run('resolve', project, { resolve: { applied: '20240501000000_vacuum' } })).errors).toEqual([]);
  const status = await run('status', project);
  expect(status.result).toBe('up-to-date');
  expect(
    query(
      dbFile(project),
      `SELECT migration_name, rolled_back_at IS NOT NULL AS rb, finished_at IS NOT NULL AS fin, logs FROM _prisma_migrations WHERE migration_name = '20240301000000_tags' ORDER BY started_at`,
    ),
  ).toEqual([
    { migration_name: '20240301000000_tags', rb: 1, fin: 0, logs: expect.stringContaining('no such table') },
    { migration_name: '20240301000000_tags', rb: 0, fin: 1, logs: '' },
  ]);
});

test('two deploys at once on one SQLite file: the exclusive lock serialises them, nothing runs twice', async () => {
  const project = copyFixture('sqlite-in-sync');
  // About a second of work, so the two processes overlap.
  addMigration(
    project,
    '20240301000000_slow',
    'CREATE TABLE "Big" ("n" INTEGER);\nINSERT INTO "Big" WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 1500000) SELECT n FROM c;\n',
  );
  const env = { DATABASE_URL: 'file:./dev.db' };
  const [a, b] = await Promise.all([runBinAsync(['deploy'], project, env), runBinAsync(['deploy'], project, env)]);
  expect([a.status, b.status]).toEqual([0, 0]);
  expect([a.stdout, b.stdout].filter((o) => /Applied 3 migrations/.test(o))).toHaveLength(1);
  expect(
    query(
      dbFile(project),
      'SELECT migration_name, count(*) AS n FROM _prisma_migrations GROUP BY migration_name ORDER BY migration_name',
    ).map((r) => (r as { n: number }).n),
  ).toEqual([1, 1, 1]);
  expect(query<{ n: number }>(dbFile(project), 'SELECT count(*) AS n FROM "Big"')[0]!.n).toBe(1500000);
});

test("a relative file: URL resolves from the schema's folder; status and --dry-run never create the file", () => {
  const project = copyFixture('sqlite-in-sync');
  const env = { DATABASE_URL: 'file:./data/app.db' };
  const status = runBin(['status'], project, env);
  expect(status.status).toBe(1);
  expect(status.stdout).toContain(`Database: ${path.join(project, 'prisma', 'data', 'app.db')}\n`);
  expect(status.stdout).toContain('does not exist yet; deploy creates it');
  expect(status.stdout).toContain('Not up to date: 2 migrations pending (run prisma-drift-gate deploy).');
  expect(runBin(['deploy', '--dry-run'], project, env).status).toBe(0);
  expect(fs.existsSync(path.join(project, 'prisma', 'data'))).toBe(false);
  expect(runBin(['deploy'], project, env).status).toBe(0);
  expect(runBin(['status'], project, env).stdout).toContain('Database schema is up to date.');
});

test('old checksums (no zero padding) and CRLF checkouts are accepted, as Prisma accepts them', async () => {
  const project = copyFixture('sqlite-in-sync');
  await run('deploy', project);
  const file = path.join(project, 'prisma', 'migrations', '20240101000000_init', 'migration.sql');
  const sql = fs.readFileSync(file, 'utf8');
  const digest = Buffer.from(checksumOf(sql), 'hex');
  const legacy = [...digest].map((b) => b.toString(16)).join('');
  expect(legacy.length).toBeLessThan(64);
  const db = new Database(dbFile(project));
  db.prepare(`UPDATE _prisma_migrations SET checksum = ? WHERE migration_name = '20240101000000_init'`).run(legacy);
  db.close();
  expect((await run('status', project)).result).toBe('up-to-date');
  fs.writeFileSync(file, sql.replace(/\n/g, '\r\n'));
  expect((await run('status', project)).result).toBe('up-to-date');
  fs.writeFileSync(file, sql + '-- edited\n');
  expect((await run('status', project)).migrations[0]!.state).toBe('edited');
});

test('resolve --applied with a typo changes nothing: no table appears, so P3005 still protects the database', async () => {
  const project = copyFixture('sqlite-in-sync');
  const legacy = new Database(dbFile(project));
  legacy.exec('CREATE TABLE legacy (id INTEGER)');
  legacy.close();
  const typo = await run('resolve', project, { resolve: { applied: '2024_typo' } });
  expect(typo.errors[0]!.message).toMatch(
    /^migration "2024_typo" is not in prisma\/migrations \(P3017\)\. .* Nothing changed\.$/,
  );
  expect(query(dbFile(project), `SELECT name FROM sqlite_master WHERE name = '_prisma_migrations'`)).toEqual([]);
  expect((await run('deploy', project)).errors[0]!.message).toMatch(/\(P3005\)/);
});

test('a database busy for longer than the lock timeout, or a file that is not a database: one line, exit 2, no internal error', async () => {
  const project = copyFixture('sqlite-in-sync');
  expect((await run('deploy', project)).errors).toEqual([]);
  const holder = new Database(dbFile(project));
  holder.pragma('locking_mode = EXCLUSIVE');
  holder.exec('BEGIN EXCLUSIVE; COMMIT;');
  try {
    const busy = runBin(['status', '--json'], project, { DATABASE_URL: 'file:./dev.db' });
    expect(busy.status).toBe(2);
    const report = JSON.parse(busy.stdout);
    expect(report.errors).toEqual([
      {
        message: `${dbFile(project)}: the database is locked by another process (waited 10 s), perhaps a deploy; run again when it is done.`,
      },
    ]);
  } finally {
    holder.close();
  }
  fs.writeFileSync(path.join(project, 'prisma', 'notes.db'), 'just some text, not a database\n'.repeat(200));
  const junk = runBin(['status'], project, { DATABASE_URL: 'file:./notes.db' });
  expect(junk.status).toBe(2);
  expect(junk.stderr).toBe(
    `error: ${path.join(project, 'prisma', 'notes.db')}: the file is not a SQLite database; check the path.\n`,
  );
}, 60_000);

test('status --drift on SQLite: a hand-added column is found, and the SQL it gives (a RedefineTables) makes it clean', async () => {
  const project = copyFixture('sqlite-in-sync');
  await run('deploy', project);
  expect((await run('status', project, { drift: true })).drift).toEqual({ drift: false, summary: '', sql: '' });
  const db = new Database(dbFile(project));
  db.exec('ALTER TABLE "User" ADD COLUMN "hack" INTEGER');
  db.close();
  const drifted = await run('status', project, { drift: true });
  expect(deployExitCode(drifted)).toBe(1);
  expect(drifted.drift!.summary).toContain('[+] Added column `hack`');
  expect(drifted.drift!.sql).toContain('-- RedefineTables');
  const fix = new Database(dbFile(project));
  fix.exec(drifted.drift!.sql);
  fix.close();
  expect((await run('status', project, { drift: true })).result).toBe('up-to-date');
});
