import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BIN, copyFixture, fixture, runBin, type CliRun } from './helpers/fixtures';

// A pull request controls the symlinks in its repository. Whatever they point at must never be
// read, printed or posted: each case below puts a secret outside the repository and links to it.
const SECRET = 'ghp_SECRETtoken0123456789';
let outside: string;
let repo: string;
beforeEach(() => {
  outside = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-outside-'));
  fs.writeFileSync(path.join(outside, 'secret.sql'), `INSERT INTO "nope" VALUES ('${SECRET}');\n`);
  fs.writeFileSync(path.join(outside, 'secret.prisma'), `model Leak { id Int @id @default(${SECRET}) }\n`);
  repo = copyFixture('sqlite-in-sync');
});
afterEach(() => {
  fs.rmSync(outside, { recursive: true, force: true });
  fs.rmSync(repo, { recursive: true, force: true });
});

const migrations = () => path.join(repo, 'prisma', 'migrations');
const firstMigration = () => fs.readdirSync(migrations()).filter((d) => /^\d/.test(d))[0]!;
const check = (args: string[] = []) => runBin(['check', '--json', ...args], repo);

function expectRefused(r: CliRun, what: RegExp): void {
  expect(r.status).toBe(2);
  expect(r.stdout + r.stderr).not.toContain(SECRET);
  const errors = (JSON.parse(r.stdout) as { errors: { message: string }[] }).errors;
  expect(errors).toHaveLength(1);
  expect(errors[0]!.message).toMatch(what);
  expect(errors[0]!.message).not.toMatch(/\n/);
}

test.each([
  ['a file outside the repository', () => path.join(outside, 'secret.sql')],
  ['/proc/self/environ', () => '/proc/self/environ'],
  ['/etc/passwd', () => '/etc/passwd'],
])('migration.sql as a symlink to %s is refused, not read', (_name, target) => {
  const file = path.join(migrations(), firstMigration(), 'migration.sql');
  fs.rmSync(file);
  fs.symlinkSync(target(), file);
  expectRefused(check(), /migration\.sql: migration "\d+_\w+" is a symlink that leads outside prisma\/migrations/);
});

test('a migration folder that is a symlink outside is refused, not skipped (skipping gave false drift)', () => {
  fs.mkdirSync(path.join(outside, 'm'));
  fs.copyFileSync(path.join(outside, 'secret.sql'), path.join(outside, 'm', 'migration.sql'));
  fs.symlinkSync(path.join(outside, 'm'), path.join(migrations(), '29990101000000_linked'));
  expectRefused(check(), /29990101000000_linked: migration folder is a symlink that leads outside/);
});

test('migration_lock.toml as a symlink outside is refused', () => {
  const lock = path.join(migrations(), 'migration_lock.toml');
  fs.rmSync(lock);
  fs.symlinkSync('/etc/hostname', lock);
  expectRefused(check(), /migration_lock\.toml is a symlink that leads outside/);
});

test('a .prisma file in a schema folder that links outside is refused', () => {
  const multi = copyFixture('pg-multi-file');
  try {
    const dir = path.join(multi, 'prisma', 'schema');
    fs.symlinkSync(path.join(outside, 'secret.prisma'), path.join(dir, 'zz-leak.prisma'));
    const r = runBin(['check', '--json'], multi);
    expectRefused(r, /zz-leak\.prisma: the schema file is a symlink that leads outside prisma\/schema/);
  } finally {
    fs.rmSync(multi, { recursive: true, force: true });
  }
});

test('prisma.config.ts as a symlink outside the repository is refused', () => {
  fs.writeFileSync(path.join(outside, 'prisma.config.ts'), `export default { schema: '${SECRET}' }\n`);
  fs.symlinkSync(path.join(outside, 'prisma.config.ts'), path.join(repo, 'prisma.config.ts'));
  expectRefused(check(), /prisma\.config\.ts: the Prisma config is a symlink that leads outside/);
});

test('the default prisma/ folder as a symlink outside the repository is refused', () => {
  fs.cpSync(path.join(repo, 'prisma'), path.join(outside, 'prisma'), { recursive: true });
  fs.rmSync(path.join(repo, 'prisma'), { recursive: true });
  fs.symlinkSync(path.join(outside, 'prisma'), path.join(repo, 'prisma'));
  expectRefused(check(), /the schema leads outside \S+ through a symlink/);
});

describe('paths the user passes are trusted wherever they are; links inside stay allowed', () => {
  test('--schema and --migrations outside the working directory', () => {
    const schema = path.join(repo, 'prisma', 'schema.prisma');
    expect(runBin(['check', '--json', '--schema', schema], outside).status).toBe(0);
    const moved = path.join(outside, 'elsewhere');
    fs.renameSync(migrations(), moved);
    expect(runBin(['check', '--json', '--schema', schema, '--migrations', moved], outside).status).toBe(0);
    // A migrations folder beside that schema which links elsewhere is not the user's choice.
    fs.symlinkSync(moved, migrations());
    expect(runBin(['check', '--json', '--schema', schema], outside).status).toBe(2);
  });

  test('a schema folder file that links to another file inside the folder', () => {
    const multi = copyFixture('pg-multi-file');
    try {
      const dir = path.join(multi, 'prisma', 'schema');
      const real = fs.readdirSync(dir).find((f) => f.endsWith('.prisma') && f !== 'schema.prisma')!;
      fs.renameSync(path.join(dir, real), path.join(dir, `${real}.txt`));
      fs.symlinkSync(`${real}.txt`, path.join(dir, real));
      expect(runBin(['check', '--json'], multi).status).toBe(JSON.parse(expectedStatus('pg-multi-file')));
    } finally {
      fs.rmSync(multi, { recursive: true, force: true });
    }
  });
});

function expectedStatus(name: string): string {
  return String(runBin(['check', '--json'], fixture(name)).status);
}

describe('only regular files are read: a FIFO never blocks the check', () => {
  const fifo = (p: string) => {
    fs.rmSync(p, { force: true });
    expect(spawnSync('mkfifo', [p]).status).toBe(0);
  };
  const bounded = (args: string[], cwd: string) =>
    spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 30_000 });

  test.each([
    ['migration.sql: migration "\\w+"', () => path.join(migrations(), firstMigration(), 'migration.sql')],
    ['schema.prisma', () => path.join(repo, 'prisma', 'schema.prisma')],
    ['migration_lock.toml', () => path.join(migrations(), 'migration_lock.toml')],
  ])('%s as a FIFO', (name, file) => {
    fifo(file());
    const r = bounded(['check', '--json'], repo);
    expect(r.signal).toBeNull();
    expectRefused(
      { status: r.status, stdout: r.stdout, stderr: r.stderr },
      new RegExp(`${name}.* is not a regular file`),
    );
  });
});
