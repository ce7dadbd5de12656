import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import { ROOT } from './helpers/fixtures';

// What cannot run here: the workflows in .github/workflows and action.yml, checked against
// GitHub's schemas (offline, @action-validator/cli's wasm) and against this repository.

const WORKFLOWS = path.join(ROOT, '.github', 'workflows');
const workflowFiles = fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));
const VALIDATOR = path.join(ROOT, 'node_modules', '@action-validator', 'cli', 'cli.mjs');

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
  run?: string;
}
interface Job {
  permissions?: unknown;
  steps?: Step[];
}
interface Workflow {
  on: unknown;
  permissions?: unknown;
  jobs: Record<string, Job>;
}

const workflows = Object.fromEntries(
  workflowFiles.map((f) => [f, parse(fs.readFileSync(path.join(WORKFLOWS, f), 'utf8')) as Workflow]),
);
const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  runs: { using: string };
};
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps ?? []);

function validate(file: string) {
  const r = spawnSync(process.execPath, [VALIDATOR, file], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, errors: r.stderr.trim() };
}

test('the repository has the four workflows and Dependabot for npm and the actions', () => {
  expect(workflowFiles.sort()).toEqual(['check-dist.yml', 'ci.yml', 'release.yml', 'self-test.yml']);
  const dependabot = parse(fs.readFileSync(path.join(ROOT, '.github', 'dependabot.yml'), 'utf8')) as {
    updates: { 'package-ecosystem': string }[];
  };
  expect(dependabot.updates.map((u) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
});

test.each(workflowFiles)('%s passes GitHub’s workflow schema', (file) => {
  expect(validate(path.join(WORKFLOWS, file))).toEqual({ status: 0, errors: '' });
});

test('action.yml passes GitHub’s action schema', () => {
  // The validator's schema (0.6.0, the latest) predates `using: node24`, which GitHub runs since
  // runner 2.328: node24 is checked here, and the rest against the schema with node20 in its place.
  expect(action.runs.using).toBe('node24');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-action-'));
  const copy = path.join(dir, 'action.yml');
  const text = fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
  fs.writeFileSync(copy, text.replace(/^(\s+using:) node24$/m, '$1 node20'));
  try {
    expect(validate(copy)).toEqual({ status: 0, errors: '' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the validator does catch a broken workflow (so the tests above can fail)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-workflow-'));
  const file = path.join(dir, 'broken.yml');
  fs.writeFileSync(file, 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n');
  try {
    expect(validate(file).status).toBe(1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('every `uses: ./` step passes only inputs action.yml has, and reads only outputs it has', () => {
  const ours = Object.values(workflows).flatMap((w) => steps(w).filter((s) => s.uses === './'));
  expect(ours.length).toBeGreaterThanOrEqual(8);
  for (const step of ours)
    for (const key of Object.keys(step.with ?? {}))
      expect({ key, known: key in action.inputs }).toEqual({ key, known: true });
  const ids = new Set(ours.map((s) => s.id).filter(Boolean));
  for (const [file, w] of Object.entries(workflows)) {
    const text = JSON.stringify(w);
    for (const m of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      if (!ids.has(m[1]!)) continue;
      expect({ file, output: m[2], known: m[2]! in action.outputs }).toEqual({ file, output: m[2], known: true });
    }
  }
});

test('every fixture path the workflows name exists', () => {
  const named = Object.keys(workflows).flatMap((f) => [
    ...fs.readFileSync(path.join(WORKFLOWS, f), 'utf8').matchAll(/fixtures\/[\w.\-/]*[\w.-]/g),
  ]);
  expect(named.length).toBeGreaterThan(0);
  for (const m of named)
    expect({ path: m[0], exists: fs.existsSync(path.join(ROOT, m[0])) }).toMatchObject({ exists: true });
});

test('third-party actions are pinned by commit SHA, with the version in a comment', () => {
  for (const f of workflowFiles) {
    const lines = fs.readFileSync(path.join(WORKFLOWS, f), 'utf8').split('\n');
    for (const line of lines.filter((l) => /^\s*(- )?uses: /.test(l) && !/uses: \.\//.test(l)))
      expect({ f, line: line.trim() }).toEqual({ f, line: expect.stringMatching(/@[0-9a-f]{40} # v\d+\.\d+\.\d+$/) });
  }
});

test('workflows default to read-only permissions; a job asks for more only where it writes', () => {
  const writes: Record<string, string[]> = {};
  for (const [file, w] of Object.entries(workflows)) {
    expect({ file, permissions: w.permissions }).toEqual({ file, permissions: { contents: 'read' } });
    for (const [name, job] of Object.entries(w.jobs)) {
      const p = (job.permissions ?? {}) as Record<string, string>;
      const granted = Object.entries(p).filter(([, v]) => v === 'write');
      if (granted.length) writes[`${file} ${name}`] = granted.map(([k]) => k);
    }
  }
  // The sticky comment, npm provenance (OIDC), and the release with its moved tag.
  expect(writes).toEqual({
    'self-test.yml comment': ['pull-requests'],
    'release.yml npm': ['id-token'],
    'release.yml github': ['contents'],
  });
});
