'use strict';
// Runs the real work (the CLI, or the Action's bundle) in a child process and watches it.
//
// - Every wait has a bound. A migration can loop forever inside SQLite or PGlite (a recursive
//   CTE), and both run on the main thread in native code or wasm: no timer in that process can
//   fire, and a worker thread running native SQLite does not stop on terminate(). Only another
//   process can end it. On --timeout (the Action's timeout-seconds) the child's process group
//   is killed, and a second, short run reports it through the normal outputs (exit 2), naming
//   what was in flight: the child writes each step to fd 3 before it starts it.
// - Temporary files: the child's TMPDIR is a folder of ours, removed whatever way the child
//   ended (SIGTERM and SIGKILL included).
// - Wasm stays in V8's baseline tier (--liftoff-only): tier-up cost ~600 MiB on Node 24 for a
//   few seconds of work, and Node 24 ignores the flag when set at run time.
// - On Node >= 22 the young generation is capped at 4 MiB semi-spaces: V8 there grows it where
//   Node 20's stays small, which cost the worker +8 MiB on a 170-migration SQLite check and
//   +26 MiB on PostgreSQL for ~3 % more CPU. On Node 20 the flag changes nothing measurable.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const DEFAULT_SECONDS = 600;
const REPORT_SECONDS = 60;

/** `--timeout <s>` / `--timeout=<s>`, else the default; the child validates the value itself. */
function timeoutSeconds(args, fromEnv) {
  let raw = fromEnv;
  args.forEach((a, i) => {
    if (a === '--timeout') raw = args[i + 1];
    else if (a.startsWith('--timeout=')) raw = a.slice('--timeout='.length);
  });
  const n = Number(raw);
  return raw !== undefined && raw !== '' && Number.isFinite(n) && n > 0 ? n : DEFAULT_SECONDS;
}

function supervise({ entry, args, seconds }) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prisma-drift-gate-'));
  const flags = process.env.PRISMA_DRIFT_GATE_WASM_TIERUP ? [] : ['--liftoff-only'];
  if (Number(process.versions.node.split('.')[0]) >= 22) flags.push('--max-semi-space-size=4');
  const env = { ...process.env, TMPDIR: tmp, PRISMA_DRIFT_GATE_PROGRESS_FD: '3' };
  // Its own process group, so that the timeout also ends what it started (git, the config's child).
  const child = spawn(process.execPath, [...process.execArgv, ...flags, entry, ...args], {
    stdio: ['ignore', 'inherit', 'inherit', 'pipe'],
    env,
    detached: true,
  });
  let pending = '';
  let last = '';
  child.stdio[3].setEncoding('utf8');
  child.stdio[3].on('data', (d) => {
    pending += d;
    const end = pending.lastIndexOf('\n');
    if (end < 0) return;
    last = pending.slice(0, end).split('\n').pop();
    pending = pending.slice(end + 1);
  });
  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => killGroup(signal));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup('SIGKILL');
  }, seconds * 1000);
  child.on('close', (code, signal) => {
    clearTimeout(timer);
    let status = code;
    if (timedOut) {
      const report = spawnSync(process.execPath, [entry, ...args], {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: {
          ...env,
          PRISMA_DRIFT_GATE_PROGRESS_FD: '',
          PRISMA_DRIFT_GATE_TIMED_OUT: JSON.stringify({ seconds, last }),
        },
        timeout: REPORT_SECONDS * 1000,
      });
      status = report.status ?? 2;
    }
    fs.rmSync(tmp, { recursive: true, force: true });
    if (signal && !timedOut) {
      // Die of the same signal, as the child did, so the caller sees what happened.
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
      return;
    }
    process.exit(status ?? 2);
  });
}

module.exports = { supervise, timeoutSeconds };
