import type BetterSqlite3 from 'better-sqlite3';
import type { PrismaBetterSqlite3 as PrismaBetterSqlite3Factory } from '@prisma/adapter-better-sqlite3';
import { createRequire } from 'node:module';

/**
 * Which better-sqlite3 runs, and why there are two:
 *  - 12.x aborts the process on Node ≥ 22 once V8 garbage-collects a statement during a check
 *    (WiseLibs/better-sqlite3#1515: exit 134 on real 40-migration projects under Node 24);
 *  - 13.x fixes that and ships prebuilt N-API binaries, but `new Database()` segfaults on Node 20.
 * So Node 20 keeps 12.x and Node ≥ 22 gets 13.x, installed under the alias `better-sqlite3-13`
 * (the Action's dist/ ships 13.x under its real name). Prisma's adapter does its own
 * `require('better-sqlite3')` when it loads, so it is loaded here, after the choice.
 */
export interface SqliteDriver {
  Database: typeof BetterSqlite3;
  PrismaBetterSqlite3: typeof PrismaBetterSqlite3Factory;
}

/** The first Node major on which 13.x runs and 12.x can abort. */
export const NODE_FOR_13 = 22;

let chosen: SqliteDriver | undefined;

export function sqliteDriver(): SqliteDriver {
  chosen ??= choose();
  return chosen;
}

/* eslint-disable @typescript-eslint/no-require-imports -- loaded after the choice, by name: ncc must see the
   literal names (it bundles the adapter and leaves better-sqlite3 outside, in dist/node_modules). */
function choose(): SqliteDriver {
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  const installed = (require('better-sqlite3/package.json') as { version: string }).version;
  const installedMajor = Number(installed.split('.')[0]);
  if (installedMajor >= 13 && nodeMajor < NODE_FOR_13) {
    // Unreachable through the Action's launcher, which refuses such a Node first; a segfault is worse.
    throw new Error(`better-sqlite3 ${installed} needs Node ≥ ${NODE_FOR_13}; this is Node ${process.versions.node}`);
  }
  if (installedMajor < 13 && nodeMajor >= NODE_FOR_13) useAliasedDriver();
  return {
    Database: require('better-sqlite3') as typeof BetterSqlite3,
    PrismaBetterSqlite3: (
      require('@prisma/adapter-better-sqlite3') as { PrismaBetterSqlite3: typeof PrismaBetterSqlite3Factory }
    ).PrismaBetterSqlite3,
  };
}
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Makes every `require('better-sqlite3')` in this process, the adapter's included, return the
 * aliased 13.x. Only the npm package (lib/) gets here; jest has its own module registry and
 * maps the name in jest.config.js instead.
 */
function useAliasedDriver(): void {
  // createRequire: these are run-time lookups in the installed node_modules, never bundled.
  const load = createRequire(__filename);
  const aliased = load.resolve('better-sqlite3-13');
  load(aliased);
  const adapterLoad = createRequire(load.resolve('@prisma/adapter-better-sqlite3'));
  for (const name of new Set([load.resolve('better-sqlite3'), adapterLoad.resolve('better-sqlite3')])) {
    load.cache[name] = load.cache[aliased];
  }
}
