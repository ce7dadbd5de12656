import { deriveWarnings } from '../src/engine/warnings';
import type { DbInspector } from '../src/throwaway/types';

/** A replayed schema described by hand, for the warning kinds no fixture produces. */
const inspector = (
  tables: Record<string, { name: string; pk?: boolean }[]>,
  enums: Record<string, string[]> = {},
): DbInspector => ({
  columns: async (t) =>
    (tables[t] ?? []).map((c) => ({ name: c.name, type: 'integer', notnull: true, dflt: null, pk: Boolean(c.pk) })),
  indexes: async () => [],
  tableColumns: async () => new Map(),
  enumValues: async (e) => enums[e] ?? [],
});

test('a dropped enum (PostgreSQL)', async () => {
  const sql = '-- DropEnum\nDROP TYPE "Mood";\n';
  expect(await deriveWarnings(sql, 'postgresql', inspector({}, { Mood: ['HAPPY'] }), [])).toEqual([
    {
      table: 'Mood',
      message: 'You are about to drop the enum `Mood`. If it is still used in the database, this will fail.',
    },
  ]);
});

test("a changed primary key (PostgreSQL), in Prisma's words", async () => {
  const sql =
    '-- AlterTable\nALTER TABLE "Member" DROP CONSTRAINT "Member_pkey",\nADD CONSTRAINT "Member_pkey" PRIMARY KEY ("orgId", "userId");\n';
  expect(
    await deriveWarnings(
      sql,
      'postgresql',
      inspector({ Member: [{ name: 'userId', pk: true }, { name: 'orgId' }] }),
      [],
    ),
  ).toEqual([
    {
      table: 'Member',
      message:
        'The primary key for the `Member` table will be changed. If it partially fails, the table could be left without primary key constraint.',
    },
  ]);
});

test('a schema-qualified drop of the renamed-away enum is not a dropped enum', async () => {
  const sql = 'DROP TYPE "public"."Role_old";\n';
  expect(await deriveWarnings(sql, 'postgresql', inspector({}), [])).toEqual([]);
});
