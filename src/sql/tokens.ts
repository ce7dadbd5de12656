import { printable } from '../printable';

/** The SQL dialects we tokenise: the providers the engine can diff offline. */
export type Dialect = 'sqlite' | 'postgresql';

export interface Statement {
  /** The statement's text, from its first token up to and including its `;` (if any). */
  text: string;
  /** Offset of the first token in the script. */
  offset: number;
  /** 1-based line of the first token in the script. */
  line: number;
}

type TokenKind = 'word' | 'quotedIdent' | 'string' | 'other' | 'semicolon';
interface Token {
  kind: TokenKind;
  start: number;
  end: number;
}

/**
 * Tokenises just enough SQL to find statement boundaries: comments, quoted strings and
 * identifiers, PostgreSQL dollar quotes and E'' strings, SQLite's `[x]` and backticks.
 * Whitespace and comments yield no token.
 */
export function* tokens(sql: string, dialect: Dialect): Generator<Token> {
  const n = sql.length;
  const { space, wordStart, wordPart } = CHARS[dialect];
  let i = 0;
  while (i < n) {
    const c = sql[i]!;
    const start = i;
    if (space.has(c)) {
      i++;
      continue;
    }
    if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl === -1 ? n : nl + 1;
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      i = skipBlockComment(sql, i, dialect === 'postgresql');
      continue;
    }
    if (c === "'" || ((c === 'E' || c === 'e') && sql[i + 1] === "'" && dialect === 'postgresql')) {
      const backslashes = c !== "'";
      i = skipQuoted(sql, backslashes ? i + 1 : i, "'", backslashes);
      yield { kind: 'string', start, end: i };
      continue;
    }
    if (c === '"' || (dialect === 'sqlite' && c === '`')) {
      i = skipQuoted(sql, i, c, false);
      yield { kind: 'quotedIdent', start, end: i };
      continue;
    }
    if (dialect === 'sqlite' && c === '[') {
      const close = sql.indexOf(']', i);
      i = close === -1 ? n : close + 1;
      yield { kind: 'quotedIdent', start, end: i };
      continue;
    }
    if (dialect === 'postgresql' && c === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        i = close === -1 ? n : close + tag[0].length;
        yield { kind: 'string', start, end: i };
        continue;
      }
    }
    if (c === ';') {
      i++;
      yield { kind: 'semicolon', start, end: i };
      continue;
    }
    if (wordStart(c)) {
      while (i < n && wordPart(sql[i]!)) i++;
      yield { kind: 'word', start, end: i };
      continue;
    }
    i++;
    yield { kind: 'other', start, end: i };
  }
}

// The databases' own character classes, not JavaScript's: `\s` would take U+00A0 for a
// space, where SQLite and PostgreSQL read any non-ASCII character as part of an identifier.
// SQLite's are those of sqlite3_complete() (complete.c), which decides where a statement ends.
const SQLITE_SPACE = new Set([' ', '\t', '\n', '\f', '\r']);
const PG_SPACE = new Set([' ', '\t', '\n', '\f', '\r', '\v']);
const isAsciiAlnum = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
const isSqliteIdChar = (c: string) => isAsciiAlnum(c) || c === '_' || c === '$' || c >= '\u0080';
const isPgIdentStart = (c: string) => (isAsciiAlnum(c) && !(c >= '0' && c <= '9')) || c === '_' || c >= '\u0080';
const isPgIdentPart = (c: string) => isAsciiAlnum(c) || c === '_' || c === '$' || c >= '\u0080';
const CHARS = {
  sqlite: { space: SQLITE_SPACE, wordStart: isSqliteIdChar, wordPart: isSqliteIdChar },
  postgresql: { space: PG_SPACE, wordStart: isPgIdentStart, wordPart: isPgIdentPart },
};

function skipBlockComment(sql: string, i: number, nested: boolean): number {
  let depth = 0;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth++;
      i += 2;
      if (!nested && depth > 1) depth = 1;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return sql.length;
}

/** Skips a quoted run starting at `i` (the opening quote); a doubled quote is an escape. */
function skipQuoted(sql: string, i: number, quote: string, backslashEscapes: boolean): number {
  i++;
  while (i < sql.length) {
    const c = sql[i];
    if (backslashEscapes && c === '\\') i += 2;
    else if (c === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

/**
 * Splits a migration script into statements. PostgreSQL statements end at every `;` outside
 * quotes and comments. SQLite's end where sqlite3_complete() says they do: its state machine,
 * ported token for token, so a trigger body's `;`s stay inside the trigger.
 */
export function splitStatements(sql: string, dialect: Dialect): Statement[] {
  const out: Statement[] = [];
  const lineOf = lineFinder(sql);
  let first: Token | undefined;
  let state = START;
  for (const tok of tokens(sql, dialect)) {
    state = dialect === 'sqlite' ? COMPLETE[state]![sqliteTokenClass(sql, tok)]! : tok.kind === 'semicolon' ? START : 2;
    if (tok.kind === 'semicolon' && state === START) {
      if (first) out.push({ text: sql.slice(first.start, tok.end), offset: first.start, line: lineOf(first.start) });
      first = undefined;
    } else first ??= tok;
  }
  if (first) out.push({ text: sql.slice(first.start), offset: first.start, line: lineOf(first.start) });
  return out;
}

// sqlite3_complete()'s states and token classes (complete.c). Whitespace and comments are
// not tokens here, and every state loops on them, so they are left out.
const START = 1;
const [SEMI, OTHER, EXPLAIN, CREATE, TEMP, TRIGGER, END] = [0, 2, 3, 4, 5, 6, 7];
const COMPLETE: number[][] = [
  //  SEMI  WS  OTHER EXPLAIN CREATE TEMP TRIGGER END
  [1, 0, 2, 3, 4, 2, 2, 2], // 0 INVALID
  [1, 1, 2, 3, 4, 2, 2, 2], // 1 START
  [1, 2, 2, 2, 2, 2, 2, 2], // 2 NORMAL
  [1, 3, 3, 2, 4, 2, 2, 2], // 3 EXPLAIN
  [1, 4, 2, 2, 2, 4, 5, 2], // 4 CREATE
  [6, 5, 5, 5, 5, 5, 5, 5], // 5 TRIGGER
  [6, 6, 5, 5, 5, 5, 5, 7], // 6 SEMI
  [1, 7, 5, 5, 5, 5, 5, 5], // 7 END
];
const KEYWORDS: Record<string, number> = {
  EXPLAIN,
  CREATE,
  TEMP,
  TEMPORARY: TEMP,
  TRIGGER,
  END,
};

function sqliteTokenClass(sql: string, tok: Token): number {
  if (tok.kind === 'semicolon') return SEMI;
  if (tok.kind !== 'word') return OTHER;
  const word = sql.slice(tok.start, tok.end);
  // ASCII only, as SQLite compares keywords: 'trıgger'.toUpperCase() is 'TRIGGER' in JavaScript.
  return /^[A-Za-z]+$/.test(word) ? (KEYWORDS[word.toUpperCase()] ?? OTHER) : OTHER;
}

function lineIndex(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** 1-based line of an offset in a script. */
/** The statement a server's error position (0-based, in characters of the script) falls in. */
export const statementAt = (statements: Statement[], offset: number): Statement | undefined =>
  [...statements].reverse().find((s) => s.offset <= offset);

export const lineOfOffset = (sql: string, offset: number): number => lineAt(lineIndex(sql), offset);

/** offset → 1-based line for many look-ups in one text, without rescanning it each time. */
export function lineFinder(text: string): (offset: number) => number {
  const starts = lineIndex(text);
  return (offset) => lineAt(starts, offset);
}

/** The first line of a statement, shortened for a one-line message. */
export function statementHead(text: string, max = 120): string {
  const oneLine = printable(text.replace(/\s+/g, ' ').trim());
  return oneLine.length > max ? oneLine.slice(0, max - 1) + '…' : oneLine;
}
