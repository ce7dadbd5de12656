import { checksumOf, type Migration } from '../src/chain/load';
import { openPglite } from '../src/throwaway/pglite';
import { extensionsCreatedBy } from '../src/throwaway/pgExtensions';

const migration = (name: string, sql: string): Migration => ({
  name,
  file: `/x/prisma/migrations/${name}/migration.sql`,
  sql,
  text: sql,
  checksum: checksumOf(sql),
});

test('the extensions Prisma users create load on demand in PGlite', async () => {
  const sql = [
    'CREATE EXTENSION IF NOT EXISTS "uuid-ossp";',
    'CREATE EXTENSION IF NOT EXISTS pg_trgm;',
    'CREATE EXTENSION IF NOT EXISTS "hstore";',
    'CREATE EXTENSION IF NOT EXISTS ltree;',
    'CREATE EXTENSION IF NOT EXISTS "vector";',
    'CREATE EXTENSION IF NOT EXISTS citext;',
    'CREATE TABLE "Doc" ("id" UUID NOT NULL DEFAULT uuid_generate_v4(), "attrs" HSTORE, "path" LTREE, "embedding" vector(3), "title" TEXT);',
    'CREATE INDEX "Doc_title_trgm" ON "Doc" USING GIN ("title" gin_trgm_ops);',
    'INSERT INTO "Doc" ("attrs", "path", "embedding", "title") VALUES (\'a=>1\', \'top.child\', \'[1,2,3]\', \'hello\');',
  ].join('\n');
  expect(extensionsCreatedBy(sql)).toEqual(['uuid-ossp', 'pg_trgm', 'hstore', 'ltree', 'vector', 'citext']);
  await using db = await openPglite(extensionsCreatedBy(sql));
  expect(await db.runMigration(migration('1_ext', sql))).toEqual({ ok: true, value: undefined });
});

test('an extension PGlite does not bundle fails with the statement and a way out', async () => {
  const sql = '-- PostGIS\nCREATE EXTENSION IF NOT EXISTS postgis;\n';
  await using db = await openPglite(extensionsCreatedBy(sql));
  const r = await db.runMigration(migration('1_postgis', sql));
  expect(r.ok).toBe(false);
  expect(r.ok ? undefined : r.problem).toMatchObject({ line: 2, statement: 'CREATE EXTENSION IF NOT EXISTS postgis;' });
  expect(r.ok ? '' : r.problem.message).toMatch(
    /PGlite does not bundle the extension "postgis"; replay on a real server/,
  );
});

test('a PostgreSQL migration is one implicit transaction: a failure leaves nothing behind', async () => {
  await using db = await openPglite([]);
  const r = await db.runMigration(migration('1_x', 'CREATE TABLE "A" ("id" INT);\nCREATE TABLE "A" ("id" INT);\n'));
  expect(r.ok ? undefined : r.problem.line).toBe(2);
  expect((await db.runScript('CREATE TABLE "A" ("id" INT);')).ok).toBe(true);
});

describe('extensions are read from the statements, never from comments or strings', () => {
  test.each([
    [
      'a comment above the statement (real projects)',
      '-- Create Extension\nCREATE EXTENSION IF NOT EXISTS pg_trgm;',
      ['pg_trgm'],
    ],
    ['a block comment between the words', 'CREATE /* the */ EXTENSION /* trigram */ pg_trgm;', ['pg_trgm']],
    [
      'WITH SCHEMA and VERSION',
      'CREATE EXTENSION IF NOT EXISTS "citext" WITH SCHEMA public VERSION \'1.6\';',
      ['citext'],
    ],
    [
      'several in one file',
      'CREATE EXTENSION hstore;\n-- and\ncreate extension if not exists "uuid-ossp";',
      ['hstore', 'uuid-ossp'],
    ],
    ['lower case, no semicolon at the end', 'create extension ltree', ['ltree']],
  ])('%s', (_label, sql, expected) => {
    expect(extensionsCreatedBy(sql)).toEqual(expected);
  });

  test.each([
    ['a commented-out statement', '-- CREATE EXTENSION postgis;\nSELECT 1;'],
    ['a block-commented statement', '/* CREATE EXTENSION postgis; */ SELECT 1;'],
    ['the words in a string', 'INSERT INTO "Note" ("text") VALUES (\'CREATE EXTENSION postgis\');'],
    ['the words in a dollar-quoted body', "DO $$ BEGIN EXECUTE 'CREATE EXTENSION postgis'; END $$;"],
    ['DROP EXTENSION', 'DROP EXTENSION IF EXISTS pg_trgm;'],
  ])('negative control: %s', (_label, sql) => {
    expect(extensionsCreatedBy(sql)).toEqual([]);
  });

  test('the comment case replays: pg_trgm is loaded and its operator class exists', async () => {
    const sql = [
      '-- Create Extension',
      'CREATE EXTENSION IF NOT EXISTS pg_trgm;',
      '',
      '-- CreateTable',
      'CREATE TABLE "Doc" ("id" SERIAL PRIMARY KEY, "title" TEXT NOT NULL);',
      'CREATE INDEX "Doc_title_trgm" ON "Doc" USING GIN ("title" gin_trgm_ops);',
    ].join('\n');
    await using db = await openPglite(extensionsCreatedBy(sql));
    expect(await db.runMigration(migration('1_trgm', sql))).toEqual({ ok: true, value: undefined });
  });
});

test('one migration that creates 5,000 tables (a squashed baseline, a huge round trip) does not run out of locks', async () => {
  // Each table, its sequence, key and index are locked until the implicit transaction ends: about
  // 15,000 statements here, past PostgreSQL's default lock table ("out of shared memory").
  const n = 5000;
  const sql = [
    ...Array.from(
      { length: n },
      (_, i) =>
        `CREATE TABLE "T${i}" ("id" SERIAL NOT NULL, "name" TEXT NOT NULL, "parentId" INTEGER, ` +
        `CONSTRAINT "T${i}_pkey" PRIMARY KEY ("id"));`,
    ),
    ...Array.from({ length: n }, (_, i) => `CREATE INDEX "T${i}_name_idx" ON "T${i}"("name");`),
    ...Array.from(
      { length: n - 1 },
      (_, i) =>
        `ALTER TABLE "T${i + 1}" ADD CONSTRAINT "T${i + 1}_parentId_fkey" FOREIGN KEY ("parentId") ` +
        `REFERENCES "T${i}"("id");`,
    ),
  ].join('\n');
  await using db = await openPglite([]);
  expect(await db.runMigration(migration('1_baseline', sql))).toEqual({ ok: true, value: undefined });
  expect(await db.inspector.indexes('T4999')).toContain('T4999_name_idx');
});
