import * as path from 'node:path';
import type { SchemaFile } from '../schema/locate';
import { fail, ok, pathSlot, type Result } from '../problem';
import type { SchemaEngine } from './load';
import { EnginePanic } from './panic';

export interface EngineDiff {
  drift: boolean;
  /** The migration script the engine writes (empty when in sync). */
  sql: string;
  /** The engine's human summary of the same diff. */
  summary: string;
}

export interface DiffFilters {
  externalTables: string[];
  externalEnums: string[];
}

/** Diffs the database behind the engine's adapter (the replayed chain) with the schema. */
export async function diffWithEngine(
  engine: SchemaEngine,
  files: SchemaFile[],
  filters: DiffFilters,
  /** summary: false spares the engine's second diff (the human summary) where only the script is read. */
  options: { summary?: boolean } = {},
): Promise<Result<EngineDiff>> {
  const schemaFiles = files.map((f) => ({ path: f.path, content: f.content }));
  const params = (script: boolean) => ({
    from: { tag: 'schemaDatasource' as const, files: schemaFiles, configDir: path.dirname(files[0]!.path) },
    to: { tag: 'schemaDatamodel' as const, files: schemaFiles },
    script,
    exitCode: true,
    filters,
  });
  try {
    const scripted = await engine.diff(params(true));
    const drift = scripted.exitCode === 2;
    if (!drift) return ok({ drift: false, sql: '', summary: '' });
    const summary = options.summary === false ? undefined : await engine.diff(params(false));
    return ok({ drift, sql: scripted.stdout ?? '', summary: (summary?.stdout ?? '').trim() });
  } catch (e) {
    return fail(engineProblem(e));
  }
}

/**
 * The engine reports schema errors as blocks of `error: <message>\n  -->  <file>:<line>`.
 * We keep file:line (the engine's absolute path; the report shows it relative) and the first message.
 */
export function engineProblem(e: unknown): { message: string; file?: string; line?: number } {
  // Already one line that says what to do; the engine's own "error: … -->" blocks are not in it.
  if (e instanceof EnginePanic) return { message: `${e.message.charAt(0).toUpperCase()}${e.message.slice(1)}.` };
  const text = e instanceof Error ? e.message : String(e);
  const errors = [...text.matchAll(/error: ([^\n]*)\n\s*-->\s+(.*?):(\d+)/g)];
  const first = errors[0];
  if (first) {
    const file = first[2]!;
    const line = Number(first[3]);
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
    return {
      file,
      line,
      message:
        `${pathSlot(file)}:${line}: ${first[1]!.replace(/^Error validating: /, '').replace(/\.+$/, '')}${more}. Fix ` +
        `the schema, then run the check again.`,
    };
  }
  const firstLine =
    text
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? 'the schema engine failed';
  return { message: `Prisma schema engine: ${firstLine}` };
}
