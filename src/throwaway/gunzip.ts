import * as zlib from 'node:zlib';

/**
 * zlib in the thread pool, so it overlaps PGlite compiling its wasm. One output chunk of the
 * whole size (the gzip trailer's ISIZE): zlib's default 16 KiB chunks make it 4x slower
 * (a 34 MB cache entry: 123 ms in 16 KiB chunks, 55 ms in one).
 * The promise is marked handled: a caller awaits it later, and it still throws there.
 */
export function gunzip(gz: Buffer): Promise<Buffer> {
  const size = gz.length >= 18 ? gz.readUInt32LE(gz.length - 4) : 0;
  const out = new Promise<Buffer>((resolve, reject) =>
    zlib.gunzip(gz, { chunkSize: Math.max(size, 64 * 1024) }, (e, b) => (e ? reject(e) : resolve(b))),
  );
  out.catch(() => undefined);
  return out;
}
