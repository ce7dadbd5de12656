import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';

/** A thin, synchronous git reader. Every failure is a value: a missing base is an answer. */
export class Git {
  constructor(readonly root: string) {}

  /** The repository containing `dir`, or undefined outside a git checkout (or without git). */
  static open(dir: string): Git | undefined {
    try {
      return new Git(
        execFileSync('git', ['rev-parse', '--show-toplevel'], {
          cwd: dir,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        }).trim(),
      );
    } catch {
      return undefined;
    }
  }

  run(args: string[]): string | undefined {
    try {
      return execFileSync('git', args, {
        cwd: this.root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        maxBuffer: 256 * 1024 * 1024,
      });
    } catch {
      return undefined;
    }
  }

  commit(ref: string): string | undefined {
    return this.run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])?.trim() || undefined;
  }

  isShallow(): boolean {
    return this.run(['rev-parse', '--is-shallow-repository'])?.trim() === 'true';
  }

  /**
   * The commit for `ref`, fetching it from origin when a shallow or partial checkout lacks
   * it (actions/checkout fetches one commit by default).
   */
  ensureCommit(ref: string): string | undefined {
    return (
      this.commit(ref) ??
      (this.run(['fetch', '--no-tags', '--quiet', '--depth=1', 'origin', ref]) !== undefined
        ? (this.commit(ref) ?? this.commit('FETCH_HEAD'))
        : undefined)
    );
  }

  /** merge-base of two commits, deepening a shallow history until one is found. */
  mergeBase(a: string, b: string): string | undefined {
    for (const depth of [0, 50, 200, 1000, -1]) {
      if (depth !== 0) {
        if (!this.isShallow()) return undefined;
        const args =
          depth > 0
            ? ['fetch', '--no-tags', '--quiet', `--deepen=${depth}`, 'origin', a]
            : ['fetch', '--no-tags', '--quiet', '--unshallow', 'origin'];
        if (this.run(args) === undefined) return undefined;
      }
      const base = this.run(['merge-base', a, b])?.trim();
      if (base) return base;
    }
    return undefined;
  }

  /** Blob ids of the files under `dir` at `commit`, keyed by path relative to `dir`. */
  tree(commit: string, dir: string): Map<string, string> {
    const out = new Map<string, string>();
    const listing = this.run(['ls-tree', '-r', '-z', commit, '--', dir.endsWith('/') ? dir : `${dir}/`]) ?? '';
    for (const entry of listing.split('\0')) {
      const m = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
      if (m) out.set(m[2]!.slice(dir.length + 1), m[1]!);
    }
    return out;
  }

  blob(id: string): string | undefined {
    return this.run(['cat-file', 'blob', id]);
  }
}

/** The id git gives a file's content, to compare with a tree entry without reading the blob. */
export const gitBlobId = (content: string): string => {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
};
