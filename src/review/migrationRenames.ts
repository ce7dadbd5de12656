import type { Node } from 'libpg-query';
import type { Migration } from '../chain/load';
import type { Provider } from '../schema/provider';
import { SEVERITY } from './advice';
import { parsePostgres } from './parse';
import type { ReviewPlan } from './plan';
import { renameSql, rewriteForRename, snapshotCandidates, type SnapshotCandidate } from './rewrite';
import type { ReviewFinding } from './types';

/** The chain replayed again in a fresh database, one migration's SQL replaced. */
export interface Fork extends AsyncDisposable {
  /** The engine's migration from this database to the schema; undefined if the diff failed. */
  diff(): Promise<string | undefined>;
}

export interface ForkTools {
  /** Undefined when the rewritten chain does not replay: then there is nothing to offer. */
  fork(migration: string, sql: string): Promise<Fork | undefined>;
  /** What the engine asks of the chain as committed (empty when in sync): the rewrite must leave exactly that. */
  expected: string;
}

/** Each proof replays the chain once or twice more: a handful is plenty for one pull request. */
const MAX_PROOFS = 3;

/**
 * probable-rename for the pull request's own migrations. The replay read the tables before and
 * after each reviewed migration; a column (or table) gone and one of the same type added is a
 * candidate. The proof: the migration rewritten to rename, the chain replayed with it, and the
 * engine asked again; it must ask exactly what it asks of the chain as committed. Index and
 * constraint renames it asks on top are put into the rewritten migration and the proof repeated.
 */
export async function proveMigrationRenames(
  plan: ReviewPlan,
  chain: Migration[],
  provider: Provider,
  tools: ForkTools,
): Promise<ReviewFinding[]> {
  const out: ReviewFinding[] = [];
  let proofs = 0;
  for (const m of chain) {
    const before = plan.states.get(m.name);
    const after = plan.after.get(m.name);
    if (!before || !after) continue;
    for (const c of snapshotCandidates(before, after)) {
      if (proofs++ >= MAX_PROOFS) return out;
      const proven = await proveOne(m, c, provider, tools);
      if (proven) out.push(migrationRenameFinding(m, c, proven));
    }
  }
  return out;
}

async function proveOne(m: Migration, c: SnapshotCandidate, provider: Provider, tools: ForkTools) {
  const rewritten = await rewriteForRename(m.sql, provider, c);
  if (!rewritten) return undefined;
  const extra: string[] = [];
  for (let round = 0; round < 2; round++) {
    const sql = [rewritten.sql.trimEnd(), ...extra].join('\n');
    await using fork = await tools.fork(m.name, sql);
    const residual = fork ? await fork.diff() : undefined;
    if (residual === undefined) return undefined;
    if (residual.trim() === tools.expected.trim()) return { ...rewritten, offered: [renameSql(c), ...extra] };
    if (provider !== 'postgresql' || round > 0) return undefined;
    const asked = await renamesOnTop(residual, tools.expected);
    if (!asked) return undefined;
    extra.push(...asked);
  }
  return undefined;
}

/** The index and constraint renames the engine asks besides what it asks of the committed chain. */
async function renamesOnTop(residual: string, expected: string): Promise<string[] | undefined> {
  // The parser refuses an empty script: in sync is no statement at all.
  const parse = async (sql: string) => (sql.trim() === '' ? { ok: true as const, statements: [] } : parsePostgres(sql));
  const [got, want] = await Promise.all([parse(residual), parse(expected)]);
  if (!got.ok || !want.ok) return undefined;
  const isRename = (n: Node) =>
    'RenameStmt' in n && ['OBJECT_INDEX', 'OBJECT_TABCONSTRAINT'].includes(n.RenameStmt.renameType ?? '');
  const renames = got.statements.filter((s) => isRename(s.node as Node));
  const rest = got.statements.filter((s) => !isRename(s.node as Node)).map((s) => s.text);
  const same = rest.length === want.statements.length && want.statements.every((s, i) => s.text === rest[i]);
  if (!same || renames.length === 0) return undefined;
  return renames.map((s) => (s.text.endsWith(';') ? s.text : `${s.text};`));
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

function migrationRenameFinding(
  m: Migration,
  c: SnapshotCandidate,
  proven: { line: number; statement: string; lines: number[]; offered: string[] },
): ReviewFinding {
  const message =
    c.kind === 'column'
      ? `This migration drops ${q(c.table)}.${q(c.from)} and adds ${q(c.table)}.${q(c.to)} of the same type: if ` +
        `the field was renamed, the deploy deletes every value of ${q(c.from)}.`
      : `This migration drops the table ${q(c.from)} and creates ${q(c.to)} with the same columns: if the model ` +
        `was renamed, the deploy deletes every row of ${q(c.from)}.`;
  const where = proven.lines.length === 1 ? `line ${proven.lines[0]}` : `lines ${proven.lines.join(', ')}`;
  const keep =
    c.kind === 'column'
      ? `@map("${c.from}") on the field (its column is ${q(c.to)} now)`
      : `@@map("${c.from}") on the model of table ${q(c.to)}`;
  return {
    rule: 'probable-rename',
    severity: SEVERITY['probable-rename'],
    migration: m.name,
    file: m.file,
    line: proven.line,
    statement: proven.statement,
    message,
    fix:
      `If it is a rename, replace the statement${proven.lines.length > 1 ? 's' : ''} at ${where} with ` +
      `\`${proven.offered.join(' ')}\` (checked by Prisma's engine: the history replayed with this rename ends ` +
      `in the same schema). Or keep the old name in the database with ${keep} in schema.prisma, and ` +
      `generate this migration again: nothing is dropped then, and the app version still running during the ` +
      `deploy keeps working. If it is no rename, \`-- prisma-drift-gate-ignore probable-rename\` on the line ` +
      `above the statement says so.`,
  };
}
