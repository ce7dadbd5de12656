import type { Node } from 'libpg-query';
import type { Provider } from '../schema/provider';
import { statementHead, tokens } from '../sql/tokens';
import { parsePostgres, type ParsedStatement } from './parse';
import { splitSqlite, type SqliteStatement } from './sqliteRules';
import type { TableSnapshot } from './types';

/** A rename that the tables before and after a migration suggest: a column (or table) gone, one alike added. */
export interface SnapshotCandidate {
  kind: 'column' | 'table';
  /** The table (for a column), or the dropped table. */
  table: string;
  from: string;
  to: string;
}

/**
 * Reads the candidates from the replayed database rather than from the SQL, so that both providers
 * and every way of writing the change (PostgreSQL's DROP + ADD, SQLite's table redefinition) are
 * found alike. Same type only: nullability and the rest are left to the engine's proof.
 */
export function snapshotCandidates(before: TableSnapshot, after: TableSnapshot): SnapshotCandidate[] {
  const out: SnapshotCandidate[] = [];
  const gone: string[] = [];
  for (const [table, columns] of before) {
    const now = after.get(table);
    if (!now) {
      gone.push(table);
      continue;
    }
    const added = [...now].filter(([c]) => !columns.has(c));
    for (const [from, type] of columns)
      if (!now.has(from))
        for (const [to] of added.filter(([, t]) => t === type)) out.push({ kind: 'column', table, from, to });
  }
  const shape = (columns: ReadonlyMap<string, string>) => JSON.stringify([...columns].sort());
  for (const table of gone)
    for (const [to, columns] of after)
      if (!before.has(to) && shape(columns) === shape(before.get(table)!))
        out.push({ kind: 'table', table, from: table, to });
  return out;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The SQL that keeps the data: what the DROP + ADD (or DROP + CREATE) becomes. */
export const renameSql = (c: SnapshotCandidate): string =>
  c.kind === 'column'
    ? `ALTER TABLE ${q(c.table)} RENAME COLUMN ${q(c.from)} TO ${q(c.to)};`
    : `ALTER TABLE ${q(c.from)} RENAME TO ${q(c.to)};`;

/** A migration rewritten to rename instead of dropping and adding; line and statement of the drop replaced. */
export interface Rewritten {
  sql: string;
  line: number;
  statement: string;
  /** The first lines of the statements replaced or taken out, for the reader to find them. */
  lines: number[];
}

/** One edit of the migration's text: the range of a statement, and what replaces it. */
interface Edit {
  start: number;
  end: number;
  text: string;
  line: number;
}

/**
 * The migration as it would read with a rename instead of the DROP + ADD: the statements that drop
 * and re-create what the rename keeps are taken out (found by the real parser on PostgreSQL, by
 * statement words on SQLite), everything else stays. Undefined when the migration is not written
 * in a form this understands; the engine then judges nothing and nothing is offered.
 */
export async function rewriteForRename(
  sql: string,
  provider: Provider,
  c: SnapshotCandidate,
): Promise<Rewritten | undefined> {
  if (provider === 'postgresql') {
    const parsed = await parsePostgres(sql);
    return parsed.ok ? apply(sql, pgEdits(sql, parsed.statements, c)) : undefined;
  }
  return apply(sql, sqliteEdits(sql, splitSqlite(sql), c));
}

function apply(sql: string, found: { edits: Edit[]; at: { line: number; text: string } } | undefined) {
  if (!found || found.edits.length === 0) return undefined;
  let out = sql;
  for (const e of [...found.edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  const lines = found.edits.map((e) => e.line).sort((a, b) => a - b);
  return { sql: out, line: found.at.line, statement: statementHead(found.at.text), lines };
}

/** Where each statement starts in the script: statements come in order, so each is found after the last. */
function located<T extends { text: string }>(sql: string, statements: T[]): (T & { start: number })[] {
  let cursor = 0;
  return statements.map((s) => {
    const start = sql.indexOf(s.text, cursor);
    cursor = start + s.text.length;
    return { ...s, start };
  });
}

const relname = (node: Node): string | undefined => {
  if ('AlterTableStmt' in node) return node.AlterTableStmt.relation?.relname;
  if ('IndexStmt' in node) return node.IndexStmt.relation?.relname;
  if ('CreateStmt' in node) return node.CreateStmt.relation?.relname;
  return undefined;
};

function pgEdits(sql: string, statements: ParsedStatement[], c: SnapshotCandidate) {
  const edits: Edit[] = [];
  let at: ParsedStatement | undefined;
  for (const s of located(sql, statements)) {
    const node = s.node as Node;
    // The parser's statement ends before its `;`: the edit takes the `;` too.
    const end = s.start + s.text.length + (sql[s.start + s.text.length] === ';' ? 1 : 0);
    const remove = (text = '') => edits.push({ start: s.start, end, text, line: s.line });
    if (c.kind === 'table') {
      const dropsIt =
        'DropStmt' in node &&
        node.DropStmt.removeType === 'OBJECT_TABLE' &&
        (node.DropStmt.objects ?? []).length === 1 &&
        lastName(node.DropStmt.objects![0]!) === c.from;
      // The rename takes the DROP's place: that is the statement that loses the data.
      if (dropsIt) {
        at = s;
        remove(renameSql(c));
      } else if ('CreateStmt' in node && relname(node) === c.to) remove();
      // The renamed table keeps its indexes (under the old names: the engine's proof asks for their
      // renames). Its foreign keys stay in: Prisma dropped the old table's before dropping it.
      else if (relname(node) === c.to && 'IndexStmt' in node) remove();
      continue;
    }
    if (!('AlterTableStmt' in node) || relname(node) !== c.table) continue;
    const cmds = (node.AlterTableStmt.cmds ?? []).map((x) => ('AlterTableCmd' in x ? x.AlterTableCmd : undefined));
    const drop = cmds.findIndex((x) => x?.subtype === 'AT_DropColumn' && x.name === c.from);
    const add = cmds.findIndex((x) => {
      const def = x?.def as Node | undefined;
      return x?.subtype === 'AT_AddColumn' && def !== undefined && 'ColumnDef' in def && def.ColumnDef.colname === c.to;
    });
    if (drop < 0 && add < 0) continue;
    const kept = withoutCommands(s.text, cmds.length, [drop, add]);
    if (kept === undefined) return undefined;
    if (drop >= 0) at = s;
    remove([drop >= 0 ? renameSql(c) : '', kept].filter(Boolean).join('\n'));
  }
  return at ? { edits, at } : undefined;
}

const lastName = (o: Node): string | undefined => {
  const items = 'List' in o ? (o.List.items ?? []) : [];
  const last = items[items.length - 1];
  return last && 'String' in last ? last.String.sval : undefined;
};

/**
 * An ALTER TABLE without some of its commands. The parser says which commands they are; the
 * text of each is found between the top-level commas (the parser keeps no location for them).
 */
function withoutCommands(text: string, count: number, drop: number[]): string | undefined {
  const toks = [...tokens(text, 'postgresql')];
  const commas: number[] = [];
  let depth = 0;
  let end = text.length;
  for (const t of toks) {
    const ch = text.slice(t.start, t.end);
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) commas.push(t.start);
    else if (t.kind === 'semicolon') end = t.start;
  }
  if (commas.length !== count - 1) return undefined;
  // The first command starts after ALTER TABLE [IF EXISTS] [ONLY] name[.name].
  let i = 2;
  const word = (k: number) => (toks[k] ? text.slice(toks[k].start, toks[k].end).toUpperCase() : '');
  if (word(i) === 'IF' && word(i + 1) === 'EXISTS') i += 2;
  if (word(i) === 'ONLY') i++;
  i++;
  while (word(i) === '.') i += 2;
  const first = toks[i];
  if (!first) return undefined;
  const starts = [first.start, ...commas.map((x) => x + 1)];
  const ends = [...commas, end];
  const kept = [];
  for (let k = 0; k < count; k++) if (!drop.includes(k)) kept.push(text.slice(starts[k], ends[k]).trim());
  return kept.length === 0 ? '' : `${text.slice(0, first.start).trimEnd()} ${kept.join(', ')};`;
}

/**
 * SQLite: Prisma drops a column by redefining the table (CREATE TABLE "new_T", copy, DROP, RENAME,
 * then its indexes again); with a rename the table and its indexes stay, so all of that goes.
 * Newer forms, ALTER TABLE … DROP COLUMN / ADD COLUMN, are taken out the same way.
 */
function sqliteEdits(sql: string, statements: SqliteStatement[], c: SnapshotCandidate) {
  const edits: Edit[] = [];
  let at: SqliteStatement | undefined;
  for (const s of located(sql, statements)) {
    const role = sqliteRole(s.words, c);
    if (!role) continue;
    if (role === 'rename') at = s;
    const text = role === 'rename' ? renameSql(c) : '';
    edits.push({ start: s.start, end: s.start + s.text.length, text, line: s.line });
  }
  return at ? { edits, at } : undefined;
}

/** What a statement of the migration becomes: the rename, nothing, or itself (undefined). */
function sqliteRole(w: string[], c: SnapshotCandidate): 'rename' | 'remove' | undefined {
  const up = (from: number, n: number) =>
    w
      .slice(from, from + n)
      .join(' ')
      .toUpperCase();
  const head = up(0, 2);
  const indexOn = head === 'CREATE INDEX' ? w[4] : head === 'CREATE UNIQUE' ? w[5] : undefined;
  if (c.kind === 'table') {
    if (head === 'DROP TABLE' && w[2] === c.from) return 'rename';
    return (head === 'CREATE TABLE' && w[2] === c.to) || indexOn === c.to ? 'remove' : undefined;
  }
  const redefined = `new_${c.table}`;
  if (head === 'CREATE TABLE' && w[2] === redefined) return 'rename';
  const onTable = head === 'ALTER TABLE' && w[2] === c.table;
  if (onTable && up(3, 2) === 'DROP COLUMN' && w[5] === c.from) return 'rename';
  const gone =
    (head === 'INSERT INTO' && w[2] === redefined) ||
    (head === 'DROP TABLE' && w[2] === c.table) ||
    (head === 'ALTER TABLE' && w[2] === redefined) ||
    (onTable && up(3, 2) === 'ADD COLUMN' && w[5] === c.to) ||
    indexOn === c.table;
  return gone ? 'remove' : undefined;
}
