import * as fs from 'node:fs';
import * as path from 'node:path';
import { exitCodeOf, runCheck } from '../src/check';
import { m2mUpgradeIn } from '../src/engine/prisma5M2m';
import { renderComment } from '../src/report/markdown';
import { copyFixture, fixture, readExpected, runBin } from './helpers/fixtures';

const UPGRADE_SQL =
  'ALTER TABLE "_PostToTag" ADD CONSTRAINT "_PostToTag_AB_pkey" PRIMARY KEY ("A", "B");\n' +
  'DROP INDEX "_PostToTag_AB_unique";';

test('Prisma 5 pin, the only difference is the implicit m2m table: in sync, with the Prisma 6 SQL in a note', async () => {
  const report = await runCheck({ cwd: fixture('pg-prisma5-m2m') });
  expect(report.errors).toEqual([]);
  expect(report.prismaVersion).toEqual({ version: '5.22.0', source: 'package-lock.json' });
  expect(report.drift).toBe(false);
  expect(report.sql).toBe('');
  expect(exitCodeOf(report)).toBe(0);
  expect(report.notes).toHaveLength(1);
  expect(report.notes![0]).toMatch(
    /^In sync for your Prisma \(prisma 5\.22\.0, from package-lock\.json\).*"_PostToTag"/,
  );
  expect(report.notes![0]).toContain(`When you upgrade to Prisma 6, prisma migrate dev will generate:\n${UPGRADE_SQL}`);
});

test('Prisma 5 pin with other drift: the suggestion leaves the m2m change out, round-trips, and commits clean', async () => {
  const report = await runCheck({ cwd: fixture('pg-prisma5-m2m-drift') });
  expect(report.errors).toEqual([]);
  expect(report.drift).toBe(true);
  expect(report.sql).toBe(readExpected('pg-prisma5-m2m-drift'));
  expect(report.sql).not.toMatch(/_PostToTag/);
  expect(report.summary).toMatch(/Added column `createdAt`/);
  expect(report.roundTrip).toEqual({ ok: true });
  expect(exitCodeOf(report)).toBe(1);
  expect(report.notes![0]).toMatch(/^The suggestion leaves out Prisma 6's change to the implicit many-to-many table/);
  expect(report.notes![0]).toContain(UPGRADE_SQL);

  const dir = copyFixture('pg-prisma5-m2m-drift');
  const folder = path.join(dir, 'prisma/migrations/20991231000000_drift_fix');
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(folder, 'migration.sql'), report.sql);
  const again = await runCheck({ cwd: dir });
  expect([again.drift, exitCodeOf(again)]).toEqual([false, 0]);
});

test('without a version (no package.json), the engine verdict stands as Prisma 7 sees it', async () => {
  const dir = copyFixture('pg-prisma5-m2m');
  fs.rmSync(path.join(dir, 'package.json'));
  fs.rmSync(path.join(dir, 'package-lock.json'));
  const report = await runCheck({ cwd: dir });
  expect(report.prismaVersion).toBeNull();
  expect(report.drift).toBe(true);
  expect(report.sql).toContain('ADD CONSTRAINT "_PostToTag_AB_pkey" PRIMARY KEY ("A", "B")');
  expect(report.sql).toContain('DROP INDEX "_PostToTag_AB_unique"');
  expect(report.notes).toBeUndefined();
  expect(exitCodeOf(report)).toBe(1);
});

test('a project on Prisma 6 gets the change suggested: its own Prisma would write it', async () => {
  const dir = copyFixture('pg-prisma5-m2m');
  const lock = path.join(dir, 'package-lock.json');
  fs.writeFileSync(
    lock,
    fs
      .readFileSync(lock, 'utf8')
      .replace(
        '"version": "5.22.0",\n      "resolved": "https://registry.npmjs.org/prisma/',
        '"version": "6.1.0",\n      "resolved": "https://registry.npmjs.org/prisma/',
      ),
  );
  const report = await runCheck({ cwd: dir });
  expect(report.prismaVersion).toEqual({ version: '6.1.0', source: 'package-lock.json' });
  expect(report.drift).toBe(true);
  expect(exitCodeOf(report)).toBe(1);
});

test('--json carries prismaVersion', () => {
  const run = runBin(['check', '--json'], fixture('pg-prisma5-m2m'));
  expect(run.status).toBe(0);
  expect(JSON.parse(run.stdout).prismaVersion).toEqual({ version: '5.22.0', source: 'package-lock.json' });
});

describe('the m2m pairs are read from the engine statements with the tokeniser', () => {
  test('pairs, schema-qualified names and comments; a lone half does not count', () => {
    const sql =
      '-- AlterTable\nALTER TABLE "_PostToTag" ADD CONSTRAINT "_PostToTag_AB_pkey" PRIMARY KEY ("A", "B");\n\n' +
      '-- AlterTable\nALTER TABLE "app"."_Likes" ADD CONSTRAINT "_Likes_AB_pkey" PRIMARY KEY ("A", "B");\n' +
      '-- DropIndex\nDROP INDEX "_PostToTag_AB_unique";\n-- DropIndex\nDROP INDEX "app"."_Likes_AB_unique";\n' +
      '-- AlterTable\nALTER TABLE "_Lonely" ADD CONSTRAINT "_Lonely_AB_pkey" PRIMARY KEY ("A", "B");\n';
    expect(m2mUpgradeIn(sql)?.tables).toEqual(['_Likes', '_PostToTag']);
    expect(m2mUpgradeIn(sql)?.sql).not.toContain('_Lonely');
  });

  test('look-alikes are not pairs: a string, another key, an explicit table', () => {
    expect(m2mUpgradeIn(`SELECT 'DROP INDEX "_X_AB_unique"';`)).toBeUndefined();
    expect(
      m2mUpgradeIn(
        'ALTER TABLE "_X" ADD CONSTRAINT "_X_AB_pkey" PRIMARY KEY ("B", "A");\nDROP INDEX "_X_AB_unique";\n',
      ),
    ).toBeUndefined();
    expect(
      m2mUpgradeIn('ALTER TABLE "X" ADD CONSTRAINT "X_AB_pkey" PRIMARY KEY ("A", "B");\nDROP INDEX "X_AB_unique";\n'),
    ).toBeUndefined();
  });
});

test('the comment and job summary carry the note, its SQL quoted line by line', async () => {
  const report = await runCheck({ cwd: fixture('pg-prisma5-m2m') });
  const ctx = {
    schema: 'prisma/schema.prisma',
    migrationsDir: 'prisma/migrations',
    migrationFolder: 'x',
    migrationName: 'x',
  };
  const body = renderComment(report, ctx);
  expect(body).toContain('> [!NOTE]\n> In sync for your Prisma (prisma 5.22.0, from package-lock.json)');
  expect(body).toContain(
    UPGRADE_SQL.split('\n')
      .map((l) => `> ${l}`)
      .join('\n'),
  );
  expect(body).toContain('### ✅ Prisma schema in sync');
});
