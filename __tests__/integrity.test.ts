import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exitCodeOf, runCheck } from '../src/check';
import { baseRepo, INIT_SQL, LOCK, Repo, schemaWith, TAGS_SQL } from './helpers/gitRepo';

const check = (repo: Repo, base = 'main', cwd = repo.dir) => runCheck({ cwd, base });
const codes = (r: Awaited<ReturnType<typeof check>>) => r.findings.map((f) => `${f.code}:${f.migration}`);
/** Runs the fix's commands (comment lines are advice for people) from the repository root. */
const applyFix = (repo: Repo, fix: string) =>
  repo.sh(
    fix
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .join('\n'),
  );

test('an edited merged migration: error, exit 2 even though the schema is in sync; the fix clears it', async () => {
  const { repo } = baseRepo();
  repo.migration('20240101000000_init', INIT_SQL + '\nCREATE INDEX "User_email_idx" ON "User"("email");\n');
  repo.commit('edit init');
  const r = await check(repo);
  expect(codes(r)).toEqual(['edited:20240101000000_init']);
  expect(r.findings[0]!.severity).toBe('error');
  expect(r.findings[0]!.fix).toMatch(
    /^git checkout [0-9a-f]{12} -- "prisma\/migrations\/20240101000000_init\/migration\.sql"/,
  );
  expect(exitCodeOf(r)).toBe(2);
  expect(r.drift).not.toBeNull();
  applyFix(repo, r.findings[0]!.fix);
  expect((await check(repo)).findings).toEqual([]);
});

test('a CRLF-only edit is not an edit, as Prisma accepts it', async () => {
  const { repo } = baseRepo();
  repo.migration('20240101000000_init', INIT_SQL.replace(/\n/g, '\r\n'));
  repo.commit('crlf');
  const r = await check(repo);
  expect(r.findings).toEqual([]);
  expect(exitCodeOf(r)).toBe(0);
});

test('a deleted merged migration; the fix restores it', async () => {
  const { repo } = baseRepo();
  repo.git('rm', '-q', '-r', 'prisma/migrations/20240201000000_add_posts');
  repo.write('prisma/schema.prisma', schemaWith());
  repo.commit('delete posts migration');
  const r = await check(repo);
  expect(codes(r)).toEqual(['deleted:20240201000000_add_posts']);
  applyFix(repo, r.findings[0]!.fix);
  expect((await check(repo)).findings).toEqual([]);
});

test('a renamed merged migration; the fix renames it back', async () => {
  const { repo } = baseRepo();
  repo.git('mv', 'prisma/migrations/20240201000000_add_posts', 'prisma/migrations/20240202000000_posts');
  repo.commit('rename');
  const r = await check(repo);
  expect(codes(r)).toEqual(['renamed:20240201000000_add_posts']);
  expect(r.findings[0]!.fix).toBe(
    'git mv "prisma/migrations/20240202000000_posts" "prisma/migrations/20240201000000_add_posts"',
  );
  applyFix(repo, r.findings[0]!.fix);
  expect((await check(repo)).findings).toEqual([]);
});

describe('two branches each add a migration', () => {
  function conflict() {
    const { repo } = baseRepo();
    // The PR adds an older-stamped migration...
    repo.migration('20240301000000_add_tags', TAGS_SQL);
    repo.write('prisma/schema.prisma', schemaWith('post', 'tag'));
    repo.commit('pr: tags');
    // ...while main merged a newer one after the branch was cut.
    repo.git('checkout', '-q', 'main');
    repo.migration(
      '20240401000000_add_comments',
      '-- CreateTable\nCREATE TABLE "Comment" ("id" INTEGER NOT NULL PRIMARY KEY);\n',
    );
    repo.commit('main: comments');
    repo.git('checkout', '-q', 'pr');
    return repo;
  }

  test('on the branch: out of order against the base tip, and main\'s new migration is not "deleted"', async () => {
    const repo = conflict();
    const r = await check(repo);
    expect(codes(r)).toEqual(['out-of-order:20240301000000_add_tags']);
    expect(r.findings[0]!.fix).toBe(
      'git mv "prisma/migrations/20240301000000_add_tags" "prisma/migrations/20240401000001_add_tags"',
    );
    applyFix(repo, r.findings[0]!.fix);
    expect((await check(repo)).findings).toEqual([]);
  });

  test('after merging main into the branch (what the PR merge commit looks like)', async () => {
    const repo = conflict();
    repo.git('merge', '-q', '--no-edit', 'main');
    const r = await check(repo);
    expect(codes(r)).toEqual(['out-of-order:20240301000000_add_tags']);
    applyFix(repo, r.findings[0]!.fix);
    const after = await check(repo);
    expect(after.findings).toEqual([]);
    expect(after.migrations.map((m) => m.name).slice(-2)).toEqual([
      '20240401000000_add_comments',
      '20240401000001_add_tags',
    ]);
  });
});

test('a changed migration_lock.toml provider', async () => {
  const { repo } = baseRepo();
  repo.write('prisma/migrations/migration_lock.toml', LOCK.replace('sqlite', 'postgresql'));
  repo.write('prisma/schema.prisma', schemaWith('post').replace('"sqlite"', '"postgresql"'));
  repo.commit('switch provider');
  const r = await check(repo);
  expect(codes(r)).toContain('lock-changed:migration_lock.toml');
  applyFix(repo, r.findings.find((f) => f.code === 'lock-changed')!.fix);
  repo.write('prisma/schema.prisma', schemaWith('post'));
  expect((await check(repo)).findings).toEqual([]);
});

test('an empty new migration and a non-standard name are warnings, not failures', async () => {
  const { repo } = baseRepo();
  repo.migration('20240301000000_noop', '-- nothing to do yet\n\n');
  repo.migration('zz_add_tags', TAGS_SQL);
  repo.write('prisma/schema.prisma', schemaWith('post', 'tag'));
  repo.commit('warnings');
  const r = await check(repo);
  expect(r.findings.map((f) => `${f.code}:${f.severity}`).sort()).toEqual([
    'empty:warning',
    'non-standard-name:warning',
  ]);
  expect(exitCodeOf(r)).toBe(0);
  applyFix(repo, r.findings.find((f) => f.code === 'non-standard-name')!.fix);
  fs.rmSync(path.join(repo.dir, 'prisma/migrations/20240301000000_noop'), { recursive: true });
  expect((await check(repo)).findings).toEqual([]);
});

test('without --base only the base-free checks run', async () => {
  const { repo } = baseRepo();
  repo.migration('20240301000000_noop', '/* later */\n');
  const r = await runCheck({ cwd: repo.dir });
  expect(codes(r)).toEqual(['empty:20240301000000_noop']);
});

test('a shallow clone fetches the base and deepens until it finds the merge-base', async () => {
  const { repo, base } = baseRepo();
  for (let i = 0; i < 3; i++) {
    repo.write(`notes/${i}.txt`, String(i));
    repo.commit(`pr work ${i}`);
  }
  repo.migration('20240101000000_init', INIT_SQL + '-- edited\n');
  repo.commit('edit init');
  const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-shallow-'));
  new Repo(os.tmpdir()).git('clone', '-q', '--depth=1', '--branch=pr', `file://${repo.dir}`, clone);
  const shallow = new Repo(clone);
  expect(shallow.git('rev-parse', '--is-shallow-repository')).toBe('true');
  const r = await check(shallow, base);
  expect(codes(r)).toEqual(['edited:20240101000000_init']);
});

test('a base that cannot be read: required is exit 2 saying what to set; optional is a note', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-nogit-'));
  fs.cpSync(path.join(__dirname, '..', 'fixtures', 'sqlite-in-sync'), dir, { recursive: true });
  const required = await runCheck({ cwd: dir, base: 'main' });
  expect(exitCodeOf(required)).toBe(2);
  expect(required.errors[0]!.message).toMatch(/not inside a git checkout.*fetch-depth: 0/);
  const optional = await runCheck({ cwd: dir, base: 'main', baseRequired: false });
  expect(exitCodeOf(optional)).toBe(0);
  expect(optional.integritySkipped).toMatch(/not inside a git checkout/);
});

test('findings are reported even when the replay then fails', async () => {
  const { repo } = baseRepo();
  repo.migration('20240101000000_init', 'CREATE TABLE "User" (oops;\n');
  repo.commit('break init');
  const r = await check(repo);
  expect(codes(r)).toEqual(['edited:20240101000000_init']);
  expect(r.errors[0]!.migration).toBe('20240101000000_init');
  expect(r.drift).toBeNull();
});
