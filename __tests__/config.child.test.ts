import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configEnv } from '../src/config/configChild';
import { loadPrismaConfig } from '../src/config/prismaConfig';
import { copyFixture, runBin } from './helpers/fixtures';

// prisma.config.ts is code the pull request controls. It runs in a child process with a time
// limit and without the runner's tokens; whatever it does, the verdict is ours: this fixture
// drifts, so every run below must exit 1 and say so.
const SECRETS = {
  GITHUB_TOKEN: 'ghs_secret_github_token_0001',
  'INPUT_GITHUB-TOKEN': 'ghs_secret_input_token_0002',
  ACTIONS_RUNTIME_TOKEN: 'secret_runtime_token_0003',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'secret_id_token_0004',
  NODE_AUTH_TOKEN: 'secret_npm_token_0005',
};
const leakDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-leak-'));
afterAll(() => fs.rmSync(leakDir, { recursive: true, force: true }));

const CONFIG_TAIL = `export default { schema: 'prisma/schema.prisma', migrations: { path: 'prisma/migrations' } };\n`;

function checkWithConfig(body: string) {
  const dir = copyFixture('sqlite-seed-drift');
  fs.writeFileSync(path.join(dir, 'prisma.config.ts'), body + CONFIG_TAIL);
  const started = Date.now();
  const r = runBin(['check', '--json'], dir, SECRETS);
  return { ...r, ms: Date.now() - started, report: JSON.parse(r.stdout) as { drift: boolean; notes?: string[] } };
}

function expectNoSecretIn(...texts: string[]) {
  for (const text of texts) for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
}

test.each([
  ['process.exit(0)', 'process.exit(0);\n', /it exited with status 0 before returning a config/],
  ['process.exit(1)', 'process.exit(1);\n', /it exited with status 1 before returning a config/],
  ['process.exit(2)', 'process.exit(2);\n', /it exited with status 2 before returning a config/],
  ['a throw', "throw new Error('config exploded');\n", /\(config exploded\)/],
  ['process.kill(process.pid)', "process.kill(process.pid, 'SIGKILL');\n", /it was killed by SIGKILL/],
  ['an endless loop', 'while (true) {}\n', /it did not finish within 5 s/],
])(
  'a config that ends with %s: a note and the literal fallback; the verdict (drift, exit 1) stands',
  (_, body, why) => {
    const r = checkWithConfig(body);
    expect(r.status).toBe(1);
    expect(r.report.drift).toBe(true);
    expect(r.report.notes).toEqual([expect.stringMatching(why)]);
    expect(r.report.notes![0]).toMatch(/read its string literals instead$/);
    expect(r.ms).toBeLessThan(30_000);
  },
);

test('a config that reads the tokens and prints them, writes them to a file and spawns commands leaks nothing', () => {
  const file = path.join(leakDir, 'tokens.txt');
  const envDump = path.join(leakDir, 'env.txt');
  const late = path.join(leakDir, 'late.txt');
  const body = [
    "import { env } from 'prisma/config';",
    "import { execSync, spawn } from 'node:child_process';",
    "import * as fs from 'node:fs';",
    `const seen = [env('GITHUB_TOKEN'), process.env.GITHUB_TOKEN, process.env['INPUT_GITHUB-TOKEN'],`,
    `  process.env.ACTIONS_RUNTIME_TOKEN, process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN, process.env.NODE_AUTH_TOKEN,`,
    `  JSON.stringify(process.env)].join('\\n');`,
    `fs.writeFileSync(${JSON.stringify(file)}, seen);`,
    'console.log(seen); console.error(seen);',
    "console.log('::warning::from the config');",
    `execSync('env > ${envDump}');`,
    // A grandchild that would outlive the config: the process group is killed with it.
    `spawn('sh', ['-c', 'sleep 1; env > ${late}'], { stdio: 'ignore' });`,
    '',
  ].join('\n');
  const r = checkWithConfig(body);
  expect(r.status).toBe(1);
  expect(r.report.drift).toBe(true);
  expect(r.report.notes).toBeUndefined(); // it evaluated: nothing to fall back from
  expect(fs.existsSync(file)).toBe(true); // it did run
  expect(fs.readFileSync(envDump, 'utf8')).toMatch(/^PATH=/m);
  expectNoSecretIn(r.stdout, r.stderr, fs.readFileSync(file, 'utf8'), fs.readFileSync(envDump, 'utf8'));
  expect(r.stdout + r.stderr).not.toContain('::warning::from the config');
  expect(r.stdout + r.stderr).not.toContain('seen');
  // The grandchild was in the config's process group, killed when the config returned.
  const until = Date.now() + 2000;
  while (Date.now() < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  expect(fs.existsSync(late)).toBe(false);
});

test('the child gets the datasource variables the config names, and never a token even when named', () => {
  const env = { ...SECRETS, PATH: '/usr/bin', DATABASE_URL: 'file:./dev.db', DIRECT_URL: 'x', UNNAMED_SECRET: 's' };
  const source = "env('DATABASE_URL'); process.env.DIRECT_URL; env('GITHUB_TOKEN'); process.env['INPUT_GITHUB-TOKEN']";
  expect(configEnv(source, env)).toEqual({ PATH: '/usr/bin', DATABASE_URL: 'file:./dev.db', DIRECT_URL: 'x' });
});

test('negative control: a legitimate config that reads DATABASE_URL through env() still gets it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-cfg-'));
  const file = path.join(dir, 'prisma.config.ts');
  fs.writeFileSync(
    file,
    "import { defineConfig, env } from 'prisma/config';\n" +
      "export default defineConfig({ schema: 'db/schema.prisma', datasource: { url: env('DATABASE_URL') } });\n",
  );
  const c = loadPrismaConfig(file, { PATH: process.env.PATH, DATABASE_URL: 'postgresql://u@h/db', ...SECRETS });
  expect(c).toMatchObject({ schema: 'db/schema.prisma', url: 'postgresql://u@h/db' });
  expect(c.fallback).toBeUndefined();
});

test('a looping config ends by itself when our process is killed first (its group is not ours)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-cfg-orphan-'));
  const pidFile = path.join(dir, 'pid');
  fs.writeFileSync(
    path.join(dir, 'prisma.config.ts'),
    `require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));\nwhile (true) {}\n`,
  );
  const loader =
    `require(${JSON.stringify(require.resolve('../lib/config/prismaConfig.js'))})` +
    `.loadPrismaConfig(${JSON.stringify(path.join(dir, 'prisma.config.ts'))})`;
  const parent = spawn(process.execPath, ['-e', loader], { stdio: 'ignore' });
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  await waitFor(() => fs.existsSync(pidFile) && fs.readFileSync(pidFile, 'utf8') !== '', 20_000);
  const configPid = Number(fs.readFileSync(pidFile, 'utf8'));
  parent.kill('SIGKILL'); // as the supervisor's group kill would: it does not reach the config's group
  await new Promise((r) => parent.on('close', r));
  expect(alive(configPid)).toBe(true);
  await waitFor(() => !alive(configPid), 20_000);
  expect(alive(configPid)).toBe(false);
});

async function waitFor(done: () => boolean, ms: number): Promise<void> {
  for (const until = Date.now() + ms; !done() && Date.now() < until;) await new Promise((r) => setTimeout(r, 50));
}
