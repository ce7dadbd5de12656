import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { checkProject, exitCodeOf, type CheckOptions, type CheckReport } from '../src/check';
import { ReplayCache, chainKeys, type CacheSeed } from '../src/throwaway/replayCache';
import { openSqlite } from '../src/throwaway/sqlite';
import { addMigration, BIN, copyFixture, runBin } from './helpers/fixtures';
import { comparable, readEntry, writeEntry } from './helpers/replayCache';

const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));
const entries = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []).filter((f) => f.endsWith('.replay'));

/** A check of a copy of the project, with the cache; and the same check without it, the reference. */
async function warmAndCold(cwd: string, cacheDir: string, opts: Partial<CheckOptions> = {}) {
  const warm = await checkProject({ cwd, cacheDir, ...opts });
  const cold = await checkProject({ cwd, ...opts });
  return { warm, cold };
}

const HIDDEN_TRGM =
  "DO $$ BEGIN\n  EXECUTE 'CREATE EXTENSION IF NOT EXISTS pg_trgm';\nEND $$;\nSELECT similarity('prisma', 'prism');\n";

describe('a base branch entry (a prefix) restored under a pull request (a longer chain)', () => {
  test.each([
    ['pg-in-sync', 'CREATE TABLE "Extra" ("id" SERIAL PRIMARY KEY);\n'],
    ['sqlite-dqs', 'CREATE TABLE "Extra" ("id" INTEGER PRIMARY KEY);\n'],
  ])('%s: the prefix is restored, the rest replayed, and the report is the cold one', async (name, sql) => {
    const project = copyFixture(name);
    const cacheDir = tmp('pdg-cache-');
    const base = await checkProject({ cwd: project, cacheDir });
    expect(base.report.errors).toEqual([]);
    expect(await base.saveCache!()).toBeUndefined();
    addMigration(project, '20991231000000_pull_request', sql);
    const { warm, cold } = await warmAndCold(project, cacheDir);
    const n = base.report.migrations.length;
    expect(warm.report.migrations.map((m) => m.cached ?? false)).toEqual([...Array(n).fill(true), false]);
    expect(comparable(warm.report)).toBe(comparable(cold.report));
    // The drift the pull request's schema lacks is still found: the table came from the replayed suffix.
    expect(warm.report.drift).toBe(true);
    expect(warm.report.sql).toMatch(/DROP TABLE "Extra"/);
    // The pull request's state is saved as a second entry, beside the base's.
    expect(await warm.saveCache!()).toBeUndefined();
    expect(entries(cacheDir)).toHaveLength(2);
  });

  test('an extension the cached prefix loaded late is loaded again, and the notes say what a cold run says', async () => {
    const project = copyFixture('pg-in-sync');
    const cacheDir = tmp('pdg-cache-');
    addMigration(project, '20240301000000_trgm', HIDDEN_TRGM);
    const base = await checkProject({ cwd: project, cacheDir });
    expect(base.report.notes).toHaveLength(1);
    await base.saveCache!();
    // The pull request's migration needs pg_trgm, which only the cached state's start loaded.
    addMigration(project, '20991231000000_pr', "SELECT similarity('a', 'b');\n");
    const { warm, cold } = await warmAndCold(project, cacheDir);
    expect(warm.report.migrations.filter((m) => m.cached)).toHaveLength(3);
    expect(warm.report.errors).toEqual([]);
    expect(warm.report.notes).toEqual(cold.report.notes);
    expect(comparable(warm.report)).toBe(comparable(cold.report));
  });

  test("the pull request's own migrations are replayed when the review reads them (--base)", async () => {
    const project = copyFixture('pg-in-sync');
    const cacheDir = tmp('pdg-cache-');
    await (
      await checkProject({ cwd: project, cacheDir })
    ).saveCache!();
    // --review-all reads every migration against the tables before it: nothing can be restored.
    const all = await checkProject({ cwd: project, cacheDir, review: 'all' });
    expect(all.report.migrations.some((m) => m.cached)).toBe(false);
    expect(all.saveCache).toBeUndefined();
  });
});

describe('an entry that cannot be trusted is discarded with a note, and the check replays cold', () => {
  async function cachedProject(name: string) {
    const project = copyFixture(name);
    const cacheDir = tmp('pdg-cache-');
    await (
      await checkProject({ cwd: project, cacheDir })
    ).saveCache!();
    const [entry] = entries(cacheDir);
    return { project, cacheDir, file: path.join(cacheDir, entry!) };
  }

  async function expectDiscarded(project: string, cacheDir: string, why: RegExp) {
    const { warm, cold } = await warmAndCold(project, cacheDir);
    expect(warm.report.migrations.some((m) => m.cached)).toBe(false);
    expect(warm.report.notes).toEqual([expect.stringMatching(why)]);
    expect(exitCodeOf(warm.report)).toBe(exitCodeOf(cold.report));
    expect(comparable({ ...warm.report, notes: cold.report.notes })).toBe(comparable(cold.report));
    // Deleted, and replaced by the cold replay's own entry.
    expect(await warm.saveCache!()).toBeUndefined();
    expect(entries(cacheDir)).toHaveLength(1);
  }

  test.each(['pg-seed-drift', 'sqlite-seed-drift'])('%s: a flipped byte in the content', async (name) => {
    const { project, cacheDir, file } = await cachedProject(name);
    const bytes = fs.readFileSync(file);
    // The gzip trailer: always in the content, whatever the header's size.
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    await expectDiscarded(
      project,
      cacheDir,
      /^The replay cache entry \w+\.replay was discarded \(truncated or corrupt/,
    );
  });

  test.each(['pg-seed-drift', 'sqlite-seed-drift'])('%s: a truncated entry', async (name) => {
    const { project, cacheDir, file } = await cachedProject(name);
    fs.truncateSync(file, fs.statSync(file).size - 10);
    await expectDiscarded(project, cacheDir, /discarded \(truncated or corrupt content\); replayed cold\.$/);
  });

  test.each(['pg-seed-drift', 'sqlite-seed-drift'])('%s: an entry from another driver version', async (name) => {
    const { project, cacheDir, file } = await cachedProject(name);
    const { header, payload } = readEntry(file);
    const seed = header.seed as CacheSeed;
    writeEntry(file, { ...header, seed: { ...seed, driver: 'pglite 0.0.1' } }, zlib.gunzipSync(payload));
    await expectDiscarded(
      project,
      cacheDir,
      new RegExp(`\\(made with pglite 0\\.0\\.1; this check runs ${esc(seed.driver)}\\)`),
    );
  });

  test.each(['a FIFO', 'a symbolic link'])('%s in place of the entry is never read (no wait)', async (kind) => {
    const { project, cacheDir, file } = await cachedProject('sqlite-seed-drift');
    const elsewhere = path.join(tmp('pdg-elsewhere-'), 'entry');
    fs.renameSync(file, elsewhere);
    if (kind === 'a FIFO') expect(spawnSync('mkfifo', [file]).status).toBe(0);
    else fs.symlinkSync(elsewhere, file);
    await expectDiscarded(project, cacheDir, /discarded \(not a regular file\); replayed cold\.$/);
    expect(fs.existsSync(elsewhere)).toBe(true);
  });

  test('a forged SQLite file (its hash matches) fails quick_check and is discarded', async () => {
    const { project, cacheDir, file } = await cachedProject('sqlite-seed-drift');
    const { header } = readEntry(file);
    writeEntry(file, header, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 7)]));
    await expectDiscarded(
      project,
      cacheDir,
      /^The replay cache entry \w+\.replay was discarded \(it did not open: .*\); replayed cold\.$/,
    );
  });
});

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('saving never fails the check', () => {
  test('a full disk while saving (every write fails with ENOSPC): a note, no file left behind', async () => {
    const project = copyFixture('pg-seed-drift');
    const cacheDir = tmp('pdg-cache-');
    const full = {
      ...fs,
      writeSync: () => {
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      },
    } as typeof fs;
    const { warm, cold } = await warmAndCold(project, cacheDir, { cacheIo: full });
    expect(comparable(warm.report)).toBe(comparable(cold.report));
    expect(await warm.saveCache!()).toMatch(
      /^The replay cache was not saved to .* \(ENOSPC\); the check is unaffected\.$/,
    );
    expect(fs.readdirSync(cacheDir)).toEqual([]);
  });

  test('the CLI under a file size limit of 0: same stdout and exit code, one note on stderr', () => {
    const project = copyFixture('pg-seed-drift');
    const cacheDir = path.join(tmp('pdg-cache-'), 'cache');
    const plain = runBin(['check', '--json'], project);
    const r = spawnSync(
      'bash',
      ['-c', 'ulimit -f 0; exec "$0" "$@"', process.execPath, BIN, 'check', '--json', '--cache-dir', cacheDir],
      { cwd: project, encoding: 'utf8' },
    );
    expect(r.signal).toBeNull();
    expect(r.status).toBe(plain.status);
    expect(r.status).toBe(1);
    const strip = (s: string) => {
      const report = JSON.parse(s) as CheckReport;
      return comparable({ ...report, timings: report.timings });
    };
    expect(strip(r.stdout)).toBe(strip(plain.stdout));
    expect(r.stderr).toMatch(/^note: The replay cache was not saved to .* \(EFBIG\); the check is unaffected\.\n$/);
    expect(entries(cacheDir)).toEqual([]);
  });

  test('a file where the cache folder should be: the check runs cold, and the save is a note', () => {
    const project = copyFixture('sqlite-seed-drift');
    const notAFolder = path.join(tmp('pdg-cache-'), 'file');
    fs.writeFileSync(notAFolder, 'x');
    const r = runBin(['check', '--cache-dir', notAFolder], project);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/drift/i);
    expect(r.stderr).toMatch(
      /^note: The replay cache was not saved to .* \((EEXIST|ENOTDIR)\); the check is unaffected\.\n$/,
    );
  });
});

describe('the folder is bounded', () => {
  const seed: CacheSeed = { format: 1, tool: 't', driver: 'd', start: [], extensions: [], initShadowDb: null };
  const chainOf = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      name: `m${i}`,
      checksum: `c${i}`,
    })) as never as import('../src/chain/load').Migration[];

  test('past the bound, the least recently used entries are evicted first', () => {
    const dir = tmp('pdg-cache-');
    const payload = Buffer.alloc(1000, 1);
    const save = (n: number) =>
      new ReplayCache({ dir, seed, chain: chainOf(n), limit: n, maxBytes: 4500 }).save(payload, chainOf(n));
    const keys = chainKeys(
      seed,
      chainOf(4).map((m) => m.checksum),
    );
    save(1);
    save(2);
    save(3);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(dir, `${keys[2]}.replay`), old, new Date(Date.now() - 120_000));
    fs.utimesSync(path.join(dir, `${keys[1]}.replay`), old, old);
    save(4);
    expect(entries(dir).sort()).toEqual([`${keys[1]}.replay`, `${keys[3]}.replay`, `${keys[4]}.replay`].sort());
  });

  test('a restore counts as a use: the restored entry outlives an older-used one', async () => {
    const dir = tmp('pdg-cache-');
    const gz = zlib.gzipSync(Buffer.from('state'));
    const cache = (n: number) => new ReplayCache({ dir, seed, chain: chainOf(n), limit: n, maxBytes: 10_000 });
    cache(1).save(gz, chainOf(1));
    cache(2).save(gz, chainOf(2));
    const keys = chainKeys(
      seed,
      chainOf(3).map((m) => m.checksum),
    );
    const old = new Date(Date.now() - 60_000);
    for (const k of [keys[1], keys[2]]) fs.utimesSync(path.join(dir, `${k}.replay`), old, old);
    // A chain of 3 restores its longest cached prefix, 2 migrations.
    const restored = cache(3).restore();
    expect(restored?.count).toBe(2);
    expect((await restored!.state).toString()).toBe('state');
    expect(fs.statSync(path.join(dir, `${keys[2]}.replay`)).mtimeMs).toBeGreaterThan(old.getTime() + 30_000);
  });

  test("a killed save's temp file goes once it is an hour old; a save in progress keeps its own", () => {
    const dir = tmp('pdg-cache-');
    const stale = path.join(dir, 'a.replay.123.tmp');
    const fresh = path.join(dir, 'b.replay.456.tmp');
    fs.writeFileSync(stale, 'x');
    fs.writeFileSync(fresh, 'x');
    const hourAgo = new Date(Date.now() - 3_700_000);
    fs.utimesSync(stale, hourAgo, hourAgo);
    new ReplayCache({ dir, seed, chain: chainOf(1), limit: 1 }).save(Buffer.alloc(10), chainOf(1));
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
  });

  test('another driver version keys another chain: its entries are never looked at', () => {
    const checksums = ['a', 'b'];
    expect(chainKeys({ ...seed, driver: 'pglite 0.4.3' }, checksums)[2]).not.toBe(
      chainKeys({ ...seed, driver: 'pglite 0.4.4' }, checksums)[2],
    );
    expect(chainKeys(seed, ['a', 'b'])[2]).not.toBe(chainKeys(seed, ['b', 'a'])[2]);
  });
});

test('a restored SQLite file is opened with trusted_schema off, on every connection', async () => {
  const root = tmp('pdg-sqlite-');
  const query = async (restored?: Buffer) => {
    await using db = await openSqlite(root, restored);
    const adapter = await db.adapterFactory().connect();
    const r = await adapter.queryRaw({ sql: 'PRAGMA trusted_schema', args: [], argTypes: [] });
    const [state] = (await db.captureState!())();
    return { trusted: r.rows[0]?.[0], state };
  };
  const fresh = await query();
  expect(fresh.trusted).toBe(1);
  expect((await query(fresh.state)).trusted).toBe(0);
});

test('check --help documents --cache-dir; an empty one and the other commands are refused', () => {
  expect(runBin(['check', '--cache-dir', '']).stderr).toBe(
    'error: --cache-dir needs a folder, e.g. --cache-dir .prisma-drift-gate-cache.\n',
  );
  expect(runBin(['check', '--help']).stdout).toMatch(
    /\[--cache-dir <dir>\][\s\S]*--cache-dir <dir> keeps the replayed/,
  );
  const r = runBin(['status', '--cache-dir', 'x']);
  expect(r.status).toBe(2);
  expect(r.stderr).toBe('error: --cache-dir does not apply to status. Run prisma-drift-gate --help.\n');
});
