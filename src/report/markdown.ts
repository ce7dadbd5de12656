import type { CheckReport } from '../check';
import { CLI_COMMAND } from '../version';
import { renderReviewMarkdown } from './review';

/** GitHub rejects comment bodies over 65,536 characters; keep a margin for the marker. */
export const COMMENT_LIMIT = 65_000;
/** Suggestions longer than this many lines are collapsed. */
const COLLAPSE_LINES = 25;

export interface CommentContext {
  /** The schema path as shown (and as keyed in the marker): relative, forward slashes. */
  schema: string;
  migrationsDir: string;
  /** The folder name to suggest, e.g. `20261123221120_drift_fix`. */
  migrationFolder: string;
  /** The name passed to `--write`. */
  migrationName: string;
  limit?: number;
}

/** The hidden marker that finds our comment again; one per schema, so monorepos get one each. */
export const commentMarker = (schema: string) => `<!-- prisma-drift-gate schema=${schema} -->`;

/**
 * The PR comment and job summary body: a pure function of the check result, golden-tested.
 * Says what is wrong and exactly what to commit.
 */
export function renderComment(report: CheckReport, ctx: CommentContext): string {
  const limit = ctx.limit ?? COMMENT_LIMIT;
  const head = [commentMarker(ctx.schema), ...renderFindings(report)];
  if (report.errors.length > 0) return [...head, ...renderBroken(report, ctx)].join('\n') + '\n';
  if (!report.drift) {
    return (
      [
        ...head,
        `### ✅ Prisma schema in sync`,
        '',
        `\`${ctx.schema}\` matches the ${count(report.migrations.length, 'migration')} in \`${ctx.migrationsDir}\`.`,
        ...renderReviewMarkdown(report.review ?? []),
      ].join('\n') + '\n'
    );
  }
  const before = [
    ...head,
    `### ❌ Prisma schema drift`,
    '',
    `\`${ctx.schema}\` does not match the ${count(report.migrations.length, 'migration')} in ` +
      `\`${ctx.migrationsDir}\`: the schema changed without a migration (or a migration changed without the schema).`,
    '',
    '**What drifted**',
    '',
    '```text',
    report.summary || '(see the SQL below)',
    '```',
    ...renderWarnings(report),
    ...renderReviewMarkdown(report.review ?? []),
    '',
    `**The fix:** commit this as \`${ctx.migrationsDir}/${ctx.migrationFolder}/migration.sql\``,
    '',
  ];
  const after = renderHowToCommit(report, ctx);
  const fixed = before.join('\n').length + after.join('\n').length + 200;
  return [...before, ...renderSql(report.sql, limit - fixed), ...after].join('\n') + '\n';
}

function renderWarnings(report: CheckReport): string[] {
  if (report.warnings.length === 0) return [];
  const title = '**⚠️ Data-loss warnings** (as `prisma migrate dev` would print them)';
  return ['', title, '', ...report.warnings.map((w) => `- ${w.message}`)];
}

function renderHowToCommit(report: CheckReport, ctx: CommentContext): string[] {
  return [
    '',
    'Or let prisma-drift-gate write it locally:',
    '',
    '```sh',
    `${CLI_COMMAND} check${ctx.schema === 'prisma/schema.prisma' ? '' : ` --schema ${ctx.schema}`} --write ` +
      `${ctx.migrationName}`,
    '```',
    '',
    'or by hand:',
    '',
    '```sh',
    `mkdir -p ${ctx.migrationsDir}/${ctx.migrationFolder}`,
    `# save the SQL above as ${ctx.migrationsDir}/${ctx.migrationFolder}/migration.sql`,
    '```',
    ...(report.roundTrip.ok
      ? []
      : [
          '',
          '> [!WARNING]',
          '> Applying this SQL did not fully bring the database in line with the schema (a bug in ' +
            'prisma-drift-gate). Check it before committing.',
        ]),
  ];
}

function renderSql(sql: string, budget: number): string[] {
  let text = sql.trimEnd();
  let note: string[] = [];
  if (text.length > budget) {
    const cut = text.lastIndexOf('\n', Math.max(0, budget));
    text = text.slice(0, cut > 0 ? cut : Math.max(0, budget));
    note = [
      '',
      `> [!NOTE]`,
      `> The SQL is cut here to fit GitHub's comment size limit. The full SQL is in the job summary and the ` +
        `\`migration-sql\` output.`,
    ];
  }
  const block = ['```sql', text, '```', ...note];
  const lines = sql.split('\n').length;
  if (lines <= COLLAPSE_LINES) return block;
  return ['<details>', `<summary>migration.sql (${lines} lines)</summary>`, '', ...block, '', '</details>'];
}

function renderBroken(report: CheckReport, ctx: CommentContext): string[] {
  const e = report.errors[0]!;
  const lines = [`### ❌ Prisma drift check could not run`, ''];
  if (e.migration) {
    lines.push(
      `Migration \`${e.migration}\` fails when the chain in \`${ctx.migrationsDir}\` is replayed, so the schema ` +
        `cannot be compared.`,
      '',
    );
    lines.push(`- **File:** \`${e.file}\`${e.line ? `, line ${e.line}` : ''}`);
    if (e.statement) lines.push(`- **Statement:** \`${e.statement.replace(/`/g, "'")}\``);
    lines.push('', '```text', e.message, '```');
  } else {
    lines.push('```text', e.message, '```');
  }
  return lines;
}

/** History problems come first: they must be fixed before anything else is trustworthy. */
function renderFindings(report: CheckReport): string[] {
  const lines: string[] = [];
  // Notes can carry SQL (the Prisma 6 m2m change): every line stays inside the quote.
  for (const note of report.notes ?? []) lines.push('> [!NOTE]', ...note.split('\n').map((l) => `> ${l}`), '');
  if (report.integritySkipped)
    lines.push(
      `> [!NOTE]`,
      `> The migration history was not compared with the base branch: ${report.integritySkipped}`,
      '',
    );
  if (report.findings.length === 0) return lines;
  lines.push('### ❌ Migration history problems', '');
  for (const f of report.findings) {
    lines.push(
      `- ${f.severity === 'error' ? '**error**' : 'warning'} \`${f.code}\` — ${f.message}`,
      '',
      '  ```sh',
      ...f.fix.split('\n').map((l) => `  ${l}`),
      '  ```',
      '',
    );
  }
  return lines;
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
