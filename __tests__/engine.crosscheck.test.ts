import * as fs from 'node:fs';
import * as path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { startEngine } from '../src/engine/load';
import { engineMigrationsList } from './helpers/engineMigrations';
import { fixture, readExpected } from './helpers/fixtures';

/**
 * An independent check of our replay: the engine can replay a PostgreSQL history itself
 * (`from: migrations`, into the adapter's shadow DB). Its answer must equal expected.sql.
 */
test.each(['pg-seed-drift', 'pg-dropped-column', 'pg-required-column', 'pg-rich-types', 'pg-data-loss'])(
  '%s: the engine replaying the chain itself suggests the same SQL',
  async (name) => {
    const dir = fixture(name);
    const migrationsDir = path.join(dir, 'prisma/migrations');
    const schemaPath = path.join(dir, 'prisma/schema.prisma');
    const files = [{ path: schemaPath, content: fs.readFileSync(schemaPath, 'utf8') }];
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
      expect(r.exitCode).toBe(2);
      expect(r.stdout).toBe(readExpected(name));
      expect(shadows.length).toBeGreaterThan(0);
    } finally {
      engine.free();
      for (const shadow of shadows) await shadow.client.close();
      await pg.close();
    }
  },
);
