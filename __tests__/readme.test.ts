import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './helpers/fixtures';

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  runs: { using: string; main: string };
};
const yamlBlocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

/** Step-list snippets are indented as inside a workflow; strip the common indentation. */
function dedent(text: string): string {
  const lines = text.split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

/** Every step that uses this action, from every YAML block (whole workflows or step lists). */
function ourSteps(): Step[] {
  const steps: Step[] = [];
  for (const block of yamlBlocks) {
    const doc = parse(dedent(block)) as unknown;
    const visit = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (node && typeof node === 'object') {
        const step = node as Step;
        if (typeof step.uses === 'string' && step.uses.includes('prisma-drift-gate')) steps.push(step);
        Object.values(node).forEach(visit);
      }
    };
    visit(doc);
  }
  return steps;
}

test('the README starts with exactly the two set-up commands', () => {
  const first = /```sh\n([\s\S]*?)```/.exec(readme)![1]!.trim().split('\n');
  expect(first).toEqual([
    'npm ci && npx prisma-drift-gate check --schema fixtures/sqlite-seed-drift/prisma/schema.prisma',
    'npm test',
  ]);
});

test('every `with:` key in the README workflows is an input of action.yml', () => {
  const steps = ourSteps();
  expect(steps.length).toBeGreaterThanOrEqual(2);
  for (const step of steps)
    for (const key of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
});

test('every output the README uses exists', () => {
  const used = [...readme.matchAll(/steps\.\w+\.outputs\.([\w-]+)/g)].map((m) => m[1]!);
  expect(used.length).toBeGreaterThan(0);
  for (const name of used) expect(Object.keys(action.outputs)).toContain(name);
});

test('the inputs and outputs tables list exactly action.yml', () => {
  const tableNames = (heading: string) => {
    const section = readme.split(`### ${heading}`)[1]!.split('\n### ')[0]!;
    return [...section.matchAll(/^\| `([\w-]+)` \|/gm)].map((m) => m[1]!).sort();
  };
  expect(tableNames('Inputs')).toEqual(Object.keys(action.inputs).sort());
  expect(tableNames('Outputs')).toEqual(Object.keys(action.outputs).sort());
});

test('action.yml runs the launcher on node24, and the launcher runs the bundle', () => {
  expect(action.runs).toEqual({ using: 'node24', main: 'dist/launch.js' });
  expect(fs.readFileSync(path.join(ROOT, 'dist', 'launch.js'), 'utf8')).toContain("path.join(__dirname, 'index.js')");
});
