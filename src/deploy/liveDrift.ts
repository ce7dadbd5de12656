import * as path from 'node:path';
import type { Migration } from '../chain/load';
import { openThrowawayDb } from '../throwaway/open';
import { engineProblem, type DiffFilters } from '../engine/diff';
import { startEngine } from '../engine/load';
import { schemaForEngine } from '../schema/engineSchema';
import type { LocatedSchema } from '../schema/locate';
import { fail, ok, type Result } from '../problem';
import type { TargetDb } from './targetDb';

export interface LiveDrift {
  drift: boolean;
  /** What differs in the live database from its applied migrations (the engine's summary). */
  summary: string;
  /** SQL that would bring the live database back to what its migrations say. */
  sql: string;
}

/**
 * Is the live database what its applied migrations say? The applied part of the chain is
 * replayed into a throwaway DB and introspected into a datamodel, which the engine then
 * diffs with the live database: the engine cannot diff two databases directly in-process.
 */
export async function liveDrift(
  db: TargetDb,
  applied: Migration[],
  schema: LocatedSchema,
  filters: DiffFilters,
): Promise<Result<LiveDrift>> {
  const files = schemaForEngine(schema.files).map((f) => ({ path: f.path, content: f.content }));
  await using replay = await openThrowawayDb(db.provider, applied, schema);
  for (const m of applied) {
    const r = await replay.runMigration(m);
    if (!r.ok) return fail({ ...r.problem, message: `--drift: ${r.problem.message}` });
  }
  const shadow = await startEngine(replay.adapterFactory());
  let chainFiles: { path: string; content: string }[];
  try {
    const introspected = await shadow.introspect({
      schema: { files },
      baseDirectoryPath: path.dirname(files[0]!.path),
      force: true,
      compositeTypeDepth: -1,
      namespaces: null,
    });
    chainFiles = introspected.schema.files;
  } catch (e) {
    return fail({ message: `--drift: could not read the replayed migrations: ${engineProblem(e).message}` });
  } finally {
    shadow.free();
  }
  const live = await startEngine(db.adapterFactory());
  try {
    const configDir = path.dirname(files[0]!.path);
    const toChain = await live.diff({
      from: { tag: 'schemaDatasource', files, configDir },
      to: { tag: 'schemaDatamodel', files: chainFiles },
      script: true,
      exitCode: true,
      filters,
    });
    if (toChain.exitCode !== 2) return ok({ drift: false, summary: '', sql: '' });
    const fromChain = await live.diff({
      from: { tag: 'schemaDatamodel', files: chainFiles },
      to: { tag: 'schemaDatasource', files, configDir },
      script: false,
      exitCode: true,
      filters,
    });
    return ok({ drift: true, summary: (fromChain.stdout ?? '').trim(), sql: toChain.stdout ?? '' });
  } catch (e) {
    return fail({ message: `--drift: ${engineProblem(e).message}` });
  } finally {
    live.free();
  }
}
