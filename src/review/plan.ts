import type { Migration } from '../chain/load';
import type { Provider } from '../schema/provider';
import { preloadParser } from './parse';
import { tokens } from '../sql/tokens';
import type { DbInspector } from '../throwaway/types';
import type { ReviewOutcome } from './review';
import type { ProofTools } from './rename';
import type { ReviewFinding, ReviewUnit, TableSnapshot } from './types';

/** `pull-request`: the migrations new relative to --base, and the suggestion; `all`: the whole history too. */
export type ReviewMode = 'off' | 'pull-request' | 'all';

/**
 * What the review reads, decided before the replay; the replay fills in the tables that existed
 * before each reviewed migration. Plain data, so the check can carry it without knowing the rules.
 */
export interface ReviewPlan {
  mode: ReviewMode;
  /** The migrations to review, by folder name. */
  migrations: ReadonlySet<string>;
  /** The tables before the first reviewed migration (`all`: before each one), by migration name. */
  before: Map<string, TableSnapshot>;
  /** The tables before and after each reviewed migration: where probable-rename looks for candidates. */
  states: Map<string, TableSnapshot>;
  after: Map<string, TableSnapshot>;
  /** The reviewed migration whose after-state the next read gives. */
  pending?: string;
}

export function planReview(mode: ReviewMode, chain: Migration[], fresh: string[] | undefined): ReviewPlan {
  const names = mode === 'all' ? chain.map((m) => m.name) : mode === 'off' ? [] : (fresh ?? []);
  // Migrations to review: compile the parser meanwhile. Nothing to review: never load it.
  if (names.length > 0) preloadParser();
  return { mode, migrations: new Set(names), before: new Map(), states: new Map(), after: new Map() };
}

/**
 * The replay's hook, called before each migration runs. A pull request's migrations are judged
 * against the database as it was before the first of them: what production has. An audit of the
 * whole history (`all`) judges each migration against the one before it.
 */
export async function beforeMigration(
  plan: ReviewPlan,
  migration: Migration,
  db: { provider: Provider; inspector: DbInspector },
): Promise<void> {
  const reviewed = plan.migrations.has(migration.name);
  const first = reviewed && (plan.mode === 'all' || plan.before.size === 0);
  // probable-rename needs the tables before and after a migration only when it drops something.
  const drops = reviewed && dropsSomething(migration.sql, db.provider);
  if (!first && !drops && !plan.pending) return;
  const tables = await db.inspector.tableColumns();
  if (plan.pending) plan.after.set(plan.pending, tables);
  plan.pending = drops ? migration.name : undefined;
  if (drops) plan.states.set(migration.name, tables);
  if (first) plan.before.set(migration.name, tables);
}

/** A DROP keyword anywhere (PostgreSQL's DROP COLUMN / DROP TABLE, SQLite's redefinition). */
export function dropsSomething(sql: string, provider: Provider, words: readonly string[] = ['DROP']): boolean {
  if (provider !== 'postgresql' && provider !== 'sqlite') return false;
  for (const t of tokens(sql, provider))
    if (t.kind === 'word' && words.includes(sql.slice(t.start, t.end).toUpperCase())) return true;
  return false;
}

/** After the replay: the tables after the last reviewed migration, when it was the chain's last. */
export async function afterReplay(plan: ReviewPlan, inspector: DbInspector): Promise<void> {
  if (plan.pending) plan.after.set(plan.pending, await inspector.tableColumns());
  plan.pending = undefined;
}

/** The suggestion as the review reads it, taken before the round trip changes the database. */
export interface SuggestionReview {
  sql: string;
  /** The tables the suggestion will meet in production. */
  existing: TableSnapshot;
  /** Proven renames (`probable-rename`). */
  renames: ReviewFinding[];
}

/**
 * Reads what the suggestion needs from the replayed database before the round trip applies it:
 * the tables it meets, and the proof of each probable rename (PostgreSQL; one engine diff each).
 */
export async function prepareSuggestion(
  plan: ReviewPlan,
  sql: string,
  db: { provider: Provider; inspector: DbInspector } & Omit<ProofTools, 'diffAgain'>,
  diffAgain: ProofTools['diffAgain'],
): Promise<SuggestionReview | undefined> {
  if (plan.mode === 'off') return undefined;
  const replayed = await db.inspector.tableColumns();
  const first = plan.before.values().next();
  const existing = plan.mode !== 'all' && !first.done ? first.value : replayed;
  const renames: ReviewFinding[] = [];
  if (db.provider === 'postgresql') {
    const { parsePostgres } = await import('./parse');
    const { proveRename, renameCandidates, renameFinding } = await import('./rename');
    const parsed = await parsePostgres(sql);
    // Each proof costs one engine diff or more: a handful is plenty for one pull request.
    const candidates = parsed.ok ? renameCandidates(parsed.statements, replayed).slice(0, MAX_PROOFS) : [];
    for (const c of candidates) {
      const proven = await proveRename(c, { runScript: (s) => db.runScript(s), diffAgain });
      if (proven) renames.push(renameFinding(c, proven));
    }
  } else if (db.provider === 'sqlite' && dropsSomething(sql, 'sqlite', ['DROP', 'RENAME'])) {
    // Without a DROP or a RENAME every replayed table and column outlives the suggestion: no candidate,
    // so the proof's own application of it is skipped (each DDL costs SQLite a scan of its schema table).
    const { proveSqliteRenames } = await import('./sqliteRename');
    renames.push(...(await proveSqliteRenames(sql, replayed, { ...db, diffAgain }, MAX_PROOFS)));
  }
  return { sql, existing, renames };
}

const MAX_PROOFS = 4;

/**
 * Reviews the planned migrations and the suggestion. The parser is imported here, only when
 * something is to be reviewed.
 */
export async function reviewPlanned(
  plan: ReviewPlan,
  chain: Migration[],
  suggestion: SuggestionReview | undefined,
  provider: Provider,
  /** probable-rename findings proved for the reviewed migrations (migrationRenames.ts). */
  migrationRenames: ReviewFinding[] = [],
): Promise<ReviewOutcome> {
  const first = [...plan.before.values()][0] ?? new Map();
  const units: ReviewUnit[] = chain
    .filter((m) => plan.migrations.has(m.name))
    .map((m) => ({
      migration: m.name,
      file: m.file,
      sql: m.sql,
      existing: (plan.mode === 'all' ? plan.before.get(m.name) : undefined) ?? first,
    }));
  if (suggestion && plan.mode !== 'off')
    units.push({ migration: 'suggestion', file: null, sql: suggestion.sql, existing: suggestion.existing });
  const renames = [...(suggestion?.renames ?? []), ...migrationRenames];
  if (units.length === 0) return { findings: renames, notes: [] };
  const { reviewUnits } = await import('./review');
  const outcome = await reviewUnits(units, provider);
  // A proven rename says more than "this drop loses data" (or "this redefinition copies the table")
  // about the same statement.
  const renamed = new Set(renames.map((r) => `${r.migration}:${r.line}`));
  const covered: string[] = ['ban-drop-column', 'ban-drop-table', 'sqlite-redefine-table'];
  outcome.findings = outcome.findings.filter(
    (f) => !(renamed.has(`${f.migration}:${f.line}`) && covered.includes(f.rule)),
  );
  outcome.findings.push(...renames);
  // In the order of the units (the chain's, the suggestion last), and by line within each.
  const order = new Map(units.map((u, i) => [u.migration, i]));
  outcome.findings.sort((a, b) => (order.get(a.migration) ?? 0) - (order.get(b.migration) ?? 0) || a.line - b.line);
  return outcome;
}
