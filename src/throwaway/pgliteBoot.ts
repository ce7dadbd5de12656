import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { gunzip } from './tarball';

/** The slice of the WebAssembly global we use (Node's types do not declare it without the DOM lib). */
declare const WebAssembly: { compile(bytes: Uint8Array): Promise<object> };

/**
 * What PGlite reads and compiles before it can start: its wasm (8.7 MB), its file-system bundle (5 MB)
 * and our pre-initialised data dir (scripts/pglite-snapshot.js). PGlite itself reads the wasm only after
 * the bundle, and the check started it only after the engine's compile, which then held V8's compile
 * threads. Begun as soon as the check knows it replays in PGlite, the compile runs on those threads and
 * the reads and the gunzip in the thread pool while the main thread still loads the chain and the
 * history. Once per process: the review's proofs open PGlite again, and reuse the compiled module (the
 * bundle and the snapshot are for the first start only, not kept: PGlite reads them again, as before).
 */
export interface PgliteBoot {
  /** undefined when it could not be read or compiled: PGlite then does it itself, and says why. */
  wasmModule: Promise<object | undefined>;
}

let boot: PgliteBoot | undefined;
let fsBundle: Blob | undefined;
let snapshotTar: Promise<Buffer> | undefined;

/** `snapshot`: also gunzip the bundled data dir (not when the replay cache will likely restore a state). */
export function bootPglite(snapshot = true): PgliteBoot {
  if (snapshot) snapshotTar ??= gunzippedSnapshot();
  if (boot) return boot;
  // Read synchronously (13 MB from the page cache, a few ms): the compile then starts now, not when
  // the main thread next turns the event loop, after the engine's compile took the threads.
  const dir = pgliteDist();
  const read = (name: string) => fs.readFileSync(path.join(dir ?? '', name));
  let wasm: Buffer | undefined;
  let data: Buffer | undefined;
  try {
    if (dir) [wasm, data] = [read('pglite.wasm'), read('pglite.data')];
  } catch {
    // PGlite reads them itself, and says what is missing
  }
  boot = { wasmModule: wasm ? WebAssembly.compile(wasm).catch(() => undefined) : Promise.resolve(undefined) };
  fsBundle = data && new Blob([data]);
  return boot;
}

/** PGlite's file-system bundle, read by bootPglite, for the first start (undefined after: PGlite reads it). */
export function takeFsBundle(): Blob | undefined {
  const bundle = fsBundle;
  fsBundle = undefined;
  return bundle;
}

/**
 * The bundled data dir as a tar, for one PGlite. Each start takes a fresh copy: PGlite's file system
 * owns the buffer and writes into it. The first was gunzipped by bootPglite.
 */
export function takeSnapshotTar(): Promise<Buffer> | undefined {
  const tar = snapshotTar ?? gunzippedSnapshot();
  snapshotTar = undefined;
  return tar;
}

function gunzippedSnapshot(): Promise<Buffer> | undefined {
  const snapshot = readSnapshot();
  return snapshot && gunzip(snapshot);
}

/** PGlite's dist folder (its wasm and bundle sit beside its entry); createRequire: see checkCache's pgliteVersion. */
function pgliteDist(): string | undefined {
  try {
    return path.dirname(createRequire(__filename).resolve('@electric-sql/pglite'));
  } catch {
    return undefined;
  }
}

/**
 * The build writes a pre-initialised data dir (scripts/pglite-snapshot.js) beside the
 * compiled code: lib/ for the CLI, dist/ for the Action. Without it PGlite runs initdb,
 * which works but costs seconds on every check.
 */
export const SNAPSHOT_NAME = 'pglite-datadir.tar.gz';

export function readSnapshot(): Buffer | undefined {
  for (const dir of [__dirname, path.join(__dirname, '..'), path.join(__dirname, '..', '..', 'lib')]) {
    try {
      return fs.readFileSync(path.join(dir, SNAPSHOT_NAME));
    } catch {
      // not here; try the next place
    }
  }
  return undefined;
}
