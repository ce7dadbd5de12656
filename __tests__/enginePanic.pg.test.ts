import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { startEngine } from '../src/engine/load';
import { EnginePanic } from '../src/engine/panic';
import { CharAsTextPool, charAwarePg } from '../src/throwaway/pgChar';
import { copyFixture, runBinAsync } from './helpers/fixtures';
import { startTestServer, type TestServer } from './helpers/pgServer';

// A real PostgreSQL 15 server: pg-review-rules has a NOT VALID CHECK constraint (Tag_id_check), which the
// engine's describer reads from pg_constraint.contype, a column of PostgreSQL's one-byte "char" type.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

let counter = 0;
function newDatabase(): { name: string; url: string } {
  const name = `panic_${++counter}`;
  server.psql(`CREATE DATABASE ${name}`);
  return { name, url: server.url(name) };
}

/** The project deployed to a fresh database, as a user would. */
async function deployed(): Promise<{ project: string; db: { name: string; url: string } }> {
  const project = copyFixture('pg-review-rules');
  const db = newDatabase();
  const deploy = await runBinAsync(['deploy'], project, { DATABASE_URL: db.url });
  expect(deploy.stderr).toBe('');
  expect(deploy.status).toBe(0);
  return { project, db };
}

/** The pool as it was before the fix: "char" columns reach the engine typed as text. */
class CharAsPlainTextPool extends pg.Pool {
  override query(...args: unknown[]): never {
    const result = (super.query as (...a: unknown[]) => Promise<{ fields?: { dataTypeID: number }[] }>)(...args);
    return result.then((r) => {
      for (const f of r.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
      return r;
    }) as never;
  }
}

const introspect = (engine: Awaited<ReturnType<typeof startEngine>>) =>
  engine.introspect({
    schema: { files: [{ path: 'schema.prisma', content: 'datasource db {\n  provider = "postgresql"\n}\n' }] },
    baseDirectoryPath: '.',
    force: true,
    compositeTypeDepth: -1,
    namespaces: null,
  });

test('status --drift on a database with a NOT VALID CHECK constraint prints its JSON: in sync, then drifted', async () => {
  const { project, db } = await deployed();
  const clean = await runBinAsync(['status', '--drift', '--json'], project, { DATABASE_URL: db.url });
  expect(clean.stderr).toBe('');
  expect(clean.status).toBe(0);
  const report = JSON.parse(clean.stdout) as { errors: unknown[]; drift: { drift: boolean } };
  expect(report.errors).toEqual([]);
  expect(report.drift.drift).toBe(false);

  // Prisma does not model CHECK constraints; a hand-made column is drift, found past the constraint.
  server.psql('ALTER TABLE "Label" ADD COLUMN "note" TEXT', db.name);
  const drifted = await runBinAsync(['status', '--drift', '--json'], project, { DATABASE_URL: db.url });
  expect(drifted.status).toBe(1);
  const after = JSON.parse(drifted.stdout) as { drift: { drift: boolean; sql: string } };
  expect(after.drift.drift).toBe(true);
  expect(after.drift.sql).toMatch(/ALTER TABLE "Label" DROP COLUMN "note"/);
});

test('a panic inside an async engine call rejects that call, and the next engine is a fresh instance', async () => {
  const { db } = await deployed();
  const plain = new CharAsPlainTextPool({ connectionString: db.url, max: 2 });
  const fixed = new CharAsTextPool({ connectionString: db.url, max: 2 });
  try {
    const broken = await startEngine(new PrismaPg(plain) as unknown as SqlMigrationAwareDriverAdapterFactory);
    const failure = await introspect(broken).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(EnginePanic);
    expect((failure as EnginePanic).doing).toBe('introspecting the database');
    expect((failure as EnginePanic).panic).toMatch(/constraint_type .*as char failed/);
    // The poisoned instance answers every later call with the same panic, and free() does not touch it.
    await expect(introspect(broken)).rejects.toBe(failure);
    broken.free();

    const engine = await startEngine(charAwarePg(fixed, 'public'));
    try {
      const introspected = await introspect(engine);
      expect(introspected.schema.files[0]!.content).toContain('model Label');
    } finally {
      engine.free();
    }
  } finally {
    await plain.end();
    await fixed.end();
  }
});

test('a forced engine panic in status --drift is exit 2 and one line naming what the engine was doing', async () => {
  const { project, db } = await deployed();
  const env = { DATABASE_URL: db.url, PRISMA_DRIFT_GATE_FORCE_ENGINE_PANIC: '1' };
  const text = await runBinAsync(['status', '--drift'], project, env);
  expect(text.status).toBe(2);
  const errorLines = text.stderr.split('\n').filter((l) => l.trim() !== '');
  expect(errorLines).toHaveLength(1);
  expect(errorLines[0]).toMatch(
    /^error: --drift: could not read the replayed migrations: The Prisma schema engine \(@prisma\/schema-engine-wasm 7\.10\.0-[^)]+\) panicked while introspecting the database: panicked at .*debugPanic artificial panic\. .*report it to Prisma/,
  );
  expect(text.stderr).not.toMatch(/\n\s+at /);

  const json = await runBinAsync(['status', '--drift', '--json'], project, env);
  expect(json.status).toBe(2);
  const report = JSON.parse(json.stdout) as { errors: { message: string }[] };
  expect(report.errors).toHaveLength(1);
  expect(report.errors[0]!.message).toMatch(/panicked while introspecting the database/);
});
