import type { PGlite } from '@electric-sql/pglite';

/**
 * PGlite's data dir for the replay cache, captured between the replay and the diff, so it delays the
 * verdict. PGlite's own dumpDataDir took 0.5-1 s there on a 170-migration chain (a tar built through
 * Blobs); copying the in-memory files takes about a tenth of that. The tar is packed later, after the
 * report, as the ustar that SnapshotFs unpacks (regular files and directories).
 */
export async function captureDataDir(pg: PGlite): Promise<() => Buffer[]> {
  // Every page on disk first: a restore then starts without WAL recovery.
  await pg.exec('CHECKPOINT');
  const FS = pg.Module.FS;
  const root = '/pglite/data';
  const entries: { name: string; data?: Uint8Array }[] = [];
  const walk = (dir: string, rel: string) => {
    for (const name of FS.readdir(dir) as string[]) {
      if (name === '.' || name === '..') continue;
      const full = `${dir}/${name}`;
      const mode = FS.stat(full).mode;
      if (FS.isDir(mode)) {
        entries.push({ name: `${rel}${name}/` });
        walk(full, `${rel}${name}/`);
      } else if (FS.isFile(mode)) {
        // A copy: PostgreSQL keeps writing these files while the diff runs.
        entries.push({ name: `${rel}${name}`, data: FS.readFile(full) as Uint8Array });
      }
    }
  };
  walk(root, '');
  return () => packTar(entries);
}

function packTar(entries: { name: string; data?: Uint8Array }[]): Buffer[] {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const size = e.data?.length ?? 0;
    blocks.push(tarHeader(e.name, size, e.data ? '0' : '5'));
    if (e.data) {
      blocks.push(Buffer.from(e.data.buffer, e.data.byteOffset, size));
      if (size % 512) blocks.push(Buffer.alloc(512 - (size % 512)));
    }
  }
  blocks.push(Buffer.alloc(1024)); // the end: two zero blocks
  return blocks;
}

function tarHeader(path: string, size: number, type: '0' | '5'): Buffer {
  const h = Buffer.alloc(512);
  // ustar: names over 100 bytes are split at a slash into prefix (155) and name (100).
  const cut = path.length > 100 ? path.lastIndexOf('/', path.length - 2) : -1;
  h.write(cut > 0 ? path.slice(cut + 1) : path, 0, 100, 'utf8');
  if (cut > 0) h.write(path.slice(0, cut), 345, 155, 'utf8');
  h.write(type === '5' ? '0000755\0' : '0000600\0', 100);
  h.write('0000000\0', 108); // uid
  h.write('0000000\0', 116); // gid
  h.write(size.toString(8).padStart(11, '0') + '\0', 124);
  h.write('00000000000\0', 136); // mtime 0: the same state packs to the same bytes
  h.write(type, 156);
  h.write('ustar\0' + '00', 257);
  h.write('        ', 148); // the checksum is taken with its own field as spaces
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}
