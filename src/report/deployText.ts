import type { DeployReport } from '../deploy/run';
import type { MigrationStatus } from '../deploy/history';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const duration = (m: MigrationStatus) => (m.durationMs !== undefined ? ` (${m.durationMs} ms)` : '');
const nonAtomic = (m: { atomic?: boolean; nonAtomicReason?: string } | undefined) =>
  m?.atomic === false ? `  non-atomic: ${m.nonAtomicReason}` : '';

/** The human output of deploy/status/resolve. Errors come last, one line each. */
export function renderDeployText(report: DeployReport): string {
  // A bad input or an unreachable database is one line; context is for real outcomes.
  if (report.result === 'error') return report.errors.map((e) => `error: ${e.message}\n`).join('');
  const out: string[] = [];
  if (report.target) out.push(`Database: ${report.target}`);
  if (report.migrationsDir) out.push(`Migrations: ${report.migrationsDir}`);
  for (const note of report.notes) out.push(`note: ${note}`);
  if (out.length) out.push('');

  if (report.command === 'deploy') {
    if (report.result === 'dry-run') {
      out.push(
        report.plan.length === 0
          ? 'Dry run: nothing to apply; the database is up to date. Nothing was changed.'
          : `Dry run: would apply ${plural(report.plan.length, 'migration')}, in this order. Nothing was changed.`,
      );
      report.plan.forEach((p, i) => out.push(`  ${i + 1}. ${p.name}  sha256:${p.checksum}${nonAtomic(p)}`));
    } else if (report.deployed.length > 0) {
      out.push(`Applied ${plural(report.deployed.length, 'migration')}:`);
      for (const name of report.deployed) {
        const m = report.migrations.find((s) => s.name === name)!;
        out.push(`  ✓ ${name}${duration(m)}${nonAtomic(m)}`);
      }
    }
    if (report.result === 'up-to-date') out.push('No pending migrations to apply: the database is up to date.');
    if (report.result === 'deployed') out.push('All migrations have been successfully applied.');
  } else if (report.migrations.length > 0 || report.command === 'status') {
    if (report.migrations.length === 0) out.push('No migrations on disk or in the database.');
    if (report.command === 'resolve' && report.result === 'resolved') {
      const { applied, rolledBack } = report.resolved ?? {};
      out.push(
        applied
          ? `Migration ${applied} marked as applied.`
          : `Migration ${rolledBack} marked as rolled back; deploy will run it again.`,
        '',
      );
    }
    for (const m of report.migrations)
      out.push(
        `  ${m.state.padEnd(8)} ${m.name}${m.state === 'failed' && m.startedAt ? ` (started ${m.startedAt})` : ''}` +
          `${m.state !== 'applied' ? nonAtomic(m) : ''}`,
      );
    if (report.command === 'status') out.push('', statusVerdict(report));
    if (report.command === 'status') for (const a of report.advice ?? []) out.push(`advice: ${a.message}`);
  }
  out.push(...driftLines(report));
  for (const e of report.errors) out.push(`error: ${e.message}`);
  return out.join('\n').trimStart() + '\n';
}

function statusVerdict(report: DeployReport): string {
  const count = (s: MigrationStatus['state']) => report.migrations.filter((m) => m.state === s).length;
  if (report.errors.length > 0) return 'Status unknown: see the error below.';
  const parts: string[] = [];
  if (count('pending')) parts.push(`${plural(count('pending'), 'migration')} pending (run prisma-drift-gate deploy)`);
  if (count('failed')) parts.push(`${count('failed')} failed or unfinished (see the advice below)`);
  if (count('edited'))
    parts.push(`${count('edited')} edited after being applied (restore it from git; put changes in a new migration)`);
  if (count('unknown')) parts.push(`${count('unknown')} in the database but not on disk (the history diverged)`);
  if (parts.length === 0)
    return report.drift?.drift
      ? 'All migrations are applied, but the database drifted from them (below).'
      : 'Database schema is up to date.';
  return `Not up to date: ${parts.join('; ')}.`;
}

function driftLines(report: DeployReport): string[] {
  const lines: string[] = [];
  if (report.drift?.drift) {
    lines.push(
      '',
      'Drift: the live database differs from its applied migrations (changed by hand?):',
      report.drift.summary,
      '',
      'SQL that would bring it back to the migrations:',
      report.drift.sql.trim(),
    );
  } else if (report.drift && report.advice?.some((a) => a.finding === 'unknown'))
    lines.push(
      'No schema drift: the live schema matches its applied migrations. This does not show whether the unfinished ' +
        'migration changed data.',
    );
  else if (report.drift) lines.push('No drift: the live database matches its applied migrations.');
  return lines;
}
