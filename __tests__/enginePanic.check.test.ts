import { fixture, runBinAsync, ROOT } from './helpers/fixtures';

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
