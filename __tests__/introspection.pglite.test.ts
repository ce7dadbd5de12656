import * as fs from 'node:fs';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery } from '@prisma/driver-adapter-utils';
import { diffWithEngine, type DiffFilters } from '../src/engine/diff';
import { startEngine } from '../src/engine/load';
import { deriveWarnings } from '../src/engine/warnings';
import { loadProject } from '../src/project';
import type { SchemaFile } from '../src/schema/locate';
import { indexSchema } from '../src/schema/modelIndex';
import { declaredExtensions, schemaForEngine } from '../src/schema/engineSchema';
import { extensionsCreatedBy } from '../src/throwaway/pgExtensions';
import { openPglite } from '../src/throwaway/pglite';
import { fastIntrospection, rewriteFor, type QueryRewrite } from '../src/throwaway/pgliteIntrospection';
import type { ThrowawayDb } from '../src/throwaway/types';
import { fixture, ROOT } from './helpers/fixtures';

/** Every fixture whose project loads as PostgreSQL (pg-sql-error included: it fails later, in the replay). */
const PG_FIXTURES = fs
  .readdirSync(`${ROOT}/fixtures`)
  .filter((name) => {
    const loaded = loadProject({ cwd: fixture(name), lockMustMatchSchema: true });
    return loaded.ok && loaded.value.provider.provider === 'postgresql';
  })
  .sort();

const NO_FILTERS: DiffFilters = { externalTables: [], externalEnums: [] };

/** Both the rewritten and the engine's own introspection, on one replayed PGlite. */
async function bothWays(db: ThrowawayDb, files: SchemaFile[], filters: DiffFilters) {
  const seen: QueryRewrite[] = [];
  const sent: string[] = [];
  const plain = recording(db.adapterFactory(), sent);
  const fast = fastIntrospection(
    recording(db.adapterFactory(), []),
    async (sql) => db.runScript(sql),
    (k) => seen.push(k),
  );
  const diffWith = async (factory: SqlMigrationAwareDriverAdapterFactory) => {
    const engine = await startEngine(factory);
    try {
      const r = await diffWithEngine(engine, files, filters);
      if (!r.ok) throw new Error(r.problem.message);
      return r.value;
    } finally {
      engine.free();
    }
  };
  return { plain: await diffWith(plain), fast: await diffWith(fast), seen, sent };
}

/** Records every query the engine sends (what the pinned engine really asks). */
function recording(factory: SqlMigrationAwareDriverAdapterFactory, sent: string[]) {
  const wrap = (adapter: SqlDriverAdapter): SqlDriverAdapter =>
    new Proxy(adapter, {
      get(target, prop, receiver) {
        if (prop === 'queryRaw')
          return (q: SqlQuery) => {
            sent.push(q.sql);
            return target.queryRaw(q);
          };
        const value = Reflect.get(target, prop, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  return {
    ...factory,
    adapterName: factory.adapterName,
    provider: factory.provider,
    connect: async () => wrap(await factory.connect()),
    connectToShadowDb: async () => wrap(await factory.connectToShadowDb()),
  };
}

async function replayFixture(name: string) {
  const loaded = loadProject({ cwd: fixture(name), lockMustMatchSchema: true });
  const project = loaded.ok ? loaded.value : undefined;
  if (!project) throw new Error(`${name}: ${loaded.ok ? '' : loaded.problem.message}`);
  const extensions = [
    ...project.chain.flatMap((m) => extensionsCreatedBy(m.sql)),
    ...declaredExtensions(project.schema.files),
  ];
  const db = await openPglite(extensions, { fastIntrospection: false });
  for (const m of project.chain) if (!(await db.runMigration(m)).ok) break; // pg-sql-error: diff what replayed
  const filters = {
    externalTables: project.config?.externalTables ?? [],
    externalEnums: project.config?.externalEnums ?? [],
  };
  return { db, project, filters };
}

describe('the introspection rewrite under PGlite', () => {
  test('finds PostgreSQL fixtures', () => expect(PG_FIXTURES.length).toBeGreaterThanOrEqual(10));

  test('still applies to the queries the pinned engine sends (both of them, each diff)', async () => {
    const { db, project, filters } = await replayFixture('pg-rich-types');
    await using _ = db;
    const { seen, sent } = await bothWays(db, schemaForEngine(project.schema.files), filters);
    const matched = sent.map((sql) => rewriteFor(sql)?.kind).filter(Boolean);
    // A drifted fixture: two engine diffs (script and summary), each with both queries.
    expect(matched.sort()).toEqual(['columns', 'columns', 'indexes', 'indexes']);
    expect(seen.sort()).toEqual(['columns', 'columns', 'indexes', 'indexes']);
  });

  test.each(PG_FIXTURES)('%s: the engine says exactly the same with and without it', async (name) => {
    const { db, project, filters } = await replayFixture(name);
    await using _ = db;
    const { plain, fast, seen } = await bothWays(db, schemaForEngine(project.schema.files), filters);
    expect(seen).toContain('columns');
    expect(fast).toEqual(plain);
    const models = indexSchema(project.schema.files);
    expect(await deriveWarnings(fast.sql, 'postgresql', db.inspector, models)).toEqual(
      await deriveWarnings(plain.sql, 'postgresql', db.inspector, models),
    );
  });

  test('a 1,000-table schema (with a domain, typmods and enums): the same drift SQL and summary', async () => {
    await using db = await openPglite([], { fastIntrospection: false });
    const history = schemaOf(1000, false);
    // The engine writes the history's SQL from the empty database; then one field drifts.
    const engine = await startEngine(db.adapterFactory());
    const created = await engine.diff({
      from: { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files: [{ path: '/x/schema.prisma', content: history }] },
      script: true,
      exitCode: true,
      filters: NO_FILTERS,
    });
    engine.free();
    expect((await db.runScript(created.stdout ?? '')).ok).toBe(true);
    const domain = 'CREATE DOMAIN "Short" AS VARCHAR(12) NOT NULL; ALTER TABLE "T7" ADD COLUMN "code" "Short";';
    expect((await db.runScript(domain)).ok).toBe(true);
    const { plain, fast, seen } = await bothWays(db, [{ path: '/x/schema.prisma', content: schemaOf(1000, true) }], {
      ...NO_FILTERS,
    });
    expect(seen.sort()).toEqual(['columns', 'columns', 'indexes', 'indexes']);
    expect(plain.drift).toBe(true);
    expect(plain.sql).toMatch(/ALTER TABLE "T999" ADD COLUMN\s+"extra" TEXT/);
    expect(fast).toEqual(plain);
  });
});

function schemaOf(n: number, drift: boolean): string {
  const out = ['datasource db {\n  provider = "postgresql"\n}', 'enum Kind {\n  A\n  B\n}'];
  for (let i = 0; i < n; i++) {
    const fields = [
      '  id    Int      @id @default(autoincrement())',
      '  name  String   @db.VarChar(40)',
      '  price Decimal  @db.Decimal(10, 2)',
      '  at    DateTime @db.Timestamptz(3)',
      '  kind  Kind     @default(A)',
      i > 0 ? `  prevId Int?\n  prev T${i - 1}? @relation(fields: [prevId], references: [id])` : '',
      i < n - 1 ? `  next T${i + 1}[]` : '',
      drift && i === n - 1 ? '  extra String?' : '',
      '  @@unique([name])',
    ].filter(Boolean);
    out.push(`model T${i} {\n${fields.join('\n')}\n}`);
  }
  return out.join('\n\n') + '\n';
}
