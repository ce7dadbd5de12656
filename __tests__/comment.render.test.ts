import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCheck, type CheckReport } from '../src/check';
import { renderComment } from '../src/report/markdown';
import { fixture } from './helpers/fixtures';

/**
 * Golden files: fixtures/<scenario>/expected-comment*.md. The check result is real (the
 * fixture's own run); the folder name is fixed so the output is stable. To refresh after a
 * reviewed change, run with UPDATE_GOLDEN=1 and read the diff.
 */
const ctx = {
  schema: 'prisma/schema.prisma',
  migrationsDir: 'prisma/migrations',
  migrationFolder: '20261123120000_drift_fix',
  migrationName: 'drift_fix',
};

async function golden(name: string, file: string, render: (r: CheckReport) => string) {
  const report = await runCheck({ cwd: fixture(name) });
  const body = render(report);
  const target = path.join(fixture(name), file);
  if (process.env.UPDATE_GOLDEN) fs.writeFileSync(target, body);
  expect(body).toBe(fs.readFileSync(target, 'utf8'));
  return body;
}

test('in sync', async () => {
  await golden('pg-in-sync', 'expected-comment.md', (r) => renderComment(r, ctx));
});

test('drift with data-loss warnings', async () => {
  const body = await golden('pg-data-loss', 'expected-comment.md', (r) => renderComment(r, ctx));
  expect(body).toMatch(/^<!-- prisma-drift-gate schema=prisma\/schema\.prisma -->\n/);
  expect(body).toMatch(/mkdir -p prisma\/migrations\/20261123120000_drift_fix/);
});

test('drift on SQLite', async () => {
  await golden('sqlite-data-loss', 'expected-comment.md', (r) => renderComment(r, ctx));
});

test('long SQL is collapsed', async () => {
  const body = await golden('pg-no-migrations', 'expected-comment.md', (r) => renderComment(r, ctx));
  expect(body).toMatch(/<details>\n<summary>migration\.sql \(\d+ lines\)<\/summary>/);
});

test('broken chain', async () => {
  await golden('sqlite-sql-error', 'expected-comment.md', (r) => renderComment(r, ctx));
});

test('truncated to the size limit, with a note', async () => {
  const body = await golden('pg-no-migrations', 'expected-comment-truncated.md', (r) =>
    renderComment(r, { ...ctx, limit: 1500 }),
  );
  expect(body).toMatch(/The SQL is cut here to fit GitHub's comment size limit/);
  expect(body.length).toBeLessThan(1800);
});

test("a huge suggestion stays under GitHub's 65,536-character limit", async () => {
  const report = await runCheck({ cwd: fixture('pg-no-migrations') });
  const huge = { ...report, sql: report.sql.repeat(400) };
  const body = renderComment(huge, ctx);
  expect(huge.sql.length).toBeGreaterThan(65_536);
  expect(body.length).toBeLessThan(65_536);
  expect(body).toMatch(/full SQL is in the job summary/);
});
