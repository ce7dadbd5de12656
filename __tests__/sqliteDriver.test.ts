import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT } from './helpers/fixtures';
import { NODE24 } from './helpers/action';

// The installed CLI (lib/) picks its better-sqlite3 by Node version: 12.x on Node 20, the
// aliased 13.x on Node ≥ 22, for itself and for Prisma's adapter (src/throwaway/sqliteDriver.ts).
// Checked outside jest, whose module registry is not Node's.
function loadedBinaries(node: string): { binaries: string[]; ok: boolean } {
  const script = `
    const { sqliteDriver } = require(${JSON.stringify(path.join(ROOT, 'lib', 'throwaway', 'sqliteDriver.js'))});
    const { Database, PrismaBetterSqlite3 } = sqliteDriver();
    const db = new Database(':memory:');
    const ok = db.prepare('SELECT 1 AS x').get().x === 1 && typeof PrismaBetterSqlite3 === 'function';
    db.close();
    new PrismaBetterSqlite3({ url: 'file::memory:' }).connect().then(async (c) => {
      await c.dispose();
      const binaries = Object.keys(require.cache).filter((k) => k.endsWith('.node')).map((k) => require('path').relative(${JSON.stringify(ROOT)}, k));
      console.log(JSON.stringify({ binaries, ok }));
    });`;
  const r = spawnSync(node, ['-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${node} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

test('Node 20: better-sqlite3 12.x, compiled on install', () => {
  if (!process.versions.node.startsWith('20.')) throw new Error('run the suite on Node 20, as .ci/run does');
  expect(loadedBinaries(process.execPath)).toEqual({
    binaries: ['node_modules/better-sqlite3/build/Release/better_sqlite3.node'],
    ok: true,
  });
});

test("Node 24: the aliased 13.x's prebuilt binary, for our own statements and the adapter's", () => {
  expect(loadedBinaries(NODE24)).toEqual({
    binaries: ['node_modules/better-sqlite3-13/prebuilds/linux-x64.node'],
    ok: true,
  });
});
