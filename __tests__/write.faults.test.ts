import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeMigration, type WriteFs } from '../src/write';
import { BIN, copyFixture, runBin } from './helpers/fixtures';

/** Every path under a folder, relative to it: what a failed write must leave exactly as it was. */
function tree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).sort();
}
const newFolders = (before: string[], after: string[]) => after.filter((p) => !before.includes(p));

describe('--write under a file size limit of 0 (RLIMIT_FSIZE: every write fails with EFBIG)', () => {
  /** The CLI in a child whose file size limit is 0; stdout and stderr are pipes, so they still work. */
  function checkWithFileLimit(cwd: string) {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const r = spawnSync(
      'bash',
      ['-c', 'ulimit -f 0; exec "$0" "$@"', process.execPath, BIN, 'check', '--write', 'fix'],
      { cwd, env, encoding: 'utf8' },
    );
    return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
  }

  // PostgreSQL fixtures: PGlite replays in memory, so the write of the suggestion is the first file write.
  test.each(['pg-data-loss', 'pg-seed-drift', 'pg-no-migrations'])(
    '%s: exit 2, one line, nothing left; the next run writes exactly one folder',
    (name) => {
      const project = copyFixture(name);
      const prisma = path.join(project, 'prisma');
      const before = tree(prisma);
      const r = checkWithFileLimit(project);
      expect(r.signal).toBeNull();
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(
        /^error: cannot write \d{14}_fix\/migration\.sql: EFBIG \(disk full or a file size limit\); nothing was written\. [^\n]*\n$/,
      );
      expect(tree(prisma)).toEqual(before);
      const again = runBin(['check', '--write', 'fix'], project);
      expect(again.status).toBe(1);
      const added = newFolders(before, tree(prisma));
      const folders = added.filter((p) => /^migrations\/\d{14}_fix$/.test(p));
      expect(folders).toHaveLength(1);
      expect(fs.readFileSync(path.join(prisma, folders[0]!, 'migration.sql'), 'utf8').length).toBeGreaterThan(0);
      expect(added.filter((p) => p.endsWith('.tmp'))).toEqual([]);
    },
  );
});

describe('writeMigration with an injected failure at each step', () => {
  const fault = (call: keyof WriteFs, code: string, after = 0): WriteFs => {
    let calls = 0;
    const failing = (...args: unknown[]) => {
      if (calls++ >= after) throw Object.assign(new Error(`${code}: injected`), { code });
      return (fs[call] as (...a: unknown[]) => unknown)(...args);
    };
    return { ...fs, [call]: failing } as WriteFs;
  };
  const cases: [string, WriteFs, string][] = [
    ['ENOSPC on the first write', fault('writeSync', 'ENOSPC'), 'ENOSPC (disk full or a file size limit)'],
    ['EIO on fsync', fault('fsyncSync', 'EIO'), 'EIO'],
    ['EXDEV on rename', fault('renameSync', 'EXDEV'), 'EXDEV'],
    // The lock file is the second file written into a history without one.
    ['EDQUOT writing the lock file', fault('openSync', 'EDQUOT', 2), 'EDQUOT (disk full or a file size limit)'],
  ];
  test.each(cases)('%s: nothing is left, and a second try writes one folder', (_label, io, cause) => {
    for (const name of ['pg-no-migrations', 'sqlite-in-sync']) {
      const project = copyFixture(name);
      const migrations = path.join(project, 'prisma/migrations');
      fs.rmSync(path.join(migrations, 'migration_lock.toml'), { force: true });
      const before = tree(path.join(project, 'prisma'));
      const r = writeMigration(migrations, '20250101000000_x', 'SELECT 1;\n', 'postgresql', io);
      expect(r.ok).toBe(false);
      expect(r.ok ? '' : r.problem.message).toMatch(
        new RegExp(`^cannot write [^\\n]+: ${cause.replace(/[()]/g, '\\$&')}; nothing was written\\.`),
      );
      expect(tree(path.join(project, 'prisma'))).toEqual(before);
      const again = writeMigration(migrations, '20250101000000_x', 'SELECT 1;\n', 'postgresql');
      expect(again.ok).toBe(true);
      expect(fs.readFileSync(path.join(migrations, '20250101000000_x/migration.sql'), 'utf8')).toBe('SELECT 1;\n');
      expect(fs.readFileSync(path.join(migrations, 'migration_lock.toml'), 'utf8')).toMatch(
        /^provider = "postgresql"$/m,
      );
    }
  });

  test('a short write is continued, not truncated', () => {
    const project = copyFixture('pg-no-migrations');
    const migrations = path.join(project, 'prisma/migrations');
    const content = 'SELECT 1;\n'.repeat(1000);
    const chunked: WriteFs = {
      ...fs,
      writeSync: ((fd: number, buf: Buffer, off: number, len: number) =>
        fs.writeSync(fd, buf, off, Math.min(len, 7))) as WriteFs['writeSync'],
    };
    expect(writeMigration(migrations, '20250101000000_x', content, 'postgresql', chunked).ok).toBe(true);
    expect(fs.readFileSync(path.join(migrations, '20250101000000_x/migration.sql'), 'utf8')).toBe(content);
  });
});
