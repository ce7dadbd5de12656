import { core } from './toolkit';
import * as path from 'node:path';
import { verdictOf, type CheckReport } from '../check';
import { namesIn, type DeployReport } from '../deploy/run';
import type { Annotation } from '../report/annotations';

/** Step outputs and the job summary; the summary always carries the full report. */
export async function writeOutputs(report: CheckReport, body: string, migrationFolder: string): Promise<void> {
  core.setOutput('drift', report.drift === null ? '' : String(report.drift));
  core.setOutput('result', verdictOf(report).result);
  core.setOutput('migration-sql', report.sql);
  core.setOutput('migration-folder', report.drift ? migrationFolder : '');
  core.setOutput('summary', report.summary);
  core.setOutput('report', body);
  core.setOutput('review', JSON.stringify(report.review));
  core.setOutput('failed-on', JSON.stringify(report.failedOn));
  await core.summary.addRaw(body).write();
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
