import * as fs from 'node:fs';
import * as path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { loadChain } from '../src/chain/load';
import { startEngine } from '../src/engine/load';
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
    const chain = loadChain(migrationsDir, dir);
    if (!chain.ok) throw new Error(chain.problem.message);
    const schemaPath = path.join(dir, 'prisma/schema.prisma');
    const files = [{ path: schemaPath, content: fs.readFileSync(schemaPath, 'utf8') }];
    const pg = await PGlite.create();
    const engine = await startEngine(new PrismaPGlite(pg) as unknown as SqlMigrationAwareDriverAdapterFactory);
    try {
      const r = await engine.diff({
        from: {
          tag: 'migrations',
          baseDir: migrationsDir,
          lockfile: {
            path: 'migration_lock.toml',
            content: fs.readFileSync(path.join(migrationsDir, 'migration_lock.toml'), 'utf8'),
          },
          shadowDbInitScript: '',
          migrationDirectories: chain.value.map((m) => ({
            path: m.name,
            migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: m.sql } },
          })),
        },
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
