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

/**
 * A path inside a message. The core knows absolute paths only; the report shows each one relative
 * to the working directory (`shownFrom`). A slot is the absolute path between two private-use
 * characters, so that messages still compose by plain concatenation, as they always have.
 */
export const pathSlot = (absolute: string): string => `\uE000${absolute}\uE001`;

const SLOT = /\uE000([^\uE001]*)\uE001/g;

/** The text with every path slot replaced by its display path. */
export const showPaths = (text: string, cwd: string): string =>
  text.replace(SLOT, (_, p: string) => displayPath(p, cwd));

/** A problem as the report shows it: its message's path slots and its absolute `file` made relative to `cwd`. */
export function shownFrom<P extends Problem>(problem: P, cwd: string): P {
  const file = problem.file !== undefined && path.isAbsolute(problem.file) ? displayPath(problem.file, cwd) : undefined;
  return { ...problem, message: showPaths(problem.message, cwd), ...(file !== undefined ? { file } : {}) };
}
