import type { CheckReport } from '../check';
import { findModel, type ModelInfo } from '../schema/modelIndex';

export interface Annotation {
  level: 'error' | 'warning';
  message: string;
  /** Absolute path. */
  file: string;
  line: number;
  title: string;
}

/**
 * Where to point in the code: the failing migration statement, or the schema lines of
 * the drifted models and fields. Pure; the Action turns these into workflow commands.
 */
export function annotationsFor(
  report: CheckReport,
  models: ModelInfo[],
  resolve: (displayPath: string) => string,
  level: 'error' | 'warning',
): Annotation[] {
  const out: Annotation[] = report.findings.map((f) => ({
    level: f.severity,
    title: `Migration history (${f.code})`,
    message: `${f.message} Fix: ${f.fix.split('\n')[0]}`,
    file: resolve(
      f.migration === 'migration_lock.toml'
        ? `${report.migrationsDir}/migration_lock.toml`
        : `${report.migrationsDir}/${f.migration}/migration.sql`,
    ),
    line: 1,
  }));
  const e = report.errors[0];
  if (e) {
    if (!e.file || !e.line) return out;
    return [
      ...out,
      { level: 'error', title: 'Migration fails', message: e.message, file: resolve(e.file), line: e.line },
    ];
  }
  const risks = reviewAnnotations(report, resolve);
  if (!report.drift) return [...out, ...risks];
  return dedupe([...out, ...risks, ...driftAnnotations(report.summary, models, level)]);
}

/** Each unsilenced deploy risk at its statement; errors when `review` fails the check. */
function reviewAnnotations(report: CheckReport, resolve: (displayPath: string) => string): Annotation[] {
  const level = report.failedOn?.includes('review') ? 'error' : 'warning';
  return (report.review ?? []).flatMap((f) =>
    f.file && !f.silenced
      ? [
          {
            level,
            title: `Deploy risk (${f.rule})`,
            message: `${f.message} Fix: ${f.fix}`,
            file: resolve(f.file),
            line: f.line,
          },
        ]
      : [],
  );
}

/** The engine's summary, read line by line, pointed at the models and fields it names. */
function driftAnnotations(summary: string, models: ModelInfo[], level: Annotation['level']): Annotation[] {
  const out: Annotation[] = [];
  const at = (file: string, line: number, message: string): Annotation => ({
    level,
    title: 'Schema drift',
    message: `${message} Add the migration suggested in the job summary.`,
    file,
    line,
  });
  let table: string | undefined;
  let listing: 'added' | 'removed' | undefined;
  for (const raw of summary.split('\n')) {
    const line = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^\[[*+-]\] (?:Changed the|Redefined table) `([^`]+)`(?: (table|enum))?/.exec(line))) {
      table = m[1];
      listing = undefined;
      const model = findModel(models, m[1]!, true);
      if (model && m[2] === 'enum')
        out.push(at(model.file, model.line, `Enum \`${model.name}\` changed without a migration.`));
    } else if ((m = /^\[([+-])\] (Added|Removed) tables$/.exec(line))) {
      listing = m[1] === '+' ? 'added' : 'removed';
      table = undefined;
    } else if (listing === 'added' && (m = /^- (.+)$/.exec(line))) {
      const model = findModel(models, m[1]!);
      if (model) out.push(at(model.file, model.line, `Model \`${model.name}\` has no migration creating its table.`));
    } else if (table && (m = /^\[[*+]\] (?:Added|Altered) column `([^`]+)`(.*)$/.exec(line))) {
      const model = findModel(models, table);
      const field = model?.fields.find((f) => f.dbName === m![1]);
      const detail = m[2]!.trim() ? ' ' + m[2]!.trim() : '';
      const how = `${/Added/.test(line) ? 'added' : 'changed'} without a migration${detail}.`;
      if (model && field) out.push(at(model.file, field.line, `\`${model.name}.${field.name}\`: ${how}`));
    }
  }
  return out;
}

function dedupe(list: Annotation[]): Annotation[] {
  const seen = new Set<string>();
  return list.filter((a) => {
    const key = `${a.file}:${a.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
