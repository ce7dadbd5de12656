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
    const engine = await startEngine(new PrismaPGlite(pg) as unknown as SqlMigrationAwareDriverAdapterFactory);
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
    } finally {
      engine.free();
      await pg.close();
    }
  },
);
