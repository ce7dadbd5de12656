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
