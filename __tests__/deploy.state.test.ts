import { deploy, resolve, type Prepared } from '../src/deploy/commands';
import { openSqliteTarget } from '../src/deploy/sqliteTarget';
import { resolveTarget } from '../src/deploy/target';
import type { TargetDb } from '../src/deploy/targetDb';
import { loadProject } from '../src/project';
import { copyFixture } from './helpers/fixtures';

// Each command reads the database state once, into one frozen value, and returns its outcome
// instead of writing into a shared report.

async function prepared(project: string): Promise<Prepared> {
  const loaded = loadProject({ cwd: project });
  if (!loaded.ok) throw new Error(loaded.problem.message);
  const { schema, chain } = loaded.value;
  const target = resolveTarget('file:./dev.db', 'DATABASE_URL', schema.dir);
  if (!target.ok) throw new Error(target.problem.message);
  const shown = { target: target.value.display, migrationsDir: 'prisma/migrations' };
  return { schema, chain, target: target.value, externalTables: [], externalEnums: [], shown };
}

/** The target, counting how often each command asks whether the migrations table exists. */
async function counted(p: Prepared): Promise<{ db: TargetDb; asked: () => number }> {
  const opened = await openSqliteTarget(p.target, { readonly: false, lockTimeoutMs: 1000 });
  if (!opened.ok) throw new Error(opened.problem.message);
  const real = opened.value;
  let asked = 0;
  const db = new Proxy(real, {
    get(target, key) {
      if (key === 'hasMigrationsTable') {
        return async () => {
          asked++;
          return target.hasMigrationsTable();
        };
      }
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db, asked: () => asked };
}

test('deploy asks whether _prisma_migrations exists once per run, and returns what it applied', async () => {
  const p = await prepared(copyFixture('sqlite-in-sync'));
  const names = p.chain.map((m) => m.name);
  expect(names.length).toBeGreaterThan(0);
  const { db, asked } = await counted(p);
  try {
    const first = await deploy(db, p, { cwd: '' });
    expect(asked()).toBe(1);
    expect(first).toMatchObject({ result: 'deployed', deployed: names });
    expect(first.migrations?.map((m) => m.state)).toEqual(names.map(() => 'applied'));
    const again = await deploy(db, p, { cwd: '' });
    expect(asked()).toBe(2);
    expect(again).toMatchObject({ result: 'up-to-date', deployed: [] });
    expect(again.errors).toBeUndefined();
  } finally {
    await db[Symbol.asyncDispose]();
  }
});

test('resolve returns its refusal as a value: the message names the migration and Prisma code', async () => {
  const p = await prepared(copyFixture('sqlite-in-sync'));
  const { db, asked } = await counted(p);
  try {
    await deploy(db, p, { cwd: '' });
    const name = p.chain[0]!.name;
    const out = await resolve(db, p, { cwd: '', resolve: { applied: name } });
    expect(asked()).toBe(2);
    expect(out).toEqual({
      result: 'refused',
      errors: [
        {
          message: `migration "${name}" is already recorded as applied in ${p.shown.target} (P3008). Nothing changed.`,
        },
      ],
    });
  } finally {
    await db[Symbol.asyncDispose]();
  }
});
