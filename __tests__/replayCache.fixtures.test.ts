import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkProject } from '../src/check';
import { ROOT, fixture } from './helpers/fixtures';
import { comparable } from './helpers/replayCache';

// Cold and warm give the same --json on every fixture. The documented differences are `timings` and,
// in `migrations`, `cached: true` with `durationMs: 0` on the restored ones: the comparison asserts
// the flags first (exactly the restored migrations), then drops them with the durations and timings.

const FIXTURES = fs
  .readdirSync(path.join(ROOT, 'fixtures'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

test('the fixtures are all here (a renamed folder must not silently leave the comparison)', () => {
  expect(FIXTURES.length).toBeGreaterThanOrEqual(40);
  expect(FIXTURES).toEqual(expect.arrayContaining(['pg-extension', 'sqlite-dqs', 'pg-prisma-config', 'bad-mysql']));
});

test.each(FIXTURES)('%s: a warm check reports exactly what the cold one did', async (name) => {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-cache-'));
  try {
    const cold = await checkProject({ cwd: fixture(name), cacheDir });
    expect(cold.report.migrations.some((m) => m.cached)).toBe(false);
    await cold.saveCache?.();
    const warm = await checkProject({ cwd: fixture(name), cacheDir });
    const saved = fs.readdirSync(cacheDir).filter((f) => f.endsWith('.replay'));
    // Whatever replayed the whole chain without an error was saved, and restored whole.
    const replayed = cold.report.errors.length === 0 && cold.report.migrations.length > 0;
    expect(saved).toHaveLength(replayed ? 1 : 0);
    expect(warm.report.migrations.map((m) => m.cached ?? false)).toEqual(cold.report.migrations.map(() => replayed));
    expect(warm.report.migrations.filter((m) => m.cached).every((m) => m.durationMs === 0)).toBe(true);
    expect(comparable(warm.report)).toBe(comparable(cold.report));
    // Nothing new to save after a whole restore.
    expect(warm.saveCache).toBeUndefined();
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
});
