import { showPaths } from '../src/problem';
import { reviewUnits } from '../src/review/review';
import type { RuleId, TableSnapshot } from '../src/review/types';

/** The database before the reviewed migration: what production has. */
const snapshot = (tables: Record<string, Record<string, string>>): TableSnapshot =>
  new Map(Object.entries(tables).map(([t, columns]) => [t, new Map(Object.entries(columns))]));
const EXISTING = snapshot({
  User: { id: 'integer', email: 'text', name: 'character varying(100)', bio: 'text' },
  Post: { id: 'integer', title: 'text', authorId: 'integer' },
});

async function review(sql: string, provider: 'postgresql' | 'sqlite' = 'postgresql', existing = EXISTING) {
  const { findings, notes } = await reviewUnits([{ migration: 'm', file: 'm/migration.sql', sql, existing }], provider);
  expect(notes).toEqual([]);
  return findings;
}
const open = (f: Awaited<ReturnType<typeof review>>) => f.filter((x) => !x.silenced).map((x) => `${x.rule}:${x.line}`);

/** Each rule: SQL that must fire it (at line 2, after a Prisma-style comment), and SQL that must not. */
const CASES: [RuleId, string, string][] = [
  [
    'require-concurrent-index-creation',
    'CREATE INDEX "Post_a_idx" ON "Post"("authorId");',
    'CREATE INDEX CONCURRENTLY "Post_a_idx" ON "Post"("authorId");',
  ],
  [
    'require-concurrent-index-creation',
    'CREATE UNIQUE INDEX "User_e_key" ON "User"("email");',
    'CREATE UNIQUE INDEX "T_e_key" ON "Tag"("label");',
  ],
  [
    'ban-concurrent-index-creation-in-transaction',
    'CREATE INDEX CONCURRENTLY "i" ON "Post"("title");\nSELECT 1;',
    'CREATE INDEX CONCURRENTLY "i" ON "Post"("title");',
  ],
  [
    'constraint-missing-not-valid',
    'ALTER TABLE "Post" ADD CONSTRAINT "Post_a_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id");',
    'ALTER TABLE "Post" ADD CONSTRAINT "Post_a_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") NOT VALID;',
  ],
  [
    'constraint-missing-not-valid',
    'ALTER TABLE "Post" ADD CONSTRAINT "c" CHECK ("id" > 0);',
    'ALTER TABLE "Post" ADD CONSTRAINT "c" CHECK ("id" > 0) NOT VALID;',
  ],
  [
    'adding-required-field',
    'ALTER TABLE "User" ADD COLUMN "age" INTEGER NOT NULL;',
    'ALTER TABLE "User" ADD COLUMN "age" INTEGER NOT NULL DEFAULT 0;',
  ],
  [
    'adding-not-nullable-field',
    'ALTER TABLE "User" ALTER COLUMN "bio" SET NOT NULL;',
    'ALTER TABLE "User" ALTER COLUMN "bio" DROP NOT NULL;',
  ],
  [
    'changing-column-type',
    'ALTER TABLE "User" ALTER COLUMN "name" SET DATA TYPE VARCHAR(50);',
    'ALTER TABLE "User" ALTER COLUMN "name" SET DATA TYPE VARCHAR(200);',
  ],
  [
    'changing-column-type',
    'ALTER TABLE "Post" ALTER COLUMN "authorId" SET DATA TYPE BIGINT;',
    'ALTER TABLE "User" ALTER COLUMN "name" SET DATA TYPE TEXT;',
  ],
  [
    'adding-field-with-default',
    'ALTER TABLE "User" ADD COLUMN "key" UUID DEFAULT gen_random_uuid();',
    'ALTER TABLE "User" ADD COLUMN "at" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP;',
  ],
  [
    'adding-field-with-default',
    'ALTER TABLE "User" ADD COLUMN "r" DOUBLE PRECISION DEFAULT random();',
    'ALTER TABLE "User" ADD COLUMN "n" INTEGER DEFAULT 0;',
  ],
  [
    'disallowed-unique-constraint',
    'ALTER TABLE "User" ADD CONSTRAINT "User_e_key" UNIQUE ("email");',
    'ALTER TABLE "User" ADD CONSTRAINT "User_e_key" UNIQUE USING INDEX "User_e_idx";',
  ],
  [
    'renaming-column',
    'ALTER TABLE "User" RENAME COLUMN "bio" TO "about";',
    'ALTER TABLE "User" RENAME CONSTRAINT "a" TO "b";',
  ],
  ['renaming-table', 'ALTER TABLE "Post" RENAME TO "Article";', 'ALTER INDEX "Post_pkey" RENAME TO "Article_pkey";'],
  ['ban-drop-column', 'ALTER TABLE "User" DROP COLUMN "bio";', 'ALTER TABLE "User" DROP CONSTRAINT "x";'],
  ['ban-drop-table', 'DROP TABLE "Post";', 'DROP INDEX "Post_a_idx";'],
];

test.each(CASES)('%s fires on an existing table, through the real parser', async (rule, fires, _quiet) => {
  const found = await review(`-- a Prisma-style comment\n${fires}\n`);
  expect(open(found)).toContain(`${rule}:2`);
  const f = found.find((x) => x.rule === rule)!;
  expect(f).toMatchObject({ migration: 'm', file: 'm/migration.sql', line: 2 });
  expect(f.fix.length).toBeGreaterThan(20);
});

test.each(CASES)('%s stays quiet on the safe form', async (rule, _fires, quiet) => {
  expect(open(await review(`-- a Prisma-style comment\n${quiet}\n`)).filter((r) => r.startsWith(`${rule}:`))).toEqual(
    [],
  );
});

test('tables the reviewed migrations create are exempt from the lock rules', async () => {
  const sql =
    'CREATE TABLE "Tag" ("id" SERIAL NOT NULL, "label" TEXT NOT NULL);\n' +
    'CREATE INDEX "Tag_label_idx" ON "Tag"("label");\n' +
    'ALTER TABLE "Tag" ADD COLUMN "slug" TEXT NOT NULL;\n' +
    'ALTER TABLE "Tag" ADD CONSTRAINT "Tag_fk" FOREIGN KEY ("id") REFERENCES "User"("id");\n' +
    'ALTER TABLE "Tag" DROP COLUMN "slug";\n';
  expect(open(await review(sql))).toEqual([]);
  // The same statements on an existing table fire.
  expect(open(await review(sql.replace(/"Tag"/g, '"Post"').replace(/^CREATE TABLE.*\n/, '')))).toEqual([
    'require-concurrent-index-creation:1',
    'adding-required-field:2',
    'constraint-missing-not-valid:3',
    'ban-drop-column:4',
  ]);
});

test('safe widenings: a longer VARCHAR, VARCHAR to TEXT, dropping the limit; a shorter one is a rewrite', async () => {
  const alter = (type: string) => `ALTER TABLE "User" ALTER COLUMN "name" SET DATA TYPE ${type};`;
  for (const safe of ['VARCHAR(100)', 'VARCHAR(255)', 'TEXT', 'VARCHAR'])
    expect(open(await review(alter(safe)))).toEqual([]);
  expect(open(await review(alter('VARCHAR(99)')))).toEqual(['changing-column-type:1']);
  // TEXT to VARCHAR(n) must check every row.
  expect(open(await review('ALTER TABLE "User" ALTER COLUMN "bio" SET DATA TYPE VARCHAR(10);'))).toEqual([
    'changing-column-type:1',
  ]);
});

test('ignore comments: the block above a statement silences it; above the first statement, the whole file', async () => {
  const sql =
    '-- CreateIndex\nCREATE INDEX "a" ON "Post"("title");\n\n' +
    '-- prisma-drift-gate-ignore require-concurrent-index-creation, ban-drop-column\n-- CreateIndex\n' +
    'CREATE INDEX "b" ON "Post"("authorId");\n\nCREATE INDEX "c" ON "User"("email");\n';
  const found = await review(sql);
  expect(open(found)).toEqual(['require-concurrent-index-creation:2', 'require-concurrent-index-creation:8']);
  expect(found.filter((f) => f.silenced).map((f) => f.line)).toEqual([6]);
  const fileWide = '-- prisma-drift-gate-ignore require-concurrent-index-creation\n\n' + sql;
  const all = await review(fileWide);
  expect(open(all)).toEqual([]);
  // Silenced findings are still listed: the pull request wrote the comment itself.
  expect(all.map((f) => f.silenced)).toEqual([true, true, true]);
  // A comment naming another rule silences nothing.
  expect(open(await review('-- prisma-drift-gate-ignore ban-drop-table\n' + sql))).toHaveLength(2);
});

test('lines are found through UTF-8 byte offsets: non-ASCII text before a statement does not shift them', async () => {
  const sql =
    '-- Ünïcödé 表 comment ✓\nCREATE TABLE "Ärger" ("ü" TEXT DEFAULT \'日本語\');\n-- 😀\nCREATE INDEX "i" ON "Post"("title");\n';
  const found = await review(sql);
  expect(open(found)).toEqual(['require-concurrent-index-creation:4']);
  expect(found[0]!.statement).toBe('CREATE INDEX "i" ON "Post"("title")');
  expect(found[0]!.fix).toContain('CREATE INDEX CONCURRENTLY "i" ON "Post"("title");');
});

test('SQLite: a redefined existing table is a warning; drops and renames as on PostgreSQL; new tables exempt', async () => {
  const existing = snapshot({ User: { id: 'INTEGER', email: 'TEXT', bio: 'TEXT' }, Post: { id: 'INTEGER' } });
  const redefine =
    '-- RedefineTables\nPRAGMA defer_foreign_keys=ON;\nPRAGMA foreign_keys=OFF;\n' +
    'CREATE TABLE "new_User" ("id" INTEGER NOT NULL PRIMARY KEY, "email" TEXT NOT NULL);\n' +
    'INSERT INTO "new_User" ("id", "email") SELECT "id", "email" FROM "User";\nDROP TABLE "User";\n' +
    'ALTER TABLE "new_User" RENAME TO "User";\nPRAGMA foreign_keys=ON;\n';
  expect(open(await review(redefine, 'sqlite', existing))).toEqual(['sqlite-redefine-table:4']);
  expect(open(await review(redefine, 'sqlite', snapshot({})))).toEqual([]);
  const drops =
    'DROP TABLE "Post";\nALTER TABLE "User" DROP COLUMN "bio";\nALTER TABLE "User" RENAME COLUMN "email" TO "mail";\n';
  expect(open(await review(drops, 'sqlite', existing))).toEqual([
    'ban-drop-table:1',
    'ban-drop-column:2',
    'renaming-column:3',
  ]);
});

test('a statement PostgreSQL cannot parse is a note, not a crash', async () => {
  const { findings, notes } = await reviewUnits(
    [{ migration: 'm', file: '/repo/m/migration.sql', sql: 'SELECT 1;\nCREATE TABLE (;\n', existing: EXISTING }],
    'postgresql',
  );
  expect(findings).toEqual([]);
  // The note holds the absolute path in a slot: the report shows it relative to the working directory.
  expect(notes.map((n) => showPaths(n, '/repo'))).toEqual([
    expect.stringMatching(/^m\/migration\.sql:2: not reviewed for deploy risks: PostgreSQL's parser says syntax error/),
  ]);
});
