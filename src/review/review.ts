import { pathSlot } from '../problem';
import type { Provider } from '../schema/provider';
import { readIgnores } from './ignore';
import { parsePostgres } from './parse';
import { reviewPostgres } from './pgRules';
import { reviewSqlite, splitSqlite } from './sqliteRules';
import type { ReviewFinding, ReviewUnit } from './types';

export interface ReviewOutcome {
  findings: ReviewFinding[];
  /** Units that could not be read (the parser disagreed with the database): said, not hidden. */
  notes: string[];
}

/** Reviews each unit with its provider's rules, and marks what the pull request's own comments silence. */
export async function reviewUnits(units: ReviewUnit[], provider: Provider): Promise<ReviewOutcome> {
  const findings: ReviewFinding[] = [];
  const notes: string[] = [];
  for (const unit of units) {
    let found: ReviewFinding[];
    let leadings: string[];
    let lines: number[];
    if (provider === 'postgresql') {
      const parsed = await parsePostgres(unit.sql);
      if (!parsed.ok) {
        // A path slot: the report shows the file relative to the working directory (shownCheckReport).
        const file = unit.file !== null ? pathSlot(unit.file) : 'the suggested migration';
        const where = `${file}${parsed.line ? `:${parsed.line}` : ''}`;
        notes.push(`${where}: not reviewed for deploy risks: PostgreSQL's parser says ${parsed.message}.`);
        continue;
      }
      found = reviewPostgres(unit, parsed.statements);
      leadings = parsed.statements.map((s) => s.leading);
      lines = parsed.statements.map((s) => s.line);
    } else {
      const statements = splitSqlite(unit.sql);
      found = reviewSqlite(unit, statements);
      leadings = statements.map((s) => s.leading);
      lines = statements.map((s) => s.line);
    }
    const ignores = readIgnores(leadings);
    for (const f of found) {
      const own = ignores.statements[lines.indexOf(f.line)];
      if (ignores.file.has(f.rule) || own?.has(f.rule)) f.silenced = true;
    }
    findings.push(...found);
  }
  return { findings, notes };
}
