import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checksumOf, type Migration } from '../src/chain/load';
import { showPaths } from '../src/problem';
import { openSqlite } from '../src/throwaway/sqlite';

// A pull request's migration SQL must not reach any file but the throwaway database. Each
// escape is tried in several spellings; a host file must neither be created nor changed.
let dir: string;
let host: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-contain-'));
  host = path.join(dir, 'host.db');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const migration = (sql: string): Migration => ({
  name: '1_pr',
  file: '/x/prisma/migrations/1_pr/migration.sql',
  sql,
  text: sql,
  checksum: checksumOf(sql),
});

async function replay(sql: string): Promise<{ ok: boolean; message: string }> {
  await using db = await openSqlite();
  const r = await db.runMigration(migration(sql));
  return { ok: r.ok, message: r.ok ? '' : showPaths(r.problem.message, '/x') };
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

describe('file writes past the throwaway database are impossible', () => {
  const escapes: [string, (h: string) => string][] = [
    ['VACUUM INTO', (h) => `CREATE TABLE a (x);\nVACUUM INTO ${q(h)};`],
    ['VACUUM "main" INTO', (h) => `CREATE TABLE a (x);\nVACUUM "main" INTO ${q(h)};`],
    ['VACUUM [main] INTO', (h) => `CREATE TABLE a (x);\nVACUUM [main] INTO ${q(h)};`],
    ['VACUUM `main` /* c */ INTO', (h) => `CREATE TABLE a (x);\nVACUUM \`main\` /* c */ INTO ${q(h)};`],
    ['lower-case attach with a comment first', (h) => `/* x */ attach ${q(h)} as y;\nCREATE TABLE y.t (x);`],
    ['ATTACH DATABASE with an expression', (h) => `ATTACH DATABASE ${q(h.slice(0, 5))} || ${q(h.slice(5))} AS y;`],
    [
      'ATTACH after a trigger whose body glues a non-ASCII letter to CASE',
      (h) =>
        'CREATE TABLE a (x);\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n  SELECT 1 AS éCASE;\nEND;\n' +
        `ATTACH ${q(h)} AS y;\nCREATE TABLE y.t (x);`,
    ],
    [
      'ATTACH after a trigger whose body glues CASE to a non-ASCII letter',
      (h) =>
        'CREATE TABLE a (x);\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n  SELECT 1 AS CASEé;\nEND;\n' +
        `ATTACH ${q(h)} AS y;\nCREATE TABLE y.t (x);`,
    ],
    [
      'ATTACH after a trigger whose END is glued to a no-break space',
      (h) =>
        'CREATE TABLE a (x);\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n  SELECT 1;\nEND\u00a0;\n' +
        `ATTACH ${q(h)} AS y;\nCREATE TABLE y.t (x);`,
    ],
  ];
  test.each(escapes)('%s', async (_name, build) => {
    const r = await replay(build(host));
    expect(r.ok).toBe(false);
    expect(fs.existsSync(host)).toBe(false);
    expect(r.message).toMatch(/prisma\/migrations\/1_pr\/migration\.sql:\d+: migration "1_pr" failed at/);
  });

  test('an existing host file is left byte-for-byte unchanged', async () => {
    fs.writeFileSync(host, 'precious');
    const r = await replay(`ATTACH ${q(host)} AS y;\nCREATE TABLE y.t (x);`);
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/ATTACH\/DETACH is refused/);
    expect(fs.readFileSync(host, 'utf8')).toBe('precious');
  });
});

describe('legitimate SQL that only looks similar still replays', () => {
  const legit = [
    `CREATE TABLE "attach" ("vacuum" TEXT DEFAULT 'ATTACH DATABASE ''/etc/x'' AS y');`,
    `CREATE TABLE t (x TEXT);\n-- VACUUM INTO '/tmp/x.db'\nINSERT INTO t VALUES ('vacuum into; attach');`,
    'CREATE TABLE t (x);\nVACUUM;',
    'CREATE TABLE "café" ("naïve" TEXT, "CASEé" INT);\n' +
      'CREATE TRIGGER "tr" AFTER INSERT ON "café" BEGIN\n' +
      '  UPDATE "café" SET "CASEé" = CASE WHEN NEW."naïve" = \'end;\' THEN 1 ELSE 2 END;\nEND;\n' +
      'INSERT INTO "café" ("naïve") VALUES (\'end;\');',
  ];
  test.each(legit)('%#', async (sql) => {
    expect(await replay(sql)).toEqual({ ok: true, message: '' });
  });
});

test('a statement the splitter could get wrong never runs a second statement unseen', async () => {
  // An unterminated trigger swallows the rest of the file into one piece: SQLite compiles
  // one statement at a time, so the piece is refused as a whole instead of running in part.
  const r = await replay(
    `CREATE TABLE a (x);\nCREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; ATTACH ${q(host)} AS y;`,
  );
  expect(r.ok).toBe(false);
  expect(fs.existsSync(host)).toBe(false);
});
