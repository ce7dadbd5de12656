'use strict';
// Synthetic histories for the benchmark: N migrations that create tables with an index and a
// foreign key to the previous table, later add columns, add enum values (PG) and create an
// extension (PG). The SQL is the engine's own (one whole-schema diff, split per table), so
// the schema is in sync with the history; a "drift" variant adds one field.
const fs = require('node:fs');
const path = require('node:path');
const { startEngine } = require('../lib/engine/load');
const { openSqlite } = require('../lib/throwaway/sqlite');
const { openPglite } = require('../lib/throwaway/pglite');
const { splitStatements } = require('../lib/sql/tokens');

function schemaFor(provider, n, drift) {
  const pg = provider === 'postgresql';
  const lines = [
    pg
      ? 'generator client {\n  provider        = "prisma-client-js"\n  previewFeatures = ["postgresqlExtensions"]\n}\n'
      : 'generator client {\n  provider = "prisma-client-js"\n}\n',
    pg
      ? 'datasource db {\n  provider   = "postgresql"\n  extensions = [pgcrypto]\n}\n'
      : 'datasource db {\n  provider = "sqlite"\n}\n',
  ];
  if (pg)
    lines.push(
      `enum Status {\n${Array.from({ length: Math.max(1, Math.floor(n / 5)) }, (_, i) => `  S${i}`).join('\n')}\n}\n`,
    );
  for (let i = 0; i < n; i++) {
    const fields = [
      `  id        Int      @id @default(autoincrement())`,
      `  name      String`,
      `  createdAt DateTime @default(now())`,
      pg ? `  status    Status   @default(S0)` : '',
      i % 3 === 2 ? `  note      String?` : '',
      i > 0 ? `  parentId  Int?\n  parent    T${i - 1}?  @relation(fields: [parentId], references: [id])` : '',
      i < n - 1 ? `  children  T${i + 1}[]` : '',
      drift && i === n - 1 ? `  extra     String?` : '',
      `\n  @@index([name])`,
    ].filter(Boolean);
    lines.push(`model T${i} {\n${fields.join('\n')}\n}\n`);
  }
  return lines.join('\n');
}

async function engineSql(provider, schema) {
  const db = provider === 'sqlite' ? await openSqlite() : await openPglite([]);
  try {
    const engine = await startEngine(db.adapterFactory());
    const r = await engine.diff({
      from: { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files: [{ path: '/bench/schema.prisma', content: schema }] },
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });
    engine.free();
    return r.stdout;
  } finally {
    await db[Symbol.asyncDispose]();
  }
}

/** Groups the whole-schema script into one migration per table, in dependency order. */
function splitPerTable(provider, sql, n) {
  const perTable = Array.from({ length: n }, () => []);
  const head = [];
  const later = []; // columns and enum values added in later migrations
  for (const stmt of splitStatements(sql, provider)) {
    const t = /"T(\d+)"/.exec(stmt.text);
    if (/^CREATE TYPE "Status"/.test(stmt.text)) {
      // Create the enum with its first value; add the others one by one later.
      const values = [...stmt.text.matchAll(/'(S\d+)'/g)].map((m) => m[1]);
      head.push(`CREATE TYPE "Status" AS ENUM ('${values[0]}');`);
      values
        .slice(1)
        .forEach((v, k) =>
          later.push({ at: Math.min(n - 1, (k + 1) * 5), sql: `ALTER TYPE "Status" ADD VALUE '${v}';` }),
        );
      continue;
    }
    if (/^CREATE (EXTENSION|SCHEMA)/.test(stmt.text)) {
      head.push(stmt.text);
      continue;
    }
    if (!t) throw new Error(`unexpected statement ${stmt.text.slice(0, 80)}`);
    let text = stmt.text;
    const i = Number(t[1]);
    if (/^CREATE TABLE/.test(text) && /"note"/.test(text)) {
      text = text.replace(/\n\s*"note" TEXT,/, '');
      later.push({ at: Math.min(n - 1, i + 2), sql: `ALTER TABLE "T${i}" ADD COLUMN "note" TEXT;` });
    }
    // Foreign keys point at the previous table, which exists by then; SQLite declares them inline.
    perTable[i].push(text);
  }
  perTable[0].unshift(...head);
  for (const l of later) perTable[l.at].push(l.sql);
  return perTable;
}

async function generate(root, provider, n) {
  const dir = path.join(root, `${provider === 'sqlite' ? 'sqlite' : 'pg'}-${n}`);
  if (fs.existsSync(path.join(dir, 'done'))) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  const schema = schemaFor(provider, n, false);
  const migrations = splitPerTable(provider, await engineSql(provider, schema), n);
  const mdir = path.join(dir, 'prisma', 'migrations');
  migrations.forEach((stmts, i) => {
    const d = path.join(mdir, `${String(20200101000000 + i * 100)}_m${i}`);
    fs.mkdirSync(d, { recursive: true });
    fs.writeFileSync(path.join(d, 'migration.sql'), stmts.join('\n\n') + '\n');
  });
  fs.writeFileSync(path.join(mdir, 'migration_lock.toml'), `provider = "${provider}"\n`);
  fs.writeFileSync(path.join(dir, 'prisma', 'schema.prisma'), schema);
  // The drift variant shares the history and differs by one field.
  const driftDir = `${dir}-drift`;
  fs.rmSync(driftDir, { recursive: true, force: true });
  fs.cpSync(dir, driftDir, { recursive: true });
  fs.writeFileSync(path.join(driftDir, 'prisma', 'schema.prisma'), schemaFor(provider, n, true));
  fs.writeFileSync(path.join(dir, 'done'), '');
  return dir;
}

/**
 * A huge schema against a one-migration history: every model drifts, so the check runs all of
 * its steps at that size (diff, summary, warnings, round trip). For the 1,000 and 5,000-model cases.
 */
function generateSchema(root, provider, models) {
  const dir = path.join(root, `${provider === 'sqlite' ? 'sqlite' : 'pg'}-schema-${models}`);
  if (fs.existsSync(path.join(dir, 'done'))) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  const mdir = path.join(dir, 'prisma', 'migrations');
  fs.mkdirSync(path.join(mdir, '20200101000000_init'), { recursive: true });
  fs.writeFileSync(path.join(mdir, '20200101000000_init', 'migration.sql'), 'CREATE TABLE "Old" ("id" INTEGER);\n');
  fs.writeFileSync(path.join(mdir, 'migration_lock.toml'), `provider = "${provider}"\n`);
  fs.writeFileSync(path.join(dir, 'prisma', 'schema.prisma'), schemaFor(provider, models, false));
  fs.writeFileSync(path.join(dir, 'done'), '');
  return dir;
}

module.exports = { generate, generateSchema, schemaFor };
