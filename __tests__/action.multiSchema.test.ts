import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { commentMarker } from '../src/report/markdown';
import { runAction } from './helpers/action';
import { fixture, ROOT } from './helpers/fixtures';
import { FakeGitHubApi } from './helpers/githubApi';

const API = 'apps/api/prisma/schema.prisma';
const WEB = 'apps/web/prisma/schema.prisma';

/**
 * The Action as a runner starts it (Node 24, GitHub's environment, INPUT_* variables), built from
 * src/ into lib/ (`npx tsc -p tsconfig.json`): dist/ is rebuilt by the lead after merging.
 */
function libAction(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-lib-action-'));
  const main = path.relative(dir, path.join(ROOT, 'lib', 'index.js'));
  fs.writeFileSync(path.join(dir, 'action.yml'), `runs:\n  using: node24\n  main: ${main}\n`);
  return dir;
}

/** A monorepo: apps/api drifts (sqlite-seed-drift), apps/web is in sync. */
function monorepo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-mono-'));
  fs.cpSync(fixture('sqlite-seed-drift'), path.join(dir, 'apps/api'), { recursive: true });
  fs.cpSync(fixture('sqlite-in-sync'), path.join(dir, 'apps/web'), { recursive: true });
  return dir;
}

let api: FakeGitHubApi;
let apiUrl: string;
beforeAll(async () => {
  api = new FakeGitHubApi();
  apiUrl = await api.start();
});
afterAll(() => api.stop());

test('two schemas in one step: a check, a comment and a summary section each; outputs keyed by path', async () => {
  const run = await runAction(libAction(), monorepo(), {
    pr: 41,
    inputs: { schema: `${API}\n${WEB}\n`, comment: 'true', 'github-token': 'ghs_test_token' },
    env: { GITHUB_API_URL: apiUrl },
  });
  expect(run.status).toBe(1);
  expect(run.stdout).toMatch(new RegExp(`^::error::${API.replace(/\//g, '\\/')}: Schema drift: `, 'm'));
  expect(run.stdout).not.toMatch(new RegExp(`::error::${WEB.replace(/\//g, '\\/')}`));

  expect(JSON.parse(run.outputs.result!)).toEqual({ [API]: 'drift', [WEB]: 'in-sync' });
  expect(JSON.parse(run.outputs.drift!)).toEqual({ [API]: true, [WEB]: false });
  const sql = JSON.parse(run.outputs['migration-sql']!);
  expect(sql[API]).toBe(fs.readFileSync(path.join(fixture('sqlite-seed-drift'), 'expected.sql'), 'utf8'));
  expect(sql[WEB]).toBe('');
  const folders = JSON.parse(run.outputs['migration-folder']!);
  expect(folders[API]).toMatch(/^\d{14}_drift_fix$/);
  expect(folders[WEB]).toBe('');
  expect(Object.keys(JSON.parse(run.outputs.report!))).toEqual([API, WEB]);

  // One summary section per schema, in input order.
  const apiAt = run.summary.indexOf(commentMarker(API));
  const webAt = run.summary.indexOf(commentMarker(WEB));
  expect(apiAt).toBeGreaterThanOrEqual(0);
  expect(webAt).toBeGreaterThan(apiAt);
  expect(run.summary.slice(apiAt, webAt)).toContain('### ❌ Prisma schema drift');
  expect(run.summary.slice(webAt)).toContain('### ✅ Prisma schema in sync');

  // The drifting schema gets its sticky comment; the one that never drifted gets none.
  const comments = api.comments.get(41) ?? [];
  expect(comments).toHaveLength(1);
  expect(comments[0]!.body.startsWith(commentMarker(API))).toBe(true);
}, 120_000);

test('one schema: the outputs stay plain values', async () => {
  const run = await runAction(libAction(), monorepo(), { inputs: { schema: API } });
  expect(run.status).toBe(1);
  expect(run.outputs.result).toBe('drift');
  expect(run.outputs.drift).toBe('true');
  expect(run.outputs['migration-folder']).toMatch(/^\d{14}_drift_fix$/);
}, 120_000);

test('several schemas for deploy: one clear line', async () => {
  const run = await runAction(libAction(), monorepo(), { inputs: { command: 'deploy', schema: `${API}\n${WEB}` } });
  expect(run.status).toBe(1);
  expect(run.stdout).toMatch(
    /^::error::input "schema": deploy works on one schema at a time, got 2; use one step per/m,
  );
});
