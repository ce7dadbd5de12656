import type { Migration } from '../chain/load';
import { pathSlot } from '../problem';
import type { Atomicity } from '../sql/atomicity';
import { lineOfOffset, splitStatements, statementAt, statementHead } from '../sql/tokens';
import { oneLine } from '../throwaway/types';
import { ATOMIC_ROLLED_BACK, type MigrationFailure } from './targetDb';

export interface PgDbError extends Error {
  code?: string;
  position?: string;
  hint?: string;
  detail?: string;
}

/** An error the server reported (it has a SQLSTATE): its transaction was rolled back there. */
export const isServerError = (e: PgDbError): boolean => /^[0-9A-Z]{5}$/.test(e.code ?? '');

/**
 * The failing statement comes from the error's position. Without one (e.g. "relation
 * already exists"), the first statement naming every identifier quoted in the message is
 * the best guess; we never re-run anything on a real database to find out.
 */
export function pgFailure(migration: Migration, e: PgDbError, atomicity: Atomicity): MigrationFailure {
  const statements = splitStatements(migration.sql, 'postgresql');
  const position = e.position ? Number(e.position) - 1 : undefined;
  let stmt = position !== undefined ? statementAt(statements, position) : undefined;
  let line = position !== undefined ? lineOfOffset(migration.sql, position) : undefined;
  if (!stmt) {
    const names = [...e.message.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
    stmt = names.length ? statements.find((s) => names.every((n) => s.text.includes(n))) : undefined;
    line = stmt?.line;
  }
  const where = line !== undefined ? `${pathSlot(migration.file)}:${line}` : pathSlot(migration.file);
  const head = stmt ? ` at \`${statementHead(stmt.text)}\`` : '';
  const detail = [e.detail, e.hint]
    .filter(Boolean)
    .map((s) => oneLine(s!))
    .join(' ');
  const logs = pgLogs(e, line, stmt?.text);
  return {
    migration: migration.name,
    file: migration.file,
    line,
    statement: stmt ? statementHead(stmt.text) : undefined,
    message:
      `${where}: migration "${migration.name}" failed${head}: ` +
      `${oneLine(e.message)}${e.code ? ` (SQLSTATE ${e.code})` : ''}.${detail ? ' ' + detail + '.' : ''} ` +
      `${rolledBackNote(atomicity)} Fix the cause, then mark it: prisma-drift-gate resolve --rolled-back ` +
      `${migration.name}, and deploy again.`,
    logs: atomicity.atomic ? `${logs}\n\n${ATOMIC_ROLLED_BACK}` : logs,
  };
}

/** A file sent as one query is all or nothing, unless it commits part of itself explicitly. */
function rolledBackNote(atomicity: Atomicity): string {
  if (atomicity.atomic) return 'Nothing of it was applied (PostgreSQL ran the file as one transaction).';
  return /own transaction/.test(atomicity.reason ?? '')
    ? 'The file manages its own transactions, so statements it committed before the failure stay applied; check the ' +
        'database.'
    : `It is non-atomic (${atomicity.reason}), so work done before the failure may remain (e.g. an INVALID index); ` +
        `check the database.`;
}

/** The shape of Prisma's logs column for a database error. */
function pgLogs(e: PgDbError, line: number | undefined, statement: string | undefined): string {
  return [
    `Database error code: ${e.code ?? 'unknown'}`,
    '',
    'Database error:',
    `ERROR: ${e.message}`,
    ...(e.detail ? [`DETAIL: ${e.detail}`] : []),
    ...(e.hint ? [`HINT: ${e.hint}`] : []),
    ...(line !== undefined ? ['', `Position: line ${line}${statement ? `: ${statementHead(statement)}` : ''}`] : []),
  ].join('\n');
}
