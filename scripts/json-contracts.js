'use strict';
// The --json contracts of every command on every fixture, written one file per run, so that a
// refactoring can show it changed none of them:
//   node scripts/json-contracts.js /tmp/before   (on the old commit)
//   node scripts/json-contracts.js /tmp/after    (on the new one)
//   diff -r /tmp/before /tmp/after
// Runs the installed CLI (lib/, `npm run build`). What varies between two identical runs is
// normalised: `timings`, `durationMs`, timestamps, temporary paths and generated folder names.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startCluster } = require('./pg-cluster');

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'prisma-drift-gate.js');
const VOLATILE_KEYS = new Set(['timings', 'durationMs']);
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

function normalise(value, tmp) {
  if (Array.isArray(value)) return value.map((v) => normalise(v, tmp));
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = VOLATILE_KEYS.has(k) ? '<volatile>' : normalise(v, tmp);
    return out;
  }
  if (typeof value !== 'string') return value;
  if (TIMESTAMP.test(value)) return '<timestamp>';
  return value
    .split(tmp)
    .join('<tmp>')
    .replace(/\b\d{14}_drift_fix\b/g, '<stamp>_drift_fix')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>');
}

function run(out, name, args, cwd, env, tmp) {
  const r = spawnSync(process.execPath, [BIN, ...args, '--json'], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  let body;
  try {
    body = normalise(JSON.parse(r.stdout), tmp);
  } catch {
    body = { unparsable: normalise(r.stdout, tmp), stderr: normalise(r.stderr, tmp) };
  }
  fs.writeFileSync(path.join(out, `${name}.json`), JSON.stringify({ exit: r.status, body }, null, 2) + '\n');
}

const provider = (dir) => {
  const lock = path.join(dir, 'prisma', 'migrations', 'migration_lock.toml');
  return fs.existsSync(lock) && fs.readFileSync(lock, 'utf8').includes('postgresql') ? 'postgresql' : 'sqlite';
};

async function main() {
  const out = path.resolve(process.argv[2] ?? '');
  if (!process.argv[2]) throw new Error('usage: node scripts/json-contracts.js <output-dir>');
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const cluster = await startCluster();
  try {
    const fixtures = fs.readdirSync(path.join(ROOT, 'fixtures')).sort();
    for (const [i, name] of fixtures.entries()) {
      // A private copy at a fixed-length path: what the JSON shows must not depend on mkdtemp.
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-contracts-'));
      const dir = path.join(tmp, name);
      fs.cpSync(path.join(ROOT, 'fixtures', name), dir, { recursive: true });
      // The sqlite-attach fixture's migration writes here when deployed (deploy runs the SQL for real).
      fs.rmSync(path.join(os.tmpdir(), 'prisma-drift-gate-attached.db'), { force: true });
      const env = { PATH: process.env.PATH, HOME: process.env.HOME };
      if (provider(dir) === 'postgresql') {
        cluster.psql(`CREATE DATABASE contracts_${i}`);
        env.DATABASE_URL = cluster.url(`contracts_${i}`);
      } else {
        env.DATABASE_URL = `file:${path.join(tmp, 'prod.db')}`;
      }
      const first = fs.existsSync(path.join(dir, 'prisma', 'migrations'))
        ? fs
            .readdirSync(path.join(dir, 'prisma', 'migrations'))
            .filter((d) => /^\d/.test(d))
            .sort()[0]
        : undefined;
      run(out, `${name}.check`, ['check'], dir, env, tmp);
      run(out, `${name}.status-before`, ['status'], dir, env, tmp);
      run(out, `${name}.deploy-dry-run`, ['deploy', '--dry-run'], dir, env, tmp);
      run(out, `${name}.deploy`, ['deploy'], dir, env, tmp);
      run(out, `${name}.status-after`, ['status', '--drift'], dir, env, tmp);
      run(out, `${name}.resolve-rolled-back`, ['resolve', '--rolled-back', first ?? 'none'], dir, env, tmp);
      run(out, `${name}.resolve-applied-unknown`, ['resolve', '--applied', '29990101000000_nope'], dir, env, tmp);
      fs.rmSync(tmp, { recursive: true, force: true });
      process.stderr.write(`json-contracts: ${name}\n`);
    }
  } finally {
    cluster.stop();
  }
  const files = fs.readdirSync(out).length;
  process.stderr.write(`json-contracts: ${files} files in ${out}\n`);
}

main().catch((e) => {
  console.error(`json-contracts: ${e.message}`);
  process.exit(1);
});
