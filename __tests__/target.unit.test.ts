import { pickDatabaseUrl, resolveTarget } from '../src/deploy/target';
import { maskUrl, scrubText } from '../src/maskUrl';

const schema = (datasource: string) => [
  { path: '/p/prisma/schema.prisma', content: `datasource db {\n  provider = "postgresql"\n${datasource}\n}\n` },
];

test('directUrl wins over url, as in Prisma migrate (a pooler URL cannot hold the advisory lock)', () => {
  const files = schema('  url = env("DATABASE_URL")\n  directUrl = env("DIRECT_URL")');
  expect(
    pickDatabaseUrl({
      env: { DATABASE_URL: 'postgresql://pool/db', DIRECT_URL: 'postgresql://direct/db' },
      schemaFiles: files,
    }),
  ).toEqual({ ok: true, value: { url: 'postgresql://direct/db', source: 'environment variable DIRECT_URL' } });
  expect(pickDatabaseUrl({ env: { DATABASE_URL: 'postgresql://pool/db' }, schemaFiles: files })).toEqual({
    ok: false,
    problem: {
      message:
        'environment variable DIRECT_URL is not set (the schema\'s datasource directUrl = env("DIRECT_URL")). Set it, or pass --database-url.',
    },
  });
});

test('a variable the schema names is never replaced by DATABASE_URL; the flag and the config come first', () => {
  const files = schema('  url = env("PROD_DATABASE_URL")');
  expect(pickDatabaseUrl({ env: { DATABASE_URL: 'postgresql://other/db' }, schemaFiles: files }).ok).toBe(false);
  expect(
    pickDatabaseUrl({ flag: 'postgresql://flag/db', config: 'postgresql://config/db', env: {}, schemaFiles: files }),
  ).toMatchObject({ value: { source: '--database-url' } });
  expect(pickDatabaseUrl({ config: 'postgresql://config/db', env: {}, schemaFiles: files })).toMatchObject({
    value: { source: 'prisma.config.ts datasource.url' },
  });
  expect(pickDatabaseUrl({ env: { DATABASE_URL: 'file:./x.db' }, schemaFiles: schema('') })).toMatchObject({
    value: { url: 'file:./x.db' },
  });
});

test('file: paths resolve from the schema folder and are used as written', () => {
  expect(resolveTarget('file:./100%.db', 'DATABASE_URL', '/p/prisma')).toMatchObject({
    value: { provider: 'sqlite', file: '/p/prisma/100%.db' },
  });
  expect(resolveTarget('file:../data/app.db?connection_limit=1', 'DATABASE_URL', '/p/prisma')).toMatchObject({
    value: { file: '/p/data/app.db' },
  });
});

test('masking covers the userinfo password and ?password=, in URLs and in any text', () => {
  expect(maskUrl('postgresql://u:s3cret@h:5432/db?schema=app')).toBe('postgresql://u:***@h:5432/db?schema=app');
  expect(maskUrl('postgresql://u@h/db?password=s3cret&sslmode=require')).toBe(
    'postgresql://u@h/db?password=***&sslmode=require',
  );
  expect(scrubText('failed: postgresql://u:s3cret@h/db and again s3cret', ['postgresql://u:s3cret@h/db'])).toBe(
    'failed: postgresql://u:***@h/db and again ***',
  );
});
