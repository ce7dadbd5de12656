import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { commentMarker } from '../src/report/markdown';
import { checkOutAction, runAction, type ActionRun } from './helpers/action';
import { fixture, readExpected } from './helpers/fixtures';
import { FakeGitHubApi } from './helpers/githubApi';

// Two schemas in one step, as a runner runs the committed dist/: action.yml's entry under Node 24, from a
// folder holding only dist/ and action.yml, the GitHub API on 127.0.0.1. One project is PostgreSQL (PGlite
// and the engine from the bundle), the other SQLite (the bundled better-sqlite3).
const API = 'apps/api/prisma/schema.prisma';
const WEB = 'apps/web/prisma/schema.prisma';

let api: FakeGitHubApi;
let apiUrl: string;
let actionDir: string;

beforeAll(async () => {
  api = new FakeGitHubApi();
  apiUrl = await api.start();
  actionDir = checkOutAction();
});
afterAll(() => api.stop());

/** A monorepo: apps/api drifts (pg-seed-drift), apps/web is in sync (sqlite-in-sync). */
function monorepo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-mono-dist-'));
  fs.cpSync(fixture('pg-seed-drift'), path.join(dir, 'apps/api'), { recursive: true });
  fs.cpSync(fixture('sqlite-in-sync'), path.join(dir, 'apps/web'), { recursive: true });
  return dir;
}

const run = (workspace: string, pr: number): Promise<ActionRun> =>
  runAction(actionDir, workspace, {
    pr,
    inputs: {
      schema: `${API}\n${WEB}\n`,
      comment: 'true',
      'fail-on': 'drift,review',
      'github-token': 'ghs_test_token',
    },
    env: { GITHUB_API_URL: apiUrl },
  });

const keyed = (r: ActionRun, name: string) => JSON.parse(r.outputs[name]!) as Record<string, unknown>;

test('dist, Node 24: each schema gets its check, outputs keyed by path, its summary section and comment', async () => {
  const r = await run(monorepo(), 51);
  expect(r.status).toBe(1);
  expect(r.stdout).toMatch(new RegExp(`^::error::${API.replace(/\//g, '\\/')}: Schema drift: `, 'm'));
  expect(r.stdout).not.toMatch(new RegExp(`::error::${WEB.replace(/\//g, '\\/')}`));

  expect(keyed(r, 'result')).toEqual({ [API]: 'drift', [WEB]: 'in-sync' });
  expect(keyed(r, 'drift')).toEqual({ [API]: true, [WEB]: false });
  expect(keyed(r, 'migration-sql')).toEqual({ [API]: readExpected('pg-seed-drift'), [WEB]: '' });
  const folders = keyed(r, 'migration-folder');
  expect(folders[API]).toMatch(/^\d{14}_drift_fix$/);
  expect(folders[WEB]).toBe('');
  // The review and the fail-on outcome are per schema too: the suggestion's index blocks writes.
  const review = keyed(r, 'review') as Record<string, { rule: string }[]>;
  expect(review[API]!.map((f) => f.rule)).toEqual(['require-concurrent-index-creation']);
  expect(review[WEB]).toEqual([]);
  expect(keyed(r, 'failed-on')).toEqual({ [API]: ['drift', 'review'], [WEB]: [] });

  const apiAt = r.summary.indexOf(commentMarker(API));
  const webAt = r.summary.indexOf(commentMarker(WEB));
  expect(apiAt).toBeGreaterThanOrEqual(0);
  expect(webAt).toBeGreaterThan(apiAt);
  expect(r.summary.slice(apiAt, webAt)).toContain('### ❌ Prisma schema drift');
  expect(r.summary.slice(webAt)).toContain('### ✅ Prisma schema in sync');

  const comments = api.comments.get(51) ?? [];
  expect(comments).toHaveLength(1);
  expect(comments[0]!.body.startsWith(commentMarker(API))).toBe(true);
}, 240_000);

test('dist, Node 24: once the suggestion is committed, the same sticky comment turns green and the step passes', async () => {
  const workspace = monorepo();
  const first = await run(workspace, 52);
  const folder = path.join(workspace, 'apps/api/prisma/migrations', keyed(first, 'migration-folder')[API] as string);
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(folder, 'migration.sql'), keyed(first, 'migration-sql')[API] as string);

  const second = await run(workspace, 52);
  expect(second.status).toBe(0);
  expect(keyed(second, 'result')).toEqual({ [API]: 'in-sync', [WEB]: 'in-sync' });
  // The committed CREATE INDEX is in the chain now, not new in a pull request without a base: nothing to review.
  expect(keyed(second, 'failed-on')).toEqual({ [API]: [], [WEB]: [] });
  const comments = api.comments.get(52) ?? [];
  expect(comments).toHaveLength(1);
  expect(comments[0]!.body.startsWith(commentMarker(API))).toBe(true);
  expect(comments[0]!.body).toContain('Prisma schema in sync');
}, 240_000);
