import { ok, type Result } from '../problem';
import type { PrismaVersion } from '../schema/prismaVersion';
import { splitStatements, tokens } from '../sql/tokens';
import type { ThrowawayDb } from '../throwaway/types';
import type { EngineDiff } from './diff';

/**
 * Prisma 6 changed implicit many-to-many tables on PostgreSQL: the `_AB_unique` index Prisma 5
 * writes became an `_AB_pkey` primary key, so our Prisma 7 engine asks a Prisma 5 project for
 *   ALTER TABLE "_PostToTag" ADD CONSTRAINT "_PostToTag_AB_pkey" PRIMARY KEY ("A", "B");
 *   DROP INDEX "_PostToTag_AB_unique";
 * which its own Prisma would never write. Only complete pairs count.
 */
export interface M2mUpgrade {
  tables: string[];
  /** The pairs' statements, as the engine wrote them. */
  sql: string;
}

const ADD_PKEY =
  /^ALTER TABLE (?:"[^"]*" \. )?"(_[^"]+)" ADD CONSTRAINT "([^"]+)_AB_pkey" PRIMARY KEY \( "A" , "B" \)$/;
const DROP_UNIQUE = /^DROP INDEX (?:"[^"]*" \. )?"(_[^"]+)_AB_unique"$/;

/** The Prisma 6 m2m pairs among the engine's statements, read with the tokeniser. */
export function m2mUpgradeIn(sql: string): M2mUpgrade | undefined {
  const pkeys = new Map<string, string>();
  const drops = new Map<string, string>();
  for (const statement of splitStatements(sql, 'postgresql')) {
    const shape = shapeOf(statement.text);
    const add = ADD_PKEY.exec(shape);
    if (add && add[1] === add[2]) pkeys.set(add[1]!, statement.text);
    const drop = DROP_UNIQUE.exec(shape);
    if (drop) drops.set(drop[1]!, statement.text);
  }
  const tables = [...pkeys.keys()].filter((t) => drops.has(t)).sort();
  if (tables.length === 0) return undefined;
  return { tables, sql: tables.map((t) => `${pkeys.get(t)}\n${drops.get(t)}`).join('\n') + '\n' };
}

/** Keywords upper-cased, identifiers kept quoted, punctuation kept, the `;` and comments dropped. */
function shapeOf(statement: string): string {
  const parts: string[] = [];
  for (const t of tokens(statement, 'postgresql')) {
    const text = statement.slice(t.start, t.end);
    if (t.kind === 'word') parts.push(text.toUpperCase());
    else if (t.kind !== 'semicolon') parts.push(text);
  }
  return parts.join(' ');
}

/** True when the project pins a Prisma older than 6 on PostgreSQL, where the rule applies. */
export function keepsPrisma5M2m(version: PrismaVersion | undefined, provider: string): boolean {
  const major = version ? /^(\d+)\./.exec(version.version)?.[1] : undefined;
  return provider === 'postgresql' && major !== undefined && Number(major) < 6;
}

/**
 * Applies the pairs to the replayed database (what a Prisma 6 upgrade would do) and lets the engine
 * diff again: the verdict stays the engine's, on what is left. The note names the tables and gives
 * the SQL Prisma 6 will generate.
 */
export async function setAsidePrisma5M2m(
  db: ThrowawayDb,
  first: EngineDiff,
  version: PrismaVersion,
  diffAgain: () => Promise<Result<EngineDiff>>,
): Promise<Result<{ diff: EngineDiff; note?: string }>> {
  const upgrade = m2mUpgradeIn(first.sql);
  if (!upgrade) return ok({ diff: first });
  // If the pairs do not apply, the engine's first answer stands, as without a version.
  if (!(await db.runScript(upgrade.sql)).ok) return ok({ diff: first });
  const again = await diffAgain();
  if (!again.ok) return again;
  const tables = upgrade.tables.map((t) => `"${t}"`).join(', ');
  const change =
    `Prisma 6's change to the implicit many-to-many table${upgrade.tables.length > 1 ? 's' : ''} ${tables} (a ` +
    `primary key instead of Prisma 5's unique index)`;
  const yours = `prisma ${version.version}, from ${version.source}`;
  const upgradeSql = `When you upgrade to Prisma 6, prisma migrate dev will generate:\n${upgrade.sql.trimEnd()}`;
  const note = again.value.drift
    ? `The suggestion leaves out ${change}, which your Prisma (${yours}) does not make. ${upgradeSql}`
    : `In sync for your Prisma (${yours}): the only difference is ${change}. ${upgradeSql}`;
  return ok({ diff: again.value, note });
}
