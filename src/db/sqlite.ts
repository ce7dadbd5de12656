import Database from 'better-sqlite3';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Migration } from '../chain/load';
import { splitStatements, statementHead, tokens, type Statement } from '../chain/split';
import { fail, ok, type Result } from '../problem';
import { migrationFailure, type ThrowawayDb } from './types';

/**
 * better-sqlite3 is built with double-quoted string literals off (SQLITE_DQS=0), while
 * Prisma's SQLite keeps SQLite's legacy default, so histories contain `VALUES ("v")`.
 * SQLite tells us exactly which token it could not resolve as an identifier; we re-run
 * that statement with the token single-quoted, which is what legacy DQS does. A failed
 * statement has no effect in SQLite, so the retry is safe.
 */
const DQS_ERROR = /^no such column: ("(?:[^"]|"")*") - should this be a string literal in single-quotes\?$/;

/** Statements that reach outside the throwaway file. Replay runs untrusted SQL. */
const FORBIDDEN: { test: (words: string[]) => boolean; why: string }[] = [
  { test: (w) => w[0] === 'ATTACH' || w[0] === 'DETACH', why: 'ATTACH/DETACH is refused: replay never opens other database files' },
  { test: (w) => w[0] === 'VACUUM' && w.includes('INTO'), why: 'VACUUM INTO is refused: replay never writes other files' },
];

export async function openSqlite(): Promise<ThrowawayDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prisma-drift-gate-'));
  const file = path.join(dir, 'replay.db');
  const db = new Database(file);
  db.unsafeMode(false);

  const execStatement = (stmt: Statement): Result<void> => {
    let text = stmt.text;
    const words = leadingWords(text);
    const forbidden = FORBIDDEN.find((f) => f.test(words));
    if (forbidden) return fail(forbidden.why);
    for (let attempt = 0; attempt < 64; attempt++) {
      try {
        db.exec(text);
        return ok(undefined);
      } catch (e) {
        const token = DQS_ERROR.exec((e as Error).message)?.[1];
        const requoted = token ? requoteToken(text, token) : undefined;
        if (!requoted || requoted === text) return fail((e as Error).message);
        text = requoted;
      }
    }
    return fail('too many double-quoted string literals in one statement');
  };

  return {
    provider: 'sqlite',
    async runMigration(migration: Migration) {
      for (const stmt of splitStatements(migration.sql, 'sqlite')) {
        const r = execStatement(stmt);
        if (!r.ok) return fail(migrationFailure(migration, stmt.line, statementHead(stmt.text), r.problem.message));
      }
      return ok(undefined);
    },
    async runScript(sql: string) {
      for (const stmt of splitStatements(sql, 'sqlite')) {
        const r = execStatement(stmt);
        if (!r.ok) return fail(`line ${stmt.line} \`${statementHead(stmt.text)}\`: ${r.problem.message}`);
      }
      return ok(undefined);
    },
    adapterFactory: () => new PrismaBetterSqlite3({ url: `file:${file}` }),
    async [Symbol.asyncDispose]() {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function leadingWords(text: string): string[] {
  const words: string[] = [];
  for (const t of tokens(text, 'sqlite')) {
    if (t.kind !== 'word' || words.length >= 8) break;
    words.push(text.slice(t.start, t.end).toUpperCase());
  }
  return words;
}

/** Replaces every `"token"` identifier (never inside strings or comments) with a string literal. */
export function requoteToken(text: string, token: string): string {
  const literal = `'${token.slice(1, -1).replace(/""/g, '"').replace(/'/g, "''")}'`;
  let out = '';
  let last = 0;
  for (const t of tokens(text, 'sqlite')) {
    if (t.kind === 'quotedIdent' && text.slice(t.start, t.end) === token) {
      out += text.slice(last, t.start) + literal;
      last = t.end;
    }
  }
  return out + text.slice(last);
}
