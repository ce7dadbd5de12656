import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { runBinAsync } from './helpers/fixtures';
import { startTestServer, type TestServer } from './helpers/pgServer';
import {
  deployAndKill,
  median,
  recover,
  rng,
  soakHistory,
  soakProject,
  type Outcome,
  type Provider,
} from './helpers/soak';

// Bounded in CI; `npm run soak` raises the counts (SOAK_PG_TRIALS, SOAK_SQLITE_TRIALS, SOAK_SEED).
const PG_TRIALS = Number(process.env.SOAK_PG_TRIALS ?? 12);
const SQLITE_TRIALS = Number(process.env.SOAK_SQLITE_TRIALS ?? 8);
const SEED = Number(process.env.SOAK_SEED ?? 20261207);
const PAIRS = Number(process.env.SOAK_PAIRS ?? 10);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

let counter = 0;
function newPgDatabase(): string {
  const name = `soak_${++counter}`;
  server.psql(`CREATE DATABASE ${name}`);
  return server.url(name);
}

/** Every table's rows (sorted) and, per migration, how many live finished rows it has. */
async function dumpPg(url: string): Promise<unknown> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const tables = await c.query(
      `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public'
         AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`,
    );
    const out: Record<string, unknown> = {};
    for (const { t } of tables.rows as { t: string }[])
      out[t] = (await c.query(`SELECT coalesce(json_agg(x ORDER BY x::text), '[]') AS r FROM "${t}" x`)).rows[0].r;
    const history = await c.query(
      `SELECT migration_name, count(*) FILTER (WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL)::int AS done,
              max(applied_steps_count) AS steps
         FROM _prisma_migrations GROUP BY 1 ORDER BY 1`,
    );
    out._history = history.rows;
    const indexes = await c.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`);
    out._indexes = indexes.rows;
    return out;
  } finally {
    await c.end();
  }
}

function dumpSqlite(file: string): unknown {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('_prisma_migrations', 'sqlite_sequence') ORDER BY 1`,
      )
      .all() as { name: string }[];
    const out: Record<string, unknown> = {};
    for (const { name } of tables)
      out[name] = (db.prepare(`SELECT * FROM "${name}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort();
    out._history = db
      .prepare(
        `SELECT migration_name, sum(finished_at IS NOT NULL AND rolled_back_at IS NULL) AS done, max(applied_steps_count) AS steps
           FROM _prisma_migrations GROUP BY 1 ORDER BY 1`,
      )
      .all();
    return out;
  } finally {
    db.close();
  }
}

interface Target {
  env: NodeJS.ProcessEnv;
  dump: () => Promise<unknown>;
  /** PostgreSQL: also end the killed client's backend (a server restart or a cut connection), which rolls back. */
  terminate?: () => void;
  /** Frees the trial's database once compared (a long soak would otherwise fill the disk). */
  dispose: () => void;
}

async function soak(provider: Provider, trials: number, newTarget: (i: number) => Target, project: string) {
  const reference = newTarget(0);
  const t0 = Date.now();
  const clean = await runBinAsync(['deploy', '--json'], project, reference.env);
  const cleanMs = Date.now() - t0;
  expect(clean.status).toBe(0);
  const expected = await reference.dump();
  reference.dispose();
  const random = rng(SEED + (provider === 'postgresql' ? 0 : 1));
  const outcomes: Record<Outcome, number> = {
    'finished-before-kill': 0,
    'clean-resume': 0,
    resolved: 0,
    waited: 0,
    'waited-then-resolved': 0,
  };
  const recoveryMs: number[] = [];
  for (let i = 1; i <= trials; i++) {
    const target = newTarget(i);
    // Uniform over most of a run (the reference run is the cold one, the slowest): start-up, lock, bookkeeping and
    // the migrations themselves.
    const delay = Math.round(random() * cleanMs * 0.8);
    const terminate = Boolean(target.terminate) && random() < 0.5;
    if (await deployAndKill(project, target.env, delay, terminate ? target.terminate : undefined)) {
      outcomes['finished-before-kill']++;
    } else {
      const r0 = Date.now();
      const { outcome } = await recover(project, target.env);
      recoveryMs.push(Date.now() - r0);
      outcomes[outcome]++;
    }
    expect({ trial: i, delay, data: await target.dump() }).toEqual({ trial: i, delay, data: expected });
    target.dispose();
  }
  const summary = { provider, trials, seed: SEED, cleanMs, outcomes, medianRecoveryMs: median(recoveryMs) };
  process.stdout.write(`soak ${JSON.stringify(summary)}\n`);
  if (process.env.SOAK_REPORT) fs.appendFileSync(process.env.SOAK_REPORT, JSON.stringify(summary) + '\n');
  // The kills must land during the runs, not after them.
  expect(outcomes['finished-before-kill']).toBeLessThan(trials);
}

test(
  `PostgreSQL: ${PG_TRIALS} deploys killed with SIGKILL at random points recover by their JSON advice alone, with every table as a clean deploy leaves it`,
  async () => {
    const project = soakProject('postgresql', soakHistory('postgresql', 10));
    await soak(
      'postgresql',
      PG_TRIALS,
      () => {
        const url = newPgDatabase();
        const name = `soak_${counter}`;
        const terminate = () =>
          server.psql(
            `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '${name}' AND ` +
              `application_name LIKE 'prisma-drift-gate deploy%'`,
          );
        const dispose = () => server.psql(`DROP DATABASE ${name} WITH (FORCE)`);
        return { env: { DATABASE_URL: url }, dump: () => dumpPg(url), terminate, dispose };
      },
      project,
    );
  },
  60_000 + PG_TRIALS * 20_000,
);

test(
  `SQLite: ${SQLITE_TRIALS} deploys killed with SIGKILL at random points recover by their JSON advice alone (the hot journal included)`,
  async () => {
    const project = soakProject('sqlite', soakHistory('sqlite'));
    await soak(
      'sqlite',
      SQLITE_TRIALS,
      (i) => {
        const file = path.join(project, 'prisma', `soak-${i}.db`);
        const dispose = () => fs.rmSync(file, { force: true });
        return { env: { DATABASE_URL: `file:./soak-${i}.db` }, dump: async () => dumpSqlite(file), dispose };
      },
      project,
    );
  },
  60_000 + SQLITE_TRIALS * 20_000,
);

test(
  `PostgreSQL: ${PAIRS} pairs of concurrent deploys over a history with a CONCURRENTLY-only file all exit 0, and history and data equal a single deploy's`,
  async () => {
    const history = soakHistory('postgresql', 6);
    history.splice(3, 0, {
      name: '20240350000000_index',
      sql: 'CREATE INDEX CONCURRENTLY "Item_batch_idx" ON "Item" ("batch");\n',
    });
    const project = soakProject('postgresql', history);
    const single = newPgDatabase();
    const alone = await runBinAsync(['deploy', '--json'], project, { DATABASE_URL: single });
    expect(alone.status).toBe(0);
    const plan = JSON.parse(alone.stdout) as { migrations: { name: string; atomic: boolean }[] };
    expect(plan.migrations.filter((m) => !m.atomic).map((m) => m.name)).toEqual(['20240350000000_index']);
    const expected = await dumpPg(single);
    let ok = 0;
    for (let pair = 1; pair <= PAIRS; pair++) {
      const url = newPgDatabase();
      const runs = await Promise.all([
        runBinAsync(['deploy'], project, { DATABASE_URL: url }),
        runBinAsync(['deploy'], project, { DATABASE_URL: url }),
      ]);
      expect({ pair, statuses: runs.map((r) => r.status), stderr: runs.map((r) => r.stderr) }).toEqual({
        pair,
        statuses: [0, 0],
        stderr: ['', ''],
      });
      expect(await dumpPg(url)).toEqual(expected);
      server.psql(`DROP DATABASE soak_${counter} WITH (FORCE)`);
      ok++;
    }
    process.stdout.write(`soak concurrent pairs: ${ok} of ${PAIRS} exit 0 with equal history and data\n`);
  },
  60_000 + PAIRS * 15_000,
);
