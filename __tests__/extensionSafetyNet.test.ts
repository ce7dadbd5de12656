import { exitCodeOf, runCheck } from '../src/check';
import { addMigration, copyFixture } from './helpers/fixtures';

// A CREATE EXTENSION inside a DO block is a string to the tokeniser: PGlite starts without it.
const HIDDEN_TRGM =
  "-- Enable trigram search\nDO $$ BEGIN\n  EXECUTE 'CREATE EXTENSION IF NOT EXISTS pg_trgm';\nEND $$;\n\n" +
  "SELECT similarity('prisma', 'prism');\n";

test('PGlite lacks a bundled extension the chain creates out of sight: the replay starts over with it, and says so', async () => {
  const dir = copyFixture('pg-in-sync');
  addMigration(dir, '20240301000000_trgm', HIDDEN_TRGM);
  const report = await runCheck({ cwd: dir });
  expect(report.errors).toEqual([]);
  expect(report.drift).toBe(false);
  expect(exitCodeOf(report)).toBe(0);
  expect(report.migrations.map((m) => m.name)).toEqual([
    '20240101000000_init',
    '20240201000000_add_posts',
    '20240301000000_trgm',
  ]);
  expect(report.notes).toEqual([
    'The chain creates the extension "pg_trgm" in a way the check cannot read (in a DO block or a function), so ' +
      'PGlite started without it; the replay started over with "pg_trgm" loaded.',
  ]);
});

test('an extension PGlite does not bundle is not retried: the failure names the migration', async () => {
  const dir = copyFixture('pg-in-sync');
  addMigration(dir, '20240301000000_gis', "DO $$ BEGIN EXECUTE 'CREATE EXTENSION postgis'; END $$;\n");
  const report = await runCheck({ cwd: dir });
  expect(exitCodeOf(report)).toBe(2);
  expect(report.notes).toBeUndefined();
  // The migrations that ran before the failure stay in the report.
  expect(report.migrations.map((m) => m.name)).toEqual(['20240101000000_init', '20240201000000_add_posts']);
  expect(report.errors).toHaveLength(1);
  expect(report.errors[0]!.message).toMatch(
    /migration "20240301000000_gis" failed .*extension "postgis" is not available/,
  );
});
