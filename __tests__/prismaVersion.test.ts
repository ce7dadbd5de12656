import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectPrismaVersion } from '../src/schema/prismaVersion';

/** A temp tree from a map of relative paths to contents. */
function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-version-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

const pkg = (deps: Record<string, string>, field = 'devDependencies') => JSON.stringify({ name: 'app', [field]: deps });

test.each([
  [
    'package-lock.json (v3)',
    'package-lock.json',
    JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/prisma': { version: '5.22.0' } } }),
  ],
  [
    'package-lock.json (v1)',
    'package-lock.json',
    JSON.stringify({ lockfileVersion: 1, dependencies: { prisma: { version: '5.22.0' } } }),
  ],
  [
    'pnpm-lock.yaml (v9)',
    'pnpm-lock.yaml',
    "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    devDependencies:\n      prisma:\n        specifier: ^5.1.0\n" +
      "        version: 5.22.0\n\npackages:\n\n  '@prisma/client@5.22.0':\n    resolution: {}\n\n  prisma@5.22.0:\n" +
      '    resolution: {}\n',
  ],
  [
    'pnpm-lock.yaml (v6)',
    'pnpm-lock.yaml',
    "lockfileVersion: '6.0'\n\npackages:\n\n  /@prisma/engines@5.22.0:\n    dev: true\n\n  /prisma@5.22.0:\n" +
      '    resolution: {integrity: sha512-x}\n',
  ],
  [
    'yarn.lock (v1)',
    'yarn.lock',
    '"@prisma/client@^6.0.0":\n  version "6.1.0"\n\nprisma@^5.1.0, prisma@^5.20.0:\n  version "5.22.0"\n  resolved "x"\n',
  ],
  [
    'yarn.lock (berry)',
    'yarn.lock',
    '__metadata:\n  version: 8\n\n"prisma@npm:^5.1.0":\n  version: 5.22.0\n  resolution: "prisma@npm:5.22.0"\n',
  ],
  [
    'bun.lock',
    'bun.lock',
    '{\n  "lockfileVersion": 1,\n  "packages": {\n    "@prisma/client": ["@prisma/client@6.1.0", "", {}, "x"],\n' +
      '    "prisma": ["prisma@5.22.0", "", {}, "sha512-x"],\n  },\n}\n',
  ],
])('%s: the installed version, not the range', (_label, lockfile, content) => {
  const dir = tree({ 'package.json': pkg({ prisma: '^5.1.0' }), [lockfile]: content, 'prisma/schema.prisma': '' });
  expect(detectPrismaVersion([path.join(dir, 'prisma')])).toEqual({ version: '5.22.0', source: lockfile });
});

test('a workspace package: its package.json, the lockfile at the root, its own nested install first', () => {
  const lock = {
    lockfileVersion: 3,
    packages: {
      'node_modules/prisma': { version: '6.3.0' },
      'apps/api/node_modules/prisma': { version: '5.22.0' },
    },
  };
  const dir = tree({
    'package.json': JSON.stringify({ name: 'root', workspaces: ['apps/*'] }),
    'package-lock.json': JSON.stringify(lock),
    'apps/api/package.json': pkg({ prisma: '5.22.0' }),
    'apps/web/package.json': pkg({ prisma: '^6.3.0' }),
  });
  expect(detectPrismaVersion([path.join(dir, 'apps/api/prisma')])).toEqual({
    version: '5.22.0',
    source: 'package-lock.json',
  });
  expect(detectPrismaVersion([path.join(dir, 'apps/web/prisma')])?.version).toBe('6.3.0');
});

test('without a lockfile the range gives the major; @prisma/client when prisma is not declared', () => {
  const dir = tree({ 'package.json': pkg({ '@prisma/client': '~5.9.1' }, 'dependencies') });
  expect(detectPrismaVersion([dir])).toEqual({ version: '5.9.1', source: 'package.json' });
});

test('unknown: no declaration, a tag instead of a range, or a broken package.json', () => {
  expect(detectPrismaVersion([tree({ 'package.json': pkg({ react: '^18.0.0' }) })])).toBeUndefined();
  expect(detectPrismaVersion([tree({ 'package.json': pkg({ prisma: 'latest' }) })])).toBeUndefined();
  expect(detectPrismaVersion([tree({ 'package.json': '{ "devDependencies": ' })])).toBeUndefined();
});

test('the schema folder first, then the config folder', () => {
  const dir = tree({ 'config/package.json': pkg({ prisma: '5.0.0' }), 'db/schema.prisma': '' });
  expect(detectPrismaVersion([path.join(dir, 'db'), path.join(dir, 'config')])?.version).toBe('5.0.0');
});

test('a lockfile that is not a regular file is not read (a FIFO would block)', () => {
  const dir = tree({ 'package.json': pkg({ prisma: '^5.1.0' }) });
  execFileSync('mkfifo', [path.join(dir, 'package-lock.json')]);
  expect(detectPrismaVersion([dir])).toEqual({ version: '5.1.0', source: 'package.json' });
});
