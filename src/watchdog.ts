import * as fs from 'node:fs';
import { pathSlot, type Problem } from './problem';
import { splitStatements, statementHead } from './sql/tokens';
import { drawProgress } from './progressLine';

/**
 * The child side of bin/supervise.js. Before each step that could wait without end, the step
 * is written to the supervisor's pipe (fd 3), synchronously: when the step then blocks the
 * thread (native SQLite, wasm), the supervisor already knows what to name when it kills us.
 */
export interface Step {
  /** What is being done, as a phrase: "replaying", "diffing the schema with the engine". */
  doing: string;
  migration?: string;
  /**
   * Absolute: the short run that reports a timeout reads the file again, and its working directory
   * need not be the one the path would be relative to; the report shows it relative (shownFrom).
   */
  file?: string;
  line?: number;
  statement?: string;
  /** The migration's 1-based position in the chain, and the chain's length (the progress line). */
  n?: number;
  of?: number;
}

const fd = Number(process.env.PRISMA_DRIFT_GATE_PROGRESS_FD) || undefined;

export function progress(step: Step): void {
  drawProgress(step);
  if (fd === undefined) return;
  try {
    fs.writeSync(fd, JSON.stringify(step) + '\n');
  } catch {
    // The supervisor is gone; nothing to tell.
  }
}

/**
 * A migration sent as one script (PostgreSQL) reports no statement while it runs. Once it timed
 * out, its file is read again: a file of one statement names it, and any other says how many.
 * This costs nothing unless a run timed out.
 */
function statementOf(file: string): { statement?: string; line?: number; among?: string } {
  let sql: string;
  try {
    sql = fs.readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  const statements = splitStatements(sql.replace(/^\uFEFF/, ''), 'postgresql');
  if (statements.length === 1) return { statement: statementHead(statements[0]!.text), line: statements[0]!.line };
  return { among: `one of its ${statements.length} statements: the file runs as one script` };
}

/** Set by the supervisor for the short run that reports a timeout through the normal outputs. */
export function timedOutProblem(): Problem | undefined {
  const raw = process.env.PRISMA_DRIFT_GATE_TIMED_OUT;
  if (!raw) return undefined;
  const { seconds, last } = JSON.parse(raw) as { seconds: number; last: string };
  let step: Step = { doing: 'starting' };
  try {
    step = JSON.parse(last) as Step;
  } catch {
    // Killed before the first step was written.
  }
  const found = step.migration && step.file && !step.statement ? statementOf(step.file) : {};
  step = { ...step, ...found };
  const at = step.statement ? ` at \`${step.statement}\`` : found.among ? ` (${found.among})` : '';
  const where = step.file ? ` (${pathSlot(step.file)}${step.line ? `:${step.line}` : ''})` : '';
  const what = step.migration ? `${step.doing} migration "${step.migration}"${at}${where}` : `${step.doing}${where}`;
  return {
    migration: step.migration,
    file: step.file,
    line: step.line,
    statement: step.statement,
    message:
      `timed out after ${seconds} s while ${what}. If it is only slow, raise the limit (--timeout, or the ` +
      `Action's timeout-seconds); if it never ends (a recursive query, a sleep), fix the statement.`,
  };
}
