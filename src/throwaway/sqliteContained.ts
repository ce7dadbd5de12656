import type BetterSqlite3 from 'better-sqlite3';

/**
 * EXPLAIN's columns, in the order SQLite fixes for them: addr, opcode, p1, p2, p3, p4, p5, comment.
 * Rows are read as arrays: objects for every instruction of every statement were most of the
 * containment's cost on a schema of thousands of tables.
 */
const OPCODE = 1;
const P2 = 3;
const P4 = 5;

/**
 * Runs exactly one statement of untrusted SQL, or refuses it. The containment is SQLite's,
 * not a word filter:
 * - prepare() compiles one statement and throws when the text holds a second, so a statement
 *   the splitter got wrong can never run unseen;
 * - the compiled program (EXPLAIN) shows with certainty whether the statement would open or
 *   write another file (ATTACH, VACUUM INTO), however it is quoted or spelled.
 * better-sqlite3 offers no authorizer, so the program is the only place to look.
 */
export function runContained(db: BetterSqlite3.Database, sql: string): void {
  const statement = db.prepare(sql);
  const refusal = reachOutside(db, sql);
  if (refusal) throw new RefusedStatement(refusal);
  statement.run();
}

export class RefusedStatement extends Error {}

function reachOutside(db: BetterSqlite3.Database, sql: string): string | undefined {
  let program: unknown[][];
  try {
    program = db.prepare(`EXPLAIN ${sql}`).raw(true).all() as unknown[][];
  } catch {
    // Only a statement that is itself an EXPLAIN cannot be explained again.
    return 'EXPLAIN is refused in a migration: replay runs only statements whose effect it can check';
  }
  for (const op of program) {
    const opcode = op[OPCODE];
    const fn = typeof op[P4] === 'string' ? op[P4] : '';
    if ((opcode === 'Function' || opcode === 'PureFunc') && /^sqlite_(attach|detach)\(/.test(fn))
      return 'ATTACH/DETACH is refused: replay never opens other database files';
    // OP_Vacuum's P2 is the register holding the INTO file name; 0 is a plain VACUUM.
    if (opcode === 'Vacuum' && op[P2] !== 0) return 'VACUUM INTO is refused: replay never writes other files';
  }
  return undefined;
}
