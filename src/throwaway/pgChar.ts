import { PrismaPg } from '@prisma/adapter-pg';
import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlResultSet,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';

/** PostgreSQL's internal one-byte `"char"` type (pg_constraint.contype, pg_class.relkind, …). */
const CHAR_OID = 18;
const TEXT_OID = 25;

/** The `"char"` columns of each result the pool handed to the adapter, by its rows array. */
const charColumns = new WeakMap<object, number[]>();

/**
 * The engine's introspection reads catalog columns of the `"char"` type. @prisma/adapter-pg 7.10
 * has no mapping for OID 18 and throws ("Unsupported column type char") before the engine sees a
 * row, so the pool reports those columns as text and remembers which they were: the engine reads
 * some of them as a char (contype), and a text value there is a panic in the schema describer.
 * Prisma's own CLI does not meet this: it introspects a server with its native engine.
 */
export class CharAsTextPool extends pg.Pool {
  override query(...args: unknown[]): never {
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      return (result as Promise<{ fields?: { dataTypeID: number }[]; rows?: unknown }>).then((r) => {
        const chars: number[] = [];
        (r.fields ?? []).forEach((f, i) => {
          if (f.dataTypeID !== CHAR_OID) return;
          f.dataTypeID = TEXT_OID;
          chars.push(i);
        });
        if (chars.length > 0 && typeof r.rows === 'object' && r.rows !== null) charColumns.set(r.rows, chars);
        return r;
      }) as never;
    }
    return result as never;
  }
}

/**
 * @prisma/adapter-pg over a CharAsTextPool, with the `"char"` columns typed as Prisma's Character
 * again (as the PGlite adapter types them), so the engine reads one-character values as chars.
 */
export function charAwarePg(pool: CharAsTextPool, schema: string): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaPg(pool as unknown as pg.Pool, {
    schema,
  }) as unknown as SqlMigrationAwareDriverAdapterFactory;
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => withCharColumns(await inner.connect()),
    connectToShadowDb: async () => withCharColumns(await inner.connectToShadowDb()),
  };
}

function withCharColumns(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => retyped(await queryRaw(query));
  return adapter;
}

/** adapter-pg returns the pool's rows array itself, which is how the char columns are found again. */
function retyped(result: SqlResultSet): SqlResultSet {
  const chars = charColumns.get(result.rows);
  if (!chars) return result;
  const columnTypes = [...result.columnTypes];
  for (const i of chars) columnTypes[i] = ColumnTypeEnum.Character;
  return { ...result, columnTypes };
}
