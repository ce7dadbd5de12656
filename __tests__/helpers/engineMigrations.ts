import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadChain } from '../../src/chain/load';

/** The engine's MigrationList for a migrations folder, loaded the way @prisma/internals does. */
export function engineMigrationsList(migrationsDir: string) {
  const chain = loadChain(migrationsDir);
  if (!chain.ok) throw new Error(chain.problem.message);
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: chain.value.migrations.map((m) => ({
      path: m.name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: m.text } },
    })),
  };
}
