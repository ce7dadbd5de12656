import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exitCodeOf, runCheck } from '../src/check';
import { copyFixture, fixture } from './helpers/fixtures';

/** Every bad input: exit 2, drift null, one line that names the place. */
async function expectBroken(cwd: string, message: RegExp, opts: { schema?: string; migrations?: string } = {}) {
  const report = await runCheck({ cwd, ...opts });
  expect(report.drift).toBeNull();
  expect(exitCodeOf(report)).toBe(2);
  expect(report.errors).toHaveLength(1);
  expect(report.errors[0]!.message).toMatch(message);
  expect(report.errors[0]!.message).not.toMatch(/\n/);
  return report.errors[0]!;
}

test.each([
  ['sqlite-sql-error', /no such table: Usr/],
  ['pg-sql-error', /relation "Usr" does not exist/],
])(
  '%s: a failing migration names the folder, the statement and its line; nothing after it runs',
  async (name, dbMessage) => {
    const error = await expectBroken(fixture(name), dbMessage);
    expect(error).toMatchObject({
      migration: '20240201000000_add_bio',
      file: 'prisma/migrations/20240201000000_add_bio/migration.sql',
      line: 5,
      statement: 'ALTER TABLE "Usr" ADD COLUMN "age" INTEGER;',
    });
    expect(error.message).toMatch(/^prisma\/migrations\/20240201000000_add_bio\/migration\.sql:5: /);
  },
);

test('a PostgreSQL error without a position is still located by statement', async () => {
  const dir = copyFixture('pg-in-sync');
  const folder = path.join(dir, 'prisma/migrations/20240301000000_bad_data');
  fs.mkdirSync(folder);
  fs.writeFileSync(
    path.join(folder, 'migration.sql'),
    '-- Seed\nINSERT INTO "User" ("email") VALUES (\'a@x\');\n\nINSERT INTO "User" ("email") VALUES (\'a@x\');\n',
  );
  const error = await expectBroken(dir, /duplicate key value violates unique constraint "User_email_key"/);
  expect(error.line).toBe(4);
  expect(error.migration).toBe('20240301000000_bad_data');
});

test('ATTACH in a migration is refused and no file is created', async () => {
  const target = '/tmp/prisma-drift-gate-attached.db';
  fs.rmSync(target, { force: true });
  const error = await expectBroken(fixture('sqlite-attach'), /ATTACH\/DETACH is refused/);
  expect(error.line).toBe(2);
  expect(fs.existsSync(target)).toBe(false);
});

test('SQLite extension loading stays off during replay', async () => {
  const dir = copyFixture('sqlite-in-sync');
  const folder = path.join(dir, 'prisma/migrations/20240301000000_ext');
  fs.mkdirSync(folder);
  fs.writeFileSync(
    path.join(folder, 'migration.sql'),
    "SELECT load_extension('/usr/lib/x86_64-linux-gnu/libm.so.6');\n",
  );
  await expectBroken(dir, /not authorized/);
});

test('a lock file for another provider names both providers', async () => {
  await expectBroken(fixture('lock-mismatch'), /"postgresql" but the schema's datasource says "sqlite"/);
});

test.each([
  ['bad-empty-schema', /prisma\/schema\.prisma: the schema is empty/],
  ['bad-unparsable-schema', /^prisma\/schema\.prisma:11: Type "Strin" is neither a built-in type/],
  ['bad-no-datasource', /no datasource block found/],
  ['bad-mysql', /^prisma\/schema\.prisma:6: provider "mysql" cannot be checked offline: Prisma's embedded schema/],
  [
    'bad-missing-migration-sql',
    /20240201000000_forgotten: migration folder "20240201000000_forgotten" has no migration\.sql/,
  ],
])('%s', async (name, message) => {
  await expectBroken(fixture(name), message);
});

test.each([
  ['sqlserver', /provider "sqlserver" cannot be checked offline/],
  ['cockroachdb', /provider "cockroachdb" cannot be checked offline/],
  ['mongodb', /provider "mongodb" has no migration history to check: Prisma Migrate does not support MongoDB/],
])('provider %s: not supported, and why', async (provider, message) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-'));
  fs.mkdirSync(path.join(dir, 'prisma'));
  fs.writeFileSync(path.join(dir, 'prisma/schema.prisma'), `datasource db {\n  provider = "${provider}"\n}\n`);
  await expectBroken(dir, message);
});

test('provider "postgres" means postgresql', async () => {
  const dir = copyFixture('pg-in-sync');
  const file = path.join(dir, 'prisma/schema.prisma');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"postgresql"', '"postgres"'));
  const report = await runCheck({ cwd: dir });
  expect(report.provider).toBe('postgresql');
  expect(report.drift).toBe(false);
});

test('a missing --schema path', async () => {
  await expectBroken(fixture('sqlite-in-sync'), /^--schema nope\/schema\.prisma: no such file or folder/, {
    schema: 'nope/schema.prisma',
  });
});

test('a folder with no schema at all', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-'));
  await expectBroken(dir, /No Prisma schema found/);
});

test('an unreadable migration.sql', async () => {
  if (process.getuid?.() === 0) {
    // root reads any file; make the path a directory instead, which no one can read as a file.
    const dir = copyFixture('sqlite-in-sync');
    const file = path.join(dir, 'prisma/migrations/20240201000000_add_posts/migration.sql');
    fs.rmSync(file);
    fs.mkdirSync(file);
    await expectBroken(
      dir,
      /20240201000000_add_posts\/migration\.sql: cannot read migration "20240201000000_add_posts" \(EISDIR\)/,
    );
  } else {
    const dir = copyFixture('sqlite-in-sync');
    fs.chmodSync(path.join(dir, 'prisma/migrations/20240201000000_add_posts/migration.sql'), 0o000);
    await expectBroken(dir, /cannot read migration "20240201000000_add_posts" \(EACCES\)/);
  }
});

test('a Prisma 5 schema keeps its line numbers in engine errors after url/previewFeatures are dropped', async () => {
  const dir = copyFixture('sqlite-prisma5');
  const file = path.join(dir, 'prisma/schema.prisma');
  const text = fs.readFileSync(file, 'utf8').replace('  name  String?', '  name  Strng?');
  fs.writeFileSync(file, text);
  const line = text.split('\n').findIndex((l) => l.includes('Strng')) + 1;
  await expectBroken(dir, new RegExp(`^prisma/schema\\.prisma:${line}: Type "Strng"`));
});
