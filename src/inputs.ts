import * as core from '@actions/core';

export interface ActionInputs {
  command: 'check';
  schema?: string;
  migrations?: string;
  workingDirectory: string;
  failOnDrift: boolean;
}

/** Reads the Action's inputs once, into plain data; nothing reads inputs at import time. */
export function readInputs(): ActionInputs {
  const command = core.getInput('command') || 'check';
  if (command !== 'check') throw new InputError(`input "command": "${command}" is not available yet; use "check".`);
  const failOnDrift = (core.getInput('fail-on-drift') || 'true').toLowerCase();
  if (failOnDrift !== 'true' && failOnDrift !== 'false') throw new InputError(`input "fail-on-drift": expected true or false, got "${failOnDrift}".`);
  return {
    command,
    schema: core.getInput('schema') || undefined,
    migrations: core.getInput('migrations') || undefined,
    workingDirectory: core.getInput('working-directory') || '.',
    failOnDrift: failOnDrift === 'true',
  };
}

/** A bad input: reported as one line, never as a stack trace. */
export class InputError extends Error {}
