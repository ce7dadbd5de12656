import * as fs from 'node:fs';
import * as path from 'node:path';
import { exitCodeOf, runCheck } from '../src/check';
import { copyFixture, fixture } from './helpers/fixtures';

const withoutDatabaseUrl = async <T>(fn: () => Promise<T>): Promise<T> => {
  const saved = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  try {
    return await fn();
  } finally {
    if (saved !== undefined) process.env.DATABASE_URL = saved;
  }
};

test('a Prisma 7 prisma.config.ts: custom schema and migrations paths, env() unset, dotenv imported', async () => {
  const r = await withoutDatabaseUrl(() => runCheck({ cwd: fixture('pg-prisma-config') }));
  expect(r.errors).toEqual([]);
  expect(r.config).toBe('prisma.config.ts');
  expect(r.notes).toBeUndefined();
  expect(r.schema).toEqual(['db/schema.prisma']);
  expect(r.migrationsDir).toBe('db/migrations');
  expect(r.drift).toBe(false);
});

test('initShadowDb runs before the replay, and tables.external keeps its table out of the diff', async () => {
  const dir = copyFixture('pg-prisma-config');
  const file = path.join(dir, 'prisma.config.ts');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace("external: ['public.audit_log']", 'external: []'));
  const r = await runCheck({ cwd: dir });
  expect(r.drift).toBe(true);
  expect(r.sql).toMatch(/DROP TABLE "audit_log";/);
});

test('a config that cannot be evaluated falls back to its string literals, and says so', async () => {
  const dir = copyFixture('pg-prisma-config');
  const file = path.join(dir, 'prisma.config.ts');
  fs.writeFileSync(file, `import { helper } from './not-installed-helper'\nhelper()\n` + fs.readFileSync(file, 'utf8'));
  const r = await runCheck({ cwd: dir });
  expect(r.notes).toEqual([
    expect.stringMatching(
      /^prisma\.config\.ts could not be evaluated \(.*not-installed-helper.*\); read its string literals instead$/,
    ),
  ]);
  expect(r.schema).toEqual(['db/schema.prisma']);
  expect(r.drift).toBe(false);
});

test('datasource.shadowDatabaseUrl from env(), loaded from .env by dotenv/config, is used (and masked)', async () => {
  const dir = copyFixture('pg-prisma-config');
  const file = path.join(dir, 'prisma.config.ts');
  fs.writeFileSync(
    file,
    fs
      .readFileSync(file, 'utf8')
      .replace(
        "url: env('DATABASE_URL'),",
        "url: env('DATABASE_URL'),\n    shadowDatabaseUrl: env('PDG_TEST_SHADOW_URL'),",
      ),
  );
  fs.writeFileSync(path.join(dir, '.env'), 'PDG_TEST_SHADOW_URL="postgresql://app:from-dotenv@127.0.0.1:1/shadow"\n');
  try {
    const r = await runCheck({ cwd: dir });
    expect(exitCodeOf(r)).toBe(2);
    expect(r.errors[0]!.message).toBe(
      '--shadow-database-url postgresql://app:***@127.0.0.1:1/shadow: cannot connect: connection refused (is the server running and reachable?).',
    );
  } finally {
    delete process.env.PDG_TEST_SHADOW_URL;
  }
});

test('a CommonJS prisma.config.js', async () => {
  const dir = copyFixture('pg-prisma-config');
  fs.rmSync(path.join(dir, 'prisma.config.ts'));
  fs.writeFileSync(
    path.join(dir, 'prisma.config.js'),
    "const path = require('node:path');\nmodule.exports = { experimental: { externalTables: true }, schema: path.join('db', 'schema.prisma'), migrations: { path: 'db/migrations', initShadowDb: 'CREATE TABLE \"audit_log\" (\"id\" INT)' }, tables: { external: ['public.audit_log'] } };\n",
  );
  const r = await runCheck({ cwd: dir });
  expect(r.config).toBe('prisma.config.js');
  expect(r.drift).toBe(false);
});
