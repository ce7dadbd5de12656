import { core } from './toolkit';
import * as path from 'node:path';
import { verdictOf, type CheckReport } from '../check';
import { namesIn, type DeployReport } from '../deploy/run';
import type { Annotation } from '../report/annotations';

/** One schema's check, as the outputs and the job summary need it. */
export interface Published {
  /** The schema path as shown, the key of the outputs when the step checks several. */
  schema: string;
  report: CheckReport;
  /** The full markdown report (never truncated). */
  body: string;
  migrationFolder: string;
}

function outputsOf({ report, body, migrationFolder }: Published): Record<string, unknown> {
  return {
    drift: report.drift,
    result: verdictOf(report).result,
    'migration-sql': report.sql,
    'migration-folder': report.drift ? migrationFolder : '',
    summary: report.summary,
    report: body,
    review: report.review,
    'failed-on': report.failedOn,
  };
}

/** One output value as text: the review and failed-on lists as JSON. */
const asText = (v: unknown): string => (v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/**
 * Step outputs and the job summary; the summary always carries the full reports, one section per
 * schema. One schema: plain values, as always. Several: each output is a JSON object keyed by path.
 */
export async function writeOutputs(published: Published[]): Promise<void> {
  const values = published.map(outputsOf);
  for (const name of Object.keys(values[0] ?? {})) {
    if (published.length === 1) {
      core.setOutput(name, asText(values[0]![name]));
    } else {
      core.setOutput(name, JSON.stringify(Object.fromEntries(published.map((p, i) => [p.schema, values[i]![name]]))));
    }
  }
  for (const p of published) core.summary.addRaw(p.body);
  await core.summary.write();
}

/** Annotations point at files relative to the repository root, as GitHub expects. */
export function writeAnnotations(annotations: Annotation[], workspace: string): void {
  for (const a of annotations) {
    const props = {
      title: a.title,
      file: path.relative(workspace, a.file).split(path.sep).join('/'),
      startLine: a.line,
    };
    if (a.level === 'error') core.error(a.message, props);
    else core.warning(a.message, props);
  }
}

/** deploy/status/resolve outputs: JSON arrays of migration names by state, and the result. */
export async function writeDeployOutputs(report: DeployReport, summary: string): Promise<void> {
  for (const state of ['applied', 'pending', 'failed', 'edited', 'unknown'] as const)
    core.setOutput(state, JSON.stringify(namesIn(report, state)));
  core.setOutput('deployed', JSON.stringify(report.deployed));
  core.setOutput('result', report.result);
  core.setOutput('report', summary);
  await core.summary.addRaw(summary).write();
}
