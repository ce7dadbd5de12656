'use strict';
// Starts a throwaway PostgreSQL cluster from Debian's postgresql package on 127.0.0.1 and a
// free port. Shared by the real-server tests and the benchmark.
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

function binDir() {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
    : [];
  if (versions.length === 0)
    throw new Error('PostgreSQL server binaries not found: apt-get install -y postgresql (.ci/run does this).');
  return path.join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** @returns {Promise<{url: (db?: string, user?: string, pw?: string) => string, psql: (sql: string, db?: string) => string, stop: () => void}>} */
async function startCluster() {
  const bin = binDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-pg-'));
  const data = path.join(dir, 'data');
  const pwfile = path.join(dir, 'pw');
  fs.writeFileSync(pwfile, 'rootpw\n');
  const asRoot = process.getuid && process.getuid() === 0;
  // initdb refuses to run as root: run the cluster as the postgres user the package creates.
  const run = (cmd, args) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' })
      : execFileSync(cmd, args, { stdio: 'pipe' });
  if (asRoot) execFileSync('chown', ['-R', 'postgres', dir]);
  run(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=scram-sha-256',
    `--pwfile=${pwfile}`,
    '-E',
    'UTF8',
  ]);
  const port = await freePort();
  run(path.join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    path.join(dir, 'log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    'start',
  ]);
  const url = (database = 'postgres', user = 'postgres', password = 'rootpw') =>
    `postgresql://${user}:${password}@127.0.0.1:${port}/${database}`;
  return {
    url,
    psql: (sql, database = 'postgres') =>
      execFileSync('psql', [url(database), '-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-c', sql], {
        encoding: 'utf8',
      }).trim(),
    stop: () => {
      const ctl = [path.join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop'];
      spawnSync(asRoot ? 'runuser' : ctl[0], asRoot ? ['-u', 'postgres', '--', ...ctl] : ctl.slice(1), {
        stdio: 'ignore',
      });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

module.exports = { startCluster };
