import { splitStatements, statementHead, tokens } from '../sql/tokens';
import { advise, SEVERITY } from './advice';
import type { ReviewFinding, ReviewUnit, RuleId } from './types';

/** A statement as the SQLite rules read it: its words, identifiers unquoted, and where it starts. */
export interface SqliteStatement {
  words: string[];
  text: string;
  line: number;
  leading: string;
}

export function splitSqlite(sql: string): SqliteStatement[] {
  let previousEnd = 0;
  return splitStatements(sql, 'sqlite').map((s) => {
    const leading = sql.slice(previousEnd, s.offset);
    previousEnd = s.offset + s.text.length;
    const words = [...tokens(s.text, 'sqlite')].map((t) => {
      const raw = s.text.slice(t.start, t.end);
      return t.kind === 'quotedIdent' ? raw.slice(1, -1).replace(/""/g, '"') : raw;
    });
    return { words, text: s.text, line: s.line, leading };
  });
}

const upper = (words: string[], n: number) => words.slice(0, n).join(' ').toUpperCase();

/**
 * SQLite has no lock rules to speak of (one writer at a time), but Prisma's table redefinition
 * copies the whole table, and drops and renames break the app version still running.
 */
export function reviewSqlite(unit: ReviewUnit, statements: SqliteStatement[]): ReviewFinding[] {
  const out: ReviewFinding[] = [];
  const redefined = new Map<string, SqliteStatement>();
  for (const s of statements)
    if (upper(s.words, 2) === 'ALTER TABLE' && upper(s.words.slice(3), 2) === 'RENAME TO') {
      const [from, to] = [s.words[2]!, s.words[5] ?? ''];
      if (from === `new_${to}`) redefined.set(to, s);
    }
  for (const s of statements) {
    const emit = (rule: RuleId, table: string, name?: string) =>
      out.push({
        rule,
        severity: SEVERITY[rule],
        migration: unit.migration,
        file: unit.file,
        line: s.line,
        statement: statementHead(s.text),
        ...advise(rule, table, name),
      });
    const w = s.words;
    if (upper(w, 2) === 'CREATE TABLE' && w[2]?.startsWith('new_')) {
      const table = w[2].slice(4);
      if (redefined.has(table) && unit.existing.has(table)) emit('sqlite-redefine-table', table);
    } else if (upper(w, 2) === 'DROP TABLE') {
      const table = upper(w.slice(2), 2) === 'IF EXISTS' ? w[4]! : w[2]!;
      if (!redefined.has(table) && unit.existing.has(table)) emit('ban-drop-table', table);
    } else if (upper(w, 2) === 'ALTER TABLE' && unit.existing.has(w[2] ?? '')) {
      const rest = upper(w.slice(3), 2);
      if (rest === 'DROP COLUMN') emit('ban-drop-column', w[2]!, w[5]);
      else if (rest === 'RENAME COLUMN') emit('renaming-column', w[2]!, w[5]);
      else if (rest === 'RENAME TO' && !redefined.has(w[5] ?? '')) emit('renaming-table', w[2]!);
    }
  }
  return out;
}
