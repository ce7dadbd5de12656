import { fail, ok, pathSlot, type Problem, type Result } from '../problem';
import type { SchemaFile } from './locate';
import type { Dialect } from '../sql/tokens';
import { lineOfOffset } from '../sql/tokens';
import { blockProperties, findBlocks, maskCommentsAndStrings } from './prismaSyntax';

export type Provider = Dialect;

const ALIASES: Record<string, string> = { postgres: 'postgresql' };
/**
 * Relational providers Prisma migrates, but whose connectors the embedded (wasm) schema engine does
 * not ship: their histories can only be diffed against a real server. The value is the dialect
 * their SQL is tokenised in for the history checks (`[x]` and backtick identifiers for SQL Server
 * and MySQL, as in SQLite).
 */
export const OFFLINE_UNSUPPORTED: Record<string, Dialect> = {
  mysql: 'sqlite',
  sqlserver: 'sqlite',
  cockroachdb: 'postgresql',
};

/** Why a provider cannot be checked here, and where the README shows what to do instead. */
export function unsupportedProviderMessage(where: string, raw: string): string {
  return (
    `${where}: provider "${raw}" cannot be checked offline: Prisma's embedded schema engine ships only the SQLite ` +
    `and PostgreSQL connectors, so no tool can replay and diff a ${raw} history without a ${raw} server. Run ` +
    `prisma migrate diff --from-migrations <migrations> --to-schema <schema> --exit-code against a service ` +
    `container instead (README: "MySQL, SQL Server and CockroachDB").`
  );
}

/** A provider Prisma Migrate cannot check offline, with the dialect of its history. */
export type UnsupportedProblem = Problem & { unsupported?: { provider: string; dialect: Dialect } };

export interface ProviderSource {
  provider: Provider;
}

/** The provider of the (uncommented) datasource block, normalised as Prisma does. */
export function readProvider(files: SchemaFile[]): Result<ProviderSource, UnsupportedProblem> {
  for (const file of files) {
    const masked = maskCommentsAndStrings(file.content);
    const [block] = findBlocks(masked, 'datasource');
    if (!block) continue;
    const prop = blockProperties(masked, block).find((p) => p.key === 'provider');
    const where = `${pathSlot(file.path)}:${lineOfOffset(file.content, prop?.start ?? block.start)}`;
    const raw = prop ? /"([^"]*)"/.exec(file.content.slice(prop.valueStart, prop.end))?.[1] : undefined;
    if (!raw)
      return fail({
        file: file.path,
        message: `${where}: the datasource has no provider string. Add provider = "sqlite" or "postgresql".`,
      });
    const normalised = normaliseProvider(raw);
    if (normalised === 'sqlite' || normalised === 'postgresql') {
      return ok({ provider: normalised });
    }
    const line = lineOfOffset(file.content, prop!.start);
    const dialect = OFFLINE_UNSUPPORTED[normalised];
    if (dialect) {
      const message = unsupportedProviderMessage(where, raw);
      const problem = { file: file.path, line, message, unsupported: { provider: raw, dialect } };
      return { ok: false, problem };
    }
    if (normalised === 'mongodb') {
      return fail({
        file: file.path,
        line,
        message:
          `${where}: provider "mongodb" has no migration history to check: Prisma Migrate does not support ` +
          `MongoDB (it uses prisma db push).`,
      });
    }
    return fail({
      file: file.path,
      line,
      message: `${where}: unknown provider "${raw}". Use "sqlite" or "postgresql".`,
    });
  }
  const names = files.map((f) => pathSlot(f.path)).join(', ');
  return fail(`${names}: no datasource block found. Add one, e.g. datasource db { provider = "postgresql" }.`);
}

/** A provider name as Prisma normalises it (`postgres` is `postgresql`). */
export const normaliseProvider = (raw: string): string => ALIASES[raw] ?? raw;
