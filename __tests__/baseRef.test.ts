import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Git } from '../src/chain/git';
import { runCheck } from '../src/check';
import { copyFixture, runBin } from './helpers/fixtures';
import { baseRepo } from './helpers/gitRepo';

// A ref the pull request's author (or a workflow's expression) controls must never reach git as
// an option: each variant below would run a command or write a file if git parsed it as one.
const sideEffects = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-ref-'));
const marker = (name: string) => path.join(sideEffects, name);
const VARIANTS = [
  `--upload-pack=touch ${marker('upload-pack')}`,
  `-c core.sshCommand=touch ${marker('ssh')}`,
  `--output=${marker('output')}`,
  `-ccore.fsmonitor=touch ${marker('fsmonitor')}`,
  `--exec-path=${sideEffects}`,
];

afterAll(() => fs.rmSync(sideEffects, { recursive: true, force: true }));

test.each(VARIANTS)('--base %j: exit 2 with one line naming the ref, and git never runs it', (ref) => {
  const { repo } = baseRepo();
  const r = runBin(['check', `--base=${ref}`], repo.dir);
  expect(r.status).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(`--base ${JSON.stringify(ref)} is not a git ref: it starts with "-"`);
  expect(fs.readdirSync(sideEffects)).toEqual([]);
});

test('--base <ref starting with "-"> as two words: one line that says how to pass it, exit 2', () => {
  const { repo } = baseRepo();
  const r = runBin(['check', '--base', VARIANTS[0]!], repo.dir);
  expect(r.status).toBe(2);
  expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining("use '--base=-XYZ'")]);
  expect(fs.readdirSync(sideEffects)).toEqual([]);
});

test('a ref with a newline stays on one quoted line', async () => {
  const { repo } = baseRepo();
  const r = await runCheck({ cwd: repo.dir, base: 'main\n::warning::injected' });
  expect(r.errors[0]!.message).toMatch(/^--base "main\\n::warning::injected" is not a git ref/);
  expect(r.errors[0]!.message).not.toContain('\n');
});

test('below the validation, git itself reads every variant as a name (--end-of-options)', () => {
  const { repo } = baseRepo();
  const git = Git.open(repo.dir)!;
  for (const ref of VARIANTS) {
    expect(git.commit(ref)).toBeUndefined();
    expect(git.ensureCommit(ref)).toBeUndefined();
    expect(git.mergeBase(ref, 'HEAD')).toBeUndefined();
  }
  expect(fs.readdirSync(sideEffects)).toEqual([]);
  // Negative control: a real ref still resolves, through the same calls.
  expect(git.commit('main')).toMatch(/^[0-9a-f]{40}$/);
});

test('under the Action the messages name what its user controls, not --base', async () => {
  const { repo } = baseRepo();
  const r = await runCheck({ cwd: repo.dir, base: 'f'.repeat(40), surface: 'action', baseRequired: false });
  expect(r.integritySkipped).toMatch(/^pull request base ffffffffffff \(input "integrity"\): no such commit here/);
  expect(r.integritySkipped).not.toContain('--base');
  const cli = await runCheck({ cwd: repo.dir, base: 'f'.repeat(40), baseRequired: false });
  expect(cli.integritySkipped).toMatch(/^--base f{40}: no such commit here/);
});

test.each([
  [{ schema: 'nope/schema.prisma' }, 'input "schema" nope/schema.prisma: no such file or folder', '--schema nope'],
  [{ migrations: 'nope' }, 'input "migrations" nope: no such directory', '--migrations nope'],
  [{ shadowDatabaseUrl: 'postgresql://u@127.0.0.1:1/db' }, 'input "shadow-database-url" is for PostgreSQL', '--shadow'],
])('under the Action, %j is named as the input, on the CLI as the flag', async (given, action, cli) => {
  const cwd = copyFixture('sqlite-in-sync');
  const underAction = await runCheck({ cwd, ...given, surface: 'action' });
  expect(underAction.errors[0]!.message).toContain(action);
  expect(underAction.errors[0]!.message).not.toMatch(/--[a-z]/);
  expect((await runCheck({ cwd, ...given })).errors[0]!.message).toMatch(new RegExp(`^${cli}`));
});
