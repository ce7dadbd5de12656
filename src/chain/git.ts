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

  // --end-of-options on every call that takes text from the user or the repository: a ref
  // such as `--upload-pack=<cmd>` must reach git as a name, never as an option.
  commit(ref: string): string | undefined {
    return this.run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])?.trim() || undefined;
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
      (isFetchableRef(ref) &&
      this.run(['fetch', '--no-tags', '--quiet', '--depth=1', '--end-of-options', 'origin', ref]) !== undefined
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
            ? ['fetch', '--no-tags', '--quiet', `--deepen=${depth}`, '--end-of-options', 'origin', a]
            : ['fetch', '--no-tags', '--quiet', '--unshallow', '--end-of-options', 'origin'];
        if (this.run(args) === undefined) return undefined;
      }
      const base = this.run(['merge-base', '--end-of-options', a, b])?.trim();
      if (base) return base;
    }
    return undefined;
  }

  /** Blob ids of the files under `dir` at `commit`, keyed by path relative to `dir`. */
  tree(commit: string, dir: string): Map<string, string> {
    const out = new Map<string, string>();
    const listing =
      this.run(['ls-tree', '-r', '-z', '--end-of-options', commit, '--', dir.endsWith('/') ? dir : `${dir}/`]) ?? '';
    for (const entry of listing.split('\0')) {
      const m = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
      if (m) out.set(m[2]!.slice(dir.length + 1), m[1]!);
    }
    return out;
  }

  // The id comes from ls-tree, never from the user (and git 2.39's cat-file refuses --end-of-options).
  blob(id: string): string | undefined {
    if (!/^[0-9a-f]{40,64}$/.test(id)) return undefined;
    return this.run(['cat-file', 'blob', id]);
  }
}

/**
 * A ref that may be fetched by name: no refspec (`a:b`, `+a`) that would write local refs,
 * and no leading `-`. Anything else is still looked up locally, just not fetched.
 */
export const isFetchableRef = (ref: string): boolean => /^\w[\w./-]*$/.test(ref) && !ref.includes('..');

/** Why `ref` can never be a git ref, or undefined when it may be one. */
export function refRejection(ref: string): string | undefined {
  if (ref === '') return 'it is empty';
  if (ref.startsWith('-')) return 'it starts with "-", so git would read it as an option';
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f]/.test(ref)) return 'it contains a space or a control character';
  return undefined;
}

/** The id git gives a file's content, to compare with a tree entry without reading the blob. */
export const gitBlobId = (content: string): string => {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
};
