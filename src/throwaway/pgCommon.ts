import { lineOfOffset, splitStatements, statementAt, type Statement } from '../sql/tokens';
import type { ColumnInfo, DbInspector } from './types';

/** A parameterised query on one PostgreSQL session (PGlite or a real server). */
export type PgQuery = (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }>;

/** Catalog reads that explain the engine's diff; `current_schema()` is the replay's schema. */
export function pgInspector(query: PgQuery): DbInspector {
  return {
    async columns(table) {
      const r = await query(
        `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
                pg_get_expr(d.adbin, d.adrelid) AS dflt,
                EXISTS (SELECT 1 FROM pg_index i
                        WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY(i.indkey)) AS pk
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         WHERE n.nspname = current_schema() AND c.relname = $1 AND c.relkind = 'r'
           AND a.attnum > 0 AND NOT a.attisdropped
         ORDER BY a.attnum`,
        [table],
      );
      return r.rows as ColumnInfo[];
    },
    async indexes(table) {
      const r = await query(
        `SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1`,
        [table],
      );
      return (r.rows as { name: string }[]).map((row) => row.name);
    },
    async tableColumns() {
      const r = await query(
        `SELECT c.relname AS t, a.attname AS c, format_type(a.atttypid, a.atttypmod) AS type
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped`,
      );
      return groupColumns(r.rows as { t: string; c: string; type: string }[]);
    },
    async indexDefinition(qualifiedName) {
      // to_regclass: NULL (not an error) for a name that is no relation; pg_get_indexdef: NULL for a non-index.
      const r = await query(`SELECT pg_get_indexdef(to_regclass($1)) AS def`, [qualifiedName]);
      return (r.rows[0] as { def: string | null } | undefined)?.def ?? undefined;
    },
    async enumValues(name) {
      const r = await query(
        `SELECT e.enumlabel AS label FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON ` +
          `n.oid = t.typnamespace
         WHERE n.nspname = current_schema() AND t.typname = $1 ORDER BY e.enumsortorder`,
        [name],
      );
      return (r.rows as { label: string }[]).map((row) => row.label);
    },
  };
}

export interface PgError extends Error {
  position?: string;
  hint?: string;
}

/**
 * Which statement of a failed script failed: from the error's position, else by re-running
 * the statements one at a time inside a transaction that is rolled back.
 */
export async function locatePgFailure(
  sql: string,
  error: PgError,
  exec: (sql: string) => Promise<unknown>,
): Promise<{ stmt?: Statement; line?: number; message: string }> {
  const statements = splitStatements(sql, 'postgresql');
  const position = error.position ? Number(error.position) - 1 : undefined;
  if (position !== undefined && position >= 0) {
    const stmt = statementAt(statements, position);
    return { stmt, line: lineOfOffset(sql, position), message: error.message };
  }
  await exec('BEGIN');
  try {
    for (const stmt of statements) {
      try {
        await exec(stmt.text);
      } catch (e) {
        return { stmt, line: stmt.line, message: (e as Error).message };
      }
    }
  } finally {
    await exec('ROLLBACK').catch(() => undefined);
  }
  return { message: error.message };
}

export function groupColumns(rows: { t: string; c: string; type: string }[]): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const r of rows) {
    const columns = out.get(r.t) ?? new Map<string, string>();
    columns.set(r.c, r.type);
    out.set(r.t, columns);
  }
  return out;
}
