import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BIN, copyFixture, fixture, runBin } from './helpers/fixtures';

/**
 * Runs the bin with stderr on a pseudo-terminal (python3's pty module) and stdout in a file,
 * as `prisma-drift-gate check > out.txt` in a terminal would. Returns what the terminal showed.
 */
function onTerminal(args: string[], cwd: string, env: Record<string, string | undefined>) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-tty-')), 'stdout.txt');
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: undefined, ...env };
  for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
  const script = `
import json, os, pty, sys
argv, out = json.loads(sys.argv[1]), sys.argv[2]
pid, fd = pty.fork()
if pid == 0:
    os.dup2(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 1)
    os.execv(argv[0], argv)
seen = b''
while True:
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk
_, status = os.waitpid(pid, 0)
sys.stdout.write(json.dumps({'tty': seen.decode('utf8', 'replace'), 'status': os.waitstatus_to_exitcode(status)}))
`;
  const argv = JSON.stringify([process.execPath, BIN, ...args]);
  const r = JSON.parse(
    execFileSync('python3', ['-c', script, argv, out], { cwd, env: childEnv, encoding: 'utf8', timeout: 120_000 }),
  ) as { tty: string; status: number };
  return { ...r, stdout: fs.readFileSync(out, 'utf8') };
}

// The line normally waits ~1 s, so that quick runs stay silent; here it is drawn from the first step.
const NOW = { PRISMA_DRIFT_GATE_PROGRESS_AFTER_MS: '1', CI: undefined, GITHUB_ACTIONS: undefined };
const PROGRESS = 'prisma-drift-gate: ';

describe('the progress line', () => {
  test('on a terminal: phase and migration n/N on stderr, cleared before the report', () => {
    const r = onTerminal(['check'], fixture('pg-data-loss'), NOW);
    expect(r.status).toBe(1);
    expect(r.tty).toContain('\r\x1b[Kprisma-drift-gate: starting the throwaway database');
    expect(r.tty).toContain('\r\x1b[Kprisma-drift-gate: replaying migration 1/1 ');
    expect(r.tty).toContain('prisma-drift-gate: diffing the schema with the engine');
    // The last thing on the terminal is the clearing: the prompt comes back on a clean line.
    expect(r.tty.endsWith('\r\x1b[K')).toBe(true);
    // The report itself (its deploy risks come first) carries nothing of the progress line.
    expect(r.stdout).toMatch(/^✗ drift \(postgresql\)/m);
    expect(r.stdout).not.toContain(PROGRESS);
    expect(r.stdout).not.toContain(PROGRESS);
  });

  test('deploy shows the migration it applies, n/N', () => {
    const dir = copyFixture('sqlite-in-sync');
    const r = onTerminal(['deploy'], dir, { ...NOW, DATABASE_URL: 'file:./dev.db' });
    expect(r.status).toBe(0);
    expect(r.tty).toMatch(/prisma-drift-gate: applying migration 1\/\d+ \d+_\w+/);
  });

  test('a run stopped at --timeout: the report that names the statement starts on a clean line', () => {
    const dir = copyFixture('sqlite-in-sync');
    const forever = path.join(dir, 'prisma', 'migrations', '20990101000000_forever');
    fs.mkdirSync(forever);
    const loop = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c;';
    fs.writeFileSync(path.join(forever, 'migration.sql'), `${loop}\n`);
    const r = onTerminal(['check', '--timeout', '2'], dir, NOW);
    expect(r.status).toBe(2);
    expect(r.tty).toContain('prisma-drift-gate: replaying migration 3/3 20990101000000_forever');
    // The killed run's line is erased before the error: nothing of it is left in front of "error".
    const before = r.tty.slice(0, r.tty.indexOf('timed out after 2 s while replaying'));
    expect(before).not.toBe('');
    expect(before.lastIndexOf('\r\x1b[K')).toBeGreaterThan(before.lastIndexOf('prisma-drift-gate: replaying'));
  });

  test.each([
    ['--json', ['check', '--json'], NOW],
    ['CI', ['check'], { ...NOW, CI: 'true' }],
    ['the Action (GITHUB_ACTIONS)', ['check'], { ...NOW, GITHUB_ACTIONS: 'true' }],
  ])('never under %s, even on a terminal', (_name, args, env) => {
    const r = onTerminal(args, fixture('pg-data-loss'), env);
    expect(r.status).toBe(1);
    expect(r.tty).not.toContain(PROGRESS);
    expect(r.tty).not.toContain('\x1b[K');
    if (args.includes('--json')) expect(JSON.parse(r.stdout).drift).toBe(true);
  });

  test('never when stderr is not a terminal', () => {
    const r = runBin(['check'], fixture('pg-data-loss'), { PRISMA_DRIFT_GATE_PROGRESS_AFTER_MS: '1', CI: '' });
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain(PROGRESS);
    expect(r.stderr).not.toContain('\x1b[K');
  });
});
