import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixture } from './helpers/fixtures';
import { FakeGitHubApi, refusingApiUrl } from './helpers/githubApi';
import { checkOutAction, runAction } from './helpers/action';

// The Action from dist/ under Node 24 while GitHub is down. Commenting is best effort: the
// verdict, the outputs and the summary stand, and the exit code is the verdict's.
// PRISMA_DRIFT_GATE_GITHUB_TIMEOUT_MS (tests only) shortens the per-request timeout from 10 s.
const TIMEOUT_MS = 400;

let actionDir: string;
let api: FakeGitHubApi;
let apiUrl: string;

beforeAll(async () => {
  actionDir = checkOutAction();
  api = new FakeGitHubApi();
  apiUrl = await api.start();
});
afterAll(() => api.stop());

function workspaceFrom(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pdg-ws-${name}-`));
  fs.cpSync(fixture(name), dir, { recursive: true });
  return dir;
}

type Outage = 'unreachable' | '500' | 'never answers';
const CAUSE: Record<Outage, RegExp> = {
  unreachable: /\(connect ECONNREFUSED 127\.0\.0\.1:\d+\)/,
  '500': /\(HTTP 500\)/,
  'never answers': /\(no answer within 0\.4 s\)/,
};

async function runDuring(outage: Outage, fixtureName: string, pr: number) {
  api.outage = outage === '500' ? 'error500' : outage === 'never answers' ? 'silent' : 'none';
  api.requests = [];
  const url = outage === 'unreachable' ? await refusingApiUrl() : apiUrl;
  const started = Date.now();
  try {
    const r = await runAction(actionDir, workspaceFrom(fixtureName), {
      pr,
      inputs: { 'github-token': 'ghs_test_token', comment: 'true' },
      env: { GITHUB_API_URL: url, PRISMA_DRIFT_GATE_GITHUB_TIMEOUT_MS: String(TIMEOUT_MS) },
    });
    return { ...r, ms: Date.now() - started, requests: [...api.requests] };
  } finally {
    api.outage = 'none';
  }
}

const warningLine = (stdout: string, pr: number) =>
  stdout.split('\n').filter((l) => l.startsWith(`::warning::commenting on pull request #${pr} failed`));

describe.each<Outage>(['unreachable', '500', 'never answers'])('GitHub API %s', (outage) => {
  test('in sync: exit 0 with one warning naming the cause; outputs and summary written', async () => {
    const r = await runDuring(outage, 'sqlite-in-sync', 31);
    expect(r.status).toBe(0);
    const warnings = warningLine(r.stdout, 31);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(CAUSE[outage]);
    expect(r.stdout).not.toMatch(/::error::/);
    expect(r.outputs['drift']).toBe('false');
    expect(r.outputs['result']).toBe('in-sync');
    expect(r.summary).toMatch(/Prisma schema in sync/);
  });

  test('drift: exit 1 with the full summary and outputs, and the warning', async () => {
    const r = await runDuring(outage, 'sqlite-seed-drift', 32);
    expect(r.status).toBe(1);
    expect(warningLine(r.stdout, 32)[0]).toMatch(CAUSE[outage]);
    expect(r.stdout).toMatch(/::error::Schema drift/);
    expect(r.stdout).not.toMatch(/internal error/);
    expect(r.outputs['drift']).toBe('true');
    expect(r.outputs['migration-sql']).toMatch(/CREATE TABLE|ALTER TABLE/);
    expect(r.summary).toMatch(/Prisma schema drift/);
    expect(r.summary).toContain(r.outputs['migration-sql']!.trim().split('\n')[0]!);
    // Bounded: three attempts at most, so a dead API costs seconds, not minutes.
    if (outage !== 'unreachable') expect(r.requests).toHaveLength(3);
    expect(r.ms).toBeLessThan(20_000);
  });
});
