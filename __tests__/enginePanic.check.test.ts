import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, runBinAsync, ROOT } from './helpers/fixtures';
import { Repo } from './helpers/gitRepo';

const schema = `${fixture('sqlite-seed-drift')}/prisma/schema.prisma`;
const check = (n: number, json = false) =>
  runBinAsync(['check', '--schema', schema, ...(json ? ['--json'] : [])], ROOT, {
    PRISMA_DRIFT_GATE_FORCE_ENGINE_PANIC: String(n),
  });

test('an engine panic in the first diff of check is exit 2 and one line, with the engine version and what to do', async () => {
  const run = await check(1);
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(
    /^error: The Prisma schema engine \(@prisma\/schema-engine-wasm 7\.10\.0-[^)]+\) panicked while diffing the schema with the database: panicked at [^\n]*This is the debugPanic artificial panic\. This is a bug in the engine, not in your project: report it to Prisma \(https:\/\/github\.com\/prisma\/prisma\/issues\) with this line and the engine version\.\n$/,
  );
});

test('a panic in the round trip (the third engine call) fails the check instead of passing as a residual', async () => {
  const run = await check(3, true);
  expect(run.status).toBe(2);
  const report = JSON.parse(run.stdout) as { drift: boolean; errors: { message: string }[] };
  // The first diff did find the drift; the panic after it still decides the exit code.
  expect(report.drift).toBe(true);
  expect(report.errors.map((e) => e.message)).toEqual([
    expect.stringMatching(/^The Prisma schema engine .* panicked while diffing the schema with the database: /),
  ]);
});

test('a panic while proving a probable rename of the pull request fails the check, not the proof alone', async () => {
  // pg-review-pr as a pull request: its last migration drops a column and adds one alike (a probable rename).
  const repo = Repo.init();
  fs.cpSync(path.join(fixture('pg-review-pr'), 'prisma'), path.join(repo.dir, 'prisma'), { recursive: true });
  const pr = 'prisma/migrations/20240301000000_author_link';
  const sql = repo.read(`${pr}/migration.sql`);
  fs.rmSync(path.join(repo.dir, pr), { recursive: true });
  repo.commit('base');
  repo.git('checkout', '-q', '-b', 'pr');
  repo.migration('20240301000000_author_link', sql);
  repo.commit('pr');
  const args = ['check', '--base', 'main', '--json'];
  const clean = JSON.parse((await runBinAsync(args, repo.dir)).stdout) as { review: { rule: string }[] };
  expect(clean.review.map((f) => f.rule)).toContain('probable-rename');
  // Call 1 is the check's own diff (in sync: no summary, no round trip); call 2 is the first proof.
  const run = await runBinAsync(args, repo.dir, { PRISMA_DRIFT_GATE_FORCE_ENGINE_PANIC: '2' });
  expect(run.status).toBe(2);
  const report = JSON.parse(run.stdout) as { drift: boolean; errors: { message: string }[] };
  expect(report.drift).toBe(false);
  expect(report.errors.map((e) => e.message)).toEqual([
    expect.stringMatching(/^The Prisma schema engine .* panicked while diffing the schema with the database: /),
  ]);
});
