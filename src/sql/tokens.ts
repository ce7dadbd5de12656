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
  let i = 0;
  while (i < n) {
    const c = sql[i]!;
    const start = i;
    if (/\s/.test(c)) {
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
    if (/[A-Za-z_]/.test(c)) {
      while (i < n && /[A-Za-z0-9_$]/.test(sql[i]!)) i++;
      yield { kind: 'word', start, end: i };
      continue;
    }
    i++;
    yield { kind: 'other', start, end: i };
  }
}

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
 * Splits a migration script into statements. SQLite trigger bodies hold `;`s and end at
 * `END;`, as sqlite3_complete() decides.
 */
export function splitStatements(sql: string, dialect: Dialect): Statement[] {
  const out: Statement[] = [];
  let first: Token | undefined;
  let words: string[] = [];
  let previous: Token | undefined;
  const lineStarts = lineIndex(sql);
  // Inside a trigger body, CASE … END must not be taken for the body's END.
  let caseDepth = 0;
  let triggerEnded = false;
  const flush = (end: number) => {
    if (first)
      out.push({ text: sql.slice(first.start, end), offset: first.start, line: lineAt(lineStarts, first.start) });
    first = undefined;
    words = [];
    caseDepth = 0;
    triggerEnded = false;
  };
  for (const tok of tokens(sql, dialect)) {
    if (tok.kind === 'word' && dialect === 'sqlite' && isCreateTrigger(words)) {
      const word = sql.slice(tok.start, tok.end).toUpperCase();
      if (word === 'CASE') caseDepth++;
      else if (word === 'END') {
        if (caseDepth > 0) caseDepth--;
        else triggerEnded = true;
      }
    }
    if (tok.kind === 'semicolon') {
      const inTrigger = dialect === 'sqlite' && isCreateTrigger(words);
      const endsTrigger =
        triggerEnded && previous?.kind === 'word' && sql.slice(previous.start, previous.end).toUpperCase() === 'END';
      if (!first) {
        previous = tok;
        continue;
      }
      if (!inTrigger || endsTrigger) {
        flush(tok.end);
        previous = tok;
        continue;
      }
    }
    first ??= tok;
    if (tok.kind === 'word' && words.length < 4) words.push(sql.slice(tok.start, tok.end).toUpperCase());
    previous = tok;
  }
  flush(sql.length);
  return out;
}

function isCreateTrigger(words: string[]): boolean {
  if (words[0] !== 'CREATE') return false;
  const next = words[1] === 'TEMP' || words[1] === 'TEMPORARY' ? words[2] : words[1];
  return next === 'TRIGGER';
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
export const lineOfOffset = (sql: string, offset: number): number => lineAt(lineIndex(sql), offset);

/** offset → 1-based line for many look-ups in one text, without rescanning it each time. */
export function lineFinder(text: string): (offset: number) => number {
  const starts = lineIndex(text);
  return (offset) => lineAt(starts, offset);
}

/** The first line of a statement, shortened for a one-line message. */
export function statementHead(text: string, max = 120): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? oneLine.slice(0, max - 1) + '…' : oneLine;
}
