import { printable } from '../printable';
import type { ReviewFinding } from '../review/types';

/** Where a finding points, as a reader finds it: the file and line, or the suggested migration's line. */
export const whereOf = (f: ReviewFinding): string =>
  f.file ? `${f.file}:${f.line}` : `the suggested migration, line ${f.line}`;

/**
 * The "Deploy risks" section of the PR comment and job summary; nothing at all when nothing was
 * found. Findings the pull request silenced itself stay visible, collapsed.
 */
export function renderReviewMarkdown(review: ReviewFinding[]): string[] {
  if (review.length === 0) return [];
  const open = review.filter((f) => !f.silenced);
  const silenced = review.filter((f) => f.silenced);
  const lines = ['', `### ⚠️ Deploy risks`, ''];
  if (open.length > 0) {
    lines.push(
      'How `prisma migrate deploy` will run this on production: each `migration.sql` as one transaction, on ' +
        'tables that existed before this pull request and hold data.',
      '',
      ...items(open),
    );
  } else lines.push('Nothing left: every finding is silenced in this pull request.');
  if (silenced.length > 0) {
    lines.push(
      '',
      '<details>',
      `<summary>${silenced.length} silenced in this pull request (<code>-- prisma-drift-gate-ignore</code>)</summary>`,
      '',
      ...items(silenced),
      '',
      '</details>',
    );
  }
  return lines;
}

/** One item per finding, a blank line between them (a loose list, so each fix reads as its own paragraph). */
const items = (list: ReviewFinding[]): string[] =>
  list.flatMap((f, i) => [
    ...(i > 0 ? [''] : []),
    `- ${f.severity === 'error' ? '**error**' : 'warning'} \`${f.rule}\` at \`${whereOf(f)}\`: ${f.message}`,
    `  **Fix:** ${f.fix}`,
  ]);

type Paint = (s: string) => string;

/** The same for the terminal. */
export function renderReviewText(review: ReviewFinding[], paint: Record<'red' | 'yellow' | 'dim', Paint>): string[] {
  if (review.length === 0) return [];
  const mark = (f: ReviewFinding) =>
    f.silenced ? paint.dim('-') : f.severity === 'error' ? paint.red('✗') : paint.yellow('!');
  const lines = ['Deploy risks:'];
  for (const f of review) {
    const silenced = f.silenced ? ' (silenced in this pull request)' : '';
    // Names and SQL come from the repository: shown with control characters escaped.
    lines.push(`  ${mark(f)} ${f.rule} ${printable(`${whereOf(f)}${silenced}: ${f.message}`)}`);
    lines.push(`      fix: ${printable(f.fix)}`);
  }
  return [...lines, ''];
}
