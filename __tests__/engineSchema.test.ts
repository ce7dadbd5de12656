import { declaredExtensions, schemaForEngine } from '../src/schema/engineSchema';
import { readProvider } from '../src/schema/provider';
import { shownFrom } from '../src/problem';

const file = (content: string) => [{ path: '/p/schema.prisma', content }];

test('drops url/directUrl/shadowDatabaseUrl and unknown preview features, keeping every line', () => {
  const content = [
    'generator client {',
    '  provider        = "prisma-client-js"',
    '  previewFeatures = [',
    '    "metrics",',
    '    "views"',
    '  ]',
    '}',
    'datasource db {',
    '  provider          = "postgresql"',
    '  url               = env("DATABASE_URL")',
    '  directUrl         = env("DIRECT_URL")',
    '  shadowDatabaseUrl = env("SHADOW")',
    '}',
    '// url = "kept, it is a comment"',
  ].join('\n');
  const [out] = schemaForEngine(file(content));
  expect(out!.content.split('\n')).toHaveLength(content.split('\n').length);
  expect(out!.content).not.toMatch(/env\(/);
  expect(out!.content).toMatch(/previewFeatures = \["views"\]/);
  expect(out!.content).not.toMatch(/metrics/);
  expect(out!.content).toMatch(/provider {10}= "postgresql"/);
  expect(out!.content.split('\n')[13]).toBe('// url = "kept, it is a comment"');
});

test('reads the provider of the uncommented datasource; a problem names its absolute file and line', () => {
  const r = readProvider(
    file('// datasource db {\n//   provider = "mysql"\n// }\ndatasource db {\n  provider = "sqlite" // local\n}\n'),
  );
  expect(r).toEqual({ ok: true, value: { provider: 'sqlite' } });
  const bad = readProvider(file('// provider = "sqlite"\ndatasource db {\n  provider = "oracle"\n}\n'));
  expect(bad.ok ? undefined : shownFrom(bad.problem, '/p')).toEqual({
    file: 'schema.prisma',
    line: 3,
    message: 'schema.prisma:3: unknown provider "oracle". Use "sqlite" or "postgresql".',
  });
  expect(bad.ok ? undefined : bad.problem.file).toBe('/p/schema.prisma');
});

test('extensions declared in the datasource, with map names', () => {
  expect(
    declaredExtensions(
      file(
        'datasource db {\n  provider = "postgresql"\n  extensions = [pgcrypto, uuidOssp(map: "uuid-ossp", schema: "ext"), citext(schema: "public")]\n}\n',
      ),
    ),
  ).toEqual(['pgcrypto', 'uuid-ossp', 'citext']);
});
