import { checksumOf, type Migration } from '../src/chain/load';
import type { Problem } from '../src/problem';
import { openPglite } from '../src/throwaway/pglite';
import { openAndReplay, type ReplaySteps } from '../src/throwaway/replay';
import { batchable, batchEnd } from '../src/throwaway/replayBatch';
import type { ThrowawayDb } from '../src/throwaway/types';

const migration = (name: string, sql: string): Migration => ({
  name,
  file: `/x/prisma/migrations/${name}/migration.sql`,
  sql,
  text: sql,
  checksum: checksumOf(sql),
});

const table = (i: number) =>
  migration(`${i}_t${i}`, `-- CreateTable\nCREATE TABLE "T${i}" ("id" SERIAL NOT NULL, "name" TEXT);\n`);

/** PGlite, counting the migrations that went through runBatch. */
function counted(): { steps: ReplaySteps; batched: string[] } {
  const batched: string[] = [];
  const steps: ReplaySteps = {
    open: async () => {
      const db = await openPglite([]);
      const runBatch = db.runBatch!.bind(db);
      const counting: ThrowawayDb = Object.assign(db, {
        runBatch: (batch: Migration[], first: number, started: (k: number) => void) => {
          batched.push(...batch.map((m) => m.name));
          return runBatch(batch, first, started);
        },
      });
      return { ok: true, value: counting };
    },
    prepare: async () => ({ ok: true, value: undefined }),
    loadsExtensions: true,
  };
  return { steps, batched };
}

/** The problem a migration gives when the chain before it ran one by one, as before batching. */
async function aloneProblem(chain: Migration[], failing: number): Promise<Problem> {
  await using db = await openPglite([]);
  for (const m of chain.slice(0, failing)) expect((await db.runMigration(m)).ok).toBe(true);
  const r = await db.runMigration(chain[failing]!);
  if (r.ok) throw new Error('expected a failure');
  return r.problem;
}

test('a migration that fails inside a batch fails with the words it fails with alone; the ones before it stay', async () => {
  const failing = migration(
    '3_dup',
    '-- CreateTable\nCREATE TABLE "U" ("id" INT);\n\nCREATE TABLE "T1" ("id" INT);\nCREATE TABLE "V" ("id" INT);\n',
  );
  const chain = [table(0), table(1), table(2), failing, table(4)];
  const { steps, batched } = counted();
  const outcome = await openAndReplay(steps, chain);
  expect(batched).toContain('3_dup');
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  expect(outcome.problem).toEqual(await aloneProblem(chain, 3));
  expect(outcome.problem).toMatchObject({ migration: '3_dup', line: 4, statement: 'CREATE TABLE "T1" ("id" INT);' });
  expect(outcome.migrations.map((m) => m.name)).toEqual(['0_t0', '1_t1', '2_t2']);
});

test('a syntax error anywhere in a batch runs nothing of it: the migrations before it replay one by one', async () => {
  const chain = [table(0), table(1), migration('2_bad', 'CREATE TABLE "X" ("id" INT;\n'), table(3)];
  const { steps } = counted();
  const outcome = await openAndReplay(steps, chain);
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  expect(outcome.problem).toEqual(await aloneProblem(chain, 2));
  expect(outcome.migrations.map((m) => m.name)).toEqual(['0_t0', '1_t1']);
});

test('migrations that cannot share a transaction run alone, between batches, as Prisma runs them', async () => {
  const concurrently = migration('2_concurrently', 'CREATE INDEX CONCURRENTLY "T0_name" ON "T0"("name");\n');
  // Alone in a file, LOCK fails outside a transaction block, as it does under migrate deploy.
  const lock = migration('5_lock', 'LOCK TABLE "T0";\n');
  const chain = [table(0), table(1), concurrently, table(3), table(4), lock];
  const { steps, batched } = counted();
  const outcome = await openAndReplay(steps, chain);
  expect(batched).toEqual(['0_t0', '1_t1', '3_t3', '4_t4']);
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  expect(outcome.problem).toEqual(await aloneProblem(chain, 5));
  expect(outcome.problem.message).toMatch(/LOCK TABLE can only be used in transaction blocks/);
  expect(outcome.migrations.map((m) => m.name)).toEqual(['0_t0', '1_t1', '2_concurrently', '3_t3', '4_t4']);
});

test('every migration of a batch is reported as it starts, in order, with its own duration', async () => {
  const chain = Array.from({ length: 6 }, (_, i) => table(i));
  await using db = await openPglite([]);
  const started: number[] = [];
  const run = await db.runBatch!(chain, 0, (k) => started.push(k));
  expect(run).toEqual({ done: 6, stopped: false });
  expect(started).toEqual([0, 1, 2, 3, 4, 5]);
  expect(await db.inspector.columns('T5')).toHaveLength(2);

  const { steps } = counted();
  const outcome = await openAndReplay(steps, chain);
  expect(outcome.ok).toBe(true);
  if (!outcome.ok) return;
  await outcome.value.db[Symbol.asyncDispose]();
  expect(outcome.value.migrations.map((m) => m.name)).toEqual(chain.map((m) => m.name));
  for (const m of outcome.value.migrations) expect(m.durationMs).toBeGreaterThanOrEqual(0);
});

test('a migration the caller reads the database before starts a batch, so it sees exactly what came before', async () => {
  const chain = Array.from({ length: 6 }, (_, i) => table(i));
  const { steps, batched } = counted();
  const seen: string[][] = [];
  const outcome = await openAndReplay(
    {
      ...steps,
      before: async (db, m) => {
        if (m.name === '4_t4') seen.push([...(await db.inspector.tableColumns()).keys()].sort());
      },
      readsBefore: (m) => m.name === '4_t4',
    },
    chain,
  );
  expect(outcome.ok).toBe(true);
  if (outcome.ok) await outcome.value.db[Symbol.asyncDispose]();
  expect(seen).toEqual([['T0', 'T1', 'T2', 'T3']]);
  expect(batched).toEqual(chain.map((m) => m.name));
});

describe('which migrations may share one exec (read with the tokeniser)', () => {
  test.each([
    ['DDL as Prisma writes it', '-- CreateTable\nCREATE TABLE "A" ("id" INT);\n\n-- trailing comment\n', true],
    ['a DO block', 'DO $$ BEGIN PERFORM 1; END $$;\n', true],
    ['CONCURRENTLY', 'CREATE INDEX CONCURRENTLY "i" ON "A"("id");\n', false],
    ['its own transaction', 'BEGIN;\nCREATE TABLE "A" ("id" INT);\nCOMMIT;\n', false],
    ['COPY FROM STDIN', 'COPY "A" FROM STDIN;\n', false],
    ['LOCK', 'LOCK TABLE "A";\n', false],
    ['no semicolon at the end', 'CREATE TABLE "A" ("id" INT)\n', false],
    ['an open block comment at the end', 'CREATE TABLE "A" ("id" INT);\n/* and then\n', false],
    ['an open string', 'INSERT INTO "A" VALUES (\'x);\n', false],
    ['a setting that changes how strings read', 'SET standard_conforming_strings = off;\n', false],
  ])('%s', (_label, sql, expected) => {
    expect(batchable(migration('1_x', sql))).toBe(expected);
  });

  test('a batch ends before a migration that cannot share it, and holds at least one', () => {
    const lone = migration('2_lone', 'VACUUM;\n');
    const chain = [table(0), table(1), lone, table(3)];
    expect(batchEnd(chain, 0, () => false)).toBe(2);
    expect(batchEnd(chain, 2, () => false)).toBe(3);
    expect(batchEnd(chain, 3, () => false)).toBe(4);
  });
});
