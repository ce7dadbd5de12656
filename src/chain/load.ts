import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { displayPath, fail, ok, type Problem, type Result } from '../problem';
import { decodeUtf8, withoutBom } from '../sql/utf8';

export interface Migration {
  /** Folder name, e.g. `20240101000000_init`. */
  name: string;
  /** Absolute path of migration.sql. */
  file: string;
  /** The same path as shown to the user: relative to the working directory. */
  displayFile: string;
  /** The SQL to run: the file's text without a leading byte order mark, which no database accepts. */
  sql: string;
  /** The file's text as it is, BOM included: checksums and git blob ids are taken over it. */
  text: string;
  /** Lowercase hex SHA-256 of the file's bytes, as Prisma stores in `_prisma_migrations.checksum`. */
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
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
  const chain: Migration[] = [];
  for (const name of names) {
    const read = readMigration(path.join(migrationsDir, name), name, cwd);
    if (!read.ok) return read;
    chain.push(read.value);
  }
  return ok(chain);
}

/**
 * The one place a migration.sql is read, for check and deploy alike. Only UTF-8 is accepted: Prisma would
 * replace a stray byte with U+FFFD, and both the replay and the database would get text the author never wrote.
 */
function readMigration(folder: string, name: string, cwd: string): Result<Migration> {
  const file = path.join(folder, 'migration.sql');
  const displayFile = displayPath(file, cwd);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? `${displayPath(folder, cwd)}: migration folder "${name}" has no migration.sql. ` +
          `Add the file, or delete the folder if it is left over.`
        : `${displayFile}: cannot read migration "${name}" (${code ?? String(e)}).`;
    return fail({ migration: name, file: displayFile, message });
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    const problem: Problem = {
      migration: name,
      file: displayFile,
      line: decoded.line,
      message:
        `${displayFile}:${decoded.line}: migration "${name}" is not valid UTF-8 at byte offset ${decoded.offset} ` +
        `(${decoded.bytes}). Save it as UTF-8 (Prisma would store U+FFFD in place of that byte).`,
    };
    return fail(problem);
  }
  // Over the bytes, which for valid UTF-8 are exactly the text Prisma hashes (BOM included).
  const checksum = createHash('sha256').update(bytes).digest('hex');
  return ok({ name, file, displayFile, sql: withoutBom(decoded.text), text: decoded.text, checksum });
}

export const checksumOf = (sql: string): string => createHash('sha256').update(sql, 'utf8').digest('hex');
