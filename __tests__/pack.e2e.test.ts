import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, fixture } from './helpers/fixtures';

// Slow end-to-end: the npm package as a user gets it. `npm pack` from a tree with no lib/ (so
// prepack must build it), `npm install --save-dev` of the tarball into an empty project (its
// dependencies from the registry; better-sqlite3 12 compiles from source where its prebuilt
// binary cannot be downloaded), then the PR comment's pinned command on fixtures copied there.

const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
/** What `npm pack` needs to build the package: the repository without lib/, dist/ or tests. */
const SOURCES = ['package.json', 'package-lock.json', 'tsconfig.json', 'bin', 'src', 'scripts', 'README.md', 'LICENSE'];

let work: string;
let app: string;
let packed: { files: { path: string }[]; size: number; filename: string };

/** npm, with none of the npm_* variables of the `npm test` running this (they would steer it). */
function npm(args: string[], cwd: string, timeoutMs: number, extraEnv: NodeJS.ProcessEnv = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  delete env.DATABASE_URL;
  const r = spawnSync(args[0] === 'npx' ? 'npx' : 'npm', args.slice(1), {
    cwd,
    env: { ...env, ...extraEnv },
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  if (r.error) throw new Error(`${args.join(' ')} did not finish in ${cwd}`, { cause: r.error });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-pack-'));
  const src = path.join(work, 'src');
  for (const name of SOURCES) fs.cpSync(path.join(ROOT, name), path.join(src, name), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(src, 'node_modules'), 'dir');
  const pack = npm(['npm', 'pack', '--json', '--pack-destination', work], src, 300_000);
  expect({ status: pack.status, stderr: pack.status === 0 ? '' : pack.stderr }).toEqual({ status: 0, stderr: '' });
  packed = (JSON.parse(pack.stdout) as (typeof packed)[])[0]!;

  app = path.join(work, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }) + '\n');
  const started = Date.now();
  const tarball = path.join(work, packed.filename);
  // Measured 2 to 6 minutes on a shared 2-core machine where better-sqlite3 12 compiles; bounded well above.
  const install = npm(['npm', 'install', '--save-dev', '--no-audit', '--no-fund', tarball], app, 900_000);
  expect({ status: install.status, stderr: install.status === 0 ? '' : install.stderr }).toEqual({
    status: 0,
    stderr: '',
  });
  // Shown in the test log: the install time is what a CI run without a prebuilt binary pays.
  console.log(`packed ${packed.size} bytes, ${packed.files.length} files; install took ${Date.now() - started} ms`);
}, 1_300_000);
afterAll(() => work && fs.rmSync(work, { recursive: true, force: true }));

test('the tarball holds the bin, the built lib/ with the PGlite snapshot, and nothing of the Action', () => {
  const files = packed.files.map((f) => f.path).sort();
  expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'bin/prisma-drift-gate.js']));
  expect(files).toEqual(expect.arrayContaining(['lib/cli.js', 'lib/version.js', 'lib/pglite-datadir.tar.gz']));
  const stray = files.filter(
    (f) => !/^(LICENSE|README\.md|package\.json|bin\/[^/]+\.js|lib\/.+\.js|lib\/pglite-datadir\.tar\.gz)$/.test(f),
  );
  expect(stray).toEqual([]);
  expect(files.filter((f) => f.startsWith('lib/action/') || f === 'lib/index.js')).toEqual([]);
});

test('every relative require in the packed lib/ resolves to a packed file', () => {
  const files = new Set(packed.files.map((f) => f.path));
  const missing: string[] = [];
  let seen = 0;
  for (const file of [...files].filter((f) => f.endsWith('.js'))) {
    const text = fs.readFileSync(path.join(app, 'node_modules', 'prisma-drift-gate', file), 'utf8');
    for (const m of text.matchAll(/require\("(\.[^"]+)"\)/g)) {
      seen++;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!));
      if (!files.has(target) && !files.has(`${target}.js`)) missing.push(`${file} -> ${m[1]}`);
    }
  }
  expect(seen).toBeGreaterThan(50);
  expect(missing).toEqual([]);
});

/** A fixture copied into the app, checked with the command the PR comment prints. */
function checkInApp(name: string) {
  const dir = path.join(app, name);
  fs.cpSync(fixture(name), dir, { recursive: true });
  // Offline: with the package a devDependency of the same version, npx runs the local one.
  const r = npm(['npx', `prisma-drift-gate@${VERSION}`, 'check', '--json'], dir, 120_000, {
    npm_config_offline: 'true',
  });
  return { ...r, json: r.stdout ? (JSON.parse(r.stdout) as Record<string, unknown>) : undefined };
}

test('SQLite drift: exit 1, and the JSON has the engine suggestion', () => {
  const r = checkInApp('sqlite-seed-drift');
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 1, stderr: '' });
  expect(r.json).toMatchObject({ drift: true, provider: 'sqlite', errors: [], roundTrip: { ok: true } });
  expect(r.json!.sql).toBe(fs.readFileSync(path.join(fixture('sqlite-seed-drift'), 'expected.sql'), 'utf8'));
});

test('PostgreSQL (PGlite from the packed snapshot) in sync: exit 0', () => {
  const r = checkInApp('pg-in-sync');
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  expect(r.json).toMatchObject({ drift: false, provider: 'postgresql', sql: '', errors: [] });
});

test('PostgreSQL drift: exit 1 with the expected SQL', () => {
  const r = checkInApp('pg-seed-drift');
  expect(r.status).toBe(1);
  expect(r.json).toMatchObject({ drift: true, provider: 'postgresql', errors: [] });
  expect(r.json!.sql).toBe(fs.readFileSync(path.join(fixture('pg-seed-drift'), 'expected.sql'), 'utf8'));
});

test('a broken input: exit 2 and one line, from the installed package too', () => {
  const r = checkInApp('bad-mysql');
  expect(r.status).toBe(2);
  expect(r.json).toMatchObject({ drift: null });
  expect((r.json!.errors as unknown[]).length).toBe(1);
});

test('the installed bin reports the version the PR comment pins', () => {
  const r = npm(['npx', 'prisma-drift-gate', '--version'], app, 60_000, { npm_config_offline: 'true' });
  expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 0, stdout: `${VERSION}\n` });
});
