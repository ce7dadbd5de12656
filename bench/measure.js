'use strict';
// Measures whole processes: wall time, and peak memory summed over the process tree (the
// Action's launcher starts a worker, so the largest single process would understate it).
// Every run's exit code is checked: a process that crashed is not a fast process.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const TIME = '/usr/bin/time';
const POLL_MS = 20;

/** The pids below `pid`, from /proc/<pid>/task/<tid>/children. */
function descendants(pid) {
  const out = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift();
    let tids = [];
    try {
      tids = fs.readdirSync(`/proc/${p}/task`);
    } catch {
      continue; // exited between two reads
    }
    for (const tid of tids) {
      let kids = '';
      try {
        kids = fs.readFileSync(`/proc/${p}/task/${tid}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const k of kids.split(' ').filter(Boolean).map(Number)) {
        out.push(k);
        queue.push(k);
      }
    }
  }
  return out;
}

/** VmHWM (the process's own peak RSS so far) in KiB, or undefined once it has exited. */
function peakKiB(pid) {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs `cmd args` under GNU time and polls its process tree every 20 ms. Peak memory is the sum
 * of each process's own peak. A process's last growth can fall between two polls, so the
 * largest one's peak is taken from GNU time's %M, which the kernel reports exactly (the largest
 * peak of the measured process and the children it waited for). For one process, that is %M.
 */
function measure(cmd, args, opts) {
  const out = path.join(os.tmpdir(), `pdg-bench-${process.pid}-${Math.random().toString(36).slice(2)}.time`);
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(TIME, ['-f', '%M', '-o', out, cmd, ...args], { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const peaks = new Map();
    const poll = setInterval(() => {
      for (const pid of descendants(child.pid)) {
        const kib = peakKiB(pid);
        if (kib !== undefined) peaks.set(pid, Math.max(kib, peaks.get(pid) ?? 0));
      }
    }, POLL_MS);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      clearInterval(poll);
      const exactLargest = Number(fs.readFileSync(out, 'utf8').trim().split('\n').pop());
      fs.rmSync(out, { force: true });
      const sampled = [...peaks.values()].sort((a, b) => b - a);
      const treeKiB = Math.max(exactLargest, sampled[0] ?? 0) + sampled.slice(1).reduce((a, b) => a + b, 0);
      resolve({ wallMs, rssMiB: treeKiB / 1024, processes: Math.max(1, peaks.size), status, signal, stdout, stderr });
    });
  });
}

/**
 * Runs every column once per round, rotating the order each round, so that a noisy minute on
 * this shared machine hits all columns alike. Each column is { label, cmd, args, opts, exit }.
 * Throws, naming the column and run, when a process exits with another code than `exit`.
 */
async function interleaved(name, columns, runs) {
  const results = Object.fromEntries(columns.map((c) => [c.label, []]));
  for (let round = 0; round < runs; round++) {
    for (let k = 0; k < columns.length; k++) {
      const c = columns[(round + k) % columns.length];
      const r = await measure(c.cmd, c.args, c.opts);
      if (r.status !== c.exit) {
        const why = r.signal ? `died of ${r.signal}` : `exited ${r.status}`;
        const tail = (r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ');
        throw new Error(`${name}, ${c.label}, run ${round + 1}: ${why}, expected exit ${c.exit}: ${tail}`);
      }
      results[c.label].push(r);
    }
  }
  return results;
}

/** Median, min and max of one key over runs. */
function stat(runs, key) {
  const v = runs.map((r) => r[key]).sort((a, b) => a - b);
  return { median: v[Math.floor(v.length / 2)], min: v[0], max: v[v.length - 1] };
}

/** The median of run-by-run ratios a[i] / b[i]: both ran in the same round. */
function pairedRatio(a, b, key) {
  const ratios = a.map((r, i) => r[key] / b[i][key]).sort((x, y) => x - y);
  return ratios[Math.floor(ratios.length / 2)];
}

module.exports = { measure, interleaved, stat, pairedRatio, TIME };
