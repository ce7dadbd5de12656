import * as fs from 'node:fs';
import * as path from 'node:path';
import { displayPath, fail, ok, type Result } from './problem';

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
export function inspectRepoPath(p: string, root: string, what: string, cwd: string): Result<RepoEntry> {
  let real: string;
  try {
    real = fs.realpathSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return ok({ kind: 'missing' });
    return fail(`${displayPath(p, cwd)}: cannot read ${what} (${(e as NodeJS.ErrnoException).code ?? String(e)}).`);
  }
  const shown = displayPath(p, cwd);
  if (!isInside(real, root))
    return fail({
      file: shown,
      message:
        `${shown}: ${what} is a symlink that leads outside ${displayPath(root, cwd)}, so it is not read. ` +
        `Replace the symlink with the real ${what}.`,
    });
  const stat = fs.statSync(real);
  if (stat.isFile()) return ok({ kind: 'file', real });
  if (stat.isDirectory()) return ok({ kind: 'dir', real });
  return fail({
    file: shown,
    message: `${shown}: ${what} is not a regular file (a FIFO, socket or device), so it is not read. Commit a file.`,
  });
}

/** Reads a regular file inside `root`; `missing` when there is none. */
export function readRepoFile(
  p: string,
  root: string,
  what: string,
  cwd: string,
): Result<{ kind: 'missing' } | { kind: 'file'; text: string }> {
  const entry = inspectRepoPath(p, root, what, cwd);
  if (!entry.ok) return entry;
  if (entry.value.kind === 'missing') return ok({ kind: 'missing' });
  if (entry.value.kind === 'dir') return fail(`${displayPath(p, cwd)}: cannot read ${what} (EISDIR). Commit a file.`);
  try {
    return ok({ kind: 'file', text: fs.readFileSync(entry.value.real, 'utf8') });
  } catch (e) {
    return fail(`${displayPath(p, cwd)}: cannot read ${what} (${(e as NodeJS.ErrnoException).code ?? String(e)}).`);
  }
}
