import { runBin } from './helpers/fixtures';

const DRIFT = 'fixtures/sqlite-seed-drift/prisma/schema.prisma';
const IN_SYNC = 'fixtures/sqlite-in-sync/prisma/schema.prisma';

test('--schema twice with --json: one object per line, in order; the exit code is the worst', () => {
  const r = runBin(['check', '--json', '--schema', IN_SYNC, '--schema', DRIFT]);
  expect(r.status).toBe(1);
  const lines = r.stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(2);
  const [first, second] = lines.map((l) => JSON.parse(l));
  expect([first.schema, first.drift]).toEqual([[IN_SYNC], false]);
  expect([second.schema, second.drift]).toEqual([[DRIFT], true]);
});

test('--schema twice without --json: one report after another', () => {
  const r = runBin(['check', '--schema', DRIFT, '--schema', IN_SYNC]);
  expect(r.status).toBe(1);
  const drift = r.stdout.indexOf(`✗ drift (sqlite): ${DRIFT}`);
  const inSync = r.stdout.indexOf(`✓ in sync (sqlite): ${IN_SYNC}`);
  expect(drift).toBeGreaterThanOrEqual(0);
  expect(inSync).toBeGreaterThan(drift);
});

test('a broken schema among several makes the run exit 2, and the others are still checked', () => {
  const r = runBin(['check', '--json', '--schema', 'fixtures/bad-mysql/prisma/schema.prisma', '--schema', IN_SYNC]);
  expect(r.status).toBe(2);
  expect(
    r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l).drift),
  ).toEqual([null, false]);
});

test('deploy takes one schema', () => {
  const r = runBin(['deploy', '--schema', IN_SYNC, '--schema', DRIFT, '--database-url', 'file:./x.db']);
  expect(r.status).toBe(2);
  expect(r.stderr).toBe('error: --schema is given 2 times; deploy works on one schema at a time.\n');
});
