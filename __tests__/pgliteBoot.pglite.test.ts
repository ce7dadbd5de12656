import * as fs from 'node:fs';
import * as path from 'node:path';
import { openPglite } from '../src/throwaway/pglite';
import { bootPglite } from '../src/throwaway/pgliteBoot';

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
  const bundle = await boot.fsBundle;
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
