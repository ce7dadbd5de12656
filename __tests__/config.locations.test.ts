import * as fs from 'node:fs';
import * as path from 'node:path';
import { exitCodeOf, runCheck } from '../src/check';
import { findPrismaConfig } from '../src/config/prismaConfig';
import * as os from 'node:os';
import { fixture } from './helpers/fixtures';

const copyLocation = (name: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pdg-config-${name}-`));
  fs.cpSync(fixture(name), dir, { recursive: true });
  return dir;
};

// Prisma 7.10's @prisma/config (loadConfigFromFile) search order: prisma7.config.* and
// .config/prisma7.* first, then prisma.config.*, .config/prisma.* and .config/prisma.config.*,
// each of the latter also as a folder holding index.*; extensions .js, .ts, .mjs, .cjs, .mts,
// .cts in that order. Each fixtures/config-<case> keeps its project in db/, so only the right config finds it;
// where a decoy config exists, it points nowhere.
const LOCATIONS: [string, string][] = [
  ['prisma7-config', 'prisma7.config.ts'],
  ['dot-config-prisma7', '.config/prisma7.ts'],
  ['prisma-config', 'prisma.config.ts'],
  ['prisma-config-folder', 'prisma.config/index.ts'],
  ['dot-config-prisma', '.config/prisma.ts'],
  ['dot-config-prisma-folder', '.config/prisma/index.ts'],
  ['dot-config-prisma-config', '.config/prisma.config.ts'],
  ['js-before-ts', 'prisma.config.js'],
];

test.each(LOCATIONS)('%s: %s is the config, and its paths resolve from its own folder', async (name, config) => {
  const cwd = fixture(`config-${name}`);
  expect(findPrismaConfig(cwd)).toBe(path.join(cwd, config));
  const r = await runCheck({ cwd });
  expect(r.errors).toEqual([]);
  expect(r.config).toBe(config);
  expect(r.notes).toBeUndefined();
  expect(r.schema).toEqual(['db/schema.prisma']);
  expect(r.migrationsDir).toBe('db/migrations');
  expect(exitCodeOf(r)).toBe(0);
});

test('a folder or a file named like a config that is not one is passed over', () => {
  const dir = copyLocation('config-prisma-config');
  fs.mkdirSync(path.join(dir, 'prisma7.config.ts')); // a folder, not a file
  fs.mkdirSync(path.join(dir, '.config', 'prisma7'), { recursive: true }); // prisma7 takes no index.*
  fs.writeFileSync(path.join(dir, '.config', 'prisma7', 'index.ts'), 'export default {}\n');
  expect(findPrismaConfig(dir)).toBe(path.join(dir, 'prisma.config.ts'));
});

const REFUSED = (option: string) =>
  `prisma.config.ts: The \`${option}\` configuration requires \`experimental.externalTables\` to be set to \`true\`.`;

test.each([
  ['tables.external', "  tables: { external: ['audit_log'] },\n"],
  ['enums.external', "  enums: { external: ['mood'] },\n"],
  ['migrations.initShadowDb', ''],
])('%s without experimental.externalTables: exit 2 with Prisma 7.10 wording', async (option, extra) => {
  const dir = copyLocation('bad-config-external-without-flag');
  const file = path.join(dir, 'prisma.config.ts');
  let body = fs.readFileSync(file, 'utf8').replace(/ {2}tables: .*\n/, extra);
  if (option === 'migrations.initShadowDb')
    body = body.replace("path: 'db/migrations' }", "path: 'db/migrations', initShadowDb: 'SELECT 1;' }");
  fs.writeFileSync(file, body);
  const r = await runCheck({ cwd: dir });
  expect(exitCodeOf(r)).toBe(2);
  expect(r.errors.map((e) => e.message)).toEqual([REFUSED(option)]);
  // Negative control: the same config with the flag is accepted.
  fs.writeFileSync(
    file,
    body.replace('defineConfig({\n', 'defineConfig({\n  experimental: { externalTables: true },\n'),
  );
  const accepted = await runCheck({ cwd: dir });
  expect(accepted.errors).toEqual([]);
  expect(exitCodeOf(accepted)).toBe(0);
});

test('the committed fixture without the flag is refused, also when read by the literal fallback', async () => {
  const cwd = fixture('bad-config-external-without-flag');
  const r = await runCheck({ cwd });
  expect(r.errors.map((e) => e.message)).toEqual([REFUSED('tables.external')]);
  // Named like every other path in the report: relative to the working directory.
  expect(r.errors[0]!.file).toBe('prisma.config.ts');
  const dir = copyLocation('bad-config-external-without-flag');
  const file = path.join(dir, 'prisma.config.ts');
  fs.writeFileSync(file, "import './not-installed'\n" + fs.readFileSync(file, 'utf8'));
  const fallback = await runCheck({ cwd: dir });
  expect(fallback.errors.map((e) => e.message)).toEqual([REFUSED('tables.external')]);
});
