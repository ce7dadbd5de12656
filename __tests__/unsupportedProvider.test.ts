import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exitCodeOf, runCheck } from '../src/check';
import { fixture, runBin } from './helpers/fixtures';
import { Repo } from './helpers/gitRepo';

const WHY = /Prisma's embedded schema engine ships only the SQLite and PostgreSQL connectors/;
const INSTEAD = /prisma migrate diff --from-migrations <migrations> --to-schema <schema> --exit-code/;

/** The mysql fixture committed on main, and a `pr` branch cut from it. */
function mysqlRepo(): Repo {
  const repo = Repo.init();
  fs.cpSync(fixture('mysql-history'), repo.dir, { recursive: true });
  repo.commit('base');
  repo.git('checkout', '-q', '-b', 'pr');
  return repo;
}

test('mysql with --base: the history findings still run, and the provider error says why and what instead', async () => {
  const repo = mysqlRepo();
  const init = 'prisma/migrations/20240101000000_init/migration.sql';
  repo.write(init, repo.read(init) + '\nCREATE INDEX `User_email_idx` ON `User`(`email`);\n');
  repo.migration('20240101500000_sneaky', '-- only a comment\n');
  repo.commit('edit a merged migration, add one out of order');
  const report = await runCheck({ cwd: repo.dir, base: 'main' });
  expect(report.findings.map((f) => `${f.code}:${f.migration}`)).toEqual([
    'edited:20240101000000_init',
    'out-of-order:20240101500000_sneaky',
    'empty:20240101500000_sneaky',
  ]);
  expect(report.errors).toHaveLength(1);
  expect(report.errors[0]!.message).toMatch(/^prisma\/schema\.prisma:6: provider "mysql" cannot be checked offline: /);
  expect(report.errors[0]!.message).toMatch(WHY);
  expect(report.errors[0]!.message).toMatch(INSTEAD);
  expect(report.drift).toBeNull();
  expect(exitCodeOf(report)).toBe(2);
});

test('mysql with --base and a clean history: no findings, the provider error alone, on one line', () => {
  const repo = mysqlRepo();
  const run = runBin(['check', '--base', 'main'], repo.dir);
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(WHY);
});

test.each(['sqlserver', 'cockroachdb'])('provider %s explains itself too', async (provider) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-'));
  fs.mkdirSync(path.join(dir, 'prisma'));
  fs.writeFileSync(path.join(dir, 'prisma/schema.prisma'), `datasource db {\n  provider = "${provider}"\n}\n`);
  const report = await runCheck({ cwd: dir });
  expect(report.errors.map((e) => e.message)).toEqual([expect.stringMatching(WHY)]);
  expect(report.errors[0]).not.toHaveProperty('unsupported');
  expect(report.errors[0]!.message).toContain(`provider "${provider}" cannot be checked offline`);
});
