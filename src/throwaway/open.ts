import type { Migration } from '../chain/load';
import { declaredExtensions } from '../schema/engineSchema';
import type { LocatedSchema } from '../schema/locate';
import type { Provider } from '../schema/provider';
import { extensionsCreatedBy } from './pgExtensions';
import type { ThrowawayDb } from './types';

/** Each database's driver is loaded only when used: a SQLite check never loads PGlite (about 30 ms). */
export async function openThrowawayDb(
  provider: Provider,
  chain: Migration[],
  schema: LocatedSchema,
  extraExtensions: string[] = [],
  /** A state from the replay cache (replayCache.ts) to start from. */
  restored?: Promise<Buffer>,
): Promise<ThrowawayDb> {
  switch (provider) {
    case 'sqlite':
      return (await import('./sqlite')).openSqlite(undefined, await restored);
    case 'postgresql':
      return (await import('./pglite')).openPglite([...startExtensions(chain, schema), ...extraExtensions], {
        dataDir: restored,
      });
  }
}

/** Load only the extensions the chain or the schema names: each costs start-up time. */
export function startExtensions(chain: Migration[], schema: LocatedSchema): string[] {
  return [...chain.flatMap((m) => extensionsCreatedBy(m.sql)), ...declaredExtensions(schema.files)];
}
