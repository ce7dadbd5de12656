import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCheck } from '../src/check';
import { fixture, ROOT } from './helpers/fixtures';

/** The rules we share with squawk, by the same ids. */
const SHARED = new Set([
  'require-concurrent-index-creation',
  'ban-concurrent-index-creation-in-transaction',
  'constraint-missing-not-valid',
  'adding-required-field',
  'adding-not-nullable-field',
  'changing-column-type',
  'adding-field-with-default',
  'disallowed-unique-constraint',
  'renaming-column',
  'renaming-table',
  'ban-drop-column',
  'ban-drop-table',
]);

/**
 * Where we disagree with squawk on purpose, each with its reason.
 * - A longer VARCHAR is a catalog-only change in PostgreSQL; squawk calls every type change a rewrite.
 * - ADD CONSTRAINT … UNIQUE cannot take NOT VALID; squawk asks for it anyway, we say disallowed-unique-constraint
 *   (which squawk says too).
 * - A column added to a table the same pull request creates: squawk flags it; we know from the replayed
 *   database that the table is new, so there is no row to fail on.
 */
const ONLY_SQUAWK = [
  'adding-required-field 20240206000000_new_table:10',
  'changing-column-type 20240204000000_columns:10',
  'constraint-missing-not-valid 20240203000000_constraints:8',
];

const dir = fixture('pg-review-rules');
const migrations = path.join(dir, 'prisma', 'migrations');

function squawk(): string[] {
  // squawk's own binary package (its squawk-cli wrapper lists platform packages the registry here lacks).
  const bin = path.join(ROOT, 'node_modules', '@squawk-cli', 'linux-x64', 'bin', 'squawk');
  const out: string[] = [];
  for (const name of fs.readdirSync(migrations).filter((n) => !n.endsWith('.toml'))) {
    // Prisma sends a migration.sql as one query: one implicit transaction, as this flag assumes.
    const file = path.join(migrations, name, 'migration.sql');
    const r = spawnSync(bin, ['--assume-in-transaction', '--reporter', 'json', file], { encoding: 'utf8' });
    expect(r.error).toBeUndefined();
    const found = JSON.parse(r.stdout) as { rule_name: string; line: number }[];
    // squawk's `line` is 0-based.
    for (const f of found) if (SHARED.has(f.rule_name)) out.push(`${f.rule_name} ${name}:${f.line + 1}`);
  }
  return out.sort();
}

test('squawk 2.66 flags the same statements as our shared rules on the fixture migrations, but for the named differences', async () => {
  const theirs = squawk();
  expect(theirs.length).toBeGreaterThan(10);
  const report = await runCheck({ cwd: dir, review: 'all' });
  expect(report.errors).toEqual([]);
  expect(report.drift).toBe(false);
  const ours = report.review.map((f) => `${f.rule} ${path.basename(path.dirname(f.file!))}:${f.line}`).sort();
  expect(ours.filter((o) => !theirs.includes(o))).toEqual([]);
  expect(theirs.filter((t) => !ours.includes(t))).toEqual(ONLY_SQUAWK);
});
