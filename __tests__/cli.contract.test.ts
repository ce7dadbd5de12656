import * as fs from 'node:fs';
import { runCli } from '../src/cli';
import { fixture, readExpectedWarnings, ROOT } from './helpers/fixtures';

const FIXTURES = fs.readdirSync(`${ROOT}/fixtures`).sort();

/** `check --json` on every fixture: one JSON object on stdout, the contract's fields and types, the right exit code. */
test.each(FIXTURES)('%s: --json follows the contract', async (name) => {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['check', '--json'], {
    cwd: fixture(name),
    color: false,
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
  });
  expect(stderr).toBe('');
  const report = JSON.parse(stdout);
  const required = [
    'drift',
    'errors',
    'failedOn',
    'findings',
    'migrations',
    'migrationsDir',
    'prismaVersion',
    'provider',
    'review',
    'roundTrip',
    'schema',
    'sql',
    'summary',
    'timings',
    'warnings',
  ];
  const optional = ['config', 'notes', 'integritySkipped', 'skipped'];
  expect(
    Object.keys(report)
      .filter((k) => !optional.includes(k))
      .sort(),
  ).toEqual(required);
  expect([true, false, null]).toContain(report.drift);
  expect(['sqlite', 'postgresql', null]).toContain(report.provider);
  expect(
    Array.isArray(report.schema) &&
      report.schema.every((p: unknown) => typeof p === 'string' && !String(p).includes('\\')),
  ).toBe(true);
  for (const m of report.migrations) {
    expect(Object.keys(m).sort()).toEqual(['checksum', 'durationMs', 'name']);
    expect(m.checksum).toMatch(/^[0-9a-f]{64}$/);
  }
  if (report.prismaVersion !== null) {
    expect(Object.keys(report.prismaVersion).sort()).toEqual(['source', 'version']);
    expect(report.prismaVersion.version).toMatch(/^\d+\.\d+\.\d+/);
  }
  expect(typeof report.sql).toBe('string');
  expect(typeof report.summary).toBe('string');
  expect(report.warnings).toEqual(readExpectedWarnings(name));
  for (const e of report.errors) {
    expect(typeof e.message).toBe('string');
    expect(Object.keys(e).every((k) => ['migration', 'file', 'line', 'statement', 'message'].includes(k))).toBe(true);
  }
  expect(typeof report.roundTrip.ok).toBe('boolean');
  // Without --base only the base-free checks run: none of the fixtures has an empty migration.
  expect(report.findings).toEqual([]);
  for (const k of ['startMs', 'engineLoadMs', 'dbStartMs', 'replayMs', 'diffMs', 'roundTripMs', 'totalMs'])
    expect(typeof report.timings[k]).toBe('number');

  // The exit code agrees with the verdict.
  if (report.errors.length > 0) {
    expect(report.drift).toBeNull();
    expect(code).toBe(2);
  } else {
    expect(code).toBe(report.drift ? 1 : 0);
    expect(report.sql === '').toBe(!report.drift);
  }
  // Fixture names say what to expect.
  const broken = ['lock-mismatch', 'sqlite-attach', 'mysql-history'];
  if (name.startsWith('bad-') || name.endsWith('-error') || broken.includes(name)) expect(code).toBe(2);
  else if (fs.existsSync(`${fixture(name)}/expected.sql`)) expect(code).toBe(1);
  else expect(code).toBe(0);
});
