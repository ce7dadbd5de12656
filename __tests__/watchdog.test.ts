import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { BIN, copyFixture } from './helpers/fixtures';
import { shownFrom } from '../src/problem';
import { timedOutProblem } from '../src/watchdog';

// Every wait has a bound. A migration that never ends runs inside SQLite (native) or PGlite
// (wasm) on the check's main thread, where no timer can fire: bin/supervise.js ends it from
// another process, and a short second run reports it through the normal outputs.
let repo: string;
let tmp: string;
beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-watchdog-'))));
afterEach(() => {
  fs.rmSync(repo, { recursive: true, force: true });
  fs.rmSync(tmp, { recursive: true, force: true });
});

function withMigration(fixture: string, sql: string): void {
  repo = copyFixture(fixture);
  const dir = path.join(repo, 'prisma', 'migrations', '20990101000000_forever');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'migration.sql'), sql);
}

// TMPDIR is private to each test, so that leftovers can be counted.
const env = () => ({ ...process.env, TMPDIR: tmp });
const leftovers = () => fs.readdirSync(tmp);

function check(args: string[]) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [BIN, 'check', ...args], { cwd: repo, env: env(), encoding: 'utf8' });
  return { ...r, seconds: (Date.now() - started) / 1000 };
}

const SQLITE_LOOP = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c;';
test.each([
  ['SQLite: a recursive query', 'sqlite-in-sync', `CREATE TABLE "t" ("a" INTEGER);\n${SQLITE_LOOP}\n`, 2],
  ['SQLite: an INSERT from an endless query', 'sqlite-in-sync', endlessInsert(), 2],
  ['PGlite: pg_sleep', 'pg-in-sync', 'SELECT pg_sleep(100000);\n', 1],
  ['PGlite: a recursive query', 'pg-in-sync', `SELECT 1;\n${SQLITE_LOOP}\n`, 1],
])('%s is stopped at --timeout, named, and leaves nothing behind', (_name, fixture, sql, line) => {
  withMigration(fixture, sql);
  // PGlite needs a few seconds to start on a loaded 2-core machine; the loop must be reached first.
  const seconds = fixture.startsWith('sqlite') ? 2 : 8;
  const r = check([`--timeout=${seconds}`, '--json']);
  expect(r.status).toBe(2);
  expect(r.seconds).toBeLessThan(seconds + 10);
  const error = (JSON.parse(r.stdout) as { errors: { migration: string; line?: number; message: string }[] })
    .errors[0]!;
  expect(error.migration).toBe('20990101000000_forever');
  expect(error.message).toMatch(/^timed out after \d s while replaying migration "20990101000000_forever"/);
  // SQLite reports each statement as it runs it; PostgreSQL runs the file as one script, so the
  // statement is read back from the file: named when it is the only one, counted otherwise.
  if (fixture.startsWith('sqlite') || sql.trim().split('\n').length === 1) expect(error.line).toBe(line);
  if (!fixture.startsWith('sqlite') && sql.trim().split('\n').length === 1)
    expect(error.message).toContain('at `SELECT pg_sleep(100000);`');
  if (!fixture.startsWith('sqlite') && sql.trim().split('\n').length > 1)
    expect(error.message).toContain('(one of its 2 statements: the file runs as one script)');
  expect(leftovers()).toEqual([]);
});

function endlessInsert(): string {
  // The filter never matches: the query runs for ever without growing memory.
  const endless = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c WHERE x < 0';
  return `CREATE TABLE "t" ("a" INTEGER);\nINSERT INTO "t" SELECT x FROM (${endless});\n`;
}

test('the text report names the statement on one line', () => {
  withMigration('sqlite-in-sync', `${SQLITE_LOOP}\n`);
  const r = check(['--timeout', '1.5']);
  expect(r.status).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toContain('at `WITH RECURSIVE c(x)');
  expect(r.stderr).toContain('prisma/migrations/20990101000000_forever/migration.sql:1');
});

// The Action runs in the workspace while the project sits in its working-directory: the in-flight
// file travels as an absolute path, read back from anywhere, and is shown relative only in the report.
test('the timeout reads the in-flight file by its absolute path, from another working directory', () => {
  repo = path.join(tmp, 'project');
  const file = path.join(repo, 'prisma', 'migrations', '1_sleep', 'migration.sql');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, 'SELECT pg_sleep(100000);\n');
  expect(process.cwd()).not.toBe(repo);
  const last = JSON.stringify({ doing: 'replaying', migration: '1_sleep', file });
  process.env.PRISMA_DRIFT_GATE_TIMED_OUT = JSON.stringify({ seconds: 3, last });
  let problem;
  try {
    problem = timedOutProblem()!;
  } finally {
    delete process.env.PRISMA_DRIFT_GATE_TIMED_OUT;
  }
  expect(problem).toMatchObject({ file, line: 1, statement: 'SELECT pg_sleep(100000);' });
  expect(shownFrom(problem, repo)).toMatchObject({
    file: 'prisma/migrations/1_sleep/migration.sql',
    message: expect.stringContaining(
      'replaying migration "1_sleep" at `SELECT pg_sleep(100000);` (prisma/migrations/1_sleep/migration.sql:1)',
    ),
  });
});

test('negative control: a check within its limit is not affected', () => {
  repo = copyFixture('sqlite-in-sync');
  const r = check(['--timeout', '60', '--json']);
  expect(r.status).toBe(0);
  expect(leftovers()).toEqual([]);
});

test.each(['0', '-1', 'ten', ''])('--timeout %j is a usage error', (value) => {
  repo = copyFixture('sqlite-in-sync');
  const r = check([`--timeout=${value}`]);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/^error: --timeout needs a number of seconds above 0/);
});

test.each(['SIGTERM', 'SIGINT'] as const)('%s ends the check and its temporary folders', async (signal) => {
  withMigration('sqlite-in-sync', `${SQLITE_LOOP}\n`);
  const child = spawn(process.execPath, [BIN, 'check'], { cwd: repo, env: env() });
  // Wait until the replay has created its database, then stop the command as a runner does.
  const deadline = Date.now() + 20_000;
  while (leftovers().length === 0 || !fs.readdirSync(path.join(tmp, leftovers()[0]!)).length) {
    if (Date.now() > deadline) throw new Error('the check never started');
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill(signal);
  const [code, sig] = await new Promise<[number | null, string | null]>((r) => child.on('close', (c, s) => r([c, s])));
  expect({ code, sig }).toEqual({ code: null, sig: signal });
  expect(leftovers()).toEqual([]);
});
