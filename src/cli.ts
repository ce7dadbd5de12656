import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { displayPath } from './problem';
import { migrationFolderName, renderMigrationFile, writeMigration } from './write';
import { exitCodeOf, runCheck } from './check';
import { renderCheckText } from './report/text';

const USAGE = `Usage: prisma-drift-gate check [--schema <file|folder>] [--migrations <dir>] [--base <git-ref>] [--shadow-database-url <url>] [--json] [--write <name>]

Replays prisma/migrations into a throwaway database (SQLite or embedded PostgreSQL),
diffs it with the Prisma schema using Prisma's own engine, and prints the migration
that fixes any drift. --write <name> saves it as <migrations>/<timestamp>_<name>/migration.sql.
--base <git-ref> also checks the history against that branch: edited, deleted, renamed
or out-of-order migrations, and a changed migration_lock.toml.
--shadow-database-url (or SHADOW_DATABASE_URL) replays PostgreSQL histories on a real
server, in a temporary database that is dropped afterwards.

Exit codes: 0 in sync, 1 drift, 2 broken input or migration chain.`;

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  color: boolean;
}

/** Runs the CLI and returns its exit code. Every expected failure is a one-line message. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        schema: { type: 'string' },
        migrations: { type: 'string' },
        json: { type: 'boolean', default: false },
        write: { type: 'string' },
        base: { type: 'string' },
        'shadow-database-url': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    io.stderr(`error: ${(e as Error).message}. Run prisma-drift-gate --help.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    io.stdout(`${(require('../package.json') as { version: string }).version}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    io.stdout(USAGE + '\n');
    return values.help || command === 'help' ? 0 : 2;
  }
  if (command !== 'check') {
    io.stderr(`error: unknown command "${command}". Run prisma-drift-gate --help.\n`);
    return 2;
  }
  if (rest.length > 0) {
    io.stderr(`error: unexpected argument "${rest[0]}". Pass the schema with --schema <path>.\n`);
    return 2;
  }
  if (values.write !== undefined && !/\w/.test(values.write)) {
    io.stderr('error: --write needs a migration name, e.g. --write add_last_updated.\n');
    return 2;
  }
  const shadowDatabaseUrl = values['shadow-database-url'] ?? process.env.SHADOW_DATABASE_URL;
  const report = await runCheck({ cwd: io.cwd, schema: values.schema, migrations: values.migrations, base: values.base, shadowDatabaseUrl });
  if (values.json) io.stdout(JSON.stringify(report, null, 2) + '\n');
  else if (report.errors.length > 0) io.stderr(renderCheckText(report, { color: io.color }));
  else io.stdout(renderCheckText(report, { color: io.color }));
  const code = exitCodeOf(report);
  if (values.write !== undefined && code === 1 && report.roundTrip.ok) {
    const migrationsDir = path.resolve(io.cwd, report.migrationsDir!);
    const existing = fs.existsSync(migrationsDir) ? fs.readdirSync(migrationsDir) : [];
    const folder = migrationFolderName(values.write, existing);
    const written = writeMigration(migrationsDir, folder, renderMigrationFile(report.sql, report.warnings), report.provider!);
    if (!written.ok) {
      io.stderr(`error: ${written.problem.message}\n`);
      return 2;
    }
    // Keep stdout pure JSON under --json.
    (values.json ? io.stderr : io.stdout)(`Wrote ${displayPath(written.value, io.cwd)}\n`);
  }
  return code;
}

/** The process entry: a bug becomes one line and exit 2, never a stack trace (unless asked for). */
export async function main(): Promise<void> {
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  try {
    process.exitCode = await runCli(process.argv.slice(2), {
      stdout: (s) => process.stdout.write(s),
      stderr: (s) => process.stderr.write(s),
      cwd: process.cwd(),
      color,
    });
  } catch (e) {
    const detail = process.env.PRISMA_DRIFT_GATE_DEBUG ? (e as Error).stack : (e as Error)?.message ?? String(e);
    process.stderr.write(`error: internal error in prisma-drift-gate: ${detail}. Please report it (set PRISMA_DRIFT_GATE_DEBUG=1 for details).\n`);
    process.exitCode = 2;
  }
}
