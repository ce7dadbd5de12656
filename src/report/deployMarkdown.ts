import type { DeployReport } from '../deploy/run';

const STATE_ICON: Record<string, string> = { applied: '✅', pending: '⏳', failed: '❌', edited: '✏️', unknown: '❓' };

/** The job summary of deploy/status/resolve: a verdict line, then a table of migrations. */
export function renderDeploySummary(report: DeployReport): string {
  const title =
    `### ${report.errors.length > 0 ? '❌' : '✅'} prisma-drift-gate ` +
    `${report.command}${report.result === 'dry-run' ? ' (dry run)' : ''}: ${report.result}`;
  const lines = [title, ''];
  if (report.target) lines.push(`Database: \`${report.target}\``, '');
  for (const e of report.errors) lines.push(`> **Error:** ${escapeCell(e.message)}`, '');
  for (const n of report.notes) lines.push(`> Note: ${escapeCell(n)}`, '');
  // deploy puts the advice in its refusal already; status has no error to carry it.
  if (report.command === 'status')
    for (const a of report.advice ?? []) lines.push(`> Advice: ${escapeCell(a.message)}`, '');
  if (report.migrations.length > 0) {
    const thisRun = new Set(report.deployed);
    lines.push('| Migration | State | Started | Duration |', '| --- | --- | --- | ---: |');
    for (const m of report.migrations) {
      const state =
        `${STATE_ICON[m.state] ?? ''} ` +
        `${m.state}${thisRun.has(m.name) ? (report.result === 'dry-run' ? ' (would apply)' : ' (this run)') : ''}` +
        `${m.atomic === false ? ' (non-atomic)' : ''}`;
      lines.push(
        `| \`${m.name}\` | ${state} | ${m.startedAt ?? ''} | ` +
          `${m.durationMs !== undefined ? `${m.durationMs} ms` : ''} |`,
      );
    }
    lines.push('');
  }
  if (report.drift?.drift)
    lines.push(
      '**Drift:** the live database differs from its applied migrations.',
      '',
      '```',
      report.drift.summary,
      '```',
      '',
      '```sql',
      report.drift.sql.trim(),
      '```',
      '',
    );
  return lines.join('\n');
}

const escapeCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
