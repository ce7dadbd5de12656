import { progress } from '../watchdog';
import { context, core } from './toolkit';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkProject, exitCodeOf, verdictOf, type CheckOutcome, type CheckReport } from '../check';
import { upsertStickyComment } from './comment';
import { commentsClient } from './githubClient';
import { InputError, readInputs, type ActionInputs } from './inputs';
import { indexSchema } from '../schema/modelIndex';
import { scrubText } from '../maskUrl';
import { writeAnnotations, writeDeployOutputs, writeOutputs, type Published } from './outputs';
import { deployExitCode, runDeployCommand, type DeployCommand } from '../deploy/run';
import { renderDeployText } from '../report/deployText';
import { renderDeploySummary } from '../report/deployMarkdown';
import { annotationsFor } from '../report/annotations';
import { commentMarker, renderComment } from '../report/markdown';
import { renderCheckText } from '../report/text';
import { EnginePanic } from '../engine/panic';

/** The Action: read inputs, run the shared check core, write outputs. The one catch-all lives here. */
export async function run(): Promise<void> {
  try {
    if (process.platform !== 'linux' || process.arch !== 'x64') {
      throw new InputError(
        `prisma-drift-gate runs on linux-x64 runners (e.g. ubuntu-latest); this runner is ` +
          `${process.platform}-${process.arch}.`,
      );
    }
    const inputs = readInputs();
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const cwd = path.resolve(workspace, inputs.workingDirectory);
    if (!fs.existsSync(cwd))
      throw new InputError(`input "working-directory": ${inputs.workingDirectory} does not exist in the workspace.`);
    if (inputs.command !== 'check') return await runDeployAction(inputs, cwd);
    const base =
      inputs.integrity === 'off' ? undefined : (context.payload.pull_request?.base?.sha as string | undefined);
    if (inputs.integrity === 'required' && !base)
      throw new InputError(
        'input "integrity" is required, but this event has no pull request base to compare with. Run on ' +
          'pull_request events, or set integrity: auto.',
      );
    await runCheckAction(inputs, cwd, workspace, base);
  } catch (e) {
    // Catch everything, not only Error instances, so the step can never end green by accident.
    const message =
      e instanceof InputError || e instanceof EnginePanic
        ? e.message
        : `internal error in prisma-drift-gate: ${e instanceof Error ? e.message : String(e)}`;
    // The runner masks registered secrets too; this also covers a URL that never became an input.
    core.setFailed(
      scrubText(message, [
        process.env.DATABASE_URL,
        process.env.SHADOW_DATABASE_URL,
        core.getInput('database-url'),
        core.getInput('shadow-database-url'),
      ]),
    );
  }
}

/** Monorepos: one check per schema, each with its own comment and summary section; any failure fails the step. */
async function runCheckAction(inputs: ActionInputs, cwd: string, workspace: string, base: string | undefined) {
  const published: Published[] = [];
  const saves: (() => Promise<string | undefined>)[] = [];
  for (const schema of inputs.schemas.length > 0 ? inputs.schemas : [undefined]) {
    const outcome = await checkProject({
      cwd,
      schema,
      migrations: inputs.migrations,
      base,
      baseRequired: inputs.integrity === 'required',
      shadowDatabaseUrl: inputs.shadowDatabaseUrl,
      shadowSchemaMode: inputs.shadowSchemaMode,
      migrationName: inputs.migrationName,
      surface: 'action',
      review: inputs.review ? 'pull-request' : 'off',
      failOn: inputs.failOn,
      cacheDir: inputs.cacheDir && path.resolve(workspace, inputs.cacheDir),
    });
    if (outcome.saveCache) saves.push(outcome.saveCache);
    const { report } = outcome;
    for (const note of report.notes ?? []) core.warning(note);
    if (report.integritySkipped)
      core.warning(`Migration history not compared with the base: ${report.integritySkipped}`);
    published.push(await publish(outcome, inputs, cwd, workspace));
  }
  await writeOutputs(published);
  // After the outputs, the comment and the summary: the verdict never waits for the cache, nor depends on it.
  for (const save of saves) {
    const note = await save();
    if (note) core.warning(note);
  }
  const failures = published.flatMap((p) => {
    const failure = failureOf(p.report);
    if (!failure) return [];
    return published.length > 1 ? [`${p.schema}: ${failure}`] : [failure];
  });
  if (failures.length > 0) core.setFailed(failures.join('\n'));
}

/** Logs, annotates and comments one schema's check; returns what the outputs and the summary need. */
async function publish(outcome: CheckOutcome, inputs: ActionInputs, cwd: string, workspace: string) {
  const { report } = outcome;
  const schema =
    report.schema.length === 1
      ? report.schema[0]!
      : path.posix.dirname(report.schema[0] ?? inputs.schema ?? 'prisma/schema.prisma');
  const migrationsDir = report.migrationsDir ?? 'prisma/migrations';
  const migrationFolder = outcome.migrationFolder ?? '';
  const ctx = { schema, migrationsDir, migrationFolder, migrationName: inputs.migrationName };
  const body = renderComment(report, ctx);
  // The job summary has room for everything: never truncate it.
  const full = renderComment(report, { ...ctx, limit: Number.MAX_SAFE_INTEGER });
  if (report.errors.length === 0) core.info(renderCheckText(report));
  const models = indexSchema(outcome.schemaFiles);
  writeAnnotations(
    annotationsFor(report, models, (p) => path.resolve(cwd, p), inputs.failOn.includes('drift') ? 'error' : 'warning'),
    workspace,
  );
  progress({ doing: 'posting the pull-request comment' });
  await comment(report, inputs, commentMarker(schema), body);
  return { schema, report, body: full, migrationFolder };
}

async function comment(report: CheckReport, inputs: ActionInputs, marker: string, body: string): Promise<void> {
  const event = context.eventName;
  const pr = context.payload.pull_request;
  if (!inputs.comment || (event !== 'pull_request' && event !== 'pull_request_target') || !pr) return;
  if (!inputs.githubToken) {
    core.warning('No github-token: the report is in the job summary only.');
    return;
  }
  const client = await commentsClient(inputs.githubToken);
  const { owner, repo } = context.repo;
  const outcome = await upsertStickyComment(
    client,
    { owner, repo, issueNumber: pr.number, marker },
    body,
    verdictOf(report).result === 'in-sync' && report.review.length === 0,
  );
  if (outcome.action === 'forbidden' || outcome.action === 'failed') core.warning(outcome.message);
  else if (outcome.action !== 'skipped') core.info(`Comment ${outcome.action}${outcome.url ? `: ${outcome.url}` : ''}`);
}

/** Why the step fails for this schema, or undefined when it passes. */
function failureOf(report: CheckReport): string | undefined {
  const code = exitCodeOf(report);
  const historyError = report.findings.find((f) => f.severity === 'error');
  if (code === 2)
    return (
      report.errors[0]?.message ??
      (historyError
        ? `Migration history: ${historyError.message} Fix: ${historyError.fix.split('\n')[0]}`
        : 'the check could not run')
    );
  if (code === 1 && !report.roundTrip.ok)
    return 'the suggested migration did not round-trip; this is a bug in prisma-drift-gate';
  if (code === 1) return failureMessage(report);
  return undefined;
}

/** One line per condition of `fail-on` that held. */
function failureMessage(report: CheckReport): string {
  const says: Record<string, string> = {
    drift:
      `Schema drift: the Prisma schema and ${report.migrationsDir} disagree. Add the suggested migration (see the ` +
      `job summary).`,
    'data-loss': `The suggested migration loses data (see the data-loss warnings in the job summary).`,
    review:
      `Deploy risks: ${report.review.filter((f) => !f.silenced).length} finding(s) in the migrations (see the ` +
      `annotations and the job summary); fix them or silence one with -- prisma-drift-gate-ignore <rule>.`,
  };
  return report.failedOn.map((c) => says[c]).join(' ');
}

/** deploy/status/resolve on the database in `database-url` or DATABASE_URL. */
async function runDeployAction(inputs: ActionInputs, cwd: string): Promise<void> {
  const command = inputs.command as DeployCommand;
  const report = await runDeployCommand(command, {
    cwd,
    schema: inputs.schema,
    migrations: inputs.migrations,
    databaseUrl: inputs.databaseUrl,
    dryRun: inputs.dryRun,
    allowEdited: inputs.allowEdited,
    lockTimeoutSeconds: inputs.lockTimeoutSeconds,
    drift: inputs.drift,
    resolve: { applied: inputs.applied, rolledBack: inputs.rolledBack },
  });
  core.info(renderDeployText(report));
  // Notes (a SQLite file that does not exist yet, a database not managed by Prisma Migrate)
  // deserve a warning annotation.
  for (const note of report.notes) core.warning(note);
  await writeDeployOutputs(report, renderDeploySummary(report));
  const code = deployExitCode(report);
  if (code === 2) core.setFailed(report.errors[0]?.message ?? `${command} failed`);
  else if (code === 1)
    core.setFailed(
      report.drift?.drift
        ? 'The live database drifted from its applied migrations (see the job summary).'
        : 'The database is not up to date with prisma/migrations (see the job summary).',
    );
}
