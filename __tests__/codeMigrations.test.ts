import * as fs from 'node:fs';
import * as path from 'node:path';
import { exitCodeOf, runCheck } from '../src/check';
import { deployExitCode, runDeployCommand } from '../src/deploy/run';
import { copyFixture, fixture, runBin } from './helpers/fixtures';

const CODE_FOLDERS = [
  '20240115000000_backfill_emails',
  '20240202000000_copy_titles',
  '20240203000000_seed_admins',
  '20240204000000_normalise_names',
];

test('check skips folders holding code migrations, in one note, and lists them as skipped', async () => {
  const report = await runCheck({ cwd: fixture('sqlite-data-migrations') });
  expect(report.errors).toEqual([]);
  expect(report.drift).toBe(false);
  expect(exitCodeOf(report)).toBe(0);
  expect(report.migrations.map((m) => m.name)).toEqual(['20240101000000_init', '20240201000000_add_posts']);
  expect(report.skipped).toEqual(CODE_FOLDERS);
  expect(report.notes).toEqual([
    '4 migration folders without migration.sql skipped as code migrations (20240115000000_backfill_emails, ' +
      '20240202000000_copy_titles, 20240203000000_seed_admins, …): they are not replayed (prisma migrate deploy ' +
      'would fail on them, P3015).',
  ]);
});

test('--json lists the skipped folders; the text report shows the note', () => {
  const json = runBin(['check', '--json'], fixture('sqlite-data-migrations'));
  expect(json.status).toBe(0);
  expect(JSON.parse(json.stdout).skipped).toEqual(CODE_FOLDERS);
  const text = runBin(['check'], fixture('sqlite-data-migrations'));
  expect(text.stdout).toMatch(/^note: 4 migration folders without migration\.sql skipped as code migrations/);
});

test.each([
  ['an empty folder', []],
  ['a folder with only a README and a .gitkeep', ['README.md', '.gitkeep']],
])('%s stays an error, as Prisma P3015', async (_label, files) => {
  const dir = copyFixture('sqlite-data-migrations');
  const folder = path.join(dir, 'prisma/migrations/20240301000000_forgotten');
  fs.mkdirSync(folder);
  for (const f of files) fs.writeFileSync(path.join(folder, f), 'x\n');
  const report = await runCheck({ cwd: dir });
  expect(exitCodeOf(report)).toBe(2);
  expect(report.errors[0]!.message).toMatch(
    /20240301000000_forgotten: migration folder "20240301000000_forgotten" has no migration\.sql \(P3015\)/,
  );
});

test('deploy refuses before anything runs: a code migration, which prisma migrate deploy fails on too', async () => {
  const dir = copyFixture('sqlite-data-migrations');
  const db = path.join(dir, 'prisma/dev.db');
  const report = await runDeployCommand('deploy', { cwd: dir, databaseUrl: 'file:./dev.db' });
  expect(report.result).toBe('refused');
  expect(deployExitCode(report)).toBe(2);
  expect(report.errors).toHaveLength(1);
  expect(report.errors[0]!.migration).toBe('20240115000000_backfill_emails');
  expect(report.errors[0]!.message).toMatch(
    /^prisma\/migrations\/20240115000000_backfill_emails has no migration\.sql: it is a code migration \(and 3 more: /,
  );
  expect(report.errors[0]!.message).toContain('prisma migrate deploy would fail on it too (P3015)');
  expect(report.deployed).toEqual([]);
  expect(fs.existsSync(db)).toBe(false);
});

test('status reads the database without them, and says they were left out', async () => {
  const dir = copyFixture('sqlite-data-migrations');
  const report = await runDeployCommand('status', { cwd: dir, databaseUrl: 'file:./dev.db' });
  expect(report.errors).toEqual([]);
  expect(report.result).toBe('behind');
  expect(report.migrations.map((m) => `${m.name}:${m.state}`)).toEqual([
    '20240101000000_init:pending',
    '20240201000000_add_posts:pending',
  ]);
  expect(report.notes).toContain(`Code-migration folders left out: ${CODE_FOLDERS.join(', ')}.`);
});
