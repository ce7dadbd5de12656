import { redefinedTable, unquote } from '../sql/quote';
import { splitStatements } from '../sql/tokens';
import type { ColumnInfo, DbInspector } from '../throwaway/types';

/**
 * SQLite cannot alter most column properties, so the engine rebuilds the table and its
 * summary says only "Redefined table `User`". We ask SQLite itself what the old and the
 * new table look like and list the column changes under that line.
 */
export async function explainRedefinedTables(summary: string, sql: string, inspect: DbInspector): Promise<string> {
  const creates = new Map<string, string>();
  const indexesAfter = new Map<string, { name: string; unique: boolean }[]>();
  for (const stmt of splitStatements(sql, 'sqlite')) {
    const redefined = redefinedTable(stmt.text);
    if (redefined !== undefined) creates.set(redefined, stmt.text);
    const ix = /^CREATE (UNIQUE )?INDEX "((?:[^"]|"")+)" ON "((?:[^"]|"")+)"/.exec(stmt.text);
    if (ix)
      indexesAfter.set(unquote(ix[3]!), [
        ...(indexesAfter.get(unquote(ix[3]!)) ?? []),
        { name: unquote(ix[2]!), unique: Boolean(ix[1]) },
      ]);
  }
  const lines: string[] = [];
  for (const line of summary.split('\n')) {
    lines.push(line);
    const table = /^(\s*)\[\*\] Redefined table `(.+)`$/.exec(line);
    const create = table ? creates.get(table[2]!) : undefined;
    if (!table || !create || !inspect.columnsOfCreate) continue;
    const before = await inspect.columns(table[2]!);
    const after = await inspect.columnsOfCreate(create);
    const indexesBefore = new Set(await inspect.indexes(table[2]!));
    const recreated = indexesAfter.get(table[2]!) ?? [];
    const indexChanges = [
      ...recreated
        .filter((i) => !indexesBefore.has(i.name))
        .map((i) => `[+] Added ${i.unique ? 'unique ' : ''}index \`${i.name}\``),
      ...[...indexesBefore]
        .filter((n) => !recreated.some((i) => i.name === n))
        .map((n) => `[-] Removed index \`${n}\``),
    ];
    lines.push(...[...describeColumnChanges(before, after), ...indexChanges].map((c) => `${table[1]}  ${c}`));
  }
  return lines.join('\n');
}

export function describeColumnChanges(before: ColumnInfo[], after: ColumnInfo[]): string[] {
  const old = new Map(before.map((c) => [c.name, c]));
  const out: string[] = [];
  for (const c of after) {
    const prev = old.get(c.name);
    if (!prev) {
      out.push(`[+] Added column \`${c.name}\``);
      continue;
    }
    const changes: string[] = [];
    if (prev.type !== c.type) changes.push(`type changed from \`${prev.type}\` to \`${c.type}\``);
    if (prev.notnull !== c.notnull) changes.push(c.notnull ? 'made required' : 'made optional');
    if (prev.dflt !== c.dflt)
      changes.push(`default changed from \`${prev.dflt ?? 'none'}\` to \`${c.dflt ?? 'none'}\``);
    if (prev.pk !== c.pk) changes.push(c.pk ? 'added to the primary key' : 'removed from the primary key');
    if (changes.length > 0) out.push(`[*] Altered column \`${c.name}\` (${changes.join(', ')})`);
  }
  const kept = new Set(after.map((c) => c.name));
  for (const c of before) if (!kept.has(c.name)) out.push(`[-] Removed column \`${c.name}\``);
  return out;
}
