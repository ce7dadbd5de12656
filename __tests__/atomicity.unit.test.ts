import { classifyAtomicity } from '../src/sql/atomicity';

const pg = (sql: string, serverVersionNum?: number) => classifyAtomicity(sql, 'postgresql', { serverVersionNum });

test('files that manage their own transaction are non-atomic, in any case and spacing', () => {
  for (const sql of [
    'BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\n',
    'begin transaction; create table a (id int); end;',
    'CREATE TABLE a (id int);\n  Commit ;',
    'START TRANSACTION ISOLATION LEVEL SERIALIZABLE; SELECT 1; ROLLBACK;',
    'CREATE TABLE a (id int); SAVEPOINT s1;',
    'CALL do_batches();',
  ])
    expect(pg(sql)).toMatchObject({ atomic: false, reason: expect.stringMatching(/own transaction/) });
});

test('statements that cannot run in a transaction block are non-atomic', () => {
  for (const sql of [
    'CREATE INDEX CONCURRENTLY "i" ON "T" ("a");',
    'create unique index concurrently if not exists i on t (a);',
    'DROP INDEX CONCURRENTLY "i";',
    'REINDEX INDEX CONCURRENTLY i;',
    'ALTER TABLE p DETACH PARTITION c CONCURRENTLY;',
    'VACUUM ANALYZE "T";',
    'CREATE DATABASE other;',
    'ALTER SYSTEM SET work_mem = 1;',
  ])
    expect(pg(sql)).toMatchObject({ atomic: false, reason: expect.stringMatching(/cannot run inside a transaction/) });
});

test('the same words in comments, strings, dollar quotes and identifiers do not count (negative controls)', () => {
  for (const sql of [
    '-- BEGIN; VACUUM; CREATE INDEX CONCURRENTLY\nCREATE TABLE a (id int);',
    '/* COMMIT; /* nested */ VACUUM */ CREATE TABLE a (id int);',
    "INSERT INTO notes (t) VALUES ('BEGIN; COMMIT; VACUUM; CONCURRENTLY');",
    "INSERT INTO notes (t) VALUES (E'it\\'s; COMMIT;');",
    'CREATE FUNCTION f() RETURNS void AS $fn$ BEGIN PERFORM 1; END $fn$ LANGUAGE plpgsql;',
    'DO $$ BEGIN RAISE NOTICE $q$COMMIT$q$; END $$;',
    'CREATE TABLE "concurrently" ("begin" int, "vacuum" int);',
    'ALTER TYPE "Role" ADD VALUE \'ADMIN\';',
  ])
    expect(pg(sql)).toMatchObject({ atomic: true });
});

test('ALTER TYPE … ADD VALUE is atomic from PostgreSQL 12 on, not before', () => {
  const sql = 'ALTER TYPE "Role" ADD VALUE IF NOT EXISTS \'ADMIN\';';
  expect(pg(sql, 150004).atomic).toBe(true);
  expect(pg(sql, 110022)).toMatchObject({ atomic: false, reason: expect.stringMatching(/before PostgreSQL 12/) });
});

test('data-changing statements are listed with their lines, whatever the case; DDL and SELECT are not', () => {
  const sql =
    'CREATE TABLE t (id int);\n-- INSERT INTO t VALUES (0);\ninsert into t values (1);\n\nUPDATE t SET id = 2;\n' +
    'SELECT 1;\nWITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x;\nDELETE FROM t;\n';
  expect(pg(sql).dataStatements).toEqual([
    { line: 3, statement: 'insert into t values (1);' },
    { line: 5, statement: 'UPDATE t SET id = 2;' },
    { line: 7, statement: 'WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x;' },
    { line: 8, statement: 'DELETE FROM t;' },
  ]);
});

test("SQLite: Prisma's RedefineTables pragmas stay atomic (foreign keys turned off around it); others do not", () => {
  const redefine =
    'PRAGMA defer_foreign_keys=ON;\nPRAGMA foreign_keys=OFF;\nCREATE TABLE "new_T" ("id" INTEGER);\n' +
    'INSERT INTO "new_T" SELECT "id" FROM "T";\nDROP TABLE "T";\nALTER TABLE "new_T" RENAME TO "T";\n' +
    'PRAGMA foreign_keys=ON;\nPRAGMA defer_foreign_keys=OFF;\n';
  expect(classifyAtomicity(redefine, 'sqlite')).toMatchObject({ atomic: true, foreignKeysOff: true });
  expect(classifyAtomicity('PRAGMA foreign_keys = 0;', 'sqlite').foreignKeysOff).toBe(true);
  expect(classifyAtomicity('CREATE TABLE a (b INT);', 'sqlite').foreignKeysOff).toBeUndefined();
  for (const sql of ['PRAGMA journal_mode = WAL;', 'VACUUM;', "ATTACH 'x.db' AS x;", 'BEGIN; SELECT 1; COMMIT;'])
    expect(classifyAtomicity(sql, 'sqlite').atomic).toBe(false);
  expect(classifyAtomicity("INSERT INTO t VALUES ('VACUUM; BEGIN');", 'sqlite').atomic).toBe(true);
});
