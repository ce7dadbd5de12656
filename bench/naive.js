'use strict';
// The naive pipeline the benchmark compares against: a fresh database with nothing reused
// (PGlite runs initdb and loads every bundled extension; SQLite a new file with default
// durability), every migration replayed, one engine diff. Usage: node bench/naive.js <dir>
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { loadChain } = require('../lib/chain/load');
const { startEngine } = require('../lib/engine/load');
const { schemaForEngine } = require('../lib/schema/engineSchema');

(async () => {
  const dir = process.argv[2];
  const schemaPath = path.join(dir, 'prisma', 'schema.prisma');
  const files = schemaForEngine([{ path: schemaPath, content: fs.readFileSync(schemaPath, 'utf8') }]);
  const chain = loadChain(path.join(dir, 'prisma', 'migrations'));
  if (!chain.ok) throw new Error(chain.problem.message);
  const pg = /provider\s*=\s*"postgresql"/.test(files[0].content);
  let factory;
  let close;
  if (pg) {
    const { PGlite } = require('@electric-sql/pglite');
    const { PrismaPGlite } = require('pglite-prisma-adapter');
    const { PGLITE_EXTENSIONS } = require('../lib/throwaway/pgExtensions');
    const extensions = {};
    for (const [name, load] of Object.entries(PGLITE_EXTENSIONS)) {
      const ext = Object.values(load()).find((v) => v && typeof v === 'object' && 'setup' in v);
      if (ext) extensions[name.replace(/-/g, '_')] = ext;
    }
    const db = await PGlite.create({ extensions });
    for (const m of chain.value.migrations) await db.exec(m.sql);
    factory = new PrismaPGlite(db);
    close = () => db.close();
  } else {
    const Database = require('better-sqlite3');
    const { PrismaBetterSqlite3 } = require('@prisma/adapter-better-sqlite3');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-naive-')), 'db.sqlite');
    const db = new Database(file);
    for (const m of chain.value.migrations) db.exec(m.sql);
    db.close();
    factory = new PrismaBetterSqlite3({ url: `file:${file}` });
    close = () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
  const engine = await startEngine(factory);
  const r = await engine.diff({
    from: { tag: 'schemaDatasource', files, configDir: dir },
    to: { tag: 'schemaDatamodel', files },
    script: true,
    exitCode: true,
    filters: { externalTables: [], externalEnums: [] },
  });
  engine.free();
  await close();
  process.stdout.write(JSON.stringify({ drift: r.exitCode === 2 }) + '\n');
  process.exit(0);
})().catch((e) => {
  console.error(e.message);
  process.exit(3);
});
