import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exitCodeOf, runCheck } from '../src/check';
import { findClientCopy } from '../src/throwaway/pgliteCopy';
import { addMigration, copyFixture, runBin } from './helpers/fixtures';

const NAME = '20240301000000_copy';
const FILE = `prisma/migrations/${NAME}/migration.sql`;

async function checkWith(sql: string) {
  const project = copyFixture('pg-in-sync');
  addMigration(project, NAME, sql);
  return { project, report: await runCheck({ cwd: project }) };
}

describe('COPY that starts a program stops PGlite: the replay names the migration and statement', () => {
  test.each([
    ['FROM PROGRAM', '-- Import\nCOPY "User" ("email") FROM PROGRAM \'echo a@x\';\n', 2],
    ['TO PROGRAM, from a query', 'SELECT 1;\n\ncopy (SELECT * FROM "User") to program $$cat > /tmp/x$$;\n', 3],
    [
      'after a comment that names it',
      '/* COPY t FROM PROGRAM */ SELECT 1;\nCOPY "User" TO /* x */ PROGRAM \'cat\';\n',
      2,
    ],
  ])('%s', async (_label, sql, line) => {
    const { report } = await checkWith(sql);
    expect(exitCodeOf(report)).toBe(2);
    expect(report.errors).toHaveLength(1);
    const error = report.errors[0]!;
    expect(error).toMatchObject({ migration: NAME, file: FILE, line });
    expect(error.statement).toMatch(/^copy /i);
    expect(error.message).toMatch(
      new RegExp(
        `^${FILE}:${line}: migration "${NAME}" runs \`[^\`]+\`, which PGlite cannot run\\. .*--shadow-database-url`,
      ),
    );
    expect(error.message).not.toMatch(/PANIC|\n/);
  });

  test('run through EXECUTE in a DO block: found by PGlite stopping, not by reading the SQL', async () => {
    const { report } = await checkWith(
      "DO $$ BEGIN EXECUTE 'CO' || 'PY \"User\" FROM PRO' || 'GRAM ''echo 1'''; END $$;\n",
    );
    expect(exitCodeOf(report)).toBe(2);
    expect(report.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        new RegExp(`^${FILE}: PGlite stopped answering after migration "${NAME}" .*--shadow-database-url`),
      ),
    ]);
  });
});

describe('COPY … FROM STDIN (pg_dump style) is refused at once instead of waiting for rows forever', () => {
  test.each([
    ['pg_dump data block', 'COPY public."User" (id, email, name) FROM stdin;\n1\ta@x\t\\N\n\\.\n', 1],
    ['CSV options', 'SELECT 1;\nCOPY "User" ("email") FROM STDIN WITH (FORMAT csv);\n', 2],
    ['lowercase after a seed', 'INSERT INTO "User" ("email") VALUES (\'a@x\');\ncopy "User" from stdin;\n', 2],
  ])('%s', async (_label, sql, line) => {
    const { report } = await checkWith(sql);
    expect(exitCodeOf(report)).toBe(2);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({ migration: NAME, line });
    expect(report.errors[0]!.message).toMatch(
      /which PGlite cannot run\. COPY … FROM STDIN reads rows sent by a client/,
    );
  });
});

describe('COPY that PGlite can run, or whose error it reports, still behaves as PostgreSQL', () => {
  test('COPY from a server file fails with the database error and the statement', async () => {
    const { report } = await checkWith('-- x\nCOPY "User" FROM \'/etc/passwd\';\n');
    expect(report.errors).toEqual([
      expect.objectContaining({ migration: NAME, line: 2, statement: 'COPY "User" FROM \'/etc/passwd\';' }),
    ]);
    expect(report.errors[0]!.message).toMatch(/could not open file "\/etc\/passwd"/);
  });

  test('COPY TO a server file, TO STDOUT, and the words in strings and names replay in sync; no host file', async () => {
    const target = path.join(os.tmpdir(), `pdg-copy-${process.pid}.csv`);
    const { report } = await checkWith(
      [
        `COPY "User" TO '${target}';`,
        'COPY (SELECT 1) TO STDOUT;',
        "INSERT INTO \"User\" (\"email\", \"name\") VALUES ('x@y', 'COPY t FROM PROGRAM ''sh''; COPY t FROM STDIN');",
        '-- COPY "User" FROM STDIN;',
        '',
      ].join('\n'),
    );
    expect(report.errors).toEqual([]);
    expect(report.drift).toBe(false);
    expect(fs.existsSync(target)).toBe(false);
  });

  test('the tokeniser reads only top-level words of a COPY', () => {
    expect(findClientCopy("COPY (SELECT program FROM stdin) TO '/x';", 'stdin')).toBeUndefined();
    expect(findClientCopy("COPY (SELECT 1) TO '/x'; SELECT 'FROM PROGRAM';", 'program')).toBeUndefined();
    expect(findClientCopy('SELECT 1 FROM stdin;', 'stdin')).toBeUndefined();
    expect(findClientCopy("SELECT 1;\nCOPY t FROM PROGRAM 'x';", 'program')).toMatchObject({ line: 2 });
  });

  test('the CLI prints one line and exits 2, well before a time-out', () => {
    const project = copyFixture('pg-in-sync');
    addMigration(project, NAME, 'COPY "User" FROM stdin;\n1\ta@x\n\\.\n');
    const t0 = Date.now();
    const r = runBin(['check'], project);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: prisma\/migrations\/20240301000000_copy\/migration\.sql:1: [^\n]*STDIN[^\n]*\n$/);
    expect(Date.now() - t0).toBeLessThan(60_000);
  });
});
