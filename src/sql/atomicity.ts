import { splitStatements, statementHead, tokens, type Dialect } from './tokens';

/** Can a migration file run in one transaction together with the row that records it as finished? */
export interface Atomicity {
  atomic: boolean;
  /** Why not, naming the statement (absent when atomic). */
  reason?: string;
  /** The statements that change data (INSERT/UPDATE/DELETE/MERGE/TRUNCATE/COPY): a schema diff cannot see them. */
  dataStatements: { line: number; statement: string }[];
  /** SQLite: the file turns foreign keys off, which SQLite ignores inside a transaction (so it is done before). */
  foreignKeysOff?: boolean;
}

export interface AtomicityOptions {
  /** PostgreSQL's server_version_num: ALTER TYPE … ADD VALUE runs in a transaction block only from 12 on. */
  serverVersionNum?: number;
}

const TRANSACTION_CONTROL = new Set(['BEGIN', 'START', 'COMMIT', 'END', 'ROLLBACK', 'ABORT', 'SAVEPOINT', 'RELEASE']);
const DATA_CHANGING = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'TRUNCATE', 'COPY', 'REPLACE', 'UPSERT']);
/** SQLite pragmas that keep their meaning inside a transaction (or that we handle around it). */
const SQLITE_TX_PRAGMAS = new Set(['FOREIGN_KEYS', 'DEFER_FOREIGN_KEYS', 'FOREIGN_KEY_CHECK']);

interface Parsed {
  /** The statement's words outside strings, quoted identifiers and comments, upper-cased. */
  words: string[];
  /** Every token's text (for values such as `PRAGMA foreign_keys = 0`). */
  texts: string[];
  line: number;
  text: string;
}

function parse(sql: string, dialect: Dialect): Parsed[] {
  return splitStatements(sql, dialect).map((s) => {
    const words: string[] = [];
    const texts: string[] = [];
    for (const t of tokens(s.text, dialect)) {
      const text = s.text.slice(t.start, t.end);
      texts.push(text);
      if (t.kind === 'word') words.push(text.toUpperCase());
    }
    return { words, texts, line: s.line, text: s.text };
  });
}

/**
 * Decides from the statements' leading keywords (read with the SQL tokeniser, never with a
 * regex over the raw text, so comments and strings cannot fool it) whether a file can run
 * inside one transaction. Files that cannot are run as Prisma runs them and marked non-atomic.
 */
export function classifyAtomicity(sql: string, dialect: Dialect, opts: AtomicityOptions = {}): Atomicity {
  const statements = parse(sql, dialect);
  const dataStatements = statements
    .filter((s) => isDataChanging(s.words))
    .map((s) => ({ line: s.line, statement: statementHead(s.text, 80) }));
  let foreignKeysOff = false;
  for (const s of statements) {
    const why = dialect === 'postgresql' ? pgBlocker(s.words, opts) : sqliteBlocker(s);
    if (why)
      return { atomic: false, reason: `line ${s.line}: \`${statementHead(s.text, 60)}\` ${why}`, dataStatements };
    if (dialect === 'sqlite' && s.words[0] === 'PRAGMA' && s.words[1] === 'FOREIGN_KEYS') {
      const value = (s.texts[s.texts.length - 1] === ';' ? s.texts[s.texts.length - 2] : s.texts.at(-1)) ?? '';
      if (/^(0|off|false|no)$/i.test(value.replace(/^['"]|['"]$/g, ''))) foreignKeysOff = true;
    }
  }
  return { atomic: true, dataStatements, ...(foreignKeysOff ? { foreignKeysOff } : {}) };
}

function isDataChanging(words: string[]): boolean {
  if (DATA_CHANGING.has(words[0] ?? '')) return true;
  // WITH … INSERT/UPDATE/DELETE: a data-modifying CTE.
  return words[0] === 'WITH' && words.some((w) => w === 'INSERT' || w === 'UPDATE' || w === 'DELETE');
}

function pgBlocker(words: string[], opts: AtomicityOptions): string | undefined {
  const [w0 = '', w1 = '', w2 = ''] = words;
  if (TRANSACTION_CONTROL.has(w0) || (w0 === 'PREPARE' && w1 === 'TRANSACTION')) return 'manages its own transaction';
  // A procedure may COMMIT, which it cannot do inside our transaction.
  if (w0 === 'CALL') return 'calls a procedure, which may manage its own transaction';
  if (words.includes('CONCURRENTLY')) return 'cannot run inside a transaction block';
  if (w0 === 'VACUUM' || (w0 === 'DISCARD' && w1 === 'ALL')) return 'cannot run inside a transaction block';
  if ((w0 === 'CREATE' || w0 === 'DROP') && (w1 === 'DATABASE' || w1 === 'TABLESPACE'))
    return 'cannot run inside a transaction block';
  if (w0 === 'ALTER' && w1 === 'SYSTEM') return 'cannot run inside a transaction block';
  if (['CREATE', 'DROP', 'ALTER'].includes(w0) && w1 === 'SUBSCRIPTION') return 'cannot run inside a transaction block';
  if (w0 === 'REINDEX' && (w1 === 'SYSTEM' || w1 === 'DATABASE' || w2 === 'SYSTEM' || w2 === 'DATABASE'))
    return 'cannot run inside a transaction block';
  if (w0 === 'CLUSTER' && words.every((w) => w === 'CLUSTER' || w === 'VERBOSE'))
    return 'cannot run inside a transaction block';
  const addsEnumValue =
    w0 === 'ALTER' && w1 === 'TYPE' && words.some((w, i) => w === 'ADD' && words[i + 1] === 'VALUE');
  if (addsEnumValue && (opts.serverVersionNum ?? 120000) < 120000)
    return 'cannot run inside a transaction block before PostgreSQL 12';
  return undefined;
}

function sqliteBlocker(s: Parsed): string | undefined {
  const [w0 = '', w1 = ''] = s.words;
  if (TRANSACTION_CONTROL.has(w0)) return 'manages its own transaction';
  if (w0 === 'VACUUM' || w0 === 'ATTACH' || w0 === 'DETACH') return 'cannot run inside a transaction';
  if (w0 === 'PRAGMA' && !SQLITE_TX_PRAGMAS.has(w1)) return 'may not take effect inside a transaction';
  return undefined;
}
