// Double-quoted identifiers, as PostgreSQL and SQLite spell them and as Prisma's engine writes them.
// A leaf: it imports nothing from the project.

/** `name` as a double-quoted identifier (a `"` inside it doubled). */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The name inside a double-quoted identifier (`""` back to `"`), as a regex captured it. */
export const unquote = (quoted: string): string => quoted.replace(/""/g, '"');

/**
 * The table a SQLite redefinition rebuilds: the engine writes `CREATE TABLE "new_<table>"`, copies
 * the rows, drops the old table and renames the new one.
 */
export function redefinedTable(statement: string): string | undefined {
  const m = /^CREATE TABLE "new_((?:[^"]|"")+)"/.exec(statement);
  return m ? unquote(m[1]!) : undefined;
}
