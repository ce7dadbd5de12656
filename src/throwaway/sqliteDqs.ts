import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery } from '@prisma/driver-adapter-utils';
import { tokens } from '../sql/tokens';

/**
 * better-sqlite3 is built with double-quoted string literals off (SQLITE_DQS=0), while
 * Prisma's own SQLite keeps SQLite's legacy default. Migration histories rely on it
 * (`VALUES ("v")`, `WHERE k = "v"`), and so does the engine's own introspection of
 * partial indexes. SQLite names the exact token it could not resolve as an identifier;
 * legacy DQS would have read that token as a string, so we re-run the statement with it
 * single-quoted. A failed SQLite statement has no effect, so the retry is safe.
 */
const DQS_ERROR = /no such column: ("(?:[^"]|"")*") - should this be a string literal in single-quotes\?/;
const MAX_RETRIES = 64;

export function unresolvedDqsToken(message: string): string | undefined {
  return DQS_ERROR.exec(message)?.[1];
}

/** Replaces every `"token"` identifier (never inside strings or comments) with a string literal. */
export function requoteToken(text: string, token: string): string {
  const literal = `'${token.slice(1, -1).replace(/""/g, '"').replace(/'/g, "''")}'`;
  let out = '';
  let last = 0;
  for (const t of tokens(text, 'sqlite')) {
    if (t.kind === 'quotedIdent' && text.slice(t.start, t.end) === token) {
      out += text.slice(last, t.start) + literal;
      last = t.end;
    }
  }
  return out + text.slice(last);
}

/** Runs `sql`, re-running it with legacy-DQS tokens requoted for as long as SQLite names one. */
export async function withLegacyDqs<T>(
  sql: string,
  run: (sql: string) => Promise<T> | T,
  messageOf: (e: unknown) => string,
): Promise<T> {
  let text = sql;
  for (let attempt = 0; ; attempt++) {
    try {
      return await run(text);
    } catch (e) {
      const token = attempt < MAX_RETRIES ? unresolvedDqsToken(messageOf(e)) : undefined;
      const requoted = token ? requoteToken(text, token) : text;
      if (requoted === text) throw e;
      text = requoted;
    }
  }
}

const adapterMessage = (e: unknown): string => {
  const cause = (e as { cause?: { originalMessage?: unknown } })?.cause;
  return typeof cause?.originalMessage === 'string' ? cause.originalMessage : String((e as Error)?.message ?? e);
};

function wrapAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const retrying =
    (method: 'queryRaw' | 'executeRaw') =>
    (query: SqlQuery): Promise<unknown> =>
      withLegacyDqs(
        query.sql,
        (sql) => (adapter[method] as (q: SqlQuery) => Promise<unknown>).call(adapter, { ...query, sql }),
        adapterMessage,
      );
  const overrides: Record<string, unknown> = { queryRaw: retrying('queryRaw'), executeRaw: retrying('executeRaw') };
  // A Proxy rather than a subclass: the adapter keeps #private state, so every other
  // method must run with the real adapter as `this`.
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && prop in overrides) return overrides[prop];
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** A factory whose connections accept legacy double-quoted string literals, as Prisma's SQLite does. */
export function legacyDqsFactory(
  factory: SqlMigrationAwareDriverAdapterFactory,
): SqlMigrationAwareDriverAdapterFactory {
  return {
    adapterName: factory.adapterName,
    provider: factory.provider,
    connect: async () => wrapAdapter(await factory.connect()),
    connectToShadowDb: async () => wrapAdapter(await factory.connectToShadowDb()),
  };
}
