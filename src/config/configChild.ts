import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** What a config may take as long as to evaluate: Prisma's own configs take milliseconds. */
export const CONFIG_TIME_LIMIT_MS = 5_000;

/** The fields a check reads, as the child sends them back (JSON: no functions, no adapters). */
export interface RawConfig {
  schema?: unknown;
  migrations?: { path?: unknown; initShadowDb?: unknown };
  datasource?: { url?: unknown; shadowDatabaseUrl?: unknown };
  tables?: { external?: unknown };
  enums?: { external?: unknown };
  experimental?: { externalTables?: unknown };
}

export type ChildResult = { ok: true; value: RawConfig } | { ok: false; reason: string };

// Runs as `node -e` in the child: the config's `require` is the config file's own, with
// `prisma/config` and `dotenv` replaced by stand-ins (a runner that only checked out the repo
// has neither), and `env("X")` returns undefined instead of throwing (a check needs no database).
// The result goes to a file, not stdout: the config's own prints must reach neither our
// stdout (a `::` line is a workflow command) nor the result.
const CHILD = String.raw`
const fs = require('node:fs'), path = require('node:path'), vm = require('node:vm');
const { createRequire } = require('node:module');
const { file, code, out, limitMs } = JSON.parse(fs.readFileSync(process.argv[1], 'utf8'));
// Its own limit, should our process die before it (the supervisor's group kill does not reach
// this group): the top level runs under vm's timeout, which interrupts a synchronous loop, and
// this timer ends a config that never settles. Our parent's kill comes first otherwise.
setTimeout(() => process.exit(124), limitMs + 500);
const dir = path.dirname(file);
const loadDotenv = () => {
  const envFile = path.join(dir, '.env');
  if (!fs.existsSync(envFile)) return;
  for (const line of fs.readFileSync(envFile, 'utf8').split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][\w.]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (m && process.env[m[1]] === undefined) process.env[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
};
const api = { defineConfig: (c) => c, env: (name) => process.env[name] };
const stubs = {
  'prisma/config': () => api, '@prisma/config': () => api,
  'dotenv/config': () => (loadDotenv(), {}), dotenv: () => ({ config: () => (loadDotenv(), { parsed: {} }) }),
};
const realRequire = createRequire(file);
const send = (v) => { fs.writeFileSync(out, JSON.stringify(v)); process.exit(0); };
(async () => {
  const module = { exports: {} };
  const req = (id) => (id in stubs ? stubs[id]() : realRequire(id));
  globalThis.__pdgArgs = [req, module, module.exports, file, dir];
  const wrapped = '(function (require, module, exports, __filename, __dirname) {' + code + '\n})';
  vm.runInThisContext(wrapped + '.apply(undefined, globalThis.__pdgArgs)', { filename: file, timeout: limitMs + 250 });
  const c = (await (module.exports.default ?? module.exports)) ?? {};
  const m = c.migrations ?? {}, d = c.datasource ?? {};
  send({ ok: true, value: JSON.parse(JSON.stringify({
    schema: c.schema, migrations: { path: m.path, initShadowDb: m.initShadowDb },
    datasource: { url: d.url, shadowDatabaseUrl: d.shadowDatabaseUrl },
    tables: { external: c.tables?.external }, enums: { external: c.enums?.external },
    experimental: { externalTables: c.experimental?.externalTables },
  })) });
})().catch((e) => send({ ok: false, reason: String((e && e.message) || e).split('\n')[0] }));
`;

/**
 * Evaluates transpiled config code in a child process: its own process group, a time limit,
 * an environment without the runner's tokens, and nothing it prints reaches ours. Whatever
 * the config does (exit with any status, crash, loop, spawn) becomes a reason, never our exit.
 */
export function evaluateInChild(file: string, code: string, source: string, env = process.env): ChildResult {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prisma-drift-gate-config-'));
  try {
    const request = path.join(tmp, 'request.json');
    const out = path.join(tmp, 'result.json');
    fs.writeFileSync(request, JSON.stringify({ file, code, out, limitMs: CONFIG_TIME_LIMIT_MS }));
    // `detached` (a process group of its own) works for spawnSync too; only @types/node omits it.
    const options: SpawnSyncOptions & { detached: boolean } = {
      cwd: path.dirname(file),
      env: configEnv(source, env),
      stdio: 'ignore',
      detached: true,
      timeout: CONFIG_TIME_LIMIT_MS,
      killSignal: 'SIGKILL',
    };
    const r = spawnSync(process.execPath, ['-e', CHILD, request], options);
    // Whatever the config started in its group goes too: nothing it spawned outlives the check.
    if (r.pid) killGroup(r.pid);
    if (fs.existsSync(out)) return JSON.parse(fs.readFileSync(out, 'utf8')) as ChildResult;
    if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT')
      return { ok: false, reason: `it did not finish within ${CONFIG_TIME_LIMIT_MS / 1000} s` };
    if (r.error) return { ok: false, reason: `node could not start (${r.error.message})` };
    return {
      ok: false,
      reason: r.signal ? `it was killed by ${r.signal}` : `it exited with status ${r.status} before returning a config`,
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** What any process needs to run: paths, locale, time zone. */
const BASE = ['PATH', 'HOME', 'TMPDIR', 'TMP', 'TEMP', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'NODE_ENV', 'SYSTEMROOT'];

/** Never passed, even when the config names them: the runner's credentials and the Action's inputs. */
export const isWithheld = (name: string): boolean =>
  /^(INPUT_|ACTIONS_|GITHUB_|RUNNER_)/.test(name) || /TOKEN/i.test(name);

/**
 * An allow-list, not a deny-list: the base above, plus each variable the config's source names
 * literally (`env('DATABASE_URL')`, `process.env.DIRECT_URL`, `process.env['X']`), since Prisma
 * configs read their datasource URLs that way. A config can still name a variable the workflow
 * put in the step's environment; README "What runs where" says so.
 */
export function configEnv(source: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const named = new Set(BASE);
  const patterns = [
    /\benv\s*\(\s*['"`]([A-Za-z_]\w*)['"`]/g,
    /\bprocess\.env\.([A-Za-z_]\w*)/g,
    /\bprocess\.env\[\s*['"`]([A-Za-z_]\w*)['"`]\s*\]/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) named.add(m[1]!);
  const out: NodeJS.ProcessEnv = {};
  for (const name of named) if (env[name] !== undefined && !isWithheld(name)) out[name] = env[name];
  return out;
}
