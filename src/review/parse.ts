import { lineFinder, tokens } from '../sql/tokens';

/** One statement as PostgreSQL's own parser sees it. */
export interface ParsedStatement {
  /** The parse tree's node, e.g. `{ IndexStmt: {...} }`. */
  node: Record<string, unknown>;
  /** From the first token to the end of the statement (without comments before it). */
  text: string;
  /** 1-based line of the first token. */
  line: number;
  /** The comments and blank lines between the previous statement and this one. */
  leading: string;
}

interface PgQueryResult {
  stmts?: { stmt: Record<string, unknown>; stmt_location?: number; stmt_len?: number }[];
}
interface PgQueryModule {
  parse(sql: string): Promise<PgQueryResult>;
}

let loading: Promise<PgQueryModule> | undefined;

/**
 * libpg-query (PostgreSQL's parser as wasm) is loaded on the first review only: a check
 * with nothing to review never pays for it.
 */
function loadParser(): Promise<PgQueryModule> {
  loading ??= import('libpg-query') as unknown as Promise<PgQueryModule>;
  return loading;
}

/**
 * Starts loading the parser without waiting for it: the wasm compiles off the main thread while
 * the throwaway database starts and the chain replays. A failure surfaces at the first parse.
 */
export function preloadParser(): void {
  loadParser().catch(() => undefined);
}

export type ParseOutcome = { ok: true; statements: ParsedStatement[] } | { ok: false; message: string; line?: number };

/**
 * Parses a script. `stmt_location` and `stmt_len` are UTF-8 byte offsets, so the slicing is
 * done on the bytes and decoded back, never on the JavaScript string.
 */
export async function parsePostgres(sql: string): Promise<ParseOutcome> {
  const pg = await loadParser();
  let tree: PgQueryResult;
  try {
    tree = await pg.parse(sql);
  } catch (e) {
    const err = e as { message?: string; sqlDetails?: { cursorPosition?: number } };
    const bytes = Buffer.from(sql, 'utf8');
    const at = err.sqlDetails?.cursorPosition;
    const line =
      at === undefined ? undefined : lineFinder(sql)(bytes.subarray(0, Math.max(0, at - 1)).toString('utf8').length);
    return { ok: false, message: err.message ?? String(e), line };
  }
  const bytes = Buffer.from(sql, 'utf8');
  const lineOf = lineFinder(sql);
  const charAt = byteToChar(bytes);
  const statements: ParsedStatement[] = [];
  // The first statement's location skips the comments before it, later ones start after the
  // previous `;`: the comments are taken from where the previous statement ended instead.
  let previousEnd = 0;
  for (const s of tree.stmts ?? []) {
    const startByte = s.stmt_location ?? 0;
    const endByte = s.stmt_len ? startByte + s.stmt_len : bytes.length;
    const start = charAt(startByte);
    const raw = bytes.subarray(startByte, endByte).toString('utf8');
    const first = tokens(raw, 'postgresql').next();
    const tokenAt = start + (first.done ? 0 : first.value.start);
    const end = start + raw.length;
    statements.push({
      node: s.stmt,
      text: sql.slice(tokenAt, end).trimEnd(),
      line: lineOf(tokenAt),
      leading: sql.slice(previousEnd, tokenAt),
    });
    // Past the `;` that ends it.
    previousEnd = sql[end] === ';' ? end + 1 : end;
  }
  return { ok: true, statements };
}

/**
 * byte offset → character offset, for offsets that only grow (the parser's statements, in order).
 * Each call decodes only the bytes since the previous one: decoding the whole prefix every time
 * made a 1,000-table suggestion cost seconds (quadratic). The offsets fall on token starts, so on
 * character boundaries, and the pieces add up to the prefix's length.
 */
function byteToChar(bytes: Buffer): (byteOffset: number) => number {
  let byte = 0;
  let char = 0;
  return (offset) => {
    if (offset < byte) {
      byte = 0;
      char = 0;
    }
    char += bytes.subarray(byte, offset).toString('utf8').length;
    byte = offset;
    return char;
  };
}
