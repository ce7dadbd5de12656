import { emptyCheckReport, type CheckReport } from '../src/check';
import { renderCheckText } from '../src/report/text';

const base: CheckReport = {
  ...emptyCheckReport(),
  drift: false,
  provider: 'sqlite',
  schema: ['prisma/schema.prisma'],
  migrationsDir: 'prisma/migrations',
  migrations: [{ name: '20240101000000_init', checksum: 'x', durationMs: 1 }],
};

test('in sync reads as a pass only when nothing else fails the check', () => {
  expect(renderCheckText(base)).toMatch(
    /^✓ in sync \(sqlite\): prisma\/schema\.prisma vs 1 migration in prisma\/migrations\n/,
  );
  const withHistoryError: CheckReport = {
    ...base,
    findings: [
      {
        code: 'edited',
        severity: 'error',
        migration: '20240101000000_init',
        message: 'changed after it was merged.',
        fix: 'git checkout abc -- x',
      },
    ],
  };
  const text = renderCheckText(withHistoryError);
  expect(text).toContain(
    '\n✓ schema in sync (sqlite): prisma/schema.prisma vs 1 migration in prisma/migrations; but the migration history has errors (above)\n',
  );
  expect(text).not.toMatch(/^✓ in sync/m);
});
