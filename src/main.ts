import * as core from '@actions/core';
import * as path from 'node:path';
import { exitCodeOf, runCheck, type CheckReport } from './check';
import { InputError, readInputs } from './inputs';
import { renderCheckText } from './report/text';

/** The Action: read inputs, run the shared check core, write outputs. The one catch-all lives here. */
export async function run(): Promise<void> {
  try {
    const inputs = readInputs();
    const cwd = path.resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), inputs.workingDirectory);
    const report = await runCheck({ cwd, schema: inputs.schema, migrations: inputs.migrations });
    await writeOutputs(report);
    const code = exitCodeOf(report);
    if (code === 2) core.setFailed(report.errors[0]?.message ?? 'the check could not run');
    else if (code === 1 && !report.roundTrip.ok) core.setFailed('the suggested migration did not round-trip; this is a bug in prisma-drift-gate');
    else if (code === 1 && inputs.failOnDrift) core.setFailed(`Schema drift: the Prisma schema and ${report.migrationsDir} disagree. Add the suggested migration (see the job summary).`);
  } catch (e) {
    // Catch everything, not only Error instances, so the step can never end green by accident.
    core.setFailed(e instanceof InputError ? e.message : `internal error in prisma-drift-gate: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function writeOutputs(report: CheckReport): Promise<void> {
  const result = report.drift === null ? 'broken' : report.drift ? 'drift' : 'in-sync';
  core.setOutput('drift', report.drift === null ? '' : String(report.drift));
  core.setOutput('result', result);
  core.setOutput('migration-sql', report.sql);
  core.setOutput('summary', report.summary);
  const text = renderCheckText(report);
  if (report.errors.length === 0) core.info(text);
  await core.summary.addHeading(`prisma-drift-gate: ${result}`, 3).addCodeBlock(text, 'text').write();
}
