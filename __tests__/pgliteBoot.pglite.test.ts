import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openPglite } from '../src/throwaway/pglite';
import { bootPglite, takeFsBundle } from '../src/throwaway/pgliteBoot';
import type { ThrowawayDb } from '../src/throwaway/types';

// bootPglite falls back to PGlite's own loading when it cannot find PGlite's files: that would only be
// slower, so nothing else would notice. These tests do.

const pgliteDist = path.dirname(require.resolve('@electric-sql/pglite'));

/** Node's types do not declare WebAssembly without the DOM lib. */
declare const WebAssembly: { Module: { imports(m: object): { name: string }[] } };

test('the boot compiles PGlite’s own wasm and hands over its own file-system bundle', async () => {
  const boot = bootPglite();
  const compiled = await boot.wasmModule;
  expect(compiled).toBeDefined();
  // The module's imports are PGlite's emscripten glue: a wasm from anywhere else would not have them.
  const imports = WebAssembly.Module.imports(compiled!).map((i) => i.name);
  expect(imports).toContain('emscripten_date_now');
  const bundle = takeFsBundle();
  expect(bundle?.size).toBe(fs.statSync(path.join(pgliteDist, 'pglite.data')).size);
});

test('each PGlite started from the one boot has a data dir of its own', async () => {
  await using first = await openPglite([]);
  expect((await first.runScript('CREATE TABLE "OnlyInFirst" ("id" INTEGER)')).ok).toBe(true);
  await using second = await openPglite([]);
  // Sharing the bundled data dir's buffer would show the first database's table here (or break both).
  expect(await second.inspector.columns('OnlyInFirst')).toEqual([]);
  expect((await second.runScript('CREATE TABLE "OnlyInFirst" ("id" INTEGER)')).ok).toBe(true);
  expect((await first.inspector.columns('OnlyInFirst')).map((c) => c.name)).toEqual(['id']);
});

// Extensions: their files are written at start and PostgreSQL links each library when a statement first
// needs it (pgliteExtensionFiles.ts), where PGlite linked every library before PostgreSQL started.
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const calls: [extension: string, sql: string, value: unknown][] = [
  ['pgcrypto', `SELECT encode(digest('a', 'sha256'), 'hex') AS v`, sha256('a')],
  ['uuid-ossp', `SELECT length(uuid_generate_v4()::text) AS v`, 36],
  ['hstore', `SELECT ('a=>1'::hstore) -> 'a' AS v`, '1'],
  ['vector', `SELECT '[1,2,3]'::vector <-> '[1,2,4]'::vector AS v`, 1],
];

test.each(calls)('the library of %s is linked when a statement first calls it', async (extension, sql, value) => {
  await using db = await openPglite([extension]);
  expect((await db.runScript(`CREATE EXTENSION "${extension}"`)).ok).toBe(true);
  expect(await valueOf(db, sql)).toEqual(value);
});

test('a state restored with an extension in it links the library when a statement calls it', async () => {
  let state: Buffer;
  {
    await using db = await openPglite(['pgcrypto']);
    expect((await db.runScript('CREATE EXTENSION pgcrypto')).ok).toBe(true);
    state = Buffer.concat((await db.captureState!())());
  }
  await using restored = await openPglite(['pgcrypto'], { dataDir: Promise.resolve(state) });
  expect(await valueOf(restored, calls[0]![1])).toEqual(sha256('a'));
});

async function valueOf(db: ThrowawayDb, sql: string): Promise<unknown> {
  const engine = db.adapterFactory();
  const adapter = await engine.connect();
  try {
    const r = await adapter.queryRaw({ sql, args: [], argTypes: [] });
    return r.rows[0]![0];
  } finally {
    await adapter.dispose();
  }
}
