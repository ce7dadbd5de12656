import { parsePostgres } from '../src/review/parse';

// libpg-query reports statement locations in UTF-8 bytes; the statements must come back sliced on
// the JavaScript string's characters, however many multi-byte characters come before them.

test('statements after multi-byte characters keep their exact text, line and leading comments', async () => {
  const sql = [
    '-- Ünïcödé comment: 😀 (a surrogate pair)',
    'CREATE TABLE "Café" ("naïve" TEXT DEFAULT \'日本語\');',
    '',
    '-- 😀😀 again',
    'ALTER TABLE "Café" ADD COLUMN "ß" INTEGER;',
    'CREATE INDEX "i" ON "Café"("ß");',
  ].join('\n');
  const parsed = await parsePostgres(sql);
  if (!parsed.ok) throw new Error(parsed.message);
  expect(parsed.statements.map((s) => [s.line, s.text, s.leading])).toEqual([
    [2, 'CREATE TABLE "Café" ("naïve" TEXT DEFAULT \'日本語\')', '-- Ünïcödé comment: 😀 (a surrogate pair)\n'],
    [5, 'ALTER TABLE "Café" ADD COLUMN "ß" INTEGER', '\n\n-- 😀😀 again\n'],
    [6, 'CREATE INDEX "i" ON "Café"("ß")', '\n'],
  ]);
});

test('a script of thousands of statements is sliced the same way at its end as at its start', async () => {
  const one = (i: number) => `-- Tablé ${i} 😀\nCREATE TABLE "T${i}" ("é" TEXT);\n`;
  const parsed = await parsePostgres(Array.from({ length: 3000 }, (_, i) => one(i)).join(''));
  if (!parsed.ok) throw new Error(parsed.message);
  expect(parsed.statements).toHaveLength(3000);
  const last = parsed.statements[2999]!;
  expect([last.line, last.text]).toEqual([6000, 'CREATE TABLE "T2999" ("é" TEXT)']);
  expect(last.leading).toBe('\n-- Tablé 2999 😀\n');
});
