import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { splitStatements } from '../src/sql/tokens';
import { ROOT } from './helpers/fixtures';
import { generateHistory } from './helpers/generate';
import * as os from 'node:os';

let work: string;
beforeAll(() => (work = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-fuzz-'))));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

// Our SQLite splitter must end statements exactly where SQLite's own sqlite3_complete() does.
// Python's sqlite3.complete_statement() is that C function; it judges every script here.
const PYTHON = `
import json, sqlite3, sys
out = []
for script in json.load(sys.stdin):
    ends, start = [], 0
    for i, c in enumerate(script):
        if c == ';' and sqlite3.complete_statement(script[start:i + 1]):
            ends.append(i + 1)
            start = i + 1
    out.append(ends)
json.dump(out, sys.stdout)
`;

function sqliteEnds(scripts: string[]): number[][] {
  const r = spawnSync('python3', ['-c', PYTHON], { input: JSON.stringify(scripts), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as number[][];
}

function sqliteMigrations(): string[] {
  const out: string[] = [];
  const generated = generateHistory(work, 'sqlite', 60);
  for (const dir of [
    ...fs
      .readdirSync(path.join(ROOT, 'fixtures'))
      .map((name) => path.join(ROOT, 'fixtures', name, 'prisma', 'migrations')),
    path.join(generated, 'prisma', 'migrations'),
  ]) {
    const lock = path.join(dir, 'migration_lock.toml');
    if (!fs.existsSync(lock) || !fs.readFileSync(lock, 'utf8').includes('sqlite')) continue;
    for (const m of fs.readdirSync(dir)) {
      const file = path.join(dir, m, 'migration.sql');
      if (fs.existsSync(file)) out.push(fs.readFileSync(file, 'utf8'));
    }
  }
  return out;
}

const TRIGGERS = [
  'CREATE TABLE a (x);\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n  SELECT CASE WHEN 1 THEN 2 END;\n  SELECT 1;\nEND;\nSELECT 2;',
  'CREATE TEMP TRIGGER t AFTER INSERT ON a WHEN CASE WHEN 1 THEN 1 END BEGIN SELECT 1; END;\nATTACH x AS y;',
  'EXPLAIN CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; END; SELECT 3;',
];

// What a pull request can glue next to keywords and semicolons to confuse a splitter.
const PIECES = [
  'é',
  'ı',
  '\u00a0',
  '\u2028',
  '$',
  '1',
  '_',
  ' ',
  '\n',
  '\t',
  '\v',
  ';',
  ' END',
  ' CASE',
  'END',
  'CASE',
];
const MORE = ['/*;*/', '--;\n', "';'", '"END"', '[;]', '`;`', ' TEMP', 'TRIGGER ', ' BEGIN ', 'CREATE '];

function mutate(script: string, random: () => number): string {
  let s = script;
  const edits = 1 + Math.floor(random() * 4);
  for (let e = 0; e < edits; e++) {
    const pool = random() < 0.7 ? PIECES : MORE;
    const piece = pool[Math.floor(random() * pool.length)]!;
    const at = Math.floor(random() * (s.length + 1));
    s = s.slice(0, at) + piece + s.slice(at);
  }
  return s;
}

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Statement ends (after the `;`) that hold at least one token, as SQLite sees them. */
function nonEmpty(script: string, ends: number[]): number[] {
  return ends.filter((end, i) => splitStatements(script.slice(i === 0 ? 0 : ends[i - 1], end), 'sqlite').length > 0);
}

test('the SQLite splitter ends statements where sqlite3_complete() does, on fixtures, a generated history and 3,000 mutants', () => {
  const base = [...sqliteMigrations(), ...TRIGGERS];
  expect(base.length).toBeGreaterThan(70);
  const random = seeded(20261207);
  const scripts = [...base];
  for (let i = 0; i < 3000; i++) scripts.push(mutate(base[i % base.length]!, random));
  const expected = sqliteEnds(scripts);
  const mismatches: string[] = [];
  scripts.forEach((script, i) => {
    const ours = splitStatements(script, 'sqlite').map((s) => s.offset + s.text.length);
    const theirs = nonEmpty(script, expected[i]!);
    // The last statement runs to the end of the text whether or not SQLite calls it complete.
    if (ours.length === theirs.length + 1) theirs.push(ours[ours.length - 1]!);
    if (JSON.stringify(ours) !== JSON.stringify(theirs)) mismatches.push(JSON.stringify(script));
  });
  expect(mismatches.slice(0, 5)).toEqual([]);
});
