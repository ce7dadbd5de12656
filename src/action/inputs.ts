import { core } from './toolkit';
import { misplacedFlag, parseLockTimeout } from '../commandFlags';
import { secretsOf } from '../maskUrl';
import { parseFailOn, type FailCondition } from '../review/failOn';

export interface ActionInputs {
  command: 'check' | 'deploy' | 'status' | 'resolve';
  /** deploy/status/resolve: overrides DATABASE_URL from the environment. */
  databaseUrl?: string;
  dryRun: boolean;
  allowEdited: boolean;
  drift: boolean;
  applied?: string;
  rolledBack?: string;
  /** deploy/resolve: seconds to wait for a concurrent deploy's lock. */
  lockTimeoutSeconds?: number;
  schema?: string;
  /** check: every path of the `schema` input, one a line (monorepos); empty when not given. */
  schemas: string[];
  migrations?: string;
  workingDirectory: string;
  shadowDatabaseUrl?: string;
  shadowSchemaMode: boolean;
  /** check: the replay cache's folder (input `cache-dir`), relative to the workspace. */
  cacheDir?: string;
  githubToken?: string;
  comment: boolean;
  failOnDrift: boolean;
  /** The deploy-risk review (input `review`, default true). */
  review: boolean;
  /** Input `fail-on`; `fail-on-drift: false` takes `drift` out of it. */
  failOn: FailCondition[];
  migrationName: string;
  integrity: 'auto' | 'required' | 'off';
}

/** A bad input: reported as one line, never as a stack trace. */
export class InputError extends Error {}

/**
 * Reads the Action's inputs once, into plain data; nothing reads inputs at import time.
 * Secrets are masked before anything else can print them.
 */
export function readInputs(): ActionInputs {
  const githubToken = core.getInput('github-token') || undefined;
  const shadowDatabaseUrl = core.getInput('shadow-database-url') || undefined;
  const databaseUrl = core.getInput('database-url') || undefined;
  if (githubToken) core.setSecret(githubToken);
  for (const url of [shadowDatabaseUrl, databaseUrl, process.env.DATABASE_URL, process.env.SHADOW_DATABASE_URL])
    maskDatabaseUrl(url);

  const command = commandInput();
  const migrationName = core.getInput('migration-name') || 'drift_fix';
  if (!/^[A-Za-z0-9_]+$/.test(migrationName))
    throw new InputError(
      `input "migration-name": "${migrationName}" may hold only letters, digits and _, as it becomes part of a ` +
        `folder name.`,
    );
  const given = {
    'database-url': databaseUrl,
    'shadow-database-url': shadowDatabaseUrl,
    'shadow-schema-mode': bool('shadow-schema-mode', false),
    'dry-run': bool('dry-run', false),
    'allow-edited': bool('allow-edited', false),
    drift: bool('drift', false),
    applied: core.getInput('applied') || undefined,
    'rolled-back': core.getInput('rolled-back') || undefined,
    'lock-timeout': core.getInput('lock-timeout-seconds') || undefined,
    'cache-dir': core.getInput('cache-dir') || undefined,
  };
  const schemas = schemaInput(command);
  checkTimeout();
  const misplaced = misplacedFlag(command, given);
  if (misplaced)
    throw new InputError(
      `input "${misplaced === 'lock-timeout' ? 'lock-timeout-seconds' : misplaced}" does not apply to command ` +
        `"${command}"; remove it or change the command.`,
    );
  return {
    command,
    databaseUrl,
    dryRun: bool('dry-run', false),
    allowEdited: bool('allow-edited', false),
    drift: bool('drift', false),
    applied: core.getInput('applied') || undefined,
    rolledBack: core.getInput('rolled-back') || undefined,
    lockTimeoutSeconds: lockTimeout(given['lock-timeout']),
    schema: schemas[0],
    schemas,
    migrations: core.getInput('migrations') || undefined,
    workingDirectory: core.getInput('working-directory') || '.',
    shadowDatabaseUrl,
    shadowSchemaMode: bool('shadow-schema-mode', false),
    cacheDir: given['cache-dir'],
    githubToken,
    comment: bool('comment', true),
    failOnDrift: bool('fail-on-drift', true),
    review: bool('review', true),
    failOn: failOn(bool('fail-on-drift', true)),
    migrationName,
    integrity: integrity(),
  };
}

function commandInput(): ActionInputs['command'] {
  const command = core.getInput('command') || 'check';
  if (command !== 'check' && command !== 'deploy' && command !== 'status' && command !== 'resolve')
    throw new InputError(`input "command": expected check, deploy, status or resolve, got "${command}".`);
  return command;
}

/** The supervisor (dist/launch.js) enforces the limit; the value is checked here so a typo is an error. */
function checkTimeout(): void {
  const timeout = core.getInput('timeout-seconds');
  if (timeout !== '' && !(Number(timeout) > 0))
    throw new InputError(`input "timeout-seconds": expected a number of seconds above 0, got "${timeout}".`);
}

/** `schema`: one path a line; several only for check (each gets its own check and comment). */
function schemaInput(command: string): string[] {
  const schemas = core
    .getInput('schema')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (schemas.length > 1 && command !== 'check')
    throw new InputError(
      `input "schema": ${command} works on one schema at a time, got ${schemas.length}; use one step per schema.`,
    );
  return schemas;
}

function failOn(failOnDrift: boolean): FailCondition[] {
  const parsed = parseFailOn(core.getInput('fail-on').trim() || 'drift', 'input "fail-on"');
  if (!parsed.ok) throw new InputError(parsed.problem.message);
  return failOnDrift ? parsed.value : parsed.value.filter((c) => c !== 'drift');
}

function lockTimeout(raw: string | undefined): number | undefined {
  const seconds = parseLockTimeout(raw, 'input "lock-timeout-seconds"');
  if (typeof seconds === 'string') throw new InputError(seconds);
  return seconds;
}

function integrity(): ActionInputs['integrity'] {
  const raw = core.getInput('integrity').trim() || 'auto';
  if (raw === 'auto' || raw === 'required' || raw === 'off') return raw;
  throw new InputError(`input "integrity": expected auto, required or off, got "${raw}".`);
}

function bool(name: string, fallback: boolean): boolean {
  const raw = core.getInput(name).trim().toLowerCase();
  if (raw === '') return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new InputError(`input "${name}": expected true or false, got "${raw}".`);
}

/** The whole URL and every secret inside it (password, ?password=): a driver error could echo either. */
function maskDatabaseUrl(url: string | undefined): void {
  if (url) for (const secret of secretsOf(url)) core.setSecret(secret);
}
