import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fixture, readExpected } from './helpers/fixtures';
import { FakeGitHubApi } from './helpers/githubApi';
import {
  checkOutAction,
  NODE24,
  runAction as runActionIn,
  type ActionRun,
  type ActionRunOptions,
} from './helpers/action';
import { startTestServer, type TestServer } from './helpers/pgServer';

// The Action as a runner runs it: action.yml's entry under Node 24 (from the npm registry,
// scripts/ensure-node24.sh), from a folder holding only dist/, action.yml and the project,
// no node_modules anywhere, with the environment GitHub sets, and the GitHub API served on
// 127.0.0.1.
const TOKEN = 'ghs_test_token';

let api: FakeGitHubApi;
let apiUrl: string;
let actionDir: string;

beforeAll(async () => {
  api = new FakeGitHubApi();
  apiUrl = await api.start();
  actionDir = checkOutAction();
});
afterAll(() => api.stop());

function workspaceFrom(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pdg-ws-${name}-`));
  fs.cpSync(fixture(name), dir, { recursive: true });
  return dir;
}

/** The action with this suite's defaults: a token, comments on, the local GitHub API. */
function runAction(workspace: string, opts: ActionRunOptions = {}): Promise<ActionRun> {
  const inputs = { 'github-token': TOKEN, comment: 'true', ...opts.inputs };
  return runActionIn(actionDir, workspace, { ...opts, inputs, env: { GITHUB_API_URL: apiUrl, ...opts.env } });
}

const ours = (issue: number) =>
  (api.comments.get(issue) ?? []).filter((c) =>
    c.body.includes('<!-- prisma-drift-gate schema=prisma/schema.prisma -->'),
  );

test('Node 24 is what runs dist', () => {
  expect(spawnSync(NODE24, ['--version'], { encoding: 'utf8' }).stdout).toMatch(/^v24\./);
});

test('SQLite drift on a busy PR: one comment created, updated in place, then switched to in sync once fixed', async () => {
  api.seed(7, 150); // more than one page of other people's comments
  const ws = workspaceFrom('sqlite-seed-drift');

  const first = await runAction(ws);
  expect(first.status).toBe(1);
  expect(first.stdout).toMatch(/::error::Schema drift/);
  expect(first.outputs).toMatchObject({ drift: 'true', result: 'drift' });
  expect(first.outputs['migration-sql']).toBe(readExpected('sqlite-seed-drift'));
  expect(first.outputs['migration-folder']).toMatch(/^\d{14}_drift_fix$/);
  expect(first.summary).toBe(first.outputs['report']);
  expect(ours(7)).toHaveLength(1);
  expect(ours(7)[0]!.body).toMatch(/### ❌ Prisma schema drift/);
  expect(ours(7)[0]!.body).toContain('CREATE INDEX "User_lastUpdated_idx" ON "User"("lastUpdated");');
  // The drifted field is annotated in the schema.
  const line =
    fs
      .readFileSync(path.join(ws, 'prisma/schema.prisma'), 'utf8')
      .split('\n')
      .findIndex((l) => l.includes('lastUpdated DateTime')) + 1;
  expect(first.stdout).toContain(`::error title=Schema drift,file=prisma/schema.prisma,line=${line}::`);
  expect(api.requests.filter((r) => r.startsWith('GET')).length).toBeGreaterThanOrEqual(2);

  const second = await runAction(ws);
  expect(second.status).toBe(1);
  expect(ours(7)).toHaveLength(1);
  expect(api.comments.get(7)).toHaveLength(151);
  expect(api.requests.filter((r) => r.startsWith('PATCH'))).toHaveLength(1);

  // The author commits the suggestion; the next run is green and the comment says so.
  const folder = path.join(ws, 'prisma/migrations', second.outputs['migration-folder']!);
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(folder, 'migration.sql'), second.outputs['migration-sql']!);
  const third = await runAction(ws);
  expect(third.status).toBe(0);
  expect(third.outputs).toMatchObject({ drift: 'false', result: 'in-sync', 'migration-folder': '' });
  expect(ours(7)).toHaveLength(1);
  expect(ours(7)[0]!.body).toMatch(/### ✅ Prisma schema in sync/);
  const shown = (first.stdout + second.stdout + third.stdout).split('\n').filter((l) => !l.startsWith('::add-mask::'));
  expect(shown.join('\n')).not.toContain(TOKEN);
});

test('a PR that never drifted gets no comment', async () => {
  const r = await runAction(workspaceFrom('sqlite-in-sync'), { pr: 8 });
  expect(r.status).toBe(0);
  expect(api.comments.get(8) ?? []).toHaveLength(0);
  expect(r.summary).toMatch(/Prisma schema in sync/);
});

test('a 403 on commenting is a warning; the verdict and the summary stand', async () => {
  api.forbidCreate = true;
  try {
    const r = await runAction(workspaceFrom('sqlite-seed-drift'), { pr: 9 });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/::warning::cannot comment on pull request #9 \(HTTP 403\)/);
    expect(r.outputs['drift']).toBe('true');
    expect(r.summary).toMatch(/Prisma schema drift/);
  } finally {
    api.forbidCreate = false;
  }
});

test('PostgreSQL through PGlite inside dist, with fail-on-drift false', async () => {
  const r = await runAction(workspaceFrom('pg-seed-drift'), { pr: 10, inputs: { 'fail-on-drift': 'false' } });
  expect(r.status).toBe(0);
  expect(r.outputs).toMatchObject({ drift: 'true', result: 'drift' });
  expect(r.outputs['migration-sql']).toBe(readExpected('pg-seed-drift'));
  expect(ours(10)).toHaveLength(1);
  expect(r.stdout).toMatch(/::warning title=Schema drift,file=prisma\/schema\.prisma,line=\d+::/);
});

test('PostgreSQL extensions load inside dist', async () => {
  const r = await runAction(workspaceFrom('pg-extension'), { event: 'push' });
  expect(r.status).toBe(0);
  expect(r.outputs['result']).toBe('in-sync');
});

test('a broken chain: one-line error annotated on the migration, result broken', async () => {
  const r = await runAction(workspaceFrom('sqlite-sql-error'), { pr: 11 });
  expect(r.status).toBe(1);
  expect(r.outputs).toMatchObject({ drift: '', result: 'broken' });
  expect(r.stdout).toContain(
    '::error title=Migration fails,file=prisma/migrations/20240201000000_add_bio/migration.sql,line=5::',
  );
  expect(ours(11)[0]!.body).toMatch(/Prisma drift check could not run/);
});

test('secrets never reach the log; bad inputs are one line', async () => {
  const url = 'postgresql://ci:s3cretpw@db.internal:5432/shadow';
  const ok = await runAction(workspaceFrom('sqlite-in-sync'), {
    event: 'push',
    inputs: { 'shadow-database-url': url },
  });
  // ::add-mask:: is the runner's masking command itself: it is consumed, never shown.
  const shown = ok.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
  expect(ok.stdout).toContain(`::add-mask::${url}`);
  expect(shown.join('\n')).not.toContain('s3cretpw');
  const bad = await runAction(workspaceFrom('sqlite-in-sync'), { event: 'push', inputs: { 'fail-on-drift': 'maybe' } });
  expect(bad.status).toBe(1);
  expect(bad.stdout).toMatch(/^::error::input "fail-on-drift": expected true or false, got "maybe"\.$/m);
});

test("chain integrity in the Action: an edited old migration and an older-stamped new one; applying the comment's fixes makes the next run clean", async () => {
  const { baseRepo, INIT_SQL, TAGS_SQL, schemaWith } = await import('./helpers/gitRepo');
  const { repo, base } = baseRepo();
  repo.migration('20240101000000_init', INIT_SQL + '-- tweaked after merge\n');
  repo.migration('20240115000000_add_tags', TAGS_SQL); // older than main's newest (20240201…)
  repo.write('prisma/schema.prisma', schemaWith('post', 'tag'));
  repo.commit('pr');
  const event = { pr: 12, inputs: { integrity: 'required' } };

  const first = await runActionWithBase(repo.dir, base, event);
  expect(first.status).toBe(1);
  expect(first.outputs['result']).toBe('broken');
  const body = ours(12)[0]!.body;
  expect(body).toMatch(/### ❌ Migration history problems/);
  expect(first.stdout).toContain(
    '::error title=Migration history (edited),file=prisma/migrations/20240101000000_init/migration.sql,line=1::',
  );

  // Apply every fix the comment gives, as the author would.
  const section = body.split('### ❌ Migration history problems')[1]!.split('\n### ')[0]!;
  const commands = [...section.matchAll(/```sh\n([\s\S]*?)```/g)]
    .flatMap((m) => m[1]!.split('\n').map((l) => l.trim()))
    .filter((l) => l && !l.startsWith('#'));
  expect(commands).toHaveLength(2);
  for (const c of commands) repo.sh(c);
  repo.commit('apply fixes');

  const second = await runActionWithBase(repo.dir, base, event);
  expect(second.status).toBe(0);
  expect(second.outputs['result']).toBe('in-sync');
  expect(ours(12)).toHaveLength(1);
  expect(ours(12)[0]!.body).not.toMatch(/Migration history problems/);
});

async function runActionWithBase(
  workspace: string,
  base: string,
  opts: { pr: number; inputs: Record<string, string> },
) {
  const payload = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-ev-')), 'event.json');
  fs.writeFileSync(
    payload,
    JSON.stringify({
      number: opts.pr,
      pull_request: { number: opts.pr, base: { sha: base } },
      repository: { name: 'app', owner: { login: 'acme' } },
    }),
  );
  return runAction(workspace, { ...opts, eventPath: payload });
}

describe('workflow_dispatch: deploy, status and resolve', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.stop());

  test('an input of another command is one ::error:: line, and nothing is touched', async () => {
    const ws = workspaceFrom('sqlite-in-sync');
    const r = await runAction(ws, {
      event: 'workflow_dispatch',
      inputs: { command: 'resolve', applied: '20240101000000_init', 'dry-run': 'true' },
      env: { DATABASE_URL: 'file:./prod.db' },
    });
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error::'))).toEqual([
      '::error::input "dry-run" does not apply to command "resolve"; remove it or change the command.',
    ]);
    expect(fs.existsSync(path.join(ws, 'prisma', 'prod.db'))).toBe(false);
  });

  test('deploy to SQLite (better-sqlite3 13, prebuilt, in dist): outputs, summary table, then status is up to date', async () => {
    const ws = workspaceFrom('sqlite-in-sync');
    const env = { DATABASE_URL: 'file:./prod.db' };
    const plan = await runAction(ws, {
      event: 'workflow_dispatch',
      inputs: { command: 'deploy', 'dry-run': 'true' },
      env,
    });
    expect(plan.status).toBe(0);
    expect(plan.outputs).toMatchObject({
      result: 'dry-run',
      deployed: '["20240101000000_init","20240201000000_add_posts"]',
      applied: '[]',
    });
    expect(fs.existsSync(path.join(ws, 'prisma', 'prod.db'))).toBe(false);
    expect(plan.stdout).toContain(
      `::warning::${path.join(ws, 'prisma', 'prod.db')} does not exist yet; deploy creates it.`,
    );

    const deployed = await runAction(ws, { event: 'workflow_dispatch', inputs: { command: 'deploy' }, env });
    expect(deployed.status).toBe(0);
    expect(deployed.outputs).toMatchObject({
      result: 'deployed',
      applied: '["20240101000000_init","20240201000000_add_posts"]',
      pending: '[]',
      failed: '[]',
      edited: '[]',
      unknown: '[]',
    });
    expect(deployed.summary).toMatch(/^### ✅ prisma-drift-gate deploy: deployed/);
    expect(deployed.summary).toMatch(
      /\| `20240101000000_init` \| ✅ applied \(this run\) \| \d{4}-\d\d-\d\dT[\d:.]+Z \| \d+ ms \|/,
    );
    expect(deployed.stdout).toContain('All migrations have been successfully applied.');

    const status = await runAction(ws, { event: 'workflow_dispatch', inputs: { command: 'status' }, env });
    expect(status.status).toBe(0);
    expect(status.outputs.result).toBe('up-to-date');
  });

  test('deploy to a real PostgreSQL server from the database-url input: masked, a failure is one ::error:: line, resolve then deploy', async () => {
    server.psql('CREATE DATABASE dispatch');
    const url = server.url('dispatch');
    const ws = workspaceFrom('pg-in-sync');
    const dir = path.join(ws, 'prisma', 'migrations', '20240301000000_broken');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'migration.sql'), 'ALTER TABLE "Nope" ADD COLUMN "x" INTEGER;\n');
    const failed = await runAction(ws, {
      event: 'workflow_dispatch',
      inputs: { command: 'deploy', 'database-url': url },
    });
    expect(failed.status).toBe(1);
    expect(failed.outputs).toMatchObject({
      result: 'failed',
      applied: '["20240101000000_init","20240201000000_add_posts"]',
      failed: '["20240301000000_broken"]',
    });
    const errors = failed.stdout.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors).toEqual([
      expect.stringMatching(
        /^::error::prisma\/migrations\/20240301000000_broken\/migration\.sql:1: migration "20240301000000_broken" failed at `ALTER TABLE "Nope" ADD COLUMN "x" INTEGER;`: relation "Nope" does not exist/,
      ),
    ]);
    expect(failed.stdout).toContain(`::add-mask::${url}`);
    expect(failed.stdout).toContain('::add-mask::rootpw');
    const shown =
      failed.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n') + failed.summary;
    expect(shown).not.toContain('rootpw');

    fs.writeFileSync(path.join(dir, 'migration.sql'), 'ALTER TABLE "User" ADD COLUMN "x" INTEGER;\n');
    const resolved = await runAction(ws, {
      event: 'workflow_dispatch',
      inputs: { command: 'resolve', 'rolled-back': '20240301000000_broken', 'database-url': url },
    });
    expect(resolved.status).toBe(0);
    expect(resolved.outputs.result).toBe('resolved');
    const retried = await runAction(ws, {
      event: 'workflow_dispatch',
      inputs: { command: 'deploy' },
      env: { DATABASE_URL: url },
    });
    expect(retried.status).toBe(0);
    expect(retried.outputs).toMatchObject({ result: 'deployed', deployed: '["20240301000000_broken"]', failed: '[]' });
  });
});
