import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { generateHistory } from './helpers/generate';
import { ROOT } from './helpers/fixtures';
import { actionEntry, checkOutAction, NODE24, runAction, type ActionRun } from './helpers/action';

// Slow end-to-end: the committed Action (action.yml's entry under Node 24) on histories big
// enough for V8 to garbage-collect during the check. The fixtures are too small for that, and
// better-sqlite3 12 under Node 24 aborted (exit 134) only once GC ran: 10 of 10 runs on 170
// SQLite migrations. Each history is run 10 times in a row, every run checked.

const generate = async (root: string, provider: string, n: number) => generateHistory(root, provider, n);

const RUNS = 10;
let actionDir: string;
let work: string;

beforeAll(async () => {
  actionDir = checkOutAction();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-history-'));
}, 300_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const migrationsIn = (dir: string) =>
  fs.readdirSync(path.join(dir, 'prisma', 'migrations')).filter((d) => /^\d/.test(d));

function expectInSync(r: ActionRun, run: number): void {
  expect({ run, status: r.status, signal: r.signal, result: r.outputs.result, drift: r.outputs.drift }).toEqual({
    run,
    status: 0,
    signal: null,
    result: 'in-sync',
    drift: 'false',
  });
}

function expectDrift(r: ActionRun, field: string): void {
  expect({ status: r.status, signal: r.signal, result: r.outputs.result, drift: r.outputs.drift }).toEqual({
    status: 1,
    signal: null,
    result: 'drift',
    drift: 'true',
  });
  expect(r.outputs['migration-sql']).toContain(`"${field}"`);
}

describe.each([
  ['sqlite', 160, 'T159'],
  ['postgresql', 170, 'T169'],
])('%s, %i migrations', (provider, n, lastModel) => {
  let dir: string;
  beforeAll(async () => {
    dir = await generate(work, provider, n);
  }, 300_000);

  test('the history is as big as it says', () => {
    expect(migrationsIn(dir).length).toBeGreaterThanOrEqual(n);
  });

  test(`${RUNS} runs in a row: each exits 0 with in-sync outputs`, async () => {
    for (let run = 1; run <= RUNS; run++) expectInSync(await runAction(actionDir, dir), run);
  }, 600_000);

  test('the drifting variant exits 1 with the fix for the one added field', async () => {
    const r = await runAction(actionDir, `${dir}-drift`);
    expectDrift(r, 'extra');
    expect(r.stdout).toContain('::error title=Schema drift,file=prisma/schema.prisma,line=');
    expect(r.outputs.summary).toMatch(
      new RegExp(`Changed the \`${lastModel}\` table\\s+\\[\\+\\] Added column \`extra\``),
    );
  }, 120_000);
});

describe('forced garbage collection during the SQLite replay and the diff', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await generate(work, 'sqlite', 160);
  }, 300_000);

  // better-sqlite3 12 aborted when V8 collected a statement in a GC that no JavaScript had
  // started (a scheduled task: no context entered), so gc() from JS cannot provoke it.
  // --stress-compaction makes V8 run full compacting collections on its own schedule: about 35
  // in this run against 1 without it; better-sqlite3 12 then aborted even on a 1-migration
  // fixture. (--gc-interval added no collections in release builds of Node 24.)
  const stress = ['--stress-compaction', '--trace-gc'];
  const fullCollections = (out: string) => out.match(/\d+ ms: Mark-Compact/g)?.length ?? 0;

  test('3 runs, in sync and drifting: right exit codes and outputs, V8 visibly collected', async () => {
    for (const run of [1, 2, 3]) {
      const r = await runAction(actionDir, dir, { nodeArgs: stress });
      expectInSync(r, run);
      // The launcher passes the flags on: the worker, not only the launcher, traces its GCs.
      expect(fullCollections(r.stdout)).toBeGreaterThan(20);
    }
    expectDrift(await runAction(actionDir, `${dir}-drift`, { nodeArgs: stress }), 'extra');
  }, 600_000);

  test('the CLI on Node 24 (lib/, the aliased better-sqlite3 13): 3 runs, exit 0, then 1 on the drift', () => {
    const cli = (cwd: string) =>
      spawnSync(NODE24, [...stress, path.join(ROOT, 'bin', 'prisma-drift-gate.js'), 'check', '--json'], {
        cwd,
        encoding: 'utf8',
      });
    for (const run of [1, 2, 3]) {
      const r = cli(dir);
      expect({ run, status: r.status, signal: r.signal }).toEqual({ run, status: 0, signal: null });
      expect(fullCollections(r.stdout)).toBeGreaterThan(20);
    }
    expect(cli(`${dir}-drift`).status).toBe(1);
  }, 600_000);
});

describe('the launcher (action.yml runs.main)', () => {
  test('it is not the bundle itself: it hands dist/index.js to the supervisor, under --liftoff-only', () => {
    const entry = actionEntry(actionDir);
    expect(path.basename(entry)).toBe('launch.js');
    expect(fs.readFileSync(entry, 'utf8')).toContain("require('./supervise.js')");
    expect(fs.readFileSync(path.join(path.dirname(entry), 'supervise.js'), 'utf8')).toContain("'--liftoff-only'");
  });

  test('on Node < 22 it refuses with one ::error:: line and exit 2, before loading anything', () => {
    // This test process is the oldest Node the CLI supports; dist/ needs 22+.
    if (Number(process.versions.node.split('.')[0]) >= 22) throw new Error('run the suite on Node 20, as .ci/run does');
    const r = spawnSync(process.execPath, [actionEntry(actionDir)], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    expect(r.status).toBe(2);
    expect(r.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^::error::prisma-drift-gate's Action needs Node ≥ 22/),
    ]);
    expect(r.stderr).toBe('');
  });

  test('the launcher watches one child, `node --liftoff-only --max-semi-space-size=4 index.js`; SIGTERM ends both and the temp files', async () => {
    const dir = await generate(work, 'postgresql', 170);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-launch-tmp-'));
    let cmdline = '';
    let worker = 0;
    const r = await runAction(actionDir, dir, {
      env: { TMPDIR: tmp },
      started: (child) => {
        const poll = setInterval(() => {
          const kids = fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim();
          if (!kids) return;
          worker = Number(kids.split(' ')[0]);
          cmdline = fs
            .readFileSync(`/proc/${worker}/cmdline`, 'utf8')
            .split('\0')
            .filter(Boolean)
            .map((a) => path.basename(a))
            .join(' ');
          // Between fork and exec the child still shows the launcher's command line.
          if (!cmdline.endsWith('index.js')) return;
          clearInterval(poll);
          // Let the check get into the replay before the runner cancels the job.
          setTimeout(() => child.kill('SIGTERM'), 300);
        }, 10);
        child.on('close', () => clearInterval(poll));
      },
    });
    expect(cmdline).toBe('node --liftoff-only --max-semi-space-size=4 index.js');
    expect(r.signal).toBe('SIGTERM');
    expect(fs.existsSync(`/proc/${worker}`)).toBe(false);
    expect(fs.readdirSync(tmp)).toEqual([]);
    fs.rmSync(tmp, { recursive: true, force: true });
  }, 120_000);
});

test('Node 24 is on this machine (scripts/ensure-node24.sh, run by pretest)', () => {
  expect(execFileSync(NODE24, ['--version'], { encoding: 'utf8' })).toMatch(/^v24\./);
});
