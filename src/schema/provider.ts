import { displayPath, fail, ok, type Result } from '../problem';
import type { SchemaFile } from './locate';
import type { Dialect } from '../sql/tokens';
import { lineOfOffset } from '../sql/tokens';
import { blockProperties, findBlocks, maskCommentsAndStrings } from './prismaSyntax';

export type Provider = Dialect;

const ALIASES: Record<string, string> = { postgres: 'postgresql' };
const NOT_YET = new Set(['mysql', 'sqlserver', 'cockroachdb', 'mongodb']);

export interface ProviderSource {
  provider: Provider;
  file: string;
  line: number;
}

/** The provider of the (uncommented) datasource block, normalised as Prisma does. */
export function readProvider(files: SchemaFile[], cwd: string): Result<ProviderSource> {
  for (const file of files) {
    const masked = maskCommentsAndStrings(file.content);
    const [block] = findBlocks(masked, 'datasource');
    if (!block) continue;
    const prop = blockProperties(masked, block).find((p) => p.key === 'provider');
    const where = `${displayPath(file.path, cwd)}:${lineOfOffset(file.content, prop?.start ?? block.start)}`;
    const raw = prop ? /"([^"]*)"/.exec(file.content.slice(prop.valueStart, prop.end))?.[1] : undefined;
    if (!raw)
      return fail({
        file: displayPath(file.path, cwd),
        message: `${where}: the datasource has no provider string. Add provider = "sqlite" or "postgresql".`,
      });
    const normalised = normaliseProvider(raw);
    if (normalised === 'sqlite' || normalised === 'postgresql') {
      return ok({ provider: normalised, file: file.path, line: lineOfOffset(file.content, prop!.start) });
    }
    if (NOT_YET.has(normalised)) {
      return fail({
        file: displayPath(file.path, cwd),
        line: lineOfOffset(file.content, prop!.start),
        message: `${where}: provider "${raw}" is not supported yet (sqlite and postgresql are).`,
      });
    }
    return fail({
      file: displayPath(file.path, cwd),
      line: lineOfOffset(file.content, prop!.start),
      message: `${where}: unknown provider "${raw}". Use "sqlite" or "postgresql".`,
    });
  }
  const names = files.map((f) => displayPath(f.path, cwd)).join(', ');
  return fail(`${names}: no datasource block found. Add one, e.g. datasource db { provider = "postgresql" }.`);
}

/** A provider name as Prisma normalises it (`postgres` is `postgresql`). */
export const normaliseProvider = (raw: string): string => ALIASES[raw] ?? raw;
