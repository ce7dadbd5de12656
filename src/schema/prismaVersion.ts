import * as fs from 'node:fs';
import * as path from 'node:path';

/** The Prisma version a project runs, and the file that said so. */
export interface PrismaVersion {
  version: string;
  /** `package-lock.json`, `pnpm-lock.yaml`, `yarn.lock`, `bun.lock`, or `package.json` (a range's lower bound). */
  source: string;
}

/** The CLI writes the migrations; the client is the fallback for projects that pin only it. */
const PACKAGES = ['prisma', '@prisma/client'];
const LOCKFILES = ['package-lock.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock'] as const;
const SEMVER = /\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?/;

/**
 * The version of `prisma` (else `@prisma/client`) declared by the nearest package.json above each
 * start folder (the schema's, then the config's), resolved through the first lockfile found from
 * that package.json up (workspaces keep one lockfile at the root). Undefined when nothing says.
 */
export function detectPrismaVersion(startDirs: string[]): PrismaVersion | undefined {
  for (const start of startDirs) {
    const declared = nearestDeclaration(start);
    if (!declared) continue;
    const locked = resolveInLockfile(declared.dir, declared.name);
    if (locked) return locked;
    const lower = SEMVER.exec(declared.range)?.[0];
    // `^5.22.0` installs 5.22.0 or later 5.x: the major is what matters, and it is right.
    if (lower && /^[\s^~=v>]*\d/.test(declared.range)) return { version: lower, source: 'package.json' };
  }
  return undefined;
}

/** `5.22.0` → 5; undefined for a malformed version. */
export const majorOf = (version: string): number | undefined => {
  const m = /^(\d+)\./.exec(version);
  return m ? Number(m[1]) : undefined;
};

interface Declaration {
  dir: string;
  name: string;
  range: string;
}

function nearestDeclaration(start: string): Declaration | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const pkg = readJson(path.join(dir, 'package.json')) as Record<string, Record<string, unknown> | undefined>;
    for (const name of pkg ? PACKAGES : []) {
      for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
        const range = pkg?.[field]?.[name];
        if (typeof range === 'string') return { dir, name, range };
      }
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function resolveInLockfile(pkgDir: string, name: string): PrismaVersion | undefined {
  for (let dir = pkgDir; ; dir = path.dirname(dir)) {
    for (const lockfile of LOCKFILES) {
      const text = readRegularFile(path.join(dir, lockfile));
      if (text === undefined) continue;
      const rel = path.relative(dir, pkgDir).split(path.sep).join('/');
      const version = READERS[lockfile](text, name, rel);
      // The first lockfile found is the project's: a miss there means the lock does not know it.
      return version ? { version, source: lockfile } : undefined;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

const READERS: Record<(typeof LOCKFILES)[number], (text: string, name: string, rel: string) => string | undefined> = {
  'package-lock.json': (text, name, rel) => {
    const lock = safeParse(text) as {
      packages?: Record<string, { version?: string }>;
      dependencies?: Record<string, { version?: string }>;
    };
    const nested = rel ? lock?.packages?.[`${rel}/node_modules/${name}`]?.version : undefined;
    return nested ?? lock?.packages?.[`node_modules/${name}`]?.version ?? lock?.dependencies?.[name]?.version;
  },
  // `prisma@5.22.0:` / `/prisma@5.22.0:` / `/prisma/5.22.0:` keys (v9, v6, v5), quoted or not.
  'pnpm-lock.yaml': (text, name) => {
    const key = new RegExp(`^\\s+['"]?/?${escape(name)}[@/](${SEMVER.source})[('":]`, 'm');
    return key.exec(text)?.[1];
  },
  // v1: `prisma@^5.22.0:` then `  version "5.22.0"`; berry: `"prisma@npm:^5.22.0":` then `  version: 5.22.0`.
  'yarn.lock': (text, name) => {
    const entry = new RegExp(`^"?(?:[^\\n]*, *"?)?${escape(name)}@[^\\n]*:\\n\\s+version:? "?(${SEMVER.source})`, 'm');
    return entry.exec(text)?.[1];
  },
  // `"prisma": ["prisma@5.22.0", …]` in the packages map (JSON with trailing commas).
  'bun.lock': (text, name) =>
    new RegExp(`"${escape(name)}":\\s*\\[\\s*"${escape(name)}@(${SEMVER.source})"`).exec(text)?.[1],
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function readJson(file: string): unknown {
  const text = readRegularFile(file);
  return text === undefined ? undefined : safeParse(text);
}

/** Only regular files: a FIFO named package.json (the repository chooses) would block the read. */
function readRegularFile(file: string): string | undefined {
  try {
    return fs.statSync(file).isFile() ? fs.readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // A broken package.json or lockfile: the version is unknown, which is not an error for a check.
    return undefined;
  }
}
