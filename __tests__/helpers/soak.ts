// The fault soak: kill -9 a deploy at a seeded random moment, recover by following only the
// JSON advice the tool prints, and compare every table with a clean deploy's.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, copyFixture, runBinAsync } from './fixtures';

export type Provider = 'postgresql' | 'sqlite';

/** mulberry32: a small seeded generator, so a failing trial can be replayed from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rows as a generate_series (PostgreSQL) or a recursive CTE (SQLite). */
function series(provider: Provider, n: number): string {
  return provider === 'postgresql'
    ? `SELECT g FROM generate_series(1, ${n}) AS g`
    : `WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < ${n}) SELECT g FROM s`;
}

/** A history of schema and data migrations (INSERT/UPDATE/DELETE), slow enough for kills to land inside. */
export function soakHistory(provider: Provider, count = 14): { name: string; sql: string }[] {
  const pause = provider === 'postgresql' ? 'SELECT pg_sleep(0.04);\n' : '';
  const rows = provider === 'postgresql' ? 300 : 3000;
  const out = [
    {
      name: '20240101000000_init',
      sql:
        'CREATE TABLE "Item" ("id" INTEGER PRIMARY KEY, "batch" INTEGER NOT NULL, "note" TEXT NOT NULL);\n' +
        'CREATE TABLE "Ledger" ("batch" INTEGER NOT NULL, "total" INTEGER NOT NULL);\n',
    },
  ];
  for (let i = 1; i < count; i++) {
    const base = i * 100_000;
    const statements = [
      `INSERT INTO "Item" ("id", "batch", "note") SELECT ${base} + g, ${i}, 'n' || g FROM (${series(provider, rows)}) AS s;`,
      `UPDATE "Item" SET "note" = "note" || '.${i}' WHERE "batch" = ${i - 1};`,
      `INSERT INTO "Ledger" ("batch", "total") SELECT ${i}, count(*) FROM "Item";`,
      // SQLite has no sleep: a heavy aggregate keeps each migration busy long enough for kills to land inside.
      ...(provider === 'sqlite'
        ? [`INSERT INTO "Ledger" ("batch", "total") SELECT -${i}, sum(g) % 1000 FROM (${series(provider, 200_000)});`]
        : []),
      ...(i % 4 === 0 ? [`DELETE FROM "Item" WHERE "batch" = ${i - 3} AND "id" % 7 = 0;`] : []),
      ...(i % 5 === 0 ? [`ALTER TABLE "Item" ADD COLUMN "extra${i}" INTEGER;`] : []),
    ];
    out.push({
      name: `2024${String(i + 1).padStart(2, '0')}01000000_data_${i}`,
      sql: pause + statements.join('\n') + '\n',
    });
  }
  return out;
}

/** A project (schema + migrations) for the provider, with the given history. */
export function soakProject(provider: Provider, history: { name: string; sql: string }[]): string {
  const project = copyFixture(provider === 'postgresql' ? 'pg-in-sync' : 'sqlite-in-sync');
  const dir = path.join(project, 'prisma', 'migrations');
  for (const entry of fs.readdirSync(dir))
    if (entry !== 'migration_lock.toml') fs.rmSync(path.join(dir, entry), { recursive: true });
  for (const m of history) {
    fs.mkdirSync(path.join(dir, m.name));
    fs.writeFileSync(path.join(dir, m.name, 'migration.sql'), m.sql);
  }
  return project;
}

export type Outcome = 'finished-before-kill' | 'clean-resume' | 'resolved' | 'waited-then-resolved' | 'waited';

interface DeployJson {
  result: string;
  advice?: { finding: string; next: string[][]; migration: string; message: string }[];
  errors: { message: string }[];
}

/** The pids of a process and of all its descendants, deepest first (Linux /proc). */
function processTree(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name in field 2 may hold spaces and parentheses: read after the last ')'.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const out: number[] = [];
  const visit = (pid: number) => {
    for (const [child, parent] of parentOf) if (parent === pid) visit(child);
    out.push(pid);
  };
  visit(root);
  return out;
}

/** kill -9 of a process and of every process it started. */
export function killTree(root: number): void {
  for (const pid of processTree(root)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/**
 * Runs deploy and kills it with SIGKILL after `delayMs`, with every process it started (the CLI
 * may run its work in a supervised child of its own process group); true when it exited first.
 */
export function deployAndKill(
  project: string,
  env: NodeJS.ProcessEnv,
  delayMs: number,
  atKill?: () => void,
): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'deploy', '--json'], {
      cwd: project,
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      atKill?.();
      killTree(child.pid!);
    }, delayMs);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(!killed);
    });
  });
}

/**
 * Recovers by following only the JSON advice: its `next` commands when the migration was
 * certainly not applied, a pause when a deploy is still running. Anything else is a failure.
 */
export async function recover(project: string, env: NodeJS.ProcessEnv): Promise<{ outcome: Outcome; steps: string[] }> {
  const steps: string[] = [];
  let waited = false;
  let resolved = false;
  for (let attempt = 0; attempt < 40; attempt++) {
    const r = await runBinAsync(['deploy', '--json'], project, env);
    steps.push(`deploy -> ${r.status}`);
    if (r.status === 0) {
      const outcome = resolved ? (waited ? 'waited-then-resolved' : 'resolved') : waited ? 'waited' : 'clean-resume';
      return { outcome, steps };
    }
    const json = JSON.parse(r.stdout) as DeployJson;
    const advice = json.advice ?? [];
    if (advice.length > 0 && advice.every((a) => a.finding === 'running')) {
      waited = true;
      await new Promise((res) => setTimeout(res, 300));
      continue;
    }
    if (advice.length === 0 || advice.some((a) => a.finding !== 'not-applied'))
      throw new Error(`no certain advice after ${steps.join(', ')}: ${r.stdout.slice(0, 2000)}`);
    for (const a of advice)
      for (const argv of a.next.filter((c) => c[0] !== 'deploy')) {
        const step = await runBinAsync([...argv, '--json'], project, env);
        steps.push(`${argv.join(' ')} -> ${step.status}`);
        if (step.status !== 0) throw new Error(`advice ${argv.join(' ')} failed: ${step.stdout}${step.stderr}`);
      }
    resolved = true;
  }
  throw new Error(`did not recover: ${steps.join(', ')}`);
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
