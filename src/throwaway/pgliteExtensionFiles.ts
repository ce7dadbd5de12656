import type { Extension, ExtensionSetupResult } from '@electric-sql/pglite';
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzip, untar } from './tarball';

/**
 * PGlite loads an extension by untarring its bundle (through web streams and a JavaScript tar reader)
 * and then compiling and linking its library (pgcrypto's is 3.2 MB of wasm) before PostgreSQL starts,
 * whether or not anything calls it. Most of a PostgreSQL check's extension cost was that link: a warm
 * check, whose restored state already holds the extension, never calls it. Here the bundle's files are
 * written into PGlite's file system before PostgreSQL starts (preRun), and the library is linked by
 * PostgreSQL's own dlopen, from that file system, when the first statement needs it (CREATE EXTENSION,
 * or a call of one of its functions): the same library, linked the same way, only when it is used.
 */
export function filesOnStart(ext: Extension): Extension {
  return {
    name: ext.name,
    async setup(pg, emscriptenOpts, clientOnly) {
      const result: ExtensionSetupResult = await ext.setup(pg, emscriptenOpts, clientOnly);
      if (!result.bundlePath || clientOnly) return result;
      let files: { name: string; data: Buffer }[];
      try {
        files = await bundleFiles(result.bundlePath);
      } catch {
        return result; // PGlite's own loader then says what is wrong with the bundle
      }
      const opts = result.emscriptenOpts ?? emscriptenOpts;
      const preRun = [...(opts.preRun ?? []), (mod: EmscriptenModule) => writeFiles(mod, files)];
      return { ...result, bundlePath: undefined, emscriptenOpts: { ...opts, preRun } };
    },
  };
}

interface EmscriptenModule {
  WASM_PREFIX?: string;
  FS: { mkdirTree(path: string): void; writeFile(path: string, data: Uint8Array): void };
}

async function bundleFiles(url: URL): Promise<{ name: string; data: Buffer }[]> {
  const tar = await gunzip(await fs.promises.readFile(fileURLToPath(url)));
  return [...untar(tar)].flatMap((e) => (e.data ? [{ name: e.name, data: e.data }] : []));
}

/** Where PGlite's own loader puts them: the prefix, then the path in the bundle; dot files skipped, as there. */
function writeFiles(mod: EmscriptenModule, files: { name: string; data: Buffer }[]): void {
  const prefix = mod.WASM_PREFIX ?? '/pglite';
  for (const { name, data } of files) {
    if (name.startsWith('.')) continue;
    const file = `${prefix}/${name}`;
    mod.FS.mkdirTree(file.slice(0, file.lastIndexOf('/')));
    mod.FS.writeFile(file, data);
  }
}
