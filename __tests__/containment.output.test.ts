import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyFixture, runBin } from './helpers/fixtures';
import { INJECTIONS, workflowCommandLines } from './helpers/workflowCommands';

// What the repository names (folders, statements, database messages quoting them) reaches the
// terminal and, in a workflow, the runner: nothing of it may start a line the runner executes,
// and no control character is printed raw.
let repo: string;
beforeEach(() => (repo = copyFixture('sqlite-in-sync')));
afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

const migrations = () => path.join(repo, 'prisma', 'migrations');

function addMigration(name: string, sql: string): void {
  fs.mkdirSync(path.join(migrations(), name));
  fs.writeFileSync(path.join(migrations(), name, 'migration.sql'), sql);
}

describe.each([[[]], [['--json']]])('check %j', (flags: string[]) => {
  test.each(INJECTIONS)('a migration folder named …%j is refused in one line, and runs no command', (payload) => {
    addMigration(`20990101000000_x${payload}`, 'SELECT 1;');
    const r = runBin(['check', ...flags], repo);
    expect(r.status).toBe(2);
    expect(workflowCommandLines(r.stdout + r.stderr)).toEqual([]);
    const text = flags.length
      ? (JSON.parse(r.stdout) as { errors: { message: string }[] }).errors[0]!.message
      : r.stderr;
    expect(text.trim()).not.toMatch(/[\r\n\u2028]/);
    expect(text).toMatch(/migration folder's name holds a control character/);
    expect(text).toContain('PWNED');
  });
});

test.each([
  ['an OSC title sequence', "INSERT INTO nope VALUES ('\u001b]0;owned\u0007');", '\\x1b]0;owned\\x07'],
  ['a CSI colour', "INSERT INTO nope VALUES ('\u001b[31mred');", '\\x1b[31mred'],
  ['an 8-bit CSI', "INSERT INTO nope VALUES ('\u009b2J');", '\\u009b2J'],
  ['a bidi override', "INSERT INTO nope VALUES ('\u202eevil');", '\\u202eevil'],
])('a failing statement holding %s is shown escaped', (_name, sql, shown) => {
  addMigration('20990101000000_bad', sql);
  for (const flags of [[], ['--json']]) {
    const r = runBin(['check', ...flags], repo);
    expect(r.status).toBe(2);
    // eslint-disable-next-line no-control-regex
    expect(r.stdout + r.stderr).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
    if (flags.length === 0) expect(r.stderr).toContain(shown);
  }
});

test('a statement that puts a workflow command on its own line runs no command', () => {
  addMigration('20990101000000_bad', "INSERT INTO nope VALUES ('\n::add-mask::PWNED\n');");
  const r = runBin(['check'], repo);
  expect(r.status).toBe(2);
  expect(workflowCommandLines(r.stdout + r.stderr)).toEqual([]);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
});

test('negative control: ordinary names and statements print unchanged', () => {
  addMigration('20990101000000_add_café', 'CREATE TABLE "naïve" ("x" TEXT);');
  const r = runBin(['check', '--json'], repo);
  expect(r.status).toBe(1);
  const report = JSON.parse(r.stdout) as { migrations: { name: string }[] };
  expect(report.migrations.map((m) => m.name)).toContain('20990101000000_add_café');
});
