import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Migration } from './load';
import { splitStatements } from '../sql/tokens';
import { lockedProviderIn } from '../schema/lockFile';
import type { Provider } from '../schema/provider';
import { fail, ok, type Result } from '../problem';
import { Git, gitBlobId, refRejection } from './git';
import { baseLabel, type Surface } from '../surface';
import { addSecond, utcStamp } from './timestamps';
import { CLI_COMMAND } from '../version';

export type FindingCode =
  'edited' | 'deleted' | 'renamed' | 'out-of-order' | 'lock-changed' | 'empty' | 'non-standard-name';

export interface Finding {
  code: FindingCode;
  severity: 'error' | 'warning';
  migration: string;
  message: string;
  /** What to run or do, from the repository root. */
  fix: string;
}

const TIMESTAMPED = /^(\d{14})_(.*)$/s;
const normalise = (sql: string) => sql.replace(/\r\n/g, '\n');
const isEmpty = (m: Migration, provider: Provider) => splitStatements(m.sql, provider).length === 0;

/** Checks that need no base: a migration with nothing to run. */
export function localFindings(chain: Migration[], provider: Provider): Finding[] {
  return chain.filter((m) => isEmpty(m, provider)).map((m) => emptyFinding(m.name));
}

/**
 * Compares the PR's history with the base branch, as `prisma migrate deploy` will later
 * compare it with a database that has the base's migrations applied. Edited and deleted
 * migrations are judged against the merge-base (so migrations merged to the base since the
 * branch was cut do not look deleted); order against the base tip.
 */
export function compareWithBase(
  baseRef: string,
  chain: Migration[],
  migrationsDir: string,
  provider: Provider,
  surface: Surface = 'cli',
): Result<{ findings: Finding[]; fresh: string[] }> {
  const opened = openBase(baseRef, migrationsDir, surface);
  if (!opened.ok) return opened;
  const { git, tip, mergeBase } = opened.value;
  const rel = path.relative(git.root, migrationsDir).split(path.sep).join('/');
  const atMergeBase = git.tree(mergeBase, rel);
  const atTip = git.tree(tip, rel);
  const view: BaseView = {
    git,
    chain,
    atMergeBase,
    atTip,
    short: mergeBase.slice(0, 12),
    q: (name: string) => JSON.stringify(`${rel}/${name}`),
    fresh: chain.filter((m) => !atMergeBase.has(`${m.name}/migration.sql`) && !atTip.has(`${m.name}/migration.sql`)),
  };
  const findings = baseMigrationFindings(view);
  findings.push(...freshMigrationFindings(view, findings, provider));
  findings.push(...lockFindings(view, migrationsDir));
  // The pull request's own migrations are also the ones the deploy-risk review reads.
  return ok({ findings, fresh: view.fresh.map((m) => m.name) });
}

/** The history as the base has it, next to the pull request's. */
interface BaseView {
  git: Git;
  chain: Migration[];
  /** Migration file blobs by `<name>/migration.sql`, at the merge-base and at the base's tip. */
  atMergeBase: Map<string, string>;
  atTip: Map<string, string>;
  /** The merge-base's short hash, for the fixes. */
  short: string;
  /** A path under the migrations folder, quoted for a shell command. */
  q: (name: string) => string;
  /** Migrations neither the merge-base nor the tip has: the pull request's own. */
  fresh: Migration[];
}

const migrationNames = (tree: Map<string, string>) =>
  [...tree.keys()].filter((k) => k.endsWith('/migration.sql')).map((k) => k.slice(0, -'/migration.sql'.length));

const REF_FIX = 'Give a branch, tag or commit name, e.g. --base origin/main.';

function openBase(
  baseRef: string,
  migrationsDir: string,
  surface: Surface,
): Result<{ git: Git; tip: string; mergeBase: string }> {
  // Refused before git runs: the ref is quoted (a newline in it cannot split the line).
  const rejected = refRejection(baseRef);
  if (rejected) return fail(`${baseLabel(surface, JSON.stringify(baseRef))} is not a git ref: ${rejected}. ${REF_FIX}`);
  const label = baseLabel(surface, baseRef);
  const git = Git.open(migrationsDir);
  if (!git) {
    return fail(
      `${label}: ${path.basename(migrationsDir)} is not inside a git checkout, so the base cannot be read. ` +
        `Run in a clone (in GitHub Actions: actions/checkout with fetch-depth: 0).`,
    );
  }
  const tip = git.ensureCommit(baseRef);
  if (!tip) {
    return fail(
      `${label}: no such commit here, and fetching it from origin failed. Fetch the base branch (in GitHub ` +
        `Actions: actions/checkout with fetch-depth: 0).`,
    );
  }
  const head = git.commit('HEAD');
  const mergeBase = head ? git.mergeBase(tip, head) : undefined;
  if (!mergeBase) {
    return fail(
      `${label}: no common history with HEAD, even after deepening the shallow clone. Use a full clone (in ` +
        `GitHub Actions: actions/checkout with fetch-depth: 0).`,
    );
  }
  return ok({ git, tip, mergeBase });
}

/** Edited, deleted and renamed migrations, judged against the merge-base. */
function baseMigrationFindings(view: BaseView): Finding[] {
  const { git, atMergeBase, short, q, fresh } = view;
  const mine = new Map(view.chain.map((m) => [m.name, m]));
  const baseSql = (name: string) => normalise(git.blob(atMergeBase.get(`${name}/migration.sql`)!) ?? '');
  const findings: Finding[] = [];
  const baseNames = migrationNames(atMergeBase);
  for (const name of baseNames) {
    const m = mine.get(name);
    if (m) {
      if (gitBlobId(m.text) !== atMergeBase.get(`${name}/migration.sql`) && normalise(m.text) !== baseSql(name)) {
        findings.push({
          code: 'edited',
          severity: 'error',
          migration: name,
          message:
            `Migration \`${name}\` was changed after it was merged (it differs from ${short}). Databases ` +
            `that already applied it will refuse the next deploy ("migration was modified after it was applied").`,
          fix:
            `git checkout ${short} -- ${q(`${name}/migration.sql`)}\n# then put the change in a new migration: ` +
            `${CLI_COMMAND} check --write <name>`,
        });
      }
      continue;
    }
    const renamedTo = fresh.find((f) => normalise(f.text) === baseSql(name));
    findings.push(
      renamedTo
        ? {
            code: 'renamed',
            severity: 'error',
            migration: name,
            message:
              `Migration \`${name}\` was renamed to \`${renamedTo.name}\`. Databases that applied it would ` +
              `apply it again under the new name.`,
            fix: `git mv ${q(renamedTo.name)} ${q(name)}`,
          }
        : {
            code: 'deleted',
            severity: 'error',
            migration: name,
            message:
              `Migration \`${name}\` exists on the base (${short}) but not here. Databases that applied it ` +
              `will report it as missing.`,
            fix: `git checkout ${short} -- ${q(name)}`,
          },
    );
  }
  return findings;
}

/** The pull request's own migrations: order against the base's tip, names, emptiness. */
function freshMigrationFindings(view: BaseView, earlier: Finding[], provider: Provider): Finding[] {
  const { q } = view;
  const findings: Finding[] = [];
  const renamed = new Set(
    earlier.filter((f) => f.code === 'renamed').map((f) => /git mv "(?:[^"]*\/)?([^"/]+)"/.exec(f.fix)?.[1]),
  );
  const tipNames = migrationNames(view.atTip).sort((a, b) => a.localeCompare(b));
  const newest = tipNames[tipNames.length - 1];
  let next = newest ? TIMESTAMPED.exec(newest)?.[1] : undefined;
  for (const m of view.fresh) {
    if (renamed.has(m.name)) continue;
    if (newest && m.name.localeCompare(newest) < 0) {
      next = addSecond(next ?? utcStamp(new Date()));
      const target = `${next}_${TIMESTAMPED.exec(m.name)?.[2] ?? m.name}`;
      findings.push({
        code: 'out-of-order',
        severity: 'error',
        migration: m.name,
        message:
          `New migration \`${m.name}\` sorts before \`${newest}\`, the newest migration on the base. ` +
          `\`prisma migrate deploy\` would see a history that diverges from the databases (the two branches each ` +
          `added a migration).`,
        fix: `git mv ${q(m.name)} ${q(target)}`,
      });
    } else if (!TIMESTAMPED.test(m.name)) {
      findings.push({
        code: 'non-standard-name',
        severity: 'warning',
        migration: m.name,
        message:
          `New migration \`${m.name}\` is not named \`<14-digit timestamp>_<name>\` as Prisma names them, so ` +
          `its place in the order is easy to get wrong.`,
        fix: `git mv ${q(m.name)} ${q(`${utcStamp(new Date())}_${m.name}`)}`,
      });
    }
    if (isEmpty(m, provider)) findings.push(emptyFinding(m.name));
  }

  return findings;
}

function lockFindings(view: BaseView, migrationsDir: string): Finding[] {
  const { git, atMergeBase, short, q } = view;
  const findings: Finding[] = [];
  const baseLock = atMergeBase.get('migration_lock.toml');
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  if (baseLock && fs.existsSync(lockPath)) {
    const before = lockedProviderIn(git.blob(baseLock) ?? '');
    const after = lockedProviderIn(fs.readFileSync(lockPath, 'utf8'));
    if (before && after && before !== after) {
      findings.push({
        code: 'lock-changed',
        severity: 'error',
        migration: 'migration_lock.toml',
        message:
          `migration_lock.toml changed its provider from "${before}" to "${after}". The history was written ` +
          `for ${before}; a provider switch needs a new history, not an edit.`,
        fix: `git checkout ${short} -- ${q('migration_lock.toml')}`,
      });
    }
  }
  return findings;
}

const emptyFinding = (name: string): Finding => ({
  code: 'empty',
  severity: 'warning',
  migration: name,
  message: `Migration \`${name}\` holds only comments or whitespace.`,
  fix: 'Add the SQL it was meant to hold, or delete the folder if it has not been merged.',
});
