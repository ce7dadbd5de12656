/**
 * Expected failures travel as values, not exceptions: a broken migration or a bad
 * input is an answer the user needs, not a crash. Exceptions are kept for bugs.
 */
import * as path from 'node:path';
import { printable } from './printable';

export interface Problem {
  /** What went wrong and what to do, on one line. */
  message: string;
  migration?: string;
  file?: string;
  line?: number;
  statement?: string;
}

export type Result<T, P extends Problem = Problem> = { ok: true; value: T } | { ok: false; problem: P };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const fail = <T = never>(problem: Problem | string): Result<T> => ({
  ok: false,
  problem: typeof problem === 'string' ? { message: problem } : problem,
});

/** Paths in every message are relative to the working directory, with forward slashes. */
export function displayPath(absolute: string, cwd: string): string {
  const rel = path.relative(cwd, absolute) || '.';
  // Folder and file names come from the repository: a newline in one must not split a message.
  return printable(rel.split(path.sep).join('/'));
}
