import * as path from 'node:path';
import { fixture, ROOT, runBin } from './helpers/fixtures';

// These run the bin as a separate process, as a user or CI would.

test('--json prints exactly one JSON object with the contract fields, and exit 1 on drift', () => {
  const r = runBin(['check', '--json', '--schema', 'fixtures/sqlite-seed-drift/prisma/schema.prisma']);
  expect(r.status).toBe(1);
  const report = JSON.parse(r.stdout);
  expect(Object.keys(report).sort()).toEqual(
    [
      'drift',
      'errors',
      'findings',
      'migrations',
      'migrationsDir',
      'prismaVersion',
      'provider',
      'roundTrip',
      'schema',
      'sql',
      'summary',
      'timings',
      'warnings',
      'review',
      'failedOn',
    ].sort(),
  );
  expect(report).toMatchObject({
    drift: true,
    provider: 'sqlite',
    schema: ['fixtures/sqlite-seed-drift/prisma/schema.prisma'],
    migrationsDir: 'fixtures/sqlite-seed-drift/prisma/migrations',
    warnings: [],
    errors: [],
    roundTrip: { ok: true },
    prismaVersion: null,
  });
  expect(report.migrations[0]).toEqual({
    name: '20240101000000_init',
    checksum: expect.stringMatching(/^[0-9a-f]{64}$/),
    durationMs: expect.any(Number),
  });
  expect(Object.keys(report.timings).sort()).toEqual(
    ['diffMs', 'roundTripMs', 'dbStartMs', 'engineLoadMs', 'replayMs', 'startMs', 'totalMs'].sort(),
  );
});

test('--json on a broken chain: drift null, the error in errors, exit 2, stdout still pure JSON', () => {
  const r = runBin(['check', '--json'], fixture('sqlite-sql-error'));
  expect(r.status).toBe(2);
  const report = JSON.parse(r.stdout);
  expect(report.drift).toBeNull();
  expect(report.errors[0]).toMatchObject({ migration: '20240201000000_add_bio', line: 5 });
});

test('run inside a fixture with no flags, it finds schema and migrations itself (in sync: exit 0)', () => {
  const r = runBin(['check'], fixture('pg-in-sync'));
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^✓ in sync \(postgresql\): prisma\/schema\.prisma vs 2 migrations in prisma\/migrations/);
});

test('text output on drift shows the summary and the SQL, uncoloured when not a TTY', () => {
  const r = runBin(['check'], fixture('pg-seed-drift'));
  expect(r.status).toBe(1);
  expect(r.stdout).toMatch(/Added column `lastUpdated`/);
  expect(r.stdout).toMatch(
    /ALTER TABLE "User" ADD COLUMN {5}"lastUpdated" TIMESTAMP\(3\) NOT NULL DEFAULT CURRENT_TIMESTAMP;/,
  );
  // eslint-disable-next-line no-control-regex -- the test looks for ANSI colour codes
  expect(r.stdout).not.toMatch(/\u001b\[/);
});

test.each([
  [['check', '--schema', 'missing/schema.prisma'], /^error: --schema missing\/schema\.prisma: no such file or folder/],
  [['check', '--bogus'], /^error: Unknown option '--bogus'/],
  [['frobnicate'], /^error: unknown command "frobnicate"/],
  [['deploy', '--drift'], /^error: --drift does not apply to deploy\. Run prisma-drift-gate --help\.\n$/],
  [['check', '--dry-run'], /^error: --dry-run does not apply to check\./],
  [
    ['resolve', '20240101000000_init'],
    /^error: unexpected argument "20240101000000_init"\. Name the migration with --applied 20240101000000_init or --rolled-back 20240101000000_init\.\n$/,
  ],
  [
    ['resolve', '--schema', 'fixtures/sqlite-in-sync/prisma/schema.prisma', '--database-url', 'file:./x.db'],
    /^error: resolve needs exactly one of --applied <migration> or --rolled-back <migration>\.\n$/,
  ],
  [
    ['deploy', '--schema', 'fixtures/sqlite-in-sync/prisma/schema.prisma', '--database-url', 'mysql://root:pw@db/app'],
    /^error: --database-url: mysql:\/\/ databases are not supported yet; deploy supports SQLite \(file:\) and PostgreSQL \(postgresql:\/\/\)\.\n$/,
  ],
  [
    [
      'status',
      '--schema',
      'fixtures/sqlite-in-sync/prisma/schema.prisma',
      '--database-url',
      'postgresql://u:pw@127.0.0.1:1/db',
    ],
    /^error: --database-url points at a postgresql database, but the schema's datasource says "sqlite"/,
  ],
])('bad input %j: exit 2, one line on stderr, no stack trace', (args, message) => {
  const r = runBin(args as string[]);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
});

test('the Prisma 5 schema needs no DATABASE_URL', () => {
  const r = runBin(['check'], path.join(ROOT, 'fixtures', 'sqlite-prisma5'));
  expect(r.status).toBe(0);
});
