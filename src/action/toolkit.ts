import { issueCommand } from '@actions/core/lib/command';
import { issueFileCommand, prepareKeyValueMessage } from '@actions/core/lib/file-command';
import { summary } from '@actions/core/lib/summary';
import { toCommandProperties, toCommandValue } from '@actions/core/lib/utils';
import type { AnnotationProperties } from '@actions/core';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { withoutWorkflowCommands } from '../printable';

/**
 * The part of @actions/core and @actions/github's context that the Action uses, built on
 * @actions/core's own command modules. `import '@actions/core'` also loads its OIDC client
 * (@actions/http-client and undici): 80–150 ms of every run's start-up here, for a token we
 * never ask for. The same functions, the same workflow commands and output files.
 */
export const core = {
  getInput(name: string): string {
    return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '').trim();
  },
  setOutput(name: string, value: unknown): void {
    if (process.env['GITHUB_OUTPUT']) {
      issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value));
      return;
    }
    process.stdout.write(os.EOL);
    issueCommand('set-output', { name }, toCommandValue(value));
  },
  setSecret(secret: string): void {
    issueCommand('add-mask', {}, secret);
  },
  setFailed(message: string): void {
    process.exitCode = 1;
    core.error(message);
  },
  error(message: string, properties: AnnotationProperties = {}): void {
    issueCommand('error', toCommandProperties(properties), message);
  },
  warning(message: string, properties: AnnotationProperties = {}): void {
    issueCommand('warning', toCommandProperties(properties), message);
  },
  info(message: string): void {
    process.stdout.write(withoutWorkflowCommands(message) + os.EOL);
  },
  summary,
};

interface EventPayload {
  pull_request?: { number: number; base?: { sha?: string } };
  repository?: { name: string; owner: { login: string } };
  [key: string]: unknown;
}

let payload: EventPayload | undefined;

/** @actions/github's `context`, read when first asked: the event, its payload and the repository. */
export const context = {
  get eventName(): string {
    return process.env.GITHUB_EVENT_NAME ?? '';
  },
  get payload(): EventPayload {
    const file = process.env.GITHUB_EVENT_PATH;
    payload ??= file && fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as EventPayload) : {};
    return payload;
  },
  get repo(): { owner: string; repo: string } {
    const [owner, repo] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
    if (owner && repo) return { owner, repo };
    const r = context.payload.repository;
    if (r) return { owner: r.owner.login, repo: r.name };
    throw new Error("context.repo requires a GITHUB_REPOSITORY environment variable like 'owner/repo'");
  },
};
