import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkOutAction, runAction } from './helpers/action';
import { copyFixture } from './helpers/fixtures';
import { INJECTIONS, workflowCommandLines } from './helpers/workflowCommands';

// The committed Action (dist/ under Node 24, as a runner starts it) on a pull request that
// tries to run workflow commands through its folder names, and one whose migration never ends.
let actionDir: string;
beforeAll(() => (actionDir = checkOutAction()));
afterAll(() => fs.rmSync(actionDir, { recursive: true, force: true }));

function prWith(name: string, sql: string): string {
  const repo = copyFixture('sqlite-in-sync');
  const dir = path.join(repo, 'prisma', 'migrations', name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'migration.sql'), sql);
  return repo;
}

test.each(INJECTIONS)('a folder named …%j runs no workflow command of its own', async (payload) => {
  const repo = prWith(`20990101000000_x${payload}`, 'SELECT 1;');
  try {
    const r = await runAction(actionDir, repo);
    expect(r.status).toBe(1);
    expect(r.outputs['result']).toBe('broken');
    // Our own annotation is the only command; its message carries the payload escaped.
    const commands = workflowCommandLines(r.stdout);
    expect(commands.length).toBeGreaterThan(0);
    for (const c of commands) expect(c).toMatch(/^::error( [^:]*)?::.*migration folder's name holds a control/);
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
  }
});

test('timeout-seconds ends a migration that never ends: the step fails, result broken, the statement named', async () => {
  const loop = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c;';
  const repo = prWith('20990101000000_forever', `${loop}\n`);
  try {
    const started = Date.now();
    const r = await runAction(actionDir, repo, { inputs: { 'timeout-seconds': '3' } });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.status).toBe(1);
    expect(r.outputs['result']).toBe('broken');
    expect(r.summary).toContain('timed out after 3 s while replaying migration');
    expect(r.stdout).toMatch(/::error[^\n]*timed out after 3 s[^\n]*WITH RECURSIVE c\(x\)/);
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
  }
});

test('timeout-seconds that is not a number is an input error', async () => {
  const repo = copyFixture('sqlite-in-sync');
  try {
    const r = await runAction(actionDir, repo, { inputs: { 'timeout-seconds': 'soon' } });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('input "timeout-seconds": expected a number of seconds above 0, got "soon"');
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
  }
});
