import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT } from './helpers/fixtures';

// Guards against a stale dist/: the runner executes the committed bundle, not src/.

test('rebuilding the bundle from the current sources changes nothing in dist/*.js', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-ncc-'));
  execFileSync('bash', [path.join(ROOT, 'scripts/ncc-build.sh'), out], { cwd: ROOT, stdio: 'pipe' });
  // The bundle is index.js plus the chunks it loads lazily (NNN.index.js): the same set, byte for byte.
  const bundleFiles = (dir: string) => fs.readdirSync(dir).filter((f) => /^(\d+\.)?index\.js$|^licenses\.txt$/.test(f));
  expect(bundleFiles(path.join(ROOT, 'dist')).sort()).toEqual(bundleFiles(out).sort());
  expect(bundleFiles(out).length).toBeGreaterThan(2);
  for (const file of bundleFiles(out)) {
    const fresh = fs.readFileSync(path.join(out, file), 'utf8');
    const committed = fs.readFileSync(path.join(ROOT, 'dist', file), 'utf8');
    if (fresh !== committed) throw new Error(`dist/${file} is stale: run \`npm run build:dist\` and commit dist/.`);
  }
});

test('the assets in dist/ are the ones the lock file installs', () => {
  const same = (a: string, b: string) =>
    expect(
      fs.readFileSync(path.join(ROOT, 'dist', a)).equals(fs.readFileSync(path.join(ROOT, 'node_modules', b))),
    ).toBe(true);
  same('schema_engine_bg.js', '@prisma/schema-engine-wasm/schema_engine_bg.js');
  same('schema_engine_bg.wasm', '@prisma/schema-engine-wasm/schema_engine_bg.wasm');
  same('node_modules/@electric-sql/pglite/package.json', '@electric-sql/pglite/package.json');
  same('node_modules/@electric-sql/pglite/dist/pglite.wasm', '@electric-sql/pglite/dist/pglite.wasm');
  // better-sqlite3 13.x (the alias in package.json) ships under its real name, binaries included.
  same('node_modules/better-sqlite3/package.json', 'better-sqlite3-13/package.json');
  same('node_modules/better-sqlite3/lib/database.js', 'better-sqlite3-13/lib/database.js');
  same('node_modules/better-sqlite3/prebuilds/linux-x64.node', 'better-sqlite3-13/prebuilds/linux-x64.node');
  expect(fs.readFileSync(path.join(ROOT, 'dist', 'launch.js'), 'utf8')).toBe(
    fs.readFileSync(path.join(ROOT, 'scripts', 'action-launch.js'), 'utf8'),
  );
});

test('every file in dist/ is committed (nothing is hidden by .gitignore)', () => {
  // CI runs on a clone: a checkout without .git cannot show this, so it fails rather than passes.
  expect(fs.existsSync(path.join(ROOT, '.git'))).toBe(true);
  const ignored = execFileSync('git', ['ls-files', '--others', '--ignored', '--exclude-standard', 'dist'], {
    cwd: ROOT,
    encoding: 'utf8',
  }).trim();
  expect(ignored).toBe('');
});
