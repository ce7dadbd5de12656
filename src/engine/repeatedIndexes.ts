import { parsePostgres, type ParsedStatement } from '../review/parse';
import type { ThrowawayDb } from '../throwaway/types';
import type { EngineDiff } from './diff';

/**
 * Prisma's engine reads no operator class for a B-tree or hash index from a database
 * (sql-schema-describer's index_from_row keeps opclasses for GiST, GIN, SP-GiST and BRIN only),
 * while the schema's `@@index([key(ops: raw("text_pattern_ops"))])` carries one. The two never
 * match, so every diff asks for
 *   DROP INDEX "Setting_key_idx";
 *   CREATE INDEX "Setting_key_idx" ON "Setting"("key" text_pattern_ops);
 * even right after that very pair ran (prisma/orm#28214; the same class as #17518), on PGlite and
 * on a real server alike. A pair is set aside only when PostgreSQL itself says that re-creating
 * the index leaves it as it was (pg_get_indexdef before and after): then the pair changes nothing,
 * and no migration can make the engine stop asking for it.
 */
export interface RepeatedIndex {
  /** As PostgreSQL prints it (pg_get_indexdef): what the database already has. */
  definition: string;
  /** The index, schema-qualified when the engine qualified it. */
  name: string;
  table: string;
  columns: string[];
}

interface IndexPair {
  drop: ParsedStatement;
  create: ParsedStatement;
  qualified: string;
  name: string;
  table: string;
  columns: string[];
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

const sval = (node: unknown): string | undefined => (node as { String?: { sval?: string } }).String?.sval;

/** `DROP INDEX x` of one index: its name parts, else undefined. */
function droppedIndex(node: Record<string, unknown>): string[] | undefined {
  const drop = node.DropStmt as { objects?: { List?: { items?: unknown[] } }[]; removeType?: string } | undefined;
  if (drop?.removeType !== 'OBJECT_INDEX' || drop.objects?.length !== 1) return undefined;
  const parts = (drop.objects[0]!.List?.items ?? []).map(sval);
  return parts.length > 0 && parts.every((p) => p !== undefined) ? (parts as string[]) : undefined;
}

interface CreatedIndex {
  parts: string[];
  table: string;
  columns: string[];
}

function createdIndex(node: Record<string, unknown>): CreatedIndex | undefined {
  const create = node.IndexStmt as
    | {
        idxname?: string;
        relation?: { schemaname?: string; relname?: string };
        indexParams?: { IndexElem?: { name?: string } }[];
        concurrent?: boolean;
      }
    | undefined;
  if (!create?.idxname || !create.relation?.relname || create.concurrent) return undefined;
  const schema = create.relation.schemaname;
  return {
    parts: schema ? [schema, create.idxname] : [create.idxname],
    table: create.relation.relname,
    columns: (create.indexParams ?? []).map((p) => p.IndexElem?.name ?? '(expression)'),
  };
}

/** The engine's DROP INDEX x … CREATE INDEX x pairs (same name, same schema), in its statements. */
function indexPairs(statements: ParsedStatement[]): IndexPair[] {
  const drops = new Map<string, ParsedStatement>();
  for (const s of statements) {
    const parts = droppedIndex(s.node);
    if (parts) drops.set(parts.map(quoteIdent).join('.'), s);
  }
  const pairs: IndexPair[] = [];
  for (const s of statements) {
    const created = createdIndex(s.node);
    const qualified = created?.parts.map(quoteIdent).join('.');
    const drop = qualified === undefined ? undefined : drops.get(qualified);
    if (!created || !qualified || !drop || statements.indexOf(drop) > statements.indexOf(s)) continue;
    const name = created.parts.join('.');
    pairs.push({ drop, create: s, qualified, name, table: created.table, columns: created.columns });
  }
  return pairs;
}

/**
 * Runs each pair on the replayed database and keeps those after which PostgreSQL prints the same
 * index definition as before. A pair that does change the index is undone (the definition from
 * before is re-created), so the database stays the replay of the chain.
 */
async function provenRepeats(db: ThrowawayDb, pairs: IndexPair[]): Promise<Map<IndexPair, string>> {
  const proven = new Map<IndexPair, string>();
  const inspector = db.inspector;
  if (!inspector.indexDefinition) return proven;
  for (const pair of pairs) {
    const before = await inspector.indexDefinition(pair.qualified);
    if (before === undefined) continue;
    if (!(await db.runScript(`${pair.drop.text};\n${pair.create.text};`)).ok) continue;
    const after = await inspector.indexDefinition(pair.qualified);
    if (after === before) proven.set(pair, before);
    else await db.runScript(`DROP INDEX ${pair.qualified};\n${before};`);
  }
  return proven;
}

/**
 * The engine's diff without the pairs it would repeat forever. The rest of its script and of its
 * summary is kept as it wrote them; `drift` is whether anything else is left.
 */
export async function setAsideRepeatedIndexes(
  db: ThrowawayDb,
  diff: EngineDiff,
): Promise<{ diff: EngineDiff; repeated: RepeatedIndex[] }> {
  if (!diff.drift || db.provider !== 'postgresql' || !/\bDROP INDEX\b/i.test(diff.sql)) return { diff, repeated: [] };
  const parsed = await parsePostgres(diff.sql);
  if (!parsed.ok) return { diff, repeated: [] };
  const proven = await provenRepeats(db, indexPairs(parsed.statements));
  if (proven.size === 0) return { diff, repeated: [] };
  const dropped = new Set([...proven.keys()].flatMap((p) => [p.drop, p.create]));
  const kept = parsed.statements.filter((s) => !dropped.has(s));
  // Each statement keeps the comment heading the engine wrote before it (`-- CreateIndex`).
  const sql =
    kept
      .map((s) => `${s.leading}${s.text};`)
      .join('')
      .replace(/^\n+/, '') + '\n';
  const repeated = [...proven].map(([p, definition]) => ({
    definition,
    name: p.name,
    table: p.table,
    columns: p.columns,
  }));
  const summary = withoutRepeatedLines(diff.summary, repeated);
  return { diff: kept.length > 0 ? { drift: true, sql, summary } : { drift: false, sql: '', summary: '' }, repeated };
}

/**
 * The engine's summary lists such a pair as `[-] Removed index on columns (key)` and
 * `[+] Added index on columns (key)` under its table: those two lines go, and the table's
 * heading when nothing else is left under it.
 */
export function withoutRepeatedLines(summary: string, repeated: RepeatedIndex[]): string {
  const lines = summary.split('\n');
  for (const r of repeated) {
    const heading = lines.findIndex((l) => {
      const table = /^\[\*\] Changed the `(.+)` table$/.exec(l)?.[1];
      return table === r.table || table?.endsWith(`.${r.table}`);
    });
    if (heading === -1) continue;
    const cols = r.columns.join(', ');
    for (const line of [`  [-] Removed index on columns (${cols})`, `  [+] Added index on columns (${cols})`]) {
      const at = lines.indexOf(line, heading + 1);
      if (at !== -1) lines.splice(at, 1);
    }
    if (!lines[heading + 1]?.startsWith('  ')) lines.splice(heading, 1);
  }
  return lines.join('\n');
}

/** The note: which indexes, why the engine repeats them, and what to do with prisma migrate dev. */
export function repeatedIndexNote(repeated: RepeatedIndex[]): string {
  const names = repeated.map((r) => `"${r.name}"`).join(', ');
  const one = repeated.length === 1;
  const definitions = repeated.map((r) => r.definition).join('; ');
  return (
    `Prisma's engine asks to drop and re-create the index${one ? '' : 'es'} ${names} even where the database ` +
    `already has ${one ? 'it' : 'them'} exactly as the schema says (${definitions}): ` +
    `it reads no operator class of a B-tree or hash index from a database, so it asks for ` +
    `${one ? 'this pair' : 'these pairs'} after every migration, on any PostgreSQL (prisma/orm#28214), and prisma ` +
    `migrate dev adds ${one ? 'it' : 'them'} to each migration it generates. The check does not count ` +
    `${one ? 'it' : 'them'} as drift. Delete ${one ? 'that pair' : 'those pairs'} from a generated migration.sql: ` +
    `${one ? 'it rebuilds' : 'they rebuild'} the index for nothing, blocking writes.`
  );
}
