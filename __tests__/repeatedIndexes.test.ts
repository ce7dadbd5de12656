import * as fs from 'node:fs';
import * as path from 'node:path';
import { exitCodeOf, runCheck } from '../src/check';
import { loadProject } from '../src/project';
import { diffWithEngine } from '../src/engine/diff';
import { startEngine } from '../src/engine/load';
import { withoutRepeatedLines } from '../src/engine/repeatedIndexes';
import { schemaForEngine } from '../src/schema/engineSchema';
import { openPglite } from '../src/throwaway/pglite';
import { copyFixture, fixture, readExpected } from './helpers/fixtures';
import { startTestServer, type TestServer } from './helpers/pgServer';

const PAIR =
  '-- DropIndex\nDROP INDEX "Setting_key_idx";\n\n-- CreateIndex\n' +
  'CREATE INDEX "Setting_key_idx" ON "Setting"("key" text_pattern_ops);\n';
const DEFINITION = 'CREATE INDEX "Setting_key_idx" ON public."Setting" USING btree (key text_pattern_ops)';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

/** The engine alone, with nothing set aside: what `prisma migrate dev` sees on that database. */
async function engineDiffOf(dir: string) {
  const loaded = loadProject({ cwd: dir, lockMustMatchSchema: true });
  if (!loaded.ok) throw new Error(loaded.problem.message);
  await using db = await openPglite([]);
  for (const m of loaded.value.chain) expect((await db.runMigration(m)).ok).toBe(true);
  const engine = await startEngine(db.adapterFactory());
  try {
    const files = schemaForEngine(loaded.value.schema.files);
    const first = await diffWithEngine(engine, files, { externalTables: [], externalEnums: [] });
    expect((await db.runScript(first.ok ? first.value.sql : '')).ok).toBe(true);
    return { first, afterApplying: await diffWithEngine(engine, files, { externalTables: [], externalEnums: [] }) };
  } finally {
    engine.free();
  }
}

test("Prisma's engine asks for the pair again right after it ran (what prisma/orm#28214 reports)", async () => {
  // When this fails, the engine reads B-tree operator classes and the set-aside can go.
  const { first, afterApplying } = await engineDiffOf(fixture('pg-repeated-index'));
  expect(first.ok && first.value.sql).toBe(PAIR);
  expect(afterApplying.ok && afterApplying.value.sql).toBe(PAIR);
});

test('the only difference is that pair: in sync (exit 0), with a note that names the index and the issue', async () => {
  const report = await runCheck({ cwd: fixture('pg-repeated-index') });
  expect(report.errors).toEqual([]);
  expect([report.drift, report.sql, exitCodeOf(report)]).toEqual([false, '', 0]);
  expect(report.notes).toHaveLength(1);
  expect(report.notes![0]).toContain(`the index "Setting_key_idx" even where the database already has it`);
  expect(report.notes![0]).toContain(DEFINITION);
  expect(report.notes![0]).toContain('prisma/orm#28214');
});

test('the same verdict on a real PostgreSQL server (--shadow-database-url): the engine repeats it there too', async () => {
  const report = await runCheck({ cwd: fixture('pg-repeated-index'), shadowDatabaseUrl: server.url() });
  expect(report.errors).toEqual([]);
  expect([report.drift, exitCodeOf(report)]).toEqual([false, 0]);
  expect(report.notes!.some((n) => n.includes('prisma/orm#28214') && n.includes('"Setting_key_idx"'))).toBe(true);
});

test('with other drift: the suggestion, its summary and its review leave the pair out, and it round-trips', async () => {
  const report = await runCheck({ cwd: fixture('pg-repeated-index-drift') });
  expect(report.errors).toEqual([]);
  expect(report.sql).toBe(readExpected('pg-repeated-index-drift'));
  expect(report.summary).toBe('[*] Changed the `Setting` table\n  [+] Added column `note`');
  expect(report.review.map((f) => f.rule)).not.toContain('require-concurrent-index-creation');
  expect([report.drift, report.roundTrip, exitCodeOf(report)]).toEqual([true, { ok: true }, 1]);
  expect(report.notes!.some((n) => n.includes('prisma/orm#28214'))).toBe(true);
});

test('an index created without the operator class is real drift: suggested, and green once committed', async () => {
  const dir = copyFixture('pg-repeated-index');
  const init = path.join(dir, 'prisma/migrations/20240101000000_init/migration.sql');
  fs.writeFileSync(init, fs.readFileSync(init, 'utf8').replace('("key" text_pattern_ops)', '("key")'));
  const report = await runCheck({ cwd: dir });
  expect(report.errors).toEqual([]);
  expect([report.drift, report.sql, exitCodeOf(report)]).toEqual([true, PAIR, 1]);
  // After the pair ran, the engine asks for it again: that residual is the engine's, not a failed round trip.
  expect(report.roundTrip).toEqual({ ok: true });
  const folder = path.join(dir, 'prisma/migrations/20991231000000_opclass');
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(folder, 'migration.sql'), report.sql);
  const again = await runCheck({ cwd: dir });
  expect([again.drift, exitCodeOf(again)]).toEqual([false, 0]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a pair that changes the index (another operator class) is drift, and is not set aside', async () => {
  const dir = copyFixture('pg-repeated-index');
  const schema = path.join(dir, 'prisma/schema.prisma');
  fs.writeFileSync(schema, fs.readFileSync(schema, 'utf8').replace('raw("text_pattern_ops")', 'raw("text_ops")'));
  const report = await runCheck({ cwd: dir });
  expect(report.errors).toEqual([]);
  expect(report.sql).toContain('CREATE INDEX "Setting_key_idx" ON "Setting"("key" text_ops);');
  expect([report.drift, exitCodeOf(report)]).toEqual([true, 1]);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the engine's summary loses only the pair's two lines", () => {
  const repeated = [{ definition: DEFINITION, name: 'Setting_key_idx', table: 'Setting', columns: ['key'] }];

  test('a table left with other changes keeps its heading', () => {
    const summary =
      '[*] Changed the `Setting` table\n  [-] Removed index on columns (key)\n  [+] Added column `note`\n' +
      '  [+] Added index on columns (key)\n[*] Changed the `User` table\n  [+] Added index on columns (key)';
    expect(withoutRepeatedLines(summary, repeated)).toBe(
      '[*] Changed the `Setting` table\n  [+] Added column `note`\n[*] Changed the `User` table\n' +
        '  [+] Added index on columns (key)',
    );
  });

  test('a table left with nothing loses its heading', () => {
    const summary =
      '[+] Added tables\n  - Tag\n[*] Changed the `Setting` table\n  [-] Removed index on columns (key)\n' +
      '  [+] Added index on columns (key)';
    expect(withoutRepeatedLines(summary, repeated)).toBe('[+] Added tables\n  - Tag');
  });
});
