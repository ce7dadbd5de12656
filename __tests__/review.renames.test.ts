import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCheck } from '../src/check';
import type { CheckReport } from '../src/checkReport';
import * as hold from '../src/throwaway/pgliteHold';
import * as replay from '../src/throwaway/replay';
import { renderReviewMarkdown } from '../src/report/review';
import type { ReviewFinding } from '../src/review/types';
import { fixture } from './helpers/fixtures';
import { Repo } from './helpers/gitRepo';

// probable-rename in the pull request's own migrations (PostgreSQL and SQLite), and in SQLite's
// suggestion: found from the replayed tables, proved by replaying the rewritten history and asking
// the real engine again, and offered only then.

const PR = '20240301000000_author_link';

/** A fixture as a pull request: main holds all its migrations but `added`, which the `pr` branch adds. */
function pullRequest(name: string, added: string, sql?: string, schema?: (s: string) => string) {
  const repo = Repo.init();
  fs.cpSync(path.join(fixture(name), 'prisma'), path.join(repo.dir, 'prisma'), { recursive: true });
  const own = sql ?? repo.read(`prisma/migrations/${added}/migration.sql`);
  const finalSchema = repo.read('prisma/schema.prisma');
  fs.rmSync(path.join(repo.dir, 'prisma', 'migrations', added), { recursive: true, force: true });
  repo.commit('base');
  repo.git('checkout', '-q', '-b', 'pr');
  repo.migration(added, own);
  if (schema) repo.write('prisma/schema.prisma', schema(finalSchema));
  repo.commit('pr');
  return repo;
}

const rules = (review: ReviewFinding[]) => review.map((f) => `${f.rule} ${f.migration}:${f.line}`);
/** The SQL a finding offers, between the first pair of backticks of its fix. */
const offered = (f: ReviewFinding) => /`([^`]+)`/.exec(f.fix)![1]!;

test('a pull request adding an index, a foreign key and a renamed field: the Deploy risks section, as golden', async () => {
  const repo = pullRequest('pg-review-pr', PR);
  const r = await runCheck({ cwd: repo.dir, base: 'main' });
  expect([r.errors, r.drift]).toEqual([[], false]);
  expect(rules(r.review)).toEqual([
    `probable-rename ${PR}:2`,
    `require-concurrent-index-creation ${PR}:6`,
    `constraint-missing-not-valid ${PR}:9`,
  ]);
  const body = renderReviewMarkdown(r.review).join('\n') + '\n';
  const golden = path.join(fixture('pg-review-pr'), 'expected-deploy-risks.md');
  if (process.env.UPDATE_GOLDEN) fs.writeFileSync(golden, body);
  expect(body).toBe(fs.readFileSync(golden, 'utf8'));
});

test('probable-rename in a migration: the migration rewritten as offered replays in sync, and is a renaming-column', async () => {
  const repo = pullRequest('pg-review-pr', PR);
  const rename = (await runCheck({ cwd: repo.dir, base: 'main' })).review.find((f) => f.rule === 'probable-rename')!;
  expect(rename.fix).toContain('replace the statement at line 2 with `ALTER TABLE "User" RENAME COLUMN "name" TO');
  expect(rename.fix).toContain('@map("name")');
  const file = `prisma/migrations/${PR}/migration.sql`;
  const sql = repo.read(file).split('\n');
  // Lines 2-3 hold the DROP COLUMN + ADD COLUMN statement.
  repo.write(file, [...sql.slice(0, 1), offered(rename), ...sql.slice(3)].join('\n'));
  const again = await runCheck({ cwd: repo.dir, base: 'main' });
  expect([again.errors, again.drift, again.roundTrip.ok]).toEqual([[], false, true]);
  expect(rules(again.review)).toContain(`renaming-column ${PR}:2`);
  expect(again.review.map((f) => f.rule)).not.toContain('probable-rename');
});

test('probable-rename stays quiet when the engine disagrees: same type but a NOT NULL default, or another type', async () => {
  const own = fs.readFileSync(path.join(fixture('pg-review-pr'), 'prisma', 'migrations', PR, 'migration.sql'), 'utf8');
  const quiet = [
    `ban-drop-column ${PR}:2`,
    `require-concurrent-index-creation ${PR}:6`,
    `constraint-missing-not-valid ${PR}:9`,
  ];
  for (const [column, field] of [
    [`"fullName" TEXT NOT NULL DEFAULT ''`, 'fullName String @default("")'],
    ['"fullName" INTEGER', 'fullName Int?'],
  ] as const) {
    const sql = own.replace('"fullName" TEXT', column);
    const repo = pullRequest('pg-review-pr', PR, sql, (s) => s.replace('fullName String?', field));
    const r = await runCheck({ cwd: repo.dir, base: 'main' });
    expect([r.errors, r.drift]).toEqual([[], false]);
    // The first is a candidate (text and text) that the proof refuses: the renamed column would stay
    // nullable, without the default. The second is no candidate at all.
    expect(rules(r.review)).toEqual(quiet);
  }
});

test('probable-rename for a table in a migration: DROP TABLE + CREATE TABLE, proved with its index and key renames', async () => {
  const repo = pullRequest('pg-review-pr', '20240401000000_article', ARTICLE, (s) =>
    s.replace('model Post {', 'model Article {').replace('Post[]', 'Article[]'),
  );
  const r = await runCheck({ cwd: repo.dir, base: 'main' });
  expect([r.errors, r.drift]).toEqual([[], false]);
  // It says more than ban-drop-table about the same statement, which it replaces.
  expect(rules(r.review)).toEqual(['probable-rename 20240401000000_article:5']);
  const sql = offered(r.review[0]!);
  expect(sql).toBe(
    'ALTER TABLE "Post" RENAME TO "Article"; ALTER TABLE "Article" RENAME CONSTRAINT "Post_pkey" TO "Article_pkey"; ' +
      'ALTER INDEX "Post_authorId_idx" RENAME TO "Article_authorId_idx";',
  );
  expect(r.review[0]!.fix).toContain('at lines 5, 8, 17');
  repo.migration('20240401000000_article', ARTICLE_FK_DROP + sql + '\n' + ARTICLE_FK_ADD);
  const again = await runCheck({ cwd: repo.dir, base: 'main' });
  expect([again.errors, again.drift]).toEqual([[], false]);
});

/** The report as the check's verdict reads it: everything but the review and the clock. */
const verdict = (r: CheckReport) =>
  JSON.stringify({ ...r, review: undefined, timings: undefined, migrations: r.migrations.map((m) => m.name) });

test('a migration rename is proved on the check`s own database, rolled back after: the rest of the report is unchanged', async () => {
  const repo = pullRequest('pg-review-pr', PR);
  const off = await runCheck({ cwd: repo.dir, base: 'main', review: 'off' });
  const replays = jest.spyOn(replay, 'openAndReplay');
  try {
    const on = await runCheck({ cwd: repo.dir, base: 'main' });
    expect([on.errors, on.drift]).toEqual([[], false]);
    expect(rules(on.review)).toContain(`probable-rename ${PR}:2`);
    // One replay: the proof went back in the check's own database, no fresh one was opened.
    expect(replays).toHaveBeenCalledTimes(1);
    expect(verdict(on)).toBe(verdict(off));
  } finally {
    replays.mockRestore();
  }
});

test('with drift on top, the round trip ends the hold (commits it) and the proof replays in a fresh database', async () => {
  // A field the pull request forgot: the suggestion's round trip is our own write, which runs as unheld.
  const repo = pullRequest('pg-review-pr', PR, undefined, (s) =>
    s.replace('authorId Int\n', 'authorId Int\n  views    Int    @default(0)\n'),
  );
  const off = await runCheck({ cwd: repo.dir, base: 'main', review: 'off' });
  const replays = jest.spyOn(replay, 'openAndReplay');
  try {
    const on = await runCheck({ cwd: repo.dir, base: 'main' });
    expect([on.errors, on.drift, on.roundTrip.ok]).toEqual([[], true, true]);
    expect(on.sql).toContain('ADD COLUMN     "views" INTEGER NOT NULL DEFAULT 0');
    expect(rules(on.review)).toContain(`probable-rename ${PR}:2`);
    expect(replays).toHaveBeenCalledTimes(2);
    expect(verdict(on)).toBe(verdict(off));
  } finally {
    replays.mockRestore();
  }
});

test('a suggestion that uses an enum value the held tail added: its round trip runs as unheld, as without review', async () => {
  // Inside one transaction PostgreSQL refuses a value added in it ("unsafe use of new value"): had the
  // round trip run in the hold, it would have failed where the check without the review passes.
  const repo = Repo.init();
  fs.cpSync(path.join(fixture('pg-review-pr'), 'prisma'), path.join(repo.dir, 'prisma'), { recursive: true });
  const own = repo.read(`prisma/migrations/${PR}/migration.sql`);
  fs.rmSync(path.join(repo.dir, 'prisma', 'migrations', PR), { recursive: true, force: true });
  repo.migration('20240201000000_role', ROLE);
  const schema = repo.read('prisma/schema.prisma').replace('  posts ', '  role     Role    @default(USER)\n  posts ');
  repo.write('prisma/schema.prisma', schema + '\nenum Role {\n  USER\n}\n');
  repo.commit('base');
  repo.git('checkout', '-q', '-b', 'pr');
  repo.migration(PR, own);
  repo.migration('20240302000000_admin', `ALTER TYPE "Role" ADD VALUE 'ADMIN';\n`);
  const drifted = repo.read('prisma/schema.prisma').replace('@default(USER)', '@default(ADMIN)');
  repo.write('prisma/schema.prisma', drifted.replace('  USER\n}', '  USER\n  ADMIN\n}'));
  repo.commit('pr');
  const off = await runCheck({ cwd: repo.dir, base: 'main', review: 'off' });
  const on = await runCheck({ cwd: repo.dir, base: 'main' });
  expect([on.errors, on.drift, on.roundTrip.ok]).toEqual([[], true, true]);
  expect(on.sql).toContain(`SET DEFAULT 'ADMIN'`);
  expect(rules(on.review)).toContain(`probable-rename ${PR}:2`);
  expect(verdict(on)).toBe(verdict(off));
});

test('a tail that does not replay in one transaction (an enum value added, then used) is replayed again unheld', async () => {
  const repo = Repo.init();
  fs.cpSync(path.join(fixture('pg-review-pr'), 'prisma'), path.join(repo.dir, 'prisma'), { recursive: true });
  const own = repo.read(`prisma/migrations/${PR}/migration.sql`);
  fs.rmSync(path.join(repo.dir, 'prisma', 'migrations', PR), { recursive: true, force: true });
  repo.migration('20240201000000_role', ROLE);
  const schema = repo.read('prisma/schema.prisma').replace('  posts ', '  role     Role    @default(ADMIN)\n  posts ');
  repo.write('prisma/schema.prisma', schema + '\nenum Role {\n  USER\n  ADMIN\n}\n');
  repo.commit('base');
  repo.git('checkout', '-q', '-b', 'pr');
  repo.migration(PR, own);
  // PostgreSQL refuses a value added in the same transaction: unheld, each migration commits on its own.
  repo.migration('20240302000000_admin', `ALTER TYPE "Role" ADD VALUE 'ADMIN';\n`);
  repo.migration('20240303000000_default', `ALTER TABLE "User" ALTER COLUMN "role" SET DEFAULT 'ADMIN';\n`);
  repo.commit('pr');
  // What each held migration run answered: the held replay must have failed for this test to say anything.
  const runs: boolean[] = [];
  const original = hold.pgliteHold;
  const spy = jest.spyOn(hold, 'pgliteHold').mockImplementation((pg) => {
    const h = original(pg);
    const run = h.run;
    h.run = async (sql) => {
      const done = await run(sql);
      runs.push(done);
      return done;
    };
    return h;
  });
  try {
    const r = await runCheck({ cwd: repo.dir, base: 'main' });
    expect(runs).toContain(false);
    expect([r.errors, r.drift]).toEqual([[], false]);
    expect(r.migrations.map((m) => m.name)).toContain('20240303000000_default');
    expect(rules(r.review)).toContain(`probable-rename ${PR}:2`);
  } finally {
    spy.mockRestore();
  }
});

const ROLE =
  `CREATE TYPE "Role" AS ENUM ('USER');\n` + `ALTER TABLE "User" ADD COLUMN "role" "Role" NOT NULL DEFAULT 'USER';\n`;

const ARTICLE_FK_DROP = 'ALTER TABLE "Post" DROP CONSTRAINT "Post_authorId_fkey";\n';
const ARTICLE_FK_ADD =
  'ALTER TABLE "Article" ADD CONSTRAINT "Article_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ' +
  'ON DELETE RESTRICT ON UPDATE CASCADE;\n';
/** What the engine writes for `model Post` renamed to `model Article`. */
const ARTICLE =
  '-- DropForeignKey\n' +
  ARTICLE_FK_DROP +
  '\n-- DropTable\nDROP TABLE "Post";\n\n-- CreateTable\nCREATE TABLE "Article" (\n    "id" SERIAL NOT NULL,\n' +
  '    "title" VARCHAR(100) NOT NULL,\n    "authorId" INTEGER NOT NULL,\n\n' +
  '    CONSTRAINT "Article_pkey" PRIMARY KEY ("id")\n);\n\n' +
  '-- CreateIndex\nCREATE INDEX "Article_authorId_idx" ON "Article"("authorId");\n\n-- AddForeignKey\n' +
  ARTICLE_FK_ADD;

const renameName = (s: string) => s.replace(/^ {2}name {2}String\?/m, '  fullName String?');

test('SQLite: the suggestion`s table redefinition that drops a column and adds one alike is a proven rename', async () => {
  const repo = Repo.init();
  fs.cpSync(path.join(fixture('sqlite-in-sync'), 'prisma'), path.join(repo.dir, 'prisma'), { recursive: true });
  repo.write('prisma/schema.prisma', renameName(repo.read('prisma/schema.prisma')));
  const r = await runCheck({ cwd: repo.dir });
  expect([r.errors, r.drift, r.roundTrip.ok]).toEqual([[], true, true]);
  // The rename replaces the redefinition: no sqlite-redefine-table on the same statement.
  expect(rules(r.review)).toEqual(['probable-rename suggestion:4']);
  const sql = offered(r.review[0]!);
  expect(sql).toBe('ALTER TABLE "User" RENAME COLUMN "name" TO "fullName";');
  repo.migration('20991231000000_rename', sql + '\n');
  expect((await runCheck({ cwd: repo.dir })).drift).toBe(false);
});

test('SQLite: a migration of the pull request that redefines the table to drop and add is a proven rename', async () => {
  const suggested = Repo.init();
  fs.cpSync(path.join(fixture('sqlite-in-sync'), 'prisma'), path.join(suggested.dir, 'prisma'), { recursive: true });
  suggested.write('prisma/schema.prisma', renameName(suggested.read('prisma/schema.prisma')));
  const redefinition = (await runCheck({ cwd: suggested.dir })).sql;
  const repo = pullRequest('sqlite-in-sync', '20991231000000_rename', redefinition, renameName);
  const r = await runCheck({ cwd: repo.dir, base: 'main' });
  expect([r.errors, r.drift]).toEqual([[], false]);
  expect(rules(r.review)).toEqual(['probable-rename 20991231000000_rename:4']);
  const sql = offered(r.review[0]!);
  // The redefinition (CREATE, copy, DROP, RENAME) and the index it re-creates are what the rename replaces.
  expect(r.review[0]!.fix).toContain('at lines 4, 9, 10, 11, 12 with');
  repo.migration('20991231000000_rename', sql + '\n');
  const again = await runCheck({ cwd: repo.dir, base: 'main' });
  expect([again.errors, again.drift]).toEqual([[], false]);
  expect(rules(again.review)).toEqual(['renaming-column 20991231000000_rename:1']);
});
