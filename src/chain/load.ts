import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { displayPath, fail, ok, type Result } from '../problem';
import { hasControl, printable } from '../printable';
import { inspectRepoPath, readRepoFile, realRoot } from '../repoFiles';

export interface Migration {
  /** Folder name, e.g. `20240101000000_init`. */
  name: string;
  /** Absolute path of migration.sql. */
  file: string;
  /** The same path as shown to the user: relative to the working directory. */
  displayFile: string;
  sql: string;
  /** Lowercase hex SHA-256 of the file's UTF-8 text, as Prisma stores in `_prisma_migrations.checksum`. */
  checksum: string;
}

/**
 * Every sub-folder of the migrations directory, sorted as Prisma sorts them
 * (`localeCompare`), so that replay order is the order `migrate deploy` applies.
 * A missing directory is an empty history: the whole schema becomes the suggestion.
 */
export function loadChain(migrationsDir: string, cwd: string): Result<Migration[]> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(migrationsDir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return ok([]);
    return fail(
      `${displayPath(migrationsDir, cwd)}: cannot read the migrations folder ` +
        `(${(e as NodeJS.ErrnoException).code ?? String(e)}).`,
    );
  }
  // Folders are read only inside the real migrations folder: a pull request controls symlinks.
  const root = realRoot(migrationsDir);
  const names: string[] = [];
  for (const e of entries) {
    if (e.isDirectory()) names.push(e.name);
    else if (e.isSymbolicLink()) {
      const linked = inspectRepoPath(path.join(migrationsDir, e.name), root, 'migration folder', cwd);
      if (!linked.ok) return linked;
      if (linked.value.kind === 'dir') names.push(e.name);
    }
  }
  names.sort((a, b) => a.localeCompare(b));
  const odd = names.find(hasControl);
  if (odd !== undefined)
    return fail({
      migration: printable(odd),
      file: displayPath(path.join(migrationsDir, odd), cwd),
      message:
        `${displayPath(path.join(migrationsDir, odd), cwd)}: the migration folder's name holds a control ` +
        `character. Rename the folder (Prisma names them <timestamp>_<name>).`,
    });
  const chain: Migration[] = [];
  for (const name of names) {
    const file = path.join(migrationsDir, name, 'migration.sql');
    const read = readRepoFile(file, root, `migration "${name}"`, cwd);
    if (!read.ok) return fail({ ...read.problem, migration: name });
    if (read.value.kind === 'missing') {
      return fail({
        migration: name,
        file: displayPath(file, cwd),
        message:
          `${displayPath(path.join(migrationsDir, name), cwd)}: migration folder "${name}" has no migration.sql. ` +
          `Add the file, or delete the folder if it is left over.`,
      });
    }
    const sql = read.value.text;
    chain.push({ name, file, displayFile: displayPath(file, cwd), sql, checksum: checksumOf(sql) });
  }
  return ok(chain);
}

export const checksumOf = (sql: string): string => createHash('sha256').update(sql, 'utf8').digest('hex');
