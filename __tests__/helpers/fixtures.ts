import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';

export const ROOT = path.join(__dirname, '..', '..');
export const BIN = path.join(ROOT, 'bin', 'prisma-drift-gate.js');
export const fixture = (name: string) => path.join(ROOT, 'fixtures', name);

/** A private copy of a fixture, so a test can add files without touching the repo. */
export function copyFixture(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pdg-${name}-`));
  fs.cpSync(fixture(name), dir, { recursive: true });
  return dir;
}

export function readExpected(name: string): string {
  return fs.readFileSync(path.join(fixture(name), 'expected.sql'), 'utf8');
}

/** The reviewed data-loss warnings of a fixture; none when it has no expected-warnings.json. */
export function readExpectedWarnings(name: string): unknown[] {
  const file = path.join(fixture(name), 'expected-warnings.json');
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : [];
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the installed bin as a user would, with no DATABASE_URL in the environment. */
export function runBin(args: string[], cwd: string = ROOT, extraEnv: NodeJS.ProcessEnv = {}): CliRun {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.NO_COLOR;
  Object.assign(env, extraEnv);
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** runBin without blocking the test process: for runs that must overlap. */
export function runBinAsync(args: string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  Object.assign(env, extraEnv);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Adds a migration folder to a project copy. */
export function addMigration(projectDir: string, name: string, sql: string): void {
  const dir = path.join(projectDir, 'prisma', 'migrations', name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'migration.sql'), sql);
}
