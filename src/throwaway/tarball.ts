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

/**
 * The entries of a ustar (PGlite's dumpDataDir) or old GNU tar (PGlite's extension bundles): regular files
 * (data is a view, not a copy) and directories. Only POSIX ustar has a name prefix; GNU keeps times there.
 */
export function* untar(tar: Buffer): Generator<{ name: string; data?: Buffer }> {
  const field = (from: number, length: number) => {
    const end = tar.indexOf(0, from);
    return tar.toString('latin1', from, end === -1 || end > from + length ? from + length : end);
  };
  for (let at = 0; at + 512 <= tar.length && tar[at] !== 0;) {
    const prefix = tar.toString('latin1', at + 257, at + 263) === 'ustar\0' ? field(at + 345, 155) : '';
    const name = (prefix ? `${prefix}/` : '') + field(at, 100);
    const size = parseInt(field(at + 124, 12).trim() || '0', 8);
    const type = tar[at + 156];
    const start = at + 512;
    if (type === 0x35 /* '5' */) yield { name };
    else if (type === 0x30 /* '0' */ || type === 0) yield { name, data: tar.subarray(start, start + size) };
    at = start + Math.ceil(size / 512) * 512;
  }
}
