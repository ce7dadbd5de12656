import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../src/cli';
import { migrationFolderName, renderMigrationFile, writeMigration } from '../src/write';
import { copyFixture } from './helpers/fixtures';

async function cli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd, color: false, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

test.each(['sqlite-data-loss', 'pg-data-loss'])(
  "%s: --write saves the suggestion with Prisma's warnings header; the next check passes",
  async (name) => {
    const dir = copyFixture(name);
    const first = await cli(['check', '--write', 'fix drift!'], dir);
    expect(first.code).toBe(1);
    const wrote = /Wrote (prisma\/migrations\/(\d{14})_fix_drift_\/migration\.sql)/.exec(first.stdout);
    expect(wrote).not.toBeNull();
    const content = fs.readFileSync(path.join(dir, wrote![1]!), 'utf8');
    expect(content).toMatch(/^\/\*\n {2}Warnings:\n\n {2}- /);
    expect(content).toMatch(/\n\n\*\/\n--/);
    expect(content.endsWith(fs.readFileSync(path.join(dir, 'expected.sql'), 'utf8'))).toBe(true);
    const second = await cli(['check'], dir);
    expect(second.code).toBe(0);
  },
);

test('--write with --json keeps stdout pure JSON', async () => {
  const dir = copyFixture('sqlite-seed-drift');
  const r = await cli(['check', '--json', '--write', 'x'], dir);
  expect(r.code).toBe(1);
  expect(JSON.parse(r.stdout).drift).toBe(true);
  expect(r.stderr).toMatch(/^Wrote prisma\/migrations\/\d{14}_x\/migration\.sql\n$/);
});

test('an existing folder is never overwritten', () => {
  const dir = copyFixture('sqlite-in-sync');
  const migrations = path.join(dir, 'prisma/migrations');
  const r = writeMigration(migrations, '20240201000000_add_posts', 'DROP TABLE "User";', 'sqlite');
  expect(r.ok).toBe(false);
  expect(r.ok ? '' : r.problem.message).toMatch(/already exists; nothing was written/);
  expect(fs.readFileSync(path.join(migrations, '20240201000000_add_posts/migration.sql'), 'utf8')).toMatch(
    /CREATE TABLE "Post"/,
  );
});

test('migration_lock.toml is created when missing', () => {
  const dir = copyFixture('pg-no-migrations');
  const migrations = path.join(dir, 'prisma/migrations');
  expect(writeMigration(migrations, '20240101000000_init', 'SELECT 1;', 'postgresql').ok).toBe(true);
  expect(fs.readFileSync(path.join(migrations, 'migration_lock.toml'), 'utf8')).toMatch(/^provider = "postgresql"$/m);
});

test('folder names: UTC timestamp, safe name, and always after a future-dated newest folder', () => {
  const now = new Date(Date.UTC(2026, 10, 23, 21, 5, 9));
  expect(migrationFolderName('add users', [], now)).toBe('20261123210509_add_users');
  expect(migrationFolderName('x', ['20301231235959_future', 'migration_lock.toml'], now)).toBe('20310101000000_x');
  expect(renderMigrationFile('SELECT 1;\n', [])).toBe('SELECT 1;\n');
});
