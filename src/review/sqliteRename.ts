import type { DbInspector } from '../throwaway/types';
import { renameFinding } from './rename';
import { renameSql, rewriteForRename, snapshotCandidates, type SnapshotCandidate } from './rewrite';
import { splitSqlite } from './sqliteRules';
import type { ReviewFinding, TableSnapshot } from './types';

interface SqliteTools {
  inspector: DbInspector;
  runScript(sql: string): Promise<{ ok: boolean }>;
  diffAgain(): Promise<string | undefined>;
}

/**
 * probable-rename for SQLite's suggestion, where Prisma redefines the table and copies every column
 * but the dropped one. The candidates come from the tables as the suggestion leaves them, read inside
 * a savepoint that is rolled back (SQLite's DDL is transactional); the proof is PostgreSQL's: apply
 * the rename, ask the engine again, and undo it, so the round trip that follows still holds.
 */
export async function proveSqliteRenames(
  sql: string,
  replayed: TableSnapshot,
  tools: SqliteTools,
  max: number,
): Promise<ReviewFinding[]> {
  const after = await tablesAfter(sql, tools);
  if (!after) return [];
  const out: ReviewFinding[] = [];
  for (const c of snapshotCandidates(replayed, after).slice(0, max)) {
    const at = await rewriteForRename(sql, 'sqlite', c);
    if (!at) continue;
    if (!(await tools.runScript(renameSql(c))).ok) continue;
    try {
      const residual = await tools.diffAgain();
      if (residual !== undefined && !mentions(residual, c))
        out.push(sqliteWording(renameFinding({ ...c, line: at.line, statement: at.statement }, [renameSql(c)]), c));
    } finally {
      await tools.runScript(renameSql({ ...c, from: c.to, to: c.from, table: c.kind === 'table' ? c.to : c.table }));
    }
  }
  return out;
}

async function tablesAfter(sql: string, tools: SqliteTools): Promise<TableSnapshot | undefined> {
  if (!(await tools.runScript('SAVEPOINT pdg_review')).ok) return undefined;
  try {
    return (await tools.runScript(sql)).ok ? await tools.inspector.tableColumns() : undefined;
  } finally {
    await tools.runScript('ROLLBACK TO pdg_review; RELEASE pdg_review');
  }
}

/** Does what the engine still asks touch the renamed table at all? Then the rename is not the whole story. */
function mentions(residual: string, c: SnapshotCandidate): boolean {
  const names = c.kind === 'column' ? [c.table, `new_${c.table}`] : [c.from, c.to, `new_${c.to}`];
  return splitSqlite(residual).some((s) => s.words.some((w) => names.includes(w)));
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** SQLite's suggestion copies the table without the column, rather than dropping it: said as it is. */
function sqliteWording(f: ReviewFinding, c: SnapshotCandidate): ReviewFinding {
  const message =
    c.kind === 'column'
      ? `The suggestion redefines ${q(c.table)} without ${q(c.from)} and with ${q(c.to)} of the same type: if the ` +
        `field was renamed, the copy leaves every value of ${q(c.from)} behind.`
      : f.message;
  return { ...f, message, fix: f.fix.replace('instead of the DROP and the ADD', 'instead of the table redefinition') };
}
