import { splitStatements } from '../src/sql/tokens';

test('PostgreSQL: comments, strings, dollar quotes and E-strings do not split; lines are exact', () => {
  const sql = [
    '-- CreateTable; not a split',
    'CREATE TABLE "a;b" ("x" TEXT DEFAULT \'1;2\');',
    '/* block ; /* nested ; */ still comment */',
    'CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;',
    "SELECT E'it\\'s;';",
    'SELECT $$;$$;',
  ].join('\n');
  const stmts = splitStatements(sql, 'postgresql');
  expect(stmts.map((s) => s.line)).toEqual([2, 4, 5, 6]);
  expect(stmts[0]!.text).toBe('CREATE TABLE "a;b" ("x" TEXT DEFAULT \'1;2\');');
  expect(stmts[1]!.text).toBe('CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;');
});

test('SQLite: brackets and backticks, and triggers end at END;', () => {
  const sql =
    'CREATE TABLE [a;b] (`c;d` TEXT);\nCREATE TEMP TRIGGER t AFTER INSERT ON x BEGIN\n SELECT 1;\n SELECT CASE WHEN 1 THEN 2 END;\nEND;\nSELECT 2';
  const stmts = splitStatements(sql, 'sqlite');
  expect(stmts.map((s) => [s.line, s.text.slice(0, 12)])).toEqual([
    [1, 'CREATE TABLE'],
    [2, 'CREATE TEMP '],
    [6, 'SELECT 2'],
  ]);
});

test('only comments and blank statements: nothing to run', () => {
  expect(splitStatements('-- nothing\n;\n/* */ ;', 'sqlite')).toEqual([]);
});
