import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCheck } from '../src/check';

test('a SQLite table redefinition is explained column by column and index by index', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-summary-'));
  const init = path.join(dir, 'prisma/migrations/20240101000000_init');
  fs.mkdirSync(init, { recursive: true });
  fs.writeFileSync(
    path.join(init, 'migration.sql'),
    'CREATE TABLE "User" (\n    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,\n    "email" TEXT NOT NULL,\n    "name" TEXT,\n    "age" INTEGER\n);\nCREATE UNIQUE INDEX "User_email_key" ON "User"("email");\nCREATE INDEX "User_age_idx" ON "User"("age");\n',
  );
  fs.writeFileSync(
    path.join(dir, 'prisma/schema.prisma'),
    'datasource db {\n  provider = "sqlite"\n}\n\nmodel User {\n  id       Int    @id @default(autoincrement())\n  email    String @unique\n  name     String\n  nickname String @default("")\n\n  @@index([name])\n}\n',
  );
  const report = await runCheck({ cwd: dir });
  expect(report.errors).toEqual([]);
  expect(report.summary.split('\n')).toEqual([
    '[*] Redefined table `User`',
    '  [*] Altered column `name` (made required)',
    '  [+] Added column `nickname`',
    '  [-] Removed column `age`',
    '  [+] Added index `User_name_idx`',
    '  [-] Removed index `User_age_idx`',
  ]);
  expect(report.roundTrip.ok).toBe(true);
});

test('columnsOfCreate reads a CREATE TABLE as the replayed database would make it, and leaves that database as it was', async () => {
  const { openSqlite } = await import('../src/throwaway/sqlite');
  await using db = await openSqlite();
  const init =
    'CREATE TABLE "User" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "email" TEXT NOT NULL);\n' +
    'CREATE UNIQUE INDEX "User_email_key" ON "User"("email");\n';
  expect((await db.runScript(init)).ok).toBe(true);
  const create =
    'CREATE TABLE "new_Post" ("id" INTEGER NOT NULL PRIMARY KEY, "title" TEXT NOT NULL DEFAULT \'untitled\', ' +
    '"score" DECIMAL(10,2), "authorId" INTEGER NOT NULL, CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") ' +
    'REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE)';
  const read = await db.inspector.columnsOfCreate!(create);
  expect(await db.inspector.tableColumns()).toEqual(
    new Map([
      [
        'User',
        new Map([
          ['id', 'INTEGER'],
          ['email', 'TEXT'],
        ]),
      ],
    ]),
  );
  // The same statement run for real in the replayed database.
  expect((await db.runScript(`${create};`)).ok).toBe(true);
  expect(read).toEqual(await db.inspector.columns('new_Post'));
  expect(read.map((c) => [c.name, c.type, c.notnull, c.dflt, c.pk])).toEqual([
    ['id', 'INTEGER', true, null, true],
    ['title', 'TEXT', true, "'untitled'", false],
    ['score', 'DECIMAL(10,2)', false, null, false],
    ['authorId', 'INTEGER', true, null, false],
  ]);
});
