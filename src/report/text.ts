import type { CheckReport } from '../check';
import { printable, printableLines } from '../printable';

export interface TextStyle {
  color: boolean;
}

const paint = (on: boolean, code: string) => (s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/** The human report of `check`. Pure: the CLI decides where it goes and whether it is coloured. */
export function renderCheckText(report: CheckReport, style: TextStyle = { color: false }): string {
  const red = paint(style.color, '31');
  const green = paint(style.color, '32');
  const yellow = paint(style.color, '33');
  const dim = paint(style.color, '2');
  const lines: string[] = [];
  for (const n of report.notes ?? []) lines.push(`${yellow('note')}: ${printable(n)}`);
  if (report.integritySkipped)
    lines.push(`${yellow('note')}: history not compared with the base: ${printable(report.integritySkipped)}`);
  if (report.findings.length > 0) lines.push(...findingLines(report, { red, yellow, dim }), '');
  if (report.errors.length > 0) {
    for (const e of report.errors) lines.push(`${red('error')}: ${printable(e.message)}`);
    return lines.join('\n') + '\n';
  }
  const where =
    `${report.schema.join(', ')} vs ${report.migrations.length} ` +
    `migration${report.migrations.length === 1 ? '' : 's'} in ${report.migrationsDir}`;
  if (!report.drift && report.findings.some((f) => f.severity === 'error')) {
    // Exit 2 comes from the history: "in sync" alone would read as a pass.
    lines.push(
      `${green('✓ schema in sync')} (${report.provider}): ${where}; ` +
        `${red('but the migration history has errors (above)')}`,
    );
  } else if (!report.drift) {
    lines.push(`${green('✓ in sync')} (${report.provider}): ${where}`);
  } else {
    lines.push(`${red('✗ drift')} (${report.provider}): ${where}`);
    lines.push('', 'What drifted:', indent(printableLines(report.summary || '(see the SQL below)')));
    if (report.warnings.length > 0) {
      lines.push('', yellow('Warnings:'));
      for (const w of report.warnings) lines.push(`  • ${printable(w.message)}`);
    }
    lines.push(
      '',
      `Add this migration (${report.migrationsDir}/<timestamp>_<name>/migration.sql) to bring the history in line ` +
        `with the schema:`,
      '',
    );
    lines.push(indent(printableLines(report.sql.trimEnd())));
  }
  if (!report.roundTrip.ok) {
    lines.push(
      '',
      red('Round trip failed:') +
        ' applying the suggested SQL did not bring the database in sync. This is a bug in prisma-drift-gate; please ' +
        'report it. Left over:',
    );
    lines.push(indent(printableLines(report.roundTrip.residualSql ?? '')));
  }
  lines.push('', dim(`${report.timings.totalMs} ms`));
  return lines.join('\n') + '\n';
}

type Paint = (s: string) => string;

function findingLines(report: CheckReport, { red, yellow, dim }: Record<'red' | 'yellow' | 'dim', Paint>): string[] {
  const lines = ['Migration history:'];
  for (const f of report.findings) {
    const mark = f.severity === 'error' ? red('✗') : yellow('!');
    lines.push(`  ${mark} ${f.code} ${printable(f.migration)}: ${printable(f.message)}`);
    lines.push(
      ...printableLines(f.fix)
        .split('\n')
        .map((l) => `      ${dim(l)}`),
    );
  }
  return lines;
}

const indent = (s: string) =>
  s
    .split('\n')
    .map((l) => (l ? '  ' + l : l))
    .join('\n');
