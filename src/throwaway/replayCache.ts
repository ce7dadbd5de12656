import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { Migration } from '../chain/load';
import { printable } from '../printable';
import { writeFileAtomically, type WriteFs } from '../write';
import { gunzip } from './tarball';

/**
 * The warm replay cache (`--cache-dir`): the database state after a prefix of the chain, so that
 * a later check replays only the rest. An entry is keyed by a hash chained over the migrations'
 * checksums, seeded with everything else that shapes the state (the driver and its version, the
 * start parameters, the extensions, initShadowDb): entry k of a chain is the same file whichever
 * branch wrote it, so a pull request finds its base branch's entry under the longer chain.
 *
 * An entry is untrusted input (a pull request writes into its own cache scope): a restore checks
 * the header against this check's seed and chain and the payload against its SHA-256, and any
 * mismatch discards the entry with a note and replays cold. It never fails the check.
 */

/** What shapes the replayed state besides the chain. Compared as JSON: the order of keys is fixed. */
export interface CacheSeed {
  format: 1;
  /** prisma-drift-gate's version. */
  tool: string;
  /** e.g. `pglite 0.4.3` or `better-sqlite3 12.11.1 (SQLite 3.50.4)`. */
  driver: string;
  /** Start parameters, and what the state starts from (the bundled PGlite data dir's SHA-256). */
  start: string[];
  /** The extensions loaded at start (sorted), before any the replay found late. */
  extensions: string[];
  initShadowDb: string | null;
}

/** What the replay noted per migration; a restore hands it back so the report says the same. */
export interface CachedMigration {
  name: string;
  checksum: string;
  /** Extensions the replay had to load after this migration asked for them (see openAndReplay). */
  loadedLate?: string[];
}

export interface RestoredPrefix {
  /** How many migrations of the chain the state holds. */
  count: number;
  /**
   * The state (a PGlite data-dir tar, or a SQLite file), gunzipped in the thread pool: PGlite compiles its
   * wasm meanwhile. Each restore unpacks a fresh copy: PGlite's file system takes ownership of it.
   */
  state: Promise<Buffer>;
  migrations: CachedMigration[];
}

/** node:fs, or a wrapper in tests that fails a call (a full disk). */
export type CacheFs = WriteFs &
  Pick<typeof fs, 'readdirSync' | 'readFileSync' | 'statSync' | 'lstatSync' | 'utimesSync'>;

export interface CacheOptions {
  dir: string;
  seed: CacheSeed;
  chain: Migration[];
  /** Restore at most this many migrations (the review reads the tables before its first migration). */
  limit: number;
  io?: CacheFs;
  /** The folder's bound; oldest entries are evicted first. */
  maxBytes?: number;
}

const MAGIC = 'prisma-drift-gate replay cache 1\n';
const SUFFIX = '.replay';
/** About 30 PostgreSQL entries; actions/cache uploads the whole folder on every save. */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
/** PGlite's state after 1,000 migrations is 14 MB: a bigger file is not one of ours. */
const MAX_ENTRY_BYTES = 1024 * 1024 * 1024;

/** The chained keys: keys[k] names the state after the first k migrations. */
export function chainKeys(seed: CacheSeed, checksums: string[]): string[] {
  const keys = [sha256(JSON.stringify(seed))];
  for (const checksum of checksums) keys.push(sha256(`${keys[keys.length - 1]}\n${checksum}`));
  return keys;
}

export class ReplayCache {
  readonly notes: string[] = [];
  readonly #keys: string[];
  readonly #io: CacheFs;
  constructor(readonly options: CacheOptions) {
    this.#keys = chainKeys(
      options.seed,
      options.chain.map((m) => m.checksum),
    );
    this.#io = options.io ?? fs;
  }

  #file = (count: number) => path.join(this.options.dir, this.#keys[count] + SUFFIX);

  /** True when the state after the whole chain is already cached: nothing to save. */
  holdsWholeChain(): boolean {
    return this.#entries().has(this.#keys[this.options.chain.length] + SUFFIX);
  }

  /** The longest cached prefix within the limit, verified; undefined (cold) otherwise. */
  restore(): RestoredPrefix | undefined {
    const entries = this.#entries();
    for (let count = Math.min(this.options.limit, this.options.chain.length); count > 0; count--) {
      if (!entries.has(this.#keys[count] + SUFFIX)) continue;
      const file = this.#file(count);
      const read = this.#read(file, count);
      if (typeof read === 'string') {
        this.discard(count, read);
        return undefined;
      }
      try {
        const now = new Date();
        this.#io.utimesSync(file, now, now); // eviction is oldest-used first
      } catch {
        // a read-only cache still restores
      }
      return read;
    }
    return undefined;
  }

  /** Deletes an entry that cannot be trusted, and says so. */
  discard(count: number, why: string): void {
    const file = this.#file(count);
    this.notes.push(`The replay cache entry ${path.basename(file)} was discarded (${printable(why)}); replayed cold.`);
    try {
      this.#io.rmSync(file, { force: true });
    } catch {
      // a read-only cache: the next run discards it again
    }
  }

  #entries(): Set<string> {
    try {
      return new Set(this.#io.readdirSync(this.options.dir).filter((n) => n.endsWith(SUFFIX)));
    } catch {
      return new Set(); // no folder yet (or not a folder): a cold start, and saving will say why
    }
  }

  /** The entry's restored prefix, or why it cannot be trusted. */
  #read(file: string, count: number): RestoredPrefix | string {
    let bytes: Buffer;
    try {
      // The folder comes back from a cache archive: a link or a FIFO there must not be followed or waited on.
      const st = this.#io.lstatSync(file);
      if (!st.isFile()) return 'not a regular file';
      if (st.size > MAX_ENTRY_BYTES) return 'larger than any entry';
      bytes = this.#io.readFileSync(file);
    } catch (e) {
      return `unreadable: ${(e as NodeJS.ErrnoException).code ?? String(e)}`;
    }
    const headerEnd = bytes.indexOf(0x0a, MAGIC.length);
    if (bytes.subarray(0, MAGIC.length).toString('latin1') !== MAGIC || headerEnd < 0) return 'not a cache entry';
    const header = parseHeader(bytes.subarray(MAGIC.length, headerEnd).toString('utf8'));
    if (!header) return 'corrupt header';
    if (JSON.stringify(header.seed) !== JSON.stringify(this.options.seed))
      return seedMismatch(header.seed, this.options.seed);
    const prefix = this.options.chain.slice(0, count);
    // The key is chained over checksums only: a renamed folder with the same SQL makes the same state.
    const same = (m: CachedMigration, i: number) => m.checksum === prefix[i]!.checksum;
    if (header.migrations.length !== count || !header.migrations.every(same)) return 'made for another chain';
    const payload = bytes.subarray(headerEnd + 1);
    if (payload.length !== header.bytes || sha256(payload) !== header.sha256) return 'truncated or corrupt content';
    // Only a forged entry (its hash matches) can fail to unpack: the database then does not open, and is discarded.
    const state = gunzip(payload).catch((e: Error) => Promise.reject(new Error(`corrupt content: ${e.message}`)));
    state.catch(() => undefined); // awaited by the open; not unhandled meanwhile
    return { count, state, migrations: header.migrations };
  }

  /**
   * Writes the state after the whole chain (temp file and rename), then evicts the oldest entries past the
   * bound. The value: a note when it could not (a full disk never fails the check).
   */
  save(gzipped: Buffer, migrations: CachedMigration[]): string | undefined {
    const { dir, seed } = this.options;
    const header = { seed, migrations, bytes: gzipped.length, sha256: sha256(gzipped) };
    const content = Buffer.concat([Buffer.from(MAGIC + JSON.stringify(header) + '\n', 'utf8'), gzipped]);
    const target = this.#file(migrations.length);
    try {
      this.#io.mkdirSync(dir, { recursive: true });
      writeFileAtomically(this.#io, target, content);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      return `The replay cache was not saved to ${printable(dir)} (${printable(code)}); the check is unaffected.`;
    }
    this.#evict(target);
    return undefined;
  }

  #evict(keep: string): void {
    const { dir, maxBytes = DEFAULT_MAX_BYTES } = this.options;
    let names: string[] = [];
    try {
      names = this.#io.readdirSync(dir);
    } catch {
      return;
    }
    const entries = names.flatMap((name) => {
      try {
        const file = path.join(dir, name);
        const st = this.#io.lstatSync(file);
        // A temp file an hour old is a save that was killed: nobody will rename it.
        if (name.endsWith('.tmp') && st.mtimeMs < Date.now() - 3_600_000) this.#io.rmSync(file, { force: true });
        return name.endsWith(SUFFIX) ? [{ file, size: st.size, used: st.mtimeMs }] : [];
      } catch {
        return [];
      }
    });
    let total = entries.reduce((sum, e) => sum + e.size, 0);
    for (const e of entries.sort((a, b) => a.used - b.used)) {
      if (total <= maxBytes) break;
      if (e.file === keep) continue;
      this.#io.rmSync(e.file, { force: true });
      total -= e.size;
    }
  }
}

interface Header {
  seed: CacheSeed;
  migrations: CachedMigration[];
  bytes: number;
  sha256: string;
}

function parseHeader(text: string): Header | undefined {
  try {
    const h = JSON.parse(text) as Header;
    const okMigration = (m: CachedMigration) =>
      typeof m?.name === 'string' &&
      typeof m.checksum === 'string' &&
      (m.loadedLate === undefined || (Array.isArray(m.loadedLate) && m.loadedLate.every((x) => typeof x === 'string')));
    const valid =
      typeof h?.seed === 'object' &&
      h.seed !== null &&
      Array.isArray(h.migrations) &&
      h.migrations.every(okMigration) &&
      Number.isSafeInteger(h.bytes) &&
      typeof h.sha256 === 'string';
    return valid ? h : undefined;
  } catch {
    return undefined;
  }
}

function seedMismatch(theirs: CacheSeed, ours: CacheSeed): string {
  const driver = typeof theirs.driver === 'string' ? printable(theirs.driver).slice(0, 80) : 'an unknown driver';
  if (driver !== ours.driver) return `made with ${driver}; this check runs ${ours.driver}`;
  return 'made with another tool version, start parameters, extensions or initShadowDb';
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** gzip in the thread pool; level 1: the save runs before the process exits, and the WAL segment is most of it. */
export function gzipState(chunks: Buffer[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const gzip = zlib.createGzip({ level: 1 });
    const out: Buffer[] = [];
    gzip.on('data', (d: Buffer) => out.push(d));
    gzip.on('end', () => resolve(Buffer.concat(out)));
    gzip.on('error', reject);
    for (const chunk of chunks) gzip.write(chunk);
    gzip.end();
  });
}
