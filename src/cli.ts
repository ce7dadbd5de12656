import { withoutWorkflowCommands } from './printable';
import { parseArgs } from 'node:util';
import { displayPath } from './problem';
import { renderMigrationFile, writeMigration } from './write';
import { checkProject, exitCodeOf, type CheckOutcome } from './check';
import { renderCheckText } from './report/text';
import { scrubText } from './maskUrl';
import { misplacedFlag, parseLockTimeout } from './commandFlags';
import { VERSION } from './version';
import { parseFailOn, type FailCondition } from './review/failOn';
import { clearProgressLine, enableProgressLine, takeOverProgressLine } from './progressLine';
import { EnginePanic } from './engine/panic';

const USAGE =
  `Usage: prisma-drift-gate check [--schema <file|folder> …] [--migrations <dir>] [--base <git-ref>] ` +
  `[--shadow-database-url <url>] [--json] [--write <name>]
                          [--fail-on drift,data-loss,review] [--review-all] [--cache-dir <dir>]
       prisma-drift-gate deploy [--schema …] [--migrations <dir>] [--dry-run] [--allow-edited] [--lock-timeout <s>]
                                [--json]
       prisma-drift-gate status [--schema …] [--migrations <dir>] [--drift] [--json]
       prisma-drift-gate resolve (--applied <migration> | --rolled-back <migration>) [--json]

Replays prisma/migrations into a throwaway database (SQLite or embedded PostgreSQL),
diffs it with the Prisma schema using Prisma's own engine, and prints the migration
that fixes any drift. --write <name> saves it as <migrations>/<timestamp>_<name>/migration.sql.
--base <git-ref> also checks the history against that branch: edited, deleted, renamed
or out-of-order migrations, and a changed migration_lock.toml.
--shadow-database-url (or SHADOW_DATABASE_URL) replays PostgreSQL histories on a real
server, in a temporary database that is dropped afterwards. The server must be disposable:
the pull request's SQL runs there with the URL's role. --shadow-schema-mode replays in a
temporary schema where the role may not create databases (SQL can leave a schema).
--cache-dir <dir> keeps the replayed database per migration chain (a hash over the checksums):
the next check restores the longest cached prefix and replays only the rest. Same answer, cold
or warm; a damaged or foreign entry is discarded with a note. Bounded (256 MiB, oldest first).
--schema may be given once per schema (monorepos): one report each (--json: one object per
line), the worst exit code.
The deploy-risk review reads the migrations new since --base and the suggestion as Prisma
deploys them (locks, rewrites, drops; README "Deploy risks"); --review-all reads the whole
history. --fail-on lists what exits 1: drift (the default), data-loss, review.

Exit codes: 0 in sync (or nothing listed in --fail-on held), 1 a --fail-on condition held,
2 broken input or migration chain.
--timeout <seconds> (default 600) bounds the whole command, for every command; past it, the
command stops, names the migration and statement in flight, and exits 2.

deploy applies pending migrations to the database in DATABASE_URL (or the schema's
url = env("…"), or prisma.config.ts datasource.url), sharing _prisma_migrations with
prisma migrate deploy. --dry-run prints the plan and changes nothing. status lists
applied/pending/failed/edited/unknown migrations; --drift also compares the live database
with its applied migrations. resolve records a migration as applied (baselining) or a
failed one as rolled back. --lock-timeout <seconds> (default 10) bounds the wait for a
concurrent deploy's lock. Prefer the environment to --database-url <url>: arguments
show up in ps and shell history.
Exit codes: deploy/resolve 0 done, 2 refused or failed; status 0 up to date, 1 behind or
drifted, 2 errors.`;

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  color: boolean;
  /** stderr is a terminal outside CI and the Action: long runs may draw a progress line there. */
  progress?: boolean;
}

const OPTIONS = {
  schema: { type: 'string', multiple: true },
  migrations: { type: 'string' },
  json: { type: 'boolean', default: false },
  write: { type: 'string' },
  'fail-on': { type: 'string' },
  'review-all': { type: 'boolean', default: false },
  base: { type: 'string' },
  'shadow-database-url': { type: 'string' },
  'database-url': { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  'allow-edited': { type: 'boolean', default: false },
  drift: { type: 'boolean', default: false },
  applied: { type: 'string' },
  'rolled-back': { type: 'string' },
  'lock-timeout': { type: 'string' },
  timeout: { type: 'string' },
  'shadow-schema-mode': { type: 'boolean', default: false },
  'cache-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', default: false },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];
type Command = 'check' | 'deploy' | 'status' | 'resolve';

/** Runs the CLI and returns its exit code. Every expected failure is a one-line message. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    // Node's parser explains over several lines; one line keeps the contract (and a log greppable).
    const message = (e as Error).message.replace(/\.?\s*\n\s*/g, '. ').replace(/\.+$/, '');
    io.stderr(`error: ${message}. Run prisma-drift-gate --help.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    io.stdout(USAGE + '\n');
    return values.help || command === 'help' ? 0 : 2;
  }
  const usage = usageError(command, rest, values);
  if (usage) {
    io.stderr(`error: ${usage}\n`);
    return 2;
  }
  if (io.progress && !values.json) enableProgressLine(Number(process.env.PRISMA_DRIFT_GATE_PROGRESS_AFTER_MS) || 1000);
  if (io.progress && !values.json && process.env.PRISMA_DRIFT_GATE_TIMED_OUT) takeOverProgressLine();
  return command === 'check' ? runCheckCommand(values, io) : runDeploy(command as Command, values, io);
}

/** What is wrong with the command line, in one line, or undefined. */
function usageError(command: string, rest: string[], values: Values): string | undefined {
  if (command !== 'check' && command !== 'deploy' && command !== 'status' && command !== 'resolve') {
    return `unknown command "${command}". Run prisma-drift-gate --help.`;
  }
  if (rest.length > 0) {
    const hint =
      command === 'resolve'
        ? `Name the migration with --applied ${rest[0]} or --rolled-back ${rest[0]}.`
        : 'Pass the schema with --schema <path>.';
    return `unexpected argument "${rest[0]}". ${hint}`;
  }
  if (command !== 'check' && (values.schema?.length ?? 0) > 1) {
    return `--schema is given ${values.schema!.length} times; ${command} works on one schema at a time.`;
  }
  const misplaced = misplacedFlag(command, values);
  if (misplaced) return `--${misplaced} does not apply to ${command}. Run prisma-drift-gate --help.`;
  if (typeof parseLockTimeout(values['lock-timeout'], '--lock-timeout') === 'string')
    return parseLockTimeout(values['lock-timeout'], '--lock-timeout') as string;
  if (values.timeout !== undefined && !(Number(values.timeout) > 0)) {
    return `--timeout needs a number of seconds above 0, e.g. --timeout 600 (got "${values.timeout}").`;
  }
  if (values['cache-dir'] === '') return '--cache-dir needs a folder, e.g. --cache-dir .prisma-drift-gate-cache.';
  if (command === 'check' && values.write !== undefined && !/\w/.test(values.write)) {
    return '--write needs a migration name, e.g. --write add_last_updated.';
  }
  return undefined;
}

async function runDeploy(command: Command, values: Values, io: CliIo): Promise<number> {
  // Loaded here, not at start-up: a check (the common run) never needs the deploy code.
  const { deployExitCode, runDeployCommand } = await import('./deploy/run');
  const { renderDeployText } = await import('./report/deployText');
  const report = await runDeployCommand(command as 'deploy' | 'status' | 'resolve', {
    cwd: io.cwd,
    schema: values.schema?.[0],
    migrations: values.migrations,
    databaseUrl: values['database-url'],
    dryRun: values['dry-run'],
    allowEdited: values['allow-edited'],
    drift: values.drift,
    resolve: { applied: values.applied, rolledBack: values['rolled-back'] },
    lockTimeoutSeconds: parseLockTimeout(values['lock-timeout'], '--lock-timeout') as number | undefined,
  });
  if (values.json) io.stdout(JSON.stringify(report, null, 2) + '\n');
  else (report.errors.length > 0 ? io.stderr : io.stdout)(renderDeployText(report));
  return deployExitCode(report);
}

/**
 * One check per `--schema` (monorepos), one report after another; with several, `--json` prints one
 * object per line. The exit code is the worst of them.
 */
async function runCheckCommand(values: Values, io: CliIo): Promise<number> {
  const failOn = parseFailOn(values['fail-on'] ?? 'drift', '--fail-on');
  if (!failOn.ok) {
    io.stderr(`error: ${failOn.problem.message}\n`);
    return 2;
  }
  const schemas = values.schema ?? [undefined];
  let worst = 0;
  const saves: NonNullable<CheckOutcome['saveCache']>[] = [];
  for (const schema of schemas) {
    const code = await checkOneSchema(schema, { values, failOn: failOn.value, saves }, io, schemas.length > 1);
    worst = Math.max(worst, code);
  }
  // After every report is out: the verdict never waits for the replay cache, and saving never changes it.
  for (const save of saves) {
    const note = await save();
    if (note) io.stderr(`note: ${note}\n`);
  }
  return worst;
}

async function checkOneSchema(
  schema: string | undefined,
  { values, failOn, saves }: { values: Values; failOn: FailCondition[]; saves: (() => Promise<string | undefined>)[] },
  io: CliIo,
  several: boolean,
) {
  const { report, migrationsDir, migrationFolder, saveCache } = await checkProject({
    cwd: io.cwd,
    schema,
    migrations: values.migrations,
    base: values.base,
    shadowDatabaseUrl: values['shadow-database-url'],
    shadowSchemaMode: values['shadow-schema-mode'],
    env: process.env,
    migrationName: values.write,
    review: values['review-all'] ? 'all' : 'pull-request',
    failOn,
    cacheDir: values['cache-dir'],
  });
  if (saveCache) saves.push(saveCache);
  if (values.json) io.stdout(JSON.stringify(report, null, several ? undefined : 2) + '\n');
  else if (report.errors.length > 0) io.stderr(renderCheckText(report, { color: io.color }));
  else io.stdout(renderCheckText(report, { color: io.color }));
  const code = exitCodeOf(report);
  if (!migrationFolder || code === 2 || !report.drift || !report.roundTrip.ok || !migrationsDir) return code;
  const folder = migrationFolder;
  const content = renderMigrationFile(report.sql, report.warnings);
  const written = writeMigration(migrationsDir, folder, content, report.provider!);
  if (!written.ok) {
    io.stderr(`error: ${written.problem.message}\n`);
    return 2;
  }
  // Keep stdout pure JSON under --json.
  (values.json ? io.stderr : io.stdout)(`Wrote ${displayPath(written.value, io.cwd)}\n`);
  return code;
}

/** Never in CI logs (CI, the Action's GITHUB_ACTIONS) nor when stderr is a file or a pipe. */
function progressWanted(): boolean {
  const ci = process.env.CI;
  const inCi = (ci !== undefined && ci !== '' && !/^(0|false)$/i.test(ci)) || process.env.GITHUB_ACTIONS === 'true';
  return Boolean(process.stderr.isTTY) && !inCi;
}

/** Database URLs that may appear in an unexpected error; they are masked before printing. */
function scrubSecrets(text: string, argv: string[]): string {
  return scrubText(text, [
    process.env.DATABASE_URL,
    process.env.SHADOW_DATABASE_URL,
    ...argv.filter((a) => /^[a-z][a-z0-9+.-]*:/i.test(a)),
  ]);
}

/** The process entry: a bug becomes one line and exit 2, never a stack trace (unless asked for). */
export async function main(): Promise<void> {
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  try {
    process.exitCode = await runCli(process.argv.slice(2), {
      stdout: (s) => {
        clearProgressLine();
        process.stdout.write(withoutWorkflowCommands(s));
      },
      stderr: (s) => {
        clearProgressLine();
        process.stderr.write(withoutWorkflowCommands(s));
      },
      cwd: process.cwd(),
      color,
      progress: progressWanted(),
    });
  } catch (e) {
    if (e instanceof EnginePanic) {
      // Not ours to debug: the one line already says what happened and where to report it.
      process.stderr.write(`error: ${scrubSecrets(e.message, process.argv)}.\n`);
      process.exitCode = 2;
      return await exitWhenFlushed();
    }
    const detail = scrubSecrets(
      String(process.env.PRISMA_DRIFT_GATE_DEBUG ? (e as Error).stack : ((e as Error)?.message ?? e)),
      process.argv,
    );
    process.stderr.write(
      `error: internal error in prisma-drift-gate: ${detail}. Please report it (set PRISMA_DRIFT_GATE_DEBUG=1 for ` +
        `details).\n`,
    );
    process.exitCode = 2;
  }
  await exitWhenFlushed();
}

/**
 * Exit as soon as the output is written. Every database is closed by now, but V8 would
 * otherwise finish optimising wasm (PGlite, the engine) in the background before exiting:
 * about 0.3 s on Node 20 and 0.7 s on Node 24, for nothing.
 */
export async function exitWhenFlushed(): Promise<never> {
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  await new Promise<void>((resolve) => process.stderr.write('', () => resolve()));
  process.exit();
}
