import { redefinedTable, unquote } from '../sql/quote';
import { splitStatements } from '../sql/tokens';
import type { Provider } from '../schema/provider';
import { findModel, type ModelInfo } from '../schema/modelIndex';
import type { ColumnInfo, DbInspector } from '../throwaway/types';

export interface DataLossWarning {
  table: string;
  column?: string;
  message: string;
}

/**
 * The warnings `prisma migrate dev` writes at the top of a migration, in its words
 * (prisma-engines' destructive change checker, the variants for an unknown row count).
 *
 * The engine's own evaluateDataLoss needs a shadow database we cannot hand it, and it
 * hides warnings for empty tables; our throwaway DB is always empty. So we derive them
 * from the engine's SQL (whose shape the engine fixes) and the replayed schema, and
 * warn whatever the row counts.
 */
/** A possibly schema-qualified name, `"schema"."name"` or `"name"`; captures the name. */
const NAME = '(?:"(?:[^"]|"")+"\\.)?"((?:[^"]|"")+)"';
const re = (source: string, flags = '') => new RegExp(source.replace(/NAME/g, NAME), flags);
const DROP_TABLE = re('^DROP TABLE NAME');
const ALTER_TABLE = re('^ALTER TABLE NAME');
const CREATE_UNIQUE = re('^CREATE UNIQUE INDEX "((?:[^"]|"")+)" ON NAME\\s*\\(([^)]*)\\)');
const CREATE_ENUM_NEW = re('^CREATE TYPE NAME AS ENUM \\(([^)]*)\\)');
const DROP_TYPE = re('^DROP TYPE NAME');

export async function deriveWarnings(
  sql: string,
  provider: Provider,
  db: DbInspector,
  models: ModelInfo[],
): Promise<DataLossWarning[]> {
  const out: DataLossWarning[] = [];
  const statements = splitStatements(sql, provider).map((s) => s.text);
  const redefined = new Set(statements.map(redefinedTable).filter((t): t is string => t !== undefined));

  for (const text of statements) {
    let m: RegExpExecArray | null;
    if ((m = DROP_TABLE.exec(text)) && !redefined.has(unquote(m[1]!))) {
      const table = unquote(m[1]!);
      out.push({
        table,
        message:
          `You are about to drop the \`${table}\` table. If the table is not empty, all the data it contains ` +
          `will be lost.`,
      });
    } else if ((m = ALTER_TABLE.exec(text))) {
      out.push(...(await alterTableWarnings(unquote(m[1]!), text, db, models)));
    } else if ((m = CREATE_UNIQUE.exec(text))) {
      out.push(...(await uniqueIndexWarnings(m, db)));
    } else if ((m = CREATE_ENUM_NEW.exec(text)) && m[1]!.endsWith('_new') && db.enumValues) {
      out.push(...(await removedEnumValueWarnings(m, db.enumValues.bind(db))));
    } else if ((m = DROP_TYPE.exec(text)) && !m[1]!.endsWith('_old')) {
      // Prisma has no wording for this one: dropping a type that a column still uses fails.
      const enm = unquote(m[1]!);
      out.push({
        table: enm,
        message: `You are about to drop the enum \`${enm}\`. If it is still used in the database, this will fail.`,
      });
    } else if (redefinedTable(text) !== undefined && db.columnsOfCreate) {
      const table = redefinedTable(text)!;
      out.push(...redefinitionWarnings(table, await db.columns(table), await db.columnsOfCreate(text), models));
    }
  }
  return out;
}

/** A unique index on a table that existed before: existing duplicates make it fail. */
async function uniqueIndexWarnings(m: RegExpExecArray, db: DbInspector): Promise<DataLossWarning[]> {
  const [index, table] = [unquote(m[1]!), unquote(m[2]!)];
  const existed = (await db.columns(table)).length > 0;
  if (!existed || (await db.indexes(table)).includes(index)) return [];
  const columns = [...m[3]!.matchAll(/"((?:[^"]|"")+)"/g)].map((c) => unquote(c[1]!));
  const message =
    `A unique constraint covering the columns \`[${columns.join(',')}]\` on the table \`${table}\` ` +
    `will be added. If there are existing duplicate values, this will fail.`;
  return [{ table, message }];
}

/** PostgreSQL rebuilds an enum as `<name>_new`: the values it lacks are removed. */
async function removedEnumValueWarnings(
  m: RegExpExecArray,
  enumValues: (name: string) => Promise<string[]>,
): Promise<DataLossWarning[]> {
  const enm = unquote(m[1]!.slice(0, -'_new'.length));
  const next = new Set([...m[2]!.matchAll(/'((?:[^']|'')*)'/g)].map((v) => v[1]!.replace(/''/g, "'")));
  const removed = (await enumValues(enm)).filter((v) => !next.has(v));
  if (removed.length === 0) return [];
  const message =
    `The values [${removed.join(',')}] on the enum \`${enm}\` will be removed. If these variants are ` +
    `still used in the database, this will fail.`;
  return [{ table: enm, message }];
}

async function alterTableWarnings(
  table: string,
  text: string,
  db: DbInspector,
  models: ModelInfo[],
): Promise<DataLossWarning[]> {
  const out: DataLossWarning[] = [];
  for (const m of text.matchAll(/DROP COLUMN "((?:[^"]|"")+)"/g)) {
    const column = unquote(m[1]!);
    out.push({ table, column, message: dropColumn(table, column) });
  }
  for (const m of text.matchAll(/ADD COLUMN\s+"((?:[^"]|"")+)"([^,;]*)/g)) {
    const column = unquote(m[1]!);
    if (/\bNOT NULL\b/.test(m[2]!) && !/\bDEFAULT\b/.test(m[2]!))
      out.push({ table, column, message: addedRequired(table, column, models) });
  }
  for (const m of text.matchAll(/ALTER COLUMN "((?:[^"]|"")+)" SET NOT NULL/g)) {
    const column = unquote(m[1]!);
    out.push({ table, column, message: madeRequired(table, column) });
  }
  let before: ColumnInfo[] | undefined;
  for (const m of text.matchAll(
    /ALTER COLUMN "((?:[^"]|"")+)" SET DATA TYPE ((?:[^,;(]|\([^)]*\))+?)(?:\s+USING\b[^,;]*)?(?=,|;|$)/g,
  )) {
    const column = unquote(m[1]!);
    // Read only when a type changes: one catalog query per ALTER TABLE (a foreign key on every new
    // table) cost seconds on schemas of thousands of models.
    before ??= await db.columns(table);
    const previous = before.find((c) => c.name === column)?.type ?? 'unknown';
    out.push({ table, column, message: riskyCast(table, column, previous.toUpperCase(), m[2]!.trim()) });
  }
  if (/DROP CONSTRAINT "(?:[^"]|"")+_pkey"/.test(text) && /ADD CONSTRAINT "(?:[^"]|"")+" PRIMARY KEY/.test(text))
    out.push({ table, message: primaryKeyChange(table) });
  return out;
}

function redefinitionWarnings(
  table: string,
  before: { name: string; type: string; notnull: boolean; dflt: string | null; pk: boolean }[],
  after: typeof before,
  models: ModelInfo[],
): DataLossWarning[] {
  const out: DataLossWarning[] = [];
  const old = new Map(before.map((c) => [c.name, c]));
  for (const c of after) {
    const prev = old.get(c.name);
    if (!prev) {
      if (c.notnull && c.dflt === null && !c.pk)
        out.push({ table, column: c.name, message: addedRequired(table, c.name, models) });
      continue;
    }
    if (prev.type !== c.type) out.push({ table, column: c.name, message: riskyCast(table, c.name, prev.type, c.type) });
    if (!prev.notnull && c.notnull) out.push({ table, column: c.name, message: madeRequired(table, c.name) });
  }
  const kept = new Set(after.map((c) => c.name));
  for (const c of before)
    if (!kept.has(c.name)) out.push({ table, column: c.name, message: dropColumn(table, c.name) });
  const pkBefore = before
    .filter((c) => c.pk)
    .map((c) => c.name)
    .join(',');
  const pkAfter = after
    .filter((c) => c.pk)
    .map((c) => c.name)
    .join(',');
  if (pkBefore !== pkAfter && pkBefore !== '') out.push({ table, message: primaryKeyChange(table) });
  return out;
}

const dropColumn = (table: string, column: string) =>
  `You are about to drop the column \`${column}\` on the \`${table}\` table. All the data in the column will be lost.`;
const madeRequired = (table: string, column: string) =>
  `Made the column \`${column}\` on table \`${table}\` required. This step will fail if there are existing NULL ` +
  `values in that column.`;
const riskyCast = (table: string, column: string, from: string, to: string) =>
  `You are about to alter the column \`${column}\` on the \`${table}\` table. The data in that column could be ` +
  `lost. The data in that column will be cast from \`${from}\` to \`${to}\`.`;
const primaryKeyChange = (table: string) =>
  `The primary key for the \`${table}\` table will be changed. If it partially fails, the table could be left ` +
  `without primary key constraint.`;

/** A required column with a Prisma-level default (uuid(), cuid(), …) gets its own wording. */
function addedRequired(table: string, column: string, models: ModelInfo[]): string {
  const field = findModel(models, table)?.fields.find((f) => f.dbName === column);
  if (field?.hasDefault) {
    return (
      `The required column \`${column}\` was added to the \`${table}\` table with a prisma-level default ` +
      `value. This is not possible if the table is not empty. Please add this column as optional, then populate it ` +
      `before making it required.`
    );
  }
  return (
    `Added the required column \`${column}\` to the \`${table}\` table without a default value. This is not ` +
    `possible if the table is not empty.`
  );
}
