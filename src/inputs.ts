import * as core from '@actions/core';

export interface ActionInputs {
  command: 'check';
  schema?: string;
  migrations?: string;
  workingDirectory: string;
  shadowDatabaseUrl?: string;
  githubToken?: string;
  comment: boolean;
  failOnDrift: boolean;
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
  if (githubToken) core.setSecret(githubToken);
  if (shadowDatabaseUrl) core.setSecret(shadowDatabaseUrl);

  const command = core.getInput('command') || 'check';
  if (command !== 'check') throw new InputError(`input "command": "${command}" is not available yet; use "check".`);
  const migrationName = core.getInput('migration-name') || 'drift_fix';
  if (!/^[A-Za-z0-9_]+$/.test(migrationName)) throw new InputError(`input "migration-name": "${migrationName}" may hold only letters, digits and _, as it becomes part of a folder name.`);
  return {
    command,
    schema: core.getInput('schema') || undefined,
    migrations: core.getInput('migrations') || undefined,
    workingDirectory: core.getInput('working-directory') || '.',
    shadowDatabaseUrl,
    githubToken,
    comment: bool('comment', true),
    failOnDrift: bool('fail-on-drift', true),
    migrationName,
    integrity: integrity(),
  };
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
