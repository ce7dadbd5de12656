import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checksumOf, type Migration } from '../src/chain/load';
import { openSqlite } from '../src/throwaway/sqlite';
import { requoteToken, withLegacyDqs } from '../src/throwaway/sqliteDqs';

const migration = (name: string, sql: string): Migration => ({
  name,
  file: `/x/prisma/migrations/${name}/migration.sql`,
  sql,
  text: sql,
  checksum: checksumOf(sql),
});

describe('legacy double-quoted string literals (better-sqlite3 is built without them)', () => {
  let dir: string;
  let db: Database.Database;
  const run = (sql: string) =>
    withLegacyDqs(
      sql,
      (s) => db.exec(s),
      (e) => (e as Error).message,
    );
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-dqs-'));
    db = new Database(path.join(dir, 'db.sqlite'));
    db.exec(
      'CREATE TABLE "Setting" ("key" TEXT NOT NULL PRIMARY KEY, "value" TEXT NOT NULL, "kind" TEXT NOT NULL DEFAULT "plain")',
    );
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the plain driver really rejects them (the problem this solves)', () => {
    let message = '';
    try {
      db.exec('INSERT INTO "Setting" ("key", "value") VALUES ("a", "b")');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/should this be a string literal in single-quotes/);
  });

  test('INSERT … VALUES ("v") stores the strings', async () => {
    await run('INSERT INTO "Setting" ("key", "value", "kind") VALUES ("theme", "dark", "plain");');
    expect(db.prepare('SELECT * FROM "Setting"').all()).toEqual([{ key: 'theme', value: 'dark', kind: 'plain' }]);
  });

  test('UPDATE … WHERE k = "v" matches the row', async () => {
    await run('INSERT INTO "Setting" ("key", "value") VALUES (\'theme\', \'dark\');');
    await run('UPDATE "Setting" SET "value" = "light" WHERE "key" = "theme";');
    expect(db.prepare('SELECT "value" FROM "Setting" WHERE "key" = ?').get('theme')).toEqual({ value: 'light' });
  });

  test('a partial index WHERE b = "v" is created with the literal', async () => {
    await run('CREATE INDEX "Setting_secret_idx" ON "Setting"("value") WHERE "kind" = "secret";');
    const row = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'Setting_secret_idx'").get() as { sql: string };
    expect(row.sql).toBe('CREATE INDEX "Setting_secret_idx" ON "Setting"("value") WHERE "kind" = \'secret\'');
  });

  test('a real identifier with the same spelling elsewhere keeps working', async () => {
    db.exec('CREATE TABLE "v" ("x" TEXT)');
    await run('INSERT INTO "v" ("x") VALUES ("v");');
    expect(db.prepare('SELECT "x" FROM "v"').all()).toEqual([{ x: 'v' }]);
  });

  test('other errors are not retried', async () => {
    // toMatchObject, not toThrow: better-sqlite3 keeps the error class of the first Jest
    // realm that loaded it, so instanceof checks fail in later test files.
    await expect(run('INSERT INTO "Nope" VALUES (1);')).rejects.toMatchObject({ message: 'no such table: Nope' });
  });

  test('requoteToken leaves strings and comments alone', () => {
    expect(requoteToken(`SELECT "a", '"a"' -- "a"\n, "a"`, '"a"')).toBe(`SELECT 'a', '"a"' -- "a"\n, 'a'`);
    expect(requoteToken(`SELECT "it's"`, `"it's"`)).toBe(`SELECT 'it''s'`);
  });
});

describe('SQLite replay', () => {
  test('a failing statement stops the migration: nothing after it runs', async () => {
    await using db = await openSqlite();
    const r = await db.runMigration(
      migration(
        '1_x',
        'CREATE TABLE "A" ("id" INTEGER);\nALTER TABLE "Nope" ADD COLUMN "b" INTEGER;\nCREATE TABLE "After" ("id" INTEGER);\n',
      ),
    );
    expect(r.ok).toBe(false);
    expect(r.ok ? undefined : r.problem).toMatchObject({
      line: 2,
      migration: '1_x',
      // The core keeps the path absolute; only the report shows it relative.
      file: '/x/prisma/migrations/1_x/migration.sql',
    });
    expect((await db.runScript('SELECT * FROM "A";')).ok).toBe(true);
    const after = await db.runScript('SELECT * FROM "After";');
    expect(after.ok ? '' : after.problem.message).toMatch(/no such table: After/);
  });

  test('triggers with ; in their bodies replay as one statement', async () => {
    await using db = await openSqlite();
    const sql =
      'CREATE TABLE "A" ("id" INTEGER, "n" INTEGER);\nCREATE TABLE "Log" ("msg" TEXT);\nCREATE TRIGGER "t" AFTER INSERT ON "A" BEGIN\n  INSERT INTO "Log" VALUES (\'a\');\n  UPDATE "A" SET "n" = 1;\nEND;\nINSERT INTO "A" ("id") VALUES (1);\n';
    const r = await db.runMigration(migration('1_t', sql));
    expect(r).toEqual({ ok: true, value: undefined });
  });

  test('VACUUM INTO is refused', async () => {
    await using db = await openSqlite();
    const r = await db.runMigration(migration('1_v', "VACUUM INTO '/tmp/pdg-vacuum.db';"));
    expect(r.ok ? '' : r.problem.message).toMatch(/VACUUM INTO is refused/);
    expect(fs.existsSync('/tmp/pdg-vacuum.db')).toBe(false);
  });

  test('the throwaway file is removed on dispose', async () => {
    // A private folder: other suites running at the same time create and remove their own in /tmp.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-dispose-'));
    try {
      {
        await using db = await openSqlite(tmp);
        expect(fs.readdirSync(tmp).filter((f) => f.startsWith('prisma-drift-gate-'))).toHaveLength(1);
        void db;
      }
      expect(fs.readdirSync(tmp)).toEqual([]);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
