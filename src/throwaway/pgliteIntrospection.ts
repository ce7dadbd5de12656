import { createHash } from 'node:crypto';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery } from '@prisma/driver-adapter-utils';

/**
 * Two of the engine's introspection queries are most of its time under PGlite at 1,000 tables:
 * - the one on information_schema.columns: the view calls _pg_truetypid(a.*, t.*) and
 *   _pg_truetypmod(a.*, t.*), so PostgreSQL builds whole pg_attribute and pg_type rows for every
 *   column, seven times. Here the view is inlined, with those helpers replaced by their bodies;
 * - the index query joins pg_constraint in a nested loop (every index against every constraint):
 *   it runs with enable_nestloop off.
 * Only the exact texts of the pinned engine are rewritten (by hash), so that an engine bump can
 * never get a half-matching rewrite; __tests__/introspection.pglite.test.ts fails when they change.
 */
export const COLUMNS_QUERY_SHA256 = '8a9bde67a3fd2c96e5b53012dbe2cef7ca39e242de42e977feaae26f9986214e';
export const INDEXES_QUERY_SHA256 = '6fb5857622692b9786a75305acecc3c98f7dbf6232ea87edcdc78543f001faea';

// The bodies of information_schema._pg_truetypid / _pg_truetypmod (PostgreSQL 17).
const TRUE_TYPID = `CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END`;
const TRUE_TYPMOD = `CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END`;

/**
 * pg_get_viewdef('information_schema.columns') of PGlite's PostgreSQL 17.5, with the same FROM
 * and WHERE (so the same rows) and only the columns the engine's query reads.
 */
const COLUMNS_VIEW = `(SELECT
    (nc.nspname)::information_schema.sql_identifier AS table_schema,
    (c.relname)::information_schema.sql_identifier AS table_name,
    (a.attname)::information_schema.sql_identifier AS column_name,
    (a.attnum)::information_schema.cardinal_number AS ordinal_position,
    (
        CASE
            WHEN (a.attnotnull OR ((t.typtype = 'd'::"char") AND t.typnotnull)) THEN 'NO'::text
            ELSE 'YES'::text
        END)::information_schema.yes_or_no AS is_nullable,
    (
        CASE
            WHEN (t.typtype = 'd'::"char") THEN
            CASE
                WHEN ((bt.typelem <> (0)::oid) AND (bt.typlen = '-1'::integer)) THEN 'ARRAY'::text
                WHEN (nbt.nspname = 'pg_catalog'::name) THEN format_type(t.typbasetype, NULL::integer)
                ELSE 'USER-DEFINED'::text
            END
            ELSE
            CASE
                WHEN ((t.typelem <> (0)::oid) AND (t.typlen = '-1'::integer)) THEN 'ARRAY'::text
                WHEN (nt.nspname = 'pg_catalog'::name) THEN format_type(a.atttypid, NULL::integer)
                ELSE 'USER-DEFINED'::text
            END
        END)::information_schema.character_data AS data_type,
    (information_schema._pg_char_max_length(${TRUE_TYPID}, ${TRUE_TYPMOD}))
      ::information_schema.cardinal_number AS character_maximum_length,
    (information_schema._pg_numeric_precision(${TRUE_TYPID}, ${TRUE_TYPMOD}))
      ::information_schema.cardinal_number AS numeric_precision,
    (information_schema._pg_numeric_precision_radix(${TRUE_TYPID}, ${TRUE_TYPMOD}))
      ::information_schema.cardinal_number AS numeric_precision_radix,
    (information_schema._pg_numeric_scale(${TRUE_TYPID}, ${TRUE_TYPMOD}))
      ::information_schema.cardinal_number AS numeric_scale,
    (information_schema._pg_datetime_precision(${TRUE_TYPID}, ${TRUE_TYPMOD}))
      ::information_schema.cardinal_number AS datetime_precision,
    (COALESCE(nbt.nspname, nt.nspname))::information_schema.sql_identifier AS udt_schema,
    (COALESCE(bt.typname, t.typname))::information_schema.sql_identifier AS udt_name,
    (
        CASE
            WHEN (a.attidentity = ANY (ARRAY['a'::"char", 'd'::"char"])) THEN 'YES'::text
            ELSE 'NO'::text
        END)::information_schema.yes_or_no AS is_identity
   FROM ((((((pg_attribute a
     LEFT JOIN pg_attrdef ad ON (((a.attrelid = ad.adrelid) AND (a.attnum = ad.adnum))))
     JOIN (pg_class c
     JOIN pg_namespace nc ON ((c.relnamespace = nc.oid))) ON ((a.attrelid = c.oid)))
     JOIN (pg_type t
     JOIN pg_namespace nt ON ((t.typnamespace = nt.oid))) ON ((a.atttypid = t.oid)))
     LEFT JOIN (pg_type bt
     JOIN pg_namespace nbt ON ((bt.typnamespace = nbt.oid))) ON (((t.typtype = 'd'::"char")
         AND (t.typbasetype = bt.oid))))
     LEFT JOIN (pg_collation co
     JOIN pg_namespace nco ON ((co.collnamespace = nco.oid))) ON (((a.attcollation = co.oid)
         AND ((nco.nspname <> 'pg_catalog'::name) OR (co.collname <> 'default'::name)))))
     LEFT JOIN (pg_depend dep
     JOIN pg_sequence seq ON (((dep.classid = ('pg_class'::regclass)::oid) AND (dep.objid = seq.seqrelid)
         AND (dep.deptype = 'i'::"char")))) ON (((dep.refclassid = ('pg_class'::regclass)::oid)
             AND (dep.refobjid = c.oid) AND (dep.refobjsubid = a.attnum))))
  WHERE ((NOT pg_is_other_temp_schema(nc.oid)) AND (a.attnum > 0) AND (NOT a.attisdropped)
      AND (c.relkind = ANY (ARRAY['r'::"char", 'v'::"char", 'f'::"char", 'p'::"char"]))
          AND (pg_has_role(c.relowner, 'USAGE'::text)
              OR has_column_privilege(c.oid, a.attnum, 'SELECT, INSERT, UPDATE, REFERENCES'::text))))`;

export type QueryRewrite = 'columns' | 'indexes';

/** The rewrite for one of the two known queries, else undefined. */
export function rewriteFor(sql: string): { kind: QueryRewrite; sql: string } | undefined {
  // Cheap test first: the hash only for the two candidates.
  if (!sql.includes('information_schema.columns info') && !sql.includes('WITH rawindex AS')) return undefined;
  const sha = createHash('sha256').update(sql).digest('hex');
  if (sha === COLUMNS_QUERY_SHA256)
    return { kind: 'columns', sql: sql.replace('FROM information_schema.columns info', `FROM ${COLUMNS_VIEW} info`) };
  if (sha === INDEXES_QUERY_SHA256) return { kind: 'indexes', sql };
  return undefined;
}

/**
 * A factory whose connections rewrite the two queries. `exec` runs a statement on the same
 * PGlite session (the planner setting); `onRewrite` lets the tests see that it still applies.
 */
export function fastIntrospection(
  factory: SqlMigrationAwareDriverAdapterFactory,
  exec: (sql: string) => Promise<unknown>,
  onRewrite?: (kind: QueryRewrite) => void,
): SqlMigrationAwareDriverAdapterFactory {
  const wrap = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    const queryRaw = async (query: SqlQuery) => {
      const rewrite = rewriteFor(query.sql);
      if (!rewrite) return adapter.queryRaw(query);
      onRewrite?.(rewrite.kind);
      if (rewrite.kind === 'columns') return adapter.queryRaw({ ...query, sql: rewrite.sql });
      await exec('SET enable_nestloop = off');
      try {
        return await adapter.queryRaw(query);
      } finally {
        await exec('RESET enable_nestloop');
      }
    };
    // A Proxy: the adapter keeps #private state, so every other method runs on the real one.
    return new Proxy(adapter, {
      get(target, prop, receiver) {
        if (prop === 'queryRaw') return queryRaw;
        const value = Reflect.get(target, prop, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
  return {
    adapterName: factory.adapterName,
    provider: factory.provider,
    connect: async () => wrap(await factory.connect()),
    connectToShadowDb: async () => wrap(await factory.connectToShadowDb()),
  };
}
