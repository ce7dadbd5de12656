import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkProject } from '../src/check';
import { runDeployCommand, type DeployReport } from '../src/deploy/run';
import { annotationsFor } from '../src/report/annotations';
import { renderDeploySummary } from '../src/report/deployMarkdown';
import { renderDeployText } from '../src/report/deployText';
import { indexSchema } from '../src/schema/modelIndex';
import { copyFixture, fixture } from './helpers/fixtures';

/**
 * Golden files for the renderers that had none: the annotations of a check and the text and
 * markdown of deploy/status/resolve, in fixtures/<scenario>/expected-*. The reports are real
 * (the fixture's own run); what varies between runs (durations, timestamps, the temporary
 * database's path) is fixed first. UPDATE_GOLDEN=1 rewrites them: read the diff.
 */
function golden(name: string, file: string, body: string): void {
  const target = path.join(fixture(name), file);
  if (process.env.UPDATE_GOLDEN) fs.writeFileSync(target, body);
  expect(body).toBe(fs.readFileSync(target, 'utf8'));
}

describe.each(['sqlite-seed-drift', 'pg-seed-drift', 'pg-multi-file', 'sqlite-sql-error', 'pg-sql-error'])(
  'annotations: %s',
  (name) => {
    test.each(['error', 'warning'] as const)('level %s', async (level) => {
      const { report, schemaFiles } = await checkProject({ cwd: fixture(name) });
      // Display paths stay display paths here, so the golden file does not depend on the checkout.
      const annotations = annotationsFor(report, indexSchema(schemaFiles), (p) => p, level);
      for (const a of annotations) a.file = path.isAbsolute(a.file) ? path.relative(fixture(name), a.file) : a.file;
      expect(annotations.length).toBeGreaterThan(0);
      golden(name, `expected-annotations-${level}.json`, JSON.stringify(annotations, null, 2) + '\n');
    });
  },
);

/** Durations and timestamps fixed; the temporary database's folder named `<tmp>`. */
function stable(report: DeployReport, tmp: string): DeployReport {
  const json = JSON.stringify(report, (key, value) => {
    if (key === 'durationMs') return 7;
    if (/At$/.test(key) && typeof value === 'string') return '2026-01-01T00:00:00.000Z';
    return typeof value === 'string' ? value.split(tmp).join('<tmp>') : value;
  });
  return JSON.parse(json) as DeployReport;
}

describe('deploy, status and resolve: text and markdown', () => {
  async function scenario(name: string, steps: { label: string; run: Parameters<typeof runDeployCommand> }[]) {
    const cwd = copyFixture(name);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-golden-'));
    const env = { DATABASE_URL: `file:${path.join(tmp, 'prod.db')}` };
    for (const { label, run } of steps) {
      const [command, opts] = run;
      const report = stable(await runDeployCommand(command, { ...opts, cwd, env }), tmp);
      golden(name, `expected-${label}.txt`, renderDeployText(report));
      golden(name, `expected-${label}.md`, renderDeploySummary(report));
    }
  }

  test('an in-sync project: the plan, the deploy, then status with --drift', async () => {
    await scenario('sqlite-in-sync', [
      { label: 'status-empty', run: ['status', { cwd: '' }] },
      { label: 'deploy-dry-run', run: ['deploy', { cwd: '', dryRun: true }] },
      { label: 'deploy', run: ['deploy', { cwd: '' }] },
      { label: 'status-drift', run: ['status', { cwd: '', drift: true }] },
    ]);
  });

  test('a failing migration: the failure, status, then resolve --rolled-back', async () => {
    await scenario('sqlite-sql-error', [
      { label: 'deploy-failed', run: ['deploy', { cwd: '' }] },
      { label: 'status-failed', run: ['status', { cwd: '' }] },
      {
        label: 'resolve-rolled-back',
        run: ['resolve', { cwd: '', resolve: { rolledBack: '20240201000000_add_bio' } }],
      },
    ]);
  });
});
