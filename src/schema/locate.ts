import * as fs from 'node:fs';
import * as path from 'node:path';
import { fail, ok, pathSlot, type Result } from '../problem';
import { readRepoFile, realRoot } from '../repoFiles';
import { withoutBom } from '../sql/utf8';
import { optionLabel, type Surface } from '../surface';

export interface SchemaFile {
  /** Absolute path. */
  path: string;
  content: string;
}

export interface LocatedSchema {
  /** The file, or the folder of a multi-file schema, that was located. */
  root: string;
  /** The folder the schema lives in: `root` itself for a multi-file schema. */
  dir: string;
  files: SchemaFile[];
  migrationsDir: string;
}

export interface LocateOptions {
  /** Where relative paths and Prisma's default locations are looked up (problems carry absolute paths). */
  cwd: string;
  schema?: string;
  migrations?: string;
  /** Who reads the messages: they name `--schema` on the CLI, the `schema` input under the Action. */
  surface?: Surface;
}

/** Finds the schema the way the Prisma CLI does, without needing prisma.config.ts. */
export function locateSchema(opts: LocateOptions): Result<LocatedSchema> {
  const found = findSchemaPath(opts);
  if (!found.ok) return found;
  const root = found.value;
  const files = readSchemaFiles(root);
  if (!files.ok) return files;
  const migrationsDir = opts.migrations ? path.resolve(opts.cwd, opts.migrations) : defaultMigrationsDir(root);
  if (opts.migrations && !isDir(migrationsDir)) {
    return fail(
      `${optionLabel(opts.surface ?? 'cli', 'migrations')} ${pathSlot(migrationsDir)}: no such ` +
        `directory. Pass the folder that holds your migration folders.`,
    );
  }
  return ok({ root, dir: isDir(root) ? root : path.dirname(root), files: files.value, migrationsDir });
}

function findSchemaPath({ cwd, schema, surface }: LocateOptions): Result<string> {
  if (schema) {
    const p = path.resolve(cwd, schema);
    if (!fs.existsSync(p))
      return fail(
        `${optionLabel(surface ?? 'cli', 'schema')} ${pathSlot(p)}: no such file or folder. Pass the path ` +
          `to schema.prisma or to a folder of .prisma files.`,
      );
    return ok(p);
  }
  const fromPackageJson = readPackageJsonSchema(cwd);
  if (fromPackageJson) {
    const p = path.resolve(cwd, fromPackageJson);
    if (!fs.existsSync(p))
      return fail(
        `package.json "prisma.schema" points at ${pathSlot(p)}, which does not exist. Fix it or pass --schema.`,
      );
    return ok(p);
  }
  for (const candidate of ['prisma/schema.prisma', 'schema.prisma', 'prisma/schema']) {
    const p = path.join(cwd, candidate);
    if (fs.existsSync(p)) return ok(p);
  }
  return fail(
    `No Prisma schema found in this folder (looked for prisma/schema.prisma, schema.prisma, prisma/schema/ and ` +
      `package.json "prisma.schema"). Pass --schema <file|folder>.`,
  );
}

function readPackageJsonSchema(cwd: string): string | undefined {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(cwd, 'package.json'), 'utf8')) as {
      prisma?: { schema?: unknown };
    };
    return typeof pkg.prisma?.schema === 'string' ? pkg.prisma.schema : undefined;
  } catch {
    // No package.json, or one we cannot parse: Prisma falls back to the defaults too.
    return undefined;
  }
}

function readSchemaFiles(root: string): Result<SchemaFile[]> {
  const paths = isDir(root) ? listPrismaFiles(root) : [root];
  if (paths.length === 0)
    return fail(
      `${pathSlot(root)}: the folder holds no .prisma files. Pass a schema file or a folder of .prisma files.`,
    );
  // A schema folder's files are read only inside its real path: a pull request controls symlinks.
  const base = realRoot(root);
  const files: SchemaFile[] = [];
  for (const p of paths) {
    const read = readRepoFile(p, base, 'the schema file');
    if (!read.ok) return read;
    if (read.value.kind === 'missing') return fail(`${pathSlot(p)}: cannot read the schema (ENOENT).`);
    // Editors on Windows may save a BOM; the schema engine reads it as a stray character ("This line is invalid").
    files.push({ path: p, content: withoutBom(read.value.text) });
  }
  if (files.every((f) => f.content.trim() === '')) {
    return fail({
      file: paths[0]!,
      message: `${pathSlot(root)}: the schema is empty. Add a datasource block and your models.`,
    });
  }
  return ok(files);
}

/** Multi-file schemas: every .prisma file below the folder, as Prisma 6+ loads them. */
function listPrismaFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'migrations' && entry.name !== 'node_modules') out.push(...listPrismaFiles(p));
    } else if (entry.name.endsWith('.prisma')) {
      out.push(p);
    }
  }
  return out;
}

/**
 * Prisma keeps migrations beside the schema file. For a schema folder it has used both
 * `prisma/schema/migrations` and `prisma/migrations`; take whichever exists.
 */
function defaultMigrationsDir(root: string): string {
  if (!isDir(root)) return path.join(path.dirname(root), 'migrations');
  const inside = path.join(root, 'migrations');
  const beside = path.join(path.dirname(root), 'migrations');
  return isDir(inside) || !isDir(beside) ? inside : beside;
}

export function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
