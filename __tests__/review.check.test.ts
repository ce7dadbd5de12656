import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { exitCodeOf, runCheck } from '../src/check';
import { annotationsFor } from '../src/report/annotations';
import { renderComment } from '../src/report/markdown';
import { renderReviewMarkdown, renderReviewText } from '../src/report/review';
import { renderCheckText } from '../src/report/text';
import { fixture, ROOT, runBin } from './helpers/fixtures';
import { reviewPullRequest, RISKY } from './helpers/reviewRepo';

const pullRequest = () => reviewPullRequest().repo;

test('the pull request`s migrations and the suggestion are reviewed; the base`s are not', async () => {
  const repo = pullRequest();
  const r = await runCheck({ cwd: repo.dir, base: 'main', failOn: ['drift', 'review'] });
  expect(r.errors).toEqual([]);
  const file = `prisma/migrations/${RISKY}/migration.sql`;
  expect(r.review.map((f) => `${f.rule} ${f.file ?? f.migration}:${f.line}`)).toEqual([
    `require-concurrent-index-creation ${file}:2`,
    `constraint-missing-not-valid ${file}:5`,
    'probable-rename suggestion:2',
  ]);
  expect(r.failedOn).toEqual(['drift', 'review']);
  expect(exitCodeOf(r)).toBe(1);
  // Everywhere the drift report goes.
  const comment = renderComment(r, {
    schema: 'prisma/schema.prisma',
    migrationsDir: 'prisma/migrations',
    migrationFolder: 'x',
    migrationName: 'x',
  });
  expect(comment).toContain('### ⚠️ Deploy risks');
  expect(comment).toContain(`- warning \`require-concurrent-index-creation\` at \`${file}:2\``);
  expect(renderCheckText(r)).toContain(`! constraint-missing-not-valid ${file}:5:`);
  const notes = annotationsFor(r, [], (p) => path.join(repo.dir, p), 'error');
  expect(
    notes
      .filter((a) => a.title.startsWith('Deploy risk'))
      .map((a) => `${a.level} ${path.relative(repo.dir, a.file)}:${a.line}`),
  ).toEqual([`error ${file}:2`, `error ${file}:5`]);
  // Without --base only the suggestion is reviewed.
  const alone = await runCheck({ cwd: repo.dir });
  expect(alone.review.map((f) => f.rule)).toEqual(['probable-rename']);
});

test('probable-rename: the offered SQL, committed as the migration, is what the engine calls in sync', async () => {
  const repo = pullRequest();
  const r = await runCheck({ cwd: repo.dir, base: 'main' });
  expect(r.roundTrip.ok).toBe(true);
  const rename = r.review.find((f) => f.rule === 'probable-rename')!;
  const sql = /ALTER TABLE "User" RENAME COLUMN "name" TO "fullName";/.exec(rename.fix)![0];
  expect(rename.fix).toContain('@map("name")');
  repo.migration('20240401000000_rename', sql + '\n');
  const again = await runCheck({ cwd: repo.dir, base: 'main', failOn: ['drift', 'review'] });
  expect(again.drift).toBe(false);
  // The rename itself is now the pull request's, and a rolling deploy still needs to hear about it.
  expect(again.review.map((f) => f.rule)).toContain('renaming-column');
});

test('probable-rename for a table: DROP TABLE + CREATE TABLE with the same columns, proven with its renamed constraints', async () => {
  const repo = pullRequest();
  repo.migration('20240401000000_name', 'ALTER TABLE "User" RENAME COLUMN "name" TO "fullName";\n');
  repo.write(
    'prisma/schema.prisma',
    repo
      .read('prisma/schema.prisma')
      .replace(/model Post \{/, 'model Article {')
      .replace(/Post\[\]/, 'Article[]'),
  );
  const r = await runCheck({ cwd: repo.dir, base: 'main' });
  expect(r.errors).toEqual([]);
  const rename = r.review.find((f) => f.rule === 'probable-rename')!;
  expect(rename.fix).toContain('ALTER TABLE "Post" RENAME TO "Article";');
  expect(rename.fix).toContain('@@map("Post")');
  expect(r.roundTrip.ok).toBe(true);
  const offered = /`([^`]+)`/.exec(rename.fix)![1]!;
  repo.migration('20240402000000_article', offered + '\n');
  expect((await runCheck({ cwd: repo.dir, base: 'main' })).drift).toBe(false);
});

test('existing tables come from the replayed database: a table the pull request creates is exempt', async () => {
  const repo = pullRequest();
  repo.migration(
    '20240302000000_comments',
    'CREATE TABLE "Comment" ("id" SERIAL NOT NULL, "postId" INTEGER NOT NULL, CONSTRAINT "Comment_pkey" PRIMARY KEY ("id"));\n' +
      'CREATE INDEX "Comment_postId_idx" ON "Comment"("postId");\n',
  );
  const r = await runCheck({ cwd: repo.dir, base: 'main' });
  expect(r.review.filter((f) => f.migration === '20240302000000_comments')).toEqual([]);
});

test('fail-on: drift not listed exits 0 with everything shown; data-loss; a broken input still exits 2', async () => {
  const repo = pullRequest();
  const quiet = await runCheck({ cwd: repo.dir, base: 'main', failOn: [] });
  expect(quiet.drift).toBe(true);
  expect(quiet.review.length).toBeGreaterThan(0);
  expect([quiet.failedOn, exitCodeOf(quiet)]).toEqual([[], 0]);
  const loss = await runCheck({ cwd: repo.dir, failOn: ['data-loss'] });
  expect([loss.failedOn, exitCodeOf(loss)]).toEqual([['data-loss'], 1]);
  repo.migration('20240501000000_bad', 'ALTER TABLE "Nope" ADD COLUMN "x" INT;\n');
  const broken = await runCheck({ cwd: repo.dir, failOn: [] });
  expect([broken.failedOn, exitCodeOf(broken)]).toEqual([[], 2]);
  const cli = runBin(['check', '--fail-on', 'drift,typo'], repo.dir);
  expect(cli.status).toBe(2);
  expect(cli.stderr).toBe(
    'error: --fail-on: unknown condition "typo"; expected a comma-separated list of drift, data-loss, review.\n',
  );
});

test('the CLI: --fail-on review exits 1 on review findings alone, and --json carries review and failedOn', () => {
  const repo = pullRequest();
  repo.write('prisma/schema.prisma', repo.read('prisma/schema.prisma').replace('fullName String?', 'name     String?'));
  const ok = runBin(['check', '--base', 'main', '--json'], repo.dir);
  expect(ok.status).toBe(0);
  const json = JSON.parse(ok.stdout);
  expect([json.drift, json.failedOn, json.review.length]).toEqual([false, [], 2]);
  expect(runBin(['check', '--base', 'main', '--fail-on', 'review'], repo.dir).status).toBe(1);
});

test('nothing to review: libpg-query is never loaded', () => {
  const script =
    `require(${JSON.stringify(path.join(ROOT, 'lib', 'check'))}).runCheck({ cwd: ${JSON.stringify(fixture('pg-in-sync'))} })` +
    `.then((r) => console.log(JSON.stringify([r.drift, r.review.length, Object.keys(require.cache).some((k) => k.includes('libpg-query'))])))`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(r.stdout.trim()).toBe('[false,0,false]');
});

test('--review-all: the whole history, each migration against the tables before it; without it, nothing here', () => {
  const all = runBin(['check', '--review-all', '--json'], fixture('pg-review-rules'));
  expect(all.status).toBe(0);
  const review = (JSON.parse(all.stdout).review as { rule: string; migration: string }[]).map(
    (f) => `${f.rule} ${f.migration}`,
  );
  expect(review).toContain('require-concurrent-index-creation 20240201000000_indexes');
  expect(review).toContain('ban-drop-table 20240205000000_renames_drops');
  // The first migration creates its tables, and the last indexes the table it creates: both exempt.
  expect(review.filter((r) => / 20240101000000_init$| 20240206000000_new_table$/.test(r))).toEqual([]);
  const plain = runBin(['check', '--json'], fixture('pg-review-rules'));
  expect(JSON.parse(plain.stdout).review).toEqual([]);
});

test('nothing found: no Deploy risks section at all, in the comment or the text', () => {
  const paint = { red: (s: string) => s, yellow: (s: string) => s, dim: (s: string) => s };
  expect([renderReviewMarkdown([]), renderReviewText([], paint)]).toEqual([[], []]);
});
