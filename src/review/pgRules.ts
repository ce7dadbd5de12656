import type { AlterTableCmd, ColumnDef, Constraint, Node, TypeName } from 'libpg-query';
import { statementHead, tokens } from '../sql/tokens';
import { advise, SEVERITY } from './advice';
import type { ParsedStatement } from './parse';
import type { ReviewFinding, ReviewUnit, RuleId, TableSnapshot } from './types';

/** Functions whose default is computed per row: PostgreSQL must rewrite the table to fill them in. */
const VOLATILE = new Set([
  'gen_random_uuid',
  'uuid_generate_v1',
  'uuid_generate_v4',
  'uuidv4',
  'uuidv7',
  'random',
  'clock_timestamp',
  'timeofday',
  'nextval',
]);
const SERIAL = new Set(['serial', 'serial4', 'bigserial', 'serial8', 'smallserial', 'serial2']);

type Emit = (rule: RuleId, table: string, name?: string, extra?: string) => void;

/** Runs every PostgreSQL rule on one reviewed unit's statements. */
export function reviewPostgres(unit: ReviewUnit, statements: ParsedStatement[]): ReviewFinding[] {
  const out: ReviewFinding[] = [];
  for (const stmt of statements) {
    const emit: Emit = (rule, table, name, extra) =>
      out.push({
        rule,
        severity: SEVERITY[rule],
        migration: unit.migration,
        file: unit.file,
        line: stmt.line,
        statement: statementHead(stmt.text),
        ...advise(rule, table, name, extra),
      });
    reviewStatement(stmt, statements.length, unit.existing, emit);
  }
  return out;
}

function reviewStatement(stmt: ParsedStatement, count: number, existing: TableSnapshot, emit: Emit): void {
  const node = stmt.node as Node;
  if ('IndexStmt' in node) {
    const table = node.IndexStmt.relation?.relname ?? '';
    if (node.IndexStmt.concurrent && count > 1) emit('ban-concurrent-index-creation-in-transaction', table);
    else if (!node.IndexStmt.concurrent && existing.has(table))
      emit('require-concurrent-index-creation', table, '', withConcurrently(stmt.text));
  } else if ('AlterTableStmt' in node && node.AlterTableStmt.objtype === 'OBJECT_TABLE') {
    const table = node.AlterTableStmt.relation?.relname ?? '';
    if (!existing.has(table)) return;
    const columns = existing.get(table)!;
    for (const cmd of node.AlterTableStmt.cmds ?? [])
      if ('AlterTableCmd' in cmd) alterCmd(cmd.AlterTableCmd, table, columns, emit);
  } else if ('RenameStmt' in node) {
    const r = node.RenameStmt;
    const table = r.relation?.relname ?? '';
    if (!existing.has(table)) return;
    if (r.renameType === 'OBJECT_COLUMN') emit('renaming-column', table, r.subname ?? '');
    else if (r.renameType === 'OBJECT_TABLE') emit('renaming-table', table);
  } else if ('DropStmt' in node && node.DropStmt.removeType === 'OBJECT_TABLE') {
    for (const object of node.DropStmt.objects ?? []) {
      const items = 'List' in object ? (object.List.items ?? []) : [];
      const last = items[items.length - 1];
      const table = last && 'String' in last ? (last.String.sval ?? '') : '';
      if (existing.has(table)) emit('ban-drop-table', table);
    }
  }
}

function alterCmd(cmd: AlterTableCmd, table: string, columns: ReadonlyMap<string, string>, emit: Emit): void {
  const def = cmd.def as Node | undefined;
  switch (cmd.subtype) {
    case 'AT_AddColumn':
      if (def && 'ColumnDef' in def) addColumn(def.ColumnDef, table, emit);
      return;
    case 'AT_AddConstraint':
      if (def && 'Constraint' in def) addConstraint(def.Constraint, table, emit);
      return;
    case 'AT_SetNotNull':
      emit('adding-not-nullable-field', table, cmd.name ?? '');
      return;
    case 'AT_AlterColumnType': {
      const type = def && 'ColumnDef' in def ? def.ColumnDef.typeName : undefined;
      if (!isWidening(columns.get(cmd.name ?? ''), type)) emit('changing-column-type', table, cmd.name ?? '');
      return;
    }
    case 'AT_DropColumn':
      emit('ban-drop-column', table, cmd.name ?? '');
      return;
  }
}

function addColumn(col: ColumnDef, table: string, emit: Emit): void {
  const constraints = (col.constraints ?? []).flatMap((c) => ('Constraint' in c ? [c.Constraint] : []));
  const notNull = constraints.some((c) => c.contype === 'CONSTR_NOTNULL' || c.contype === 'CONSTR_PRIMARY');
  const dflt = constraints.find((c) => c.contype === 'CONSTR_DEFAULT');
  const generated = constraints.some((c) => c.contype === 'CONSTR_IDENTITY' || c.contype === 'CONSTR_GENERATED');
  const typeName = lastName(col.typeName?.names);
  const name = col.colname ?? '';
  if (SERIAL.has(typeName)) emit('adding-field-with-default', table, name, `of ${typeName.toUpperCase()}`);
  else if (dflt?.raw_expr && volatileCall(dflt.raw_expr)) {
    emit('adding-field-with-default', table, name, `${volatileCall(dflt.raw_expr)}()`);
  }
  if (notNull && !dflt && !generated && !SERIAL.has(typeName)) emit('adding-required-field', table, name);
}

function addConstraint(c: Constraint, table: string, emit: Emit): void {
  const name = c.conname ?? '';
  if ((c.contype === 'CONSTR_FOREIGN' || c.contype === 'CONSTR_CHECK') && !c.skip_validation)
    emit('constraint-missing-not-valid', table, name, c.contype === 'CONSTR_FOREIGN' ? (c.pktable?.relname ?? '') : '');
  else if (c.contype === 'CONSTR_UNIQUE' && !c.indexname) emit('disallowed-unique-constraint', table, name);
}

/** The function a default calls at top level, when PostgreSQL counts it as volatile. */
function volatileCall(expr: Node): string | undefined {
  if ('TypeCast' in expr && expr.TypeCast.arg) return volatileCall(expr.TypeCast.arg);
  if (!('FuncCall' in expr)) return undefined;
  const name = lastName(expr.FuncCall.funcname);
  return VOLATILE.has(name) ? name : undefined;
}

const lastName = (names: Node[] | undefined): string => {
  const last = names?.[names.length - 1];
  return last && 'String' in last ? (last.String.sval ?? '').toLowerCase() : '';
};

/**
 * A longer VARCHAR, VARCHAR → TEXT, or dropping the length limit: PostgreSQL changes only the
 * catalog, with no rewrite and no scan.
 */
function isWidening(old: string | undefined, type: TypeName | undefined): boolean {
  if (!type || !old) return false;
  const m = /^character varying(?:\((\d+)\))?$/.exec(old);
  if (!m) return false;
  const to = lastName(type.names);
  if (to === 'text') return true;
  if (to !== 'varchar') return false;
  const mod = type.typmods?.[0];
  const length = mod && 'A_Const' in mod ? mod.A_Const.ival?.ival : undefined;
  if (length === undefined) return true;
  return m[1] !== undefined && length >= Number(m[1]);
}

/** The same statement with CONCURRENTLY after INDEX, placed by token so comments and strings are safe. */
function withConcurrently(text: string): string {
  for (const tok of tokens(text, 'postgresql')) {
    if (tok.kind === 'word' && text.slice(tok.start, tok.end).toUpperCase() === 'INDEX')
      return `${text.slice(0, tok.end)} CONCURRENTLY${text.slice(tok.end)};`;
  }
  return `${text};`;
}
