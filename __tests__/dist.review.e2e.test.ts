import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkOutAction, runAction } from './helpers/action';
import { FakeGitHubApi } from './helpers/githubApi';
import { fixture } from './helpers/fixtures';
import { Repo } from './helpers/gitRepo';
import { reviewPullRequest, RISKY } from './helpers/reviewRepo';

// The deploy-risk review in the Action as a runner runs it: dist/ under Node 24 (libpg-query's wasm
// must ship in dist/), a pull_request event with a base, the GitHub API on 127.0.0.1.
let api: FakeGitHubApi;
let apiUrl: string;
let actionDir: string;

beforeAll(async () => {
  api = new FakeGitHubApi();
  apiUrl = await api.start();
  actionDir = checkOutAction();
});
afterAll(() => api.stop());

/** A pull request whose schema matches its migrations: only the review has something to say. */
function workspace(): { dir: string; base: string } {
  const { repo, base } = reviewPullRequest();
  repo.write('prisma/schema.prisma', repo.read('prisma/schema.prisma').replace('fullName String?', 'name     String?'));
  repo.commit('no drift');
  return { dir: repo.dir, base };
}

function run(ws: { dir: string; base: string }, pr: number, inputs: Record<string, string> = {}) {
  const eventPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-ev-')), 'event.json');
  fs.writeFileSync(
    eventPath,
    JSON.stringify({
      number: pr,
      pull_request: { number: pr, base: { sha: ws.base } },
      repository: { name: 'app', owner: { login: 'acme' } },
    }),
  );
  return runAction(actionDir, ws.dir, {
    eventPath,
    inputs: { 'github-token': 'ghs_test_token', comment: 'true', ...inputs },
    env: { GITHUB_API_URL: apiUrl },
  });
}

const file = `prisma/migrations/${RISKY}/migration.sql`;

test('a risky migration gets the Deploy risks section in the comment and an annotation at its line; the step passes by default', async () => {
  const r = await run(workspace(), 21);
  expect(r.status).toBe(0);
  expect(r.outputs['result']).toBe('in-sync');
  expect(r.outputs['failed-on']).toBe('[]');
  const review = JSON.parse(r.outputs['review']!) as { rule: string; line: number }[];
  expect(review.map((f) => `${f.rule}:${f.line}`)).toEqual([
    'require-concurrent-index-creation:2',
    'constraint-missing-not-valid:5',
  ]);
  expect(r.stdout).toContain(`::warning title=Deploy risk (require-concurrent-index-creation),file=${file},line=2::`);
  expect(r.stdout).toContain(`::warning title=Deploy risk (constraint-missing-not-valid),file=${file},line=5::`);
  const comment = api.comments.get(21)![0]!.body;
  expect(comment).toContain('### ⚠️ Deploy risks');
  expect(comment).toContain(`\`require-concurrent-index-creation\` at \`${file}:2\``);
  expect(r.summary).toContain('### ⚠️ Deploy risks');
});

test('fail-on: review fails the step, with error annotations; an ignore comment silences one, still listed', async () => {
  const ws = workspace();
  const failed = await run(ws, 22, { 'fail-on': 'drift,review' });
  expect(failed.status).toBe(1);
  expect(failed.outputs['failed-on']).toBe('["review"]');
  expect(failed.stdout).toMatch(/::error::Deploy risks: 2 finding\(s\)/);
  expect(failed.stdout).toContain(
    `::error title=Deploy risk (require-concurrent-index-creation),file=${file},line=2::`,
  );

  const sql = fs.readFileSync(path.join(ws.dir, file), 'utf8');
  fs.writeFileSync(
    path.join(ws.dir, file),
    '-- prisma-drift-gate-ignore require-concurrent-index-creation, constraint-missing-not-valid\n\n' + sql,
  );
  const silenced = await run(ws, 22, { 'fail-on': 'drift,review' });
  expect(silenced.status).toBe(0);
  expect(silenced.stdout).not.toContain('Deploy risk (');
  const comment = api.comments.get(22)![0]!.body;
  expect(comment).toContain('2 silenced in this pull request');
  // review: false turns the whole review off.
  const off = await run(ws, 22, { review: 'false' });
  expect(off.outputs['review']).toBe('[]');
});

test('a bad fail-on is one line and exit 1 of the step, before anything runs', async () => {
  const r = await run(workspace(), 23, { 'fail-on': 'reviews' });
  expect(r.status).toBe(1);
  expect(r.stdout).toContain('::error::input "fail-on": unknown condition "reviews"');
});

test('a renamed field written as DROP + ADD in a migration of the pull request: probable-rename, proved inside dist', async () => {
  const repo = Repo.init();
  fs.cpSync(path.join(fixture('pg-review-pr'), 'prisma'), path.join(repo.dir, 'prisma'), { recursive: true });
  const own = 'prisma/migrations/20240301000000_author_link';
  const sql = repo.read(`${own}/migration.sql`);
  fs.rmSync(path.join(repo.dir, own), { recursive: true });
  const base = repo.commit('base');
  repo.git('checkout', '-q', '-b', 'pr');
  repo.write(`${own}/migration.sql`, sql);
  repo.commit('pr');
  const r = await run({ dir: repo.dir, base }, 24, { 'fail-on': 'review' });
  expect(r.status).toBe(1);
  const review = JSON.parse(r.outputs['review']!) as { rule: string; line: number; fix: string }[];
  expect(review.map((f) => `${f.rule}:${f.line}`)).toEqual([
    'probable-rename:2',
    'require-concurrent-index-creation:6',
    'constraint-missing-not-valid:9',
  ]);
  expect(review[0]!.fix).toContain('`ALTER TABLE "User" RENAME COLUMN "name" TO "fullName";`');
  expect(r.stdout).toContain(`::error title=Deploy risk (probable-rename),file=${own}/migration.sql,line=2::`);
});
