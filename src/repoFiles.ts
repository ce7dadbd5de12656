import * as fs from 'node:fs';
import * as path from 'node:path';
import { fail, ok, pathSlot, type Result } from './problem';
import { decodeUtf8 } from './sql/utf8';

/**
 * A pull request controls every file below the paths the user gave, symlinks included. A
 * symlink can point at /etc/passwd or /proc/self/environ (which holds the token), and what we
 * read may be printed or posted in a comment; a FIFO blocks the reader forever. So a file the
 * repository supplies is read only when its real path stays inside the real path of the root
 * the user gave (or the repository itself), and only when it is a regular file.
 */
export type RepoEntry = { kind: 'missing' } | { kind: 'file' | 'dir'; real: string };

/** The real path of a root the user gave (trusted wherever it is); the path itself while it does not exist. */
export function realRoot(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

export const isInside = (real: string, root: string): boolean => {
  const rel = path.relative(root, real);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/**
 * What `p` is once symlinks are followed, refused when it leaves `root` (a real path) or is
 * neither a regular file nor a folder. `what` names it in the one-line message.
 */
export function inspectRepoPath(p: string, root: string, what: string): Result<RepoEntry> {
  let real: string;
  try {
    real = fs.realpathSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return ok({ kind: 'missing' });
    return fail(`${pathSlot(p)}: cannot read ${what} (${(e as NodeJS.ErrnoException).code ?? String(e)}).`);
  }
  const shown = pathSlot(p);
  if (!isInside(real, root))
    return fail({
      file: p,
      message:
        `${shown}: ${what} is a symlink that leads outside ${pathSlot(root)}, so it is not read. ` +
        `Replace the symlink with the real ${what}.`,
    });
  const stat = fs.statSync(real);
  if (stat.isFile()) return ok({ kind: 'file', real });
  if (stat.isDirectory()) return ok({ kind: 'dir', real });
  return fail({
    file: p,
    message: `${shown}: ${what} is not a regular file (a FIFO, socket or device), so it is not read. Commit a file.`,
  });
}

/** Reads a regular UTF-8 file inside `root` (a BOM is kept in the text); `missing` when there is none. */
export function readRepoFile(
  p: string,
  root: string,
  what: string,
): Result<{ kind: 'missing' } | { kind: 'file'; text: string }> {
  const entry = inspectRepoPath(p, root, what);
  if (!entry.ok) return entry;
  if (entry.value.kind === 'missing') return ok({ kind: 'missing' });
  if (entry.value.kind === 'dir') return fail(`${pathSlot(p)}: cannot read ${what} (EISDIR). Commit a file.`);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(entry.value.real);
  } catch (e) {
    return fail(`${pathSlot(p)}: cannot read ${what} (${(e as NodeJS.ErrnoException).code ?? String(e)}).`);
  }
  // Only UTF-8: Prisma reads a stray Latin-1 byte as U+FFFD, so the replay, the diff and the database
  // would all get text the author never wrote.
  const decoded = decodeUtf8(bytes);
  if (decoded.ok) return ok({ kind: 'file', text: decoded.text });
  return fail({
    file: p,
    line: decoded.line,
    message:
      `${pathSlot(p)}:${decoded.line}: ${what} is not valid UTF-8 at byte offset ${decoded.offset} ` +
      `(${decoded.bytes}). Save it as UTF-8 (Prisma would read U+FFFD in place of that byte).`,
  });
}
