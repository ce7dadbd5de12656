import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture } from './fixtures';
import { Repo } from './gitRepo';

export const RISKY = '20240301000000_risky';

/**
 * fixtures/pg-review as a pull request: main has the init migration, the branch adds an index and a
 * foreign key on existing tables, and its schema renames User.name to fullName without a migration.
 */
export function reviewPullRequest(): { repo: Repo; base: string } {
  const repo = Repo.init();
  fs.cpSync(path.join(fixture('pg-review'), 'prisma'), path.join(repo.dir, 'prisma'), { recursive: true });
  const risky = repo.read(`prisma/migrations/${RISKY}/migration.sql`);
  fs.rmSync(path.join(repo.dir, 'prisma', 'migrations', RISKY), { recursive: true });
  const base = repo.commit('base');
  repo.git('checkout', '-q', '-b', 'pr');
  repo.migration(RISKY, risky);
  repo.commit('pr');
  return { repo, base };
}
