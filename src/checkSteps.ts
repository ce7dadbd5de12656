import { compareWithBase, localFindings } from './chain/integrity';
import type { Surface } from './surface';
import type { CheckReport } from './checkReport';
import type { Problem, Result } from './problem';
import type { Project } from './project';
import type { Provider } from './schema/provider';
import type { ThrowawayDb } from './throwaway/types';
import { progress } from './watchdog';

// The steps of a check before the replay, each writing its part of the report.

export const addNote = (report: CheckReport, note: string) => (report.notes ??= []).push(note);

const broken = (problem: Problem): { ok: false; problem: Problem } => ({ ok: false, problem });

export const loadedLateNote = (name: string) =>
  `The chain creates the extension "${name}" in a way the check cannot read (in a DO block or a function), so ` +
  `PGlite started without it; the replay started over with "${name}" loaded.`;

export function skipCodeMigrations(names: string[], report: CheckReport): void {
  report.skipped = names;
  const first = names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '');
  addNote(
    report,
    `${names.length} migration folder${names.length > 1 ? 's' : ''} without migration.sql skipped as code ` +
      `migrations (${first}): they are not replayed (prisma migrate deploy would fail on them, P3015).`,
  );
}

export async function initShadowDb(db: ThrowawayDb, project: Project, report: CheckReport): Promise<Result<void>> {
  const init = project.config?.initShadowDb;
  if (!init) return { ok: true, value: undefined };
  const r = await db.runScript(init);
  if (r.ok) return r;
  const message = `${report.config}: migrations.initShadowDb failed: ${r.problem.message}. Fix that SQL in the config.`;
  return broken({ file: report.config, message });
}

/**
 * The history's findings, compared with the base when there is one. The value: the pull request's
 * own migrations (what the deploy-risk review reads), known only when the base was read.
 */
export function historyFindings(
  chain: Project['chain'],
  migrationsDir: string,
  dialect: Provider,
  opts: { base?: string; baseRequired?: boolean; surface?: Surface },
  report: CheckReport,
): Result<string[] | undefined> {
  if (!opts.base) {
    report.findings = localFindings(chain, dialect);
    return { ok: true, value: undefined };
  }
  progress({ doing: 'comparing the migration history with the base' });
  const compared = compareWithBase(opts.base, chain, migrationsDir, dialect, opts.surface);
  if (compared.ok) {
    report.findings = compared.value.findings;
    return { ok: true, value: compared.value.fresh };
  }
  if (opts.baseRequired ?? true) return compared;
  report.integritySkipped = compared.problem.message;
  report.findings = localFindings(chain, dialect);
  return { ok: true, value: undefined };
}
