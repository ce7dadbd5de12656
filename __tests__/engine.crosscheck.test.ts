import * as fs from 'node:fs';
import * as path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { startEngine } from '../src/engine/load';
import { m2mUpgradeIn } from '../src/engine/prisma5M2m';
import { schemaForEngine } from '../src/schema/engineSchema';
import { splitStatements } from '../src/sql/tokens';
import { engineMigrationsList } from './helpers/engineMigrations';
import { fixture, readExpected } from './helpers/fixtures';

/** The engine replaying a fixture's chain itself (`from: migrations`, into the adapter's shadow DB). */
async function engineOwnDiff(name: string): Promise<{ exitCode: number; stdout: string }> {
  const dir = fixture(name);
  const migrationsDir = path.join(dir, 'prisma/migrations');
  const schemaPath = path.join(dir, 'prisma/schema.prisma');
  // Prisma 5 schemas carry `url`, which the Prisma 7 engine rejects: blanked as the check does.
  const files = schemaForEngine([{ path: schemaPath, content: fs.readFileSync(schemaPath, 'utf8') }]);
  const pg = await PGlite.create();
  // The adapter opens a PGlite of its own for the shadow database and never closes it: an open
  // handle that kept the jest worker from exiting. Keep them, and close them below.
  const factory = new PrismaPGlite(pg);
  const shadows: { client: PGlite }[] = [];
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const shadow = await connectToShadowDb();
    shadows.push(shadow as unknown as { client: PGlite });
    return shadow;
  };
  const engine = await startEngine(factory as unknown as SqlMigrationAwareDriverAdapterFactory);
  try {
    const r = await engine.diff({
      from: { tag: 'migrations', ...engineMigrationsList(migrationsDir) },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });
    expect(shadows.length).toBeGreaterThan(0);
    return { exitCode: r.exitCode ?? 0, stdout: r.stdout ?? '' };
  } finally {
    engine.free();
    for (const shadow of shadows) await shadow.client.close();
    await pg.close();
  }
}

/**
 * An independent check of our replay: the engine can replay a PostgreSQL history itself.
 * Its answer must equal expected.sql.
 */
test.each(['pg-seed-drift', 'pg-dropped-column', 'pg-required-column', 'pg-rich-types', 'pg-data-loss'])(
  '%s: the engine replaying the chain itself suggests the same SQL',
  async (name) => {
    const r = await engineOwnDiff(name);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe(readExpected(name));
  },
);

test('Prisma 5 pin: the engine on its own asks for exactly our suggestion plus the m2m pair we set aside', async () => {
  const r = await engineOwnDiff('pg-prisma5-m2m-drift');
  expect(r.exitCode).toBe(2);
  const statements = (sql: string) =>
    splitStatements(sql, 'postgresql')
      .map((st) => st.text)
      .sort();
  const pair = m2mUpgradeIn(r.stdout)!;
  expect(pair.tables).toEqual(['_PostToTag']);
  expect(statements(r.stdout)).toEqual(
    [...statements(readExpected('pg-prisma5-m2m-drift')), ...statements(pair.sql)].sort(),
  );
});
