import type { Node, RenameStmt } from 'libpg-query';
import { statementHead } from '../sql/tokens';
import { advise, SEVERITY } from './advice';
import { parsePostgres, type ParsedStatement } from './parse';
import type { ReviewFinding, TableSnapshot } from './types';

/** A DROP + ADD (or DROP TABLE + CREATE TABLE) in the suggestion that may be a rename. */
export interface RenameCandidate {
  kind: 'column' | 'table';
  /** The table (for a column), or the dropped table. */
  table: string;
  from: string;
  to: string;
  line: number;
  statement: string;
}

/** What the proof needs from the check: run SQL on the replayed DB, and the engine's residual diff. */
export interface ProofTools {
  runScript(sql: string): Promise<{ ok: boolean }>;
  /** The engine's migration from the database as it is now to the schema; undefined if the diff failed. */
  diffAgain(): Promise<string | undefined>;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function renameCandidates(statements: ParsedStatement[], existing: TableSnapshot): RenameCandidate[] {
  const dropped = new Map<string, { column: string; s: ParsedStatement }[]>();
  const added = new Map<string, string[]>();
  const droppedTables: { table: string; s: ParsedStatement }[] = [];
  const created: { table: string; columns: string[] }[] = [];
  for (const s of statements) {
    const node = s.node as Node;
    if ('AlterTableStmt' in node) {
      const table = node.AlterTableStmt.relation?.relname ?? '';
      for (const c of node.AlterTableStmt.cmds ?? []) {
        if (!('AlterTableCmd' in c)) continue;
        const cmd = c.AlterTableCmd;
        if (cmd.subtype === 'AT_DropColumn') push(dropped, table, { column: cmd.name ?? '', s });
        const def = cmd.def as Node | undefined;
        if (cmd.subtype === 'AT_AddColumn' && def && 'ColumnDef' in def)
          push(added, table, def.ColumnDef.colname ?? '');
      }
    } else if ('DropStmt' in node && node.DropStmt.removeType === 'OBJECT_TABLE') {
      for (const o of node.DropStmt.objects ?? []) {
        const items = 'List' in o ? (o.List.items ?? []) : [];
        const last = items[items.length - 1];
        if (last && 'String' in last) droppedTables.push({ table: last.String.sval ?? '', s });
      }
    } else if ('CreateStmt' in node) {
      const columns = (node.CreateStmt.tableElts ?? []).flatMap((e) =>
        'ColumnDef' in e ? [e.ColumnDef.colname!] : [],
      );
      created.push({ table: node.CreateStmt.relation?.relname ?? '', columns });
    }
  }
  const out: RenameCandidate[] = [];
  for (const [table, drops] of dropped)
    for (const d of drops)
      for (const to of added.get(table) ?? [])
        if (existing.has(table)) out.push(candidate('column', table, d.column, to, d.s));
  for (const d of droppedTables) {
    const had = [...(existing.get(d.table)?.keys() ?? [])].sort().join(',');
    for (const c of created)
      if (had && c.columns.sort().join(',') === had) out.push(candidate('table', d.table, d.table, c.table, d.s));
  }
  return out;
}

const push = <T>(map: Map<string, T[]>, key: string, value: T) => map.set(key, [...(map.get(key) ?? []), value]);
const candidate = (kind: 'column' | 'table', table: string, from: string, to: string, s: ParsedStatement) => ({
  kind,
  table,
  from,
  to,
  line: s.line,
  statement: statementHead(s.text),
});

/**
 * Proves a rename by the engine: apply the RENAME to the replayed database and diff again. Renames
 * the engine still asks for (an index or constraint named after the old name) are appended and the
 * proof repeated; anything else about these names left over, and nothing is offered. The database
 * is put back as it was, so the round trip of the suggestion that follows still holds.
 */
export async function proveRename(c: RenameCandidate, tools: ProofTools): Promise<string[] | undefined> {
  const first =
    c.kind === 'column'
      ? { sql: `ALTER TABLE ${q(c.table)} RENAME COLUMN ${q(c.from)} TO ${q(c.to)};`, undo: renameColumn(c, true) }
      : {
          sql: `ALTER TABLE ${q(c.from)} RENAME TO ${q(c.to)};`,
          undo: `ALTER TABLE ${q(c.to)} RENAME TO ${q(c.from)};`,
        };
  const offered: string[] = [];
  const undo: string[] = [];
  let next = [first];
  try {
    for (let round = 0; round < 3 && next.length > 0; round++) {
      for (const step of next) {
        if (!(await tools.runScript(step.sql)).ok) return undefined;
        offered.push(step.sql);
        undo.unshift(step.undo);
      }
      const residual = await tools.diffAgain();
      if (residual === undefined) return undefined;
      if (residual.trim() === '') return offered;
      const parsed = await parsePostgres(residual);
      if (!parsed.ok || parsed.statements.some((s) => touches(s.node as Node, c))) return undefined;
      next = parsed.statements.flatMap((s) => {
        const node = s.node as Node;
        const step = 'RenameStmt' in node ? reverse(node.RenameStmt) : undefined;
        return step ? [{ sql: s.text.endsWith(';') ? s.text : `${s.text};`, undo: step }] : [];
      });
    }
    return next.length === 0 ? offered : undefined;
  } finally {
    for (const sql of undo) await tools.runScript(sql);
  }
}

const renameColumn = (c: RenameCandidate, back: boolean) =>
  `ALTER TABLE ${q(c.table)} RENAME COLUMN ${q(back ? c.to : c.from)} TO ${q(back ? c.from : c.to)};`;

/** The statement that undoes a rename the engine asked for. */
function reverse(r: RenameStmt): string | undefined {
  const on = r.relation?.relname ?? '';
  if (r.renameType === 'OBJECT_INDEX') return `ALTER INDEX ${q(r.newname ?? '')} RENAME TO ${q(on)};`;
  if (r.renameType === 'OBJECT_TABCONSTRAINT')
    return `ALTER TABLE ${q(on)} RENAME CONSTRAINT ${q(r.newname ?? '')} TO ${q(r.subname ?? '')};`;
  return undefined;
}

/** Does a left-over statement still drop or add what the rename was meant to keep? */
function touches(node: Node, c: RenameCandidate): boolean {
  if (c.kind === 'table') {
    if ('CreateStmt' in node) return node.CreateStmt.relation?.relname === c.to;
    if ('DropStmt' in node)
      return (node.DropStmt.objects ?? []).some((o) =>
        ('List' in o ? (o.List.items ?? []) : []).some((i) => 'String' in i && i.String.sval === c.from),
      );
    return false;
  }
  if (!('AlterTableStmt' in node) || node.AlterTableStmt.relation?.relname !== c.table) return false;
  return (node.AlterTableStmt.cmds ?? []).some((x) => {
    if (!('AlterTableCmd' in x)) return false;
    const def = x.AlterTableCmd.def as Node | undefined;
    const name = def && 'ColumnDef' in def ? def.ColumnDef.colname : x.AlterTableCmd.name;
    return name === c.from || name === c.to;
  });
}

/** The finding for a proven rename: the SQL to write instead of DROP + ADD. */
export function renameFinding(c: RenameCandidate, sql: string[]): ReviewFinding {
  const what = c.kind === 'column' ? `${q(c.table)}.${q(c.to)}` : `the table ${q(c.to)}`;
  const keep =
    c.kind === 'column'
      ? `add @map("${c.from}") to the field of column ${q(c.to)} in schema.prisma`
      : `add @@map("${c.from}") to the model of table ${q(c.to)}`;
  const message =
    c.kind === 'column'
      ? advise('probable-rename', c.table, c.from, what).message
      : `Dropping the table ${q(c.from)} and creating ${what} with the same columns looks like a rename; Prisma ` +
        `writes DROP + CREATE, which loses the table's data.`;
  return {
    rule: 'probable-rename',
    severity: SEVERITY['probable-rename'],
    migration: 'suggestion',
    file: null,
    line: c.line,
    statement: c.statement,
    message,
    fix:
      `If it is a rename, write this instead of the DROP and the ADD (proved: applied to the replayed database, ` +
      `the engine then finds ${what} in line with the schema): \`${sql.join(' ')}\` Or keep the old name in ` +
      `the database and need no migration at all: ${keep}.`,
  };
}
