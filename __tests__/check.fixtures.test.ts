import * as fs from 'node:fs';
import * as path from 'node:path';
import { exitCodeOf, runCheck } from '../src/check';
import { copyFixture, fixture, readExpected, readExpectedWarnings } from './helpers/fixtures';

const DRIFT = [
  'sqlite-data-loss',
  'pg-data-loss',
  'sqlite-seed-drift',
  'pg-seed-drift',
  'pg-dropped-column',
  'pg-required-column',
  'pg-rich-types',
  'pg-multi-file',
  'pg-no-migrations',
  'pg-prisma5-m2m-drift',
  'pg-repeated-index-drift',
];
const IN_SYNC = [
  'sqlite-in-sync',
  'pg-in-sync',
  'pg-extension',
  'pg-extension-comment',
  'pg-prisma5-m2m',
  'pg-repeated-index',
  'sqlite-data-migrations',
  'sqlite-dqs',
  'sqlite-prisma5',
  'sqlite-commented-datasource',
  'sqlite-odd-names',
];

describe('fixtures with drift', () => {
  test.each(DRIFT)('%s: suggests exactly the reviewed expected.sql, and it round-trips', async (name) => {
    const report = await runCheck({ cwd: fixture(name) });
    expect(report.errors).toEqual([]);
    expect(report.drift).toBe(true);
    expect(report.sql).toBe(readExpected(name));
    expect(report.summary).not.toBe('');
    expect(report.roundTrip).toEqual({ ok: true });
    expect(exitCodeOf(report)).toBe(1);
    expect(report.warnings).toEqual(readExpectedWarnings(name));
  });

  test.each(DRIFT)('%s: committing the suggestion as a migration makes check pass', async (name) => {
    const dir = copyFixture(name);
    const report = await runCheck({ cwd: dir });
    const folder = path.join(dir, report.migrationsDir!, '20991231000000_drift_fix');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'migration.sql'), report.sql);
    const again = await runCheck({ cwd: dir });
    expect(again.errors).toEqual([]);
    expect(again.drift).toBe(false);
    expect(again.migrations.map((m) => m.name)).toContain('20991231000000_drift_fix');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('fixtures in sync', () => {
  test.each(IN_SYNC)('%s: no drift, empty sql, exit 0', async (name) => {
    const report = await runCheck({ cwd: fixture(name) });
    expect(report.errors).toEqual([]);
    expect(report.drift).toBe(false);
    expect(report.sql).toBe('');
    expect(report.migrations.length).toBeGreaterThan(0);
    expect(exitCodeOf(report)).toBe(0);
  });
});

test('migrations are replayed in Prisma order (localeCompare), names with spaces included', async () => {
  const report = await runCheck({ cwd: fixture('sqlite-odd-names') });
  expect(report.migrations.map((m) => m.name)).toEqual(['01_init', '02 add settings']);
});

test('checksums are the lowercase hex SHA-256 of migration.sql, as in _prisma_migrations', async () => {
  const report = await runCheck({ cwd: fixture('sqlite-in-sync') });
  const { createHash } = await import('node:crypto');
  for (const m of report.migrations) {
    const sql = fs.readFileSync(path.join(fixture('sqlite-in-sync'), 'prisma/migrations', m.name, 'migration.sql'));
    expect(m.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
  }
});

test('a multi-file schema is read whole and its migrations are found beside the folder', async () => {
  const report = await runCheck({ cwd: fixture('pg-multi-file') });
  expect(report.schema).toEqual([
    'prisma/schema/post.prisma',
    'prisma/schema/schema.prisma',
    'prisma/schema/user.prisma',
  ]);
  expect(report.migrationsDir).toBe('prisma/migrations');
});

test('no migrations folder: the whole schema is the suggestion', async () => {
  const report = await runCheck({ cwd: fixture('pg-no-migrations') });
  expect(report.migrations).toEqual([]);
  expect(report.sql).toMatch(/CREATE TABLE "User"/);
  expect(report.sql).toMatch(/CREATE TABLE "Post"/);
});

test('--schema and --migrations override discovery, relative to the working directory', async () => {
  const report = await runCheck({
    cwd: path.join(fixture('pg-seed-drift'), '..'),
    schema: 'pg-seed-drift/prisma/schema.prisma',
    migrations: 'pg-seed-drift/prisma/migrations',
  });
  expect(report.schema).toEqual(['pg-seed-drift/prisma/schema.prisma']);
  expect(report.migrationsDir).toBe('pg-seed-drift/prisma/migrations');
  expect(report.drift).toBe(true);
});
