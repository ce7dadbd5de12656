import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fail, ok, pathSlot, type Result } from '../problem';
import { hasControl, printable } from '../printable';
import { inspectRepoPath, readRepoFile, realRoot } from '../repoFiles';
import { withoutBom } from '../sql/utf8';

export interface Migration {
  /** Folder name, e.g. `20240101000000_init`. */
  name: string;
  /** Absolute path of migration.sql. */
  file: string;
  /** The SQL to run: the file's text without a leading byte order mark, which no database accepts. */
  sql: string;
  /** The file's text as it is, BOM included: checksums and git blob ids are taken over it. */
  text: string;
  /**
   * Lowercase hex SHA-256 of the file, as Prisma stores in `_prisma_migrations.checksum`. Prisma hashes the
   * UTF-8 text; the file is refused unless it is valid UTF-8, so that is exactly the file's bytes.
   */
  checksum: string;
}

/** The migration folders, in order, and the code-migration folders that were left out. */
export interface LoadedChain {
  migrations: Migration[];
  /**
   * Folders without migration.sql that hold other files (a `migration.ts` run by the project's own
   * runner): not Prisma migrations, so the replay leaves them out; deploy refuses them.
   */
  codeMigrations: string[];
}

/**
 * Every sub-folder of the migrations directory, sorted as Prisma sorts them
 * (`localeCompare`), so that replay order is the order `migrate deploy` applies.
 * A missing directory is an empty history: the whole schema becomes the suggestion. Paths stay
 * absolute (path slots in messages): only the report shows them relative to the working directory.
 */
export function loadChain(migrationsDir: string): Result<LoadedChain> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(migrationsDir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return ok({ migrations: [], codeMigrations: [] });
    return fail(
      `${pathSlot(migrationsDir)}: cannot read the migrations folder ` +
        `(${(e as NodeJS.ErrnoException).code ?? String(e)}).`,
    );
  }
  // Folders are read only inside the real migrations folder: a pull request controls symlinks.
  const root = realRoot(migrationsDir);
  const names: string[] = [];
  for (const e of entries) {
    if (e.isDirectory()) names.push(e.name);
    else if (e.isSymbolicLink()) {
      const linked = inspectRepoPath(path.join(migrationsDir, e.name), root, 'migration folder');
      if (!linked.ok) return linked;
      if (linked.value.kind === 'dir') names.push(e.name);
    }
  }
  names.sort((a, b) => a.localeCompare(b));
  const odd = names.find(hasControl);
  if (odd !== undefined)
    return fail({
      migration: printable(odd),
      file: path.join(migrationsDir, odd),
      message:
        `${pathSlot(path.join(migrationsDir, odd))}: the migration folder's name holds a control ` +
        `character. Rename the folder (Prisma names them <timestamp>_<name>).`,
    });
  const loaded: LoadedChain = { migrations: [], codeMigrations: [] };
  for (const name of names) {
    const file = path.join(migrationsDir, name, 'migration.sql');
    const read = readRepoFile(file, root, `migration "${name}"`);
    if (!read.ok) return fail({ ...read.problem, migration: name });
    if (read.value.kind === 'missing') {
      if (holdsCode(path.join(migrationsDir, name))) {
        loaded.codeMigrations.push(name);
        continue;
      }
      return fail({
        migration: name,
        file,
        message:
          `${pathSlot(path.join(migrationsDir, name))}: migration folder "${name}" has no migration.sql ` +
          `(P3015). Add the file, or delete the folder if it is left over.`,
      });
    }
    const text = read.value.text;
    loaded.migrations.push({ name, file, sql: withoutBom(text), text, checksum: checksumOf(text) });
  }
  return ok(loaded);
}

/**
 * A folder with something besides notes: a README or a `.gitkeep` alone is a migration.sql that
 * was never committed (Prisma's P3015), while a `migration.ts` or `data.json` is a code migration.
 */
function holdsCode(folder: string): boolean {
  try {
    return fs.readdirSync(folder).some((f) => !f.startsWith('.') && !/\.(md|txt)$/i.test(f));
  } catch {
    return false;
  }
}

export const checksumOf = (sql: string): string => createHash('sha256').update(sql, 'utf8').digest('hex');
