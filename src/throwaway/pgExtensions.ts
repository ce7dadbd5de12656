import { tokens } from '../sql/tokens';

/**
 * PGlite ships its extensions as separate modules that must be passed at start-up.
 * Static requires (not computed paths), so each one is found in node_modules or, for the
 * Action, in dist/node_modules.
 * Keys are the names used in `CREATE EXTENSION`.
 */
type Loader = () => Record<string, unknown>;
/* eslint-disable @typescript-eslint/no-require-imports */
export const PGLITE_EXTENSIONS: Record<string, Loader> = {
  amcheck: () => require('@electric-sql/pglite/contrib/amcheck'),
  bloom: () => require('@electric-sql/pglite/contrib/bloom'),
  btree_gin: () => require('@electric-sql/pglite/contrib/btree_gin'),
  btree_gist: () => require('@electric-sql/pglite/contrib/btree_gist'),
  citext: () => require('@electric-sql/pglite/contrib/citext'),
  cube: () => require('@electric-sql/pglite/contrib/cube'),
  dict_int: () => require('@electric-sql/pglite/contrib/dict_int'),
  dict_xsyn: () => require('@electric-sql/pglite/contrib/dict_xsyn'),
  earthdistance: () => require('@electric-sql/pglite/contrib/earthdistance'),
  fuzzystrmatch: () => require('@electric-sql/pglite/contrib/fuzzystrmatch'),
  hstore: () => require('@electric-sql/pglite/contrib/hstore'),
  intarray: () => require('@electric-sql/pglite/contrib/intarray'),
  isn: () => require('@electric-sql/pglite/contrib/isn'),
  lo: () => require('@electric-sql/pglite/contrib/lo'),
  ltree: () => require('@electric-sql/pglite/contrib/ltree'),
  pg_trgm: () => require('@electric-sql/pglite/contrib/pg_trgm'),
  pgcrypto: () => require('@electric-sql/pglite/contrib/pgcrypto'),
  seg: () => require('@electric-sql/pglite/contrib/seg'),
  tablefunc: () => require('@electric-sql/pglite/contrib/tablefunc'),
  tcn: () => require('@electric-sql/pglite/contrib/tcn'),
  tsm_system_rows: () => require('@electric-sql/pglite/contrib/tsm_system_rows'),
  tsm_system_time: () => require('@electric-sql/pglite/contrib/tsm_system_time'),
  unaccent: () => require('@electric-sql/pglite/contrib/unaccent'),
  'uuid-ossp': () => require('@electric-sql/pglite/contrib/uuid_ossp'),
  vector: () => require('@electric-sql/pglite/vector'),
  pg_uuidv7: () => require('@electric-sql/pglite/pg_uuidv7'),
  pg_hashids: () => require('@electric-sql/pglite/pg_hashids'),
  pg_ivm: () => require('@electric-sql/pglite/pg_ivm'),
  pgtap: () => require('@electric-sql/pglite/pgtap'),
};

/** Built into PostgreSQL itself: nothing to load. */
const BUILT_IN = new Set(['plpgsql']);

/**
 * Extension names a migration creates: `CREATE EXTENSION [IF NOT EXISTS] name|"name" [WITH …]`, read
 * from the tokens of each statement, so comments, strings and dollar-quoted bodies never count
 * (a `-- Create Extension` comment above the statement once read as an extension named "create").
 */
export function extensionsCreatedBy(sql: string): string[] {
  const names: string[] = [];
  let head: { kind: string; text: string }[] = [];
  const statementEnds = () => {
    const name = createdExtension(head);
    if (name) names.push(name);
    head = [];
  };
  for (const t of tokens(sql, 'postgresql')) {
    if (t.kind === 'semicolon') statementEnds();
    else if (head.length < 6) head.push({ kind: t.kind, text: sql.slice(t.start, t.end) });
  }
  statementEnds();
  return names;
}

function createdExtension(head: { kind: string; text: string }[]): string | undefined {
  const word = (i: number) => (head[i]?.kind === 'word' ? head[i]!.text.toLowerCase() : undefined);
  if (word(0) !== 'create' || word(1) !== 'extension') return undefined;
  const at = word(2) === 'if' && word(3) === 'not' && word(4) === 'exists' ? 5 : 2;
  const name = head[at];
  if (name?.kind === 'quotedIdent') return name.text.slice(1, -1).replace(/""/g, '"');
  return name?.kind === 'word' ? name.text.toLowerCase() : undefined;
}

/** The PGlite extension objects for the names, and the names PGlite does not bundle. */
export function resolveExtensions(names: Iterable<string>): { extensions: Record<string, unknown>; missing: string[] } {
  const extensions: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const name of new Set(names)) {
    if (BUILT_IN.has(name)) continue;
    const load = PGLITE_EXTENSIONS[name];
    if (!load) {
      missing.push(name);
      continue;
    }
    const mod = load();
    const ext = Object.values(mod).find((v) => typeof v === 'object' && v !== null && 'setup' in v);
    if (ext) extensions[name.replace(/-/g, '_')] = ext;
  }
  return { extensions, missing };
}
