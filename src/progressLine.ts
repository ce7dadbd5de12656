import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { printable } from './printable';

/**
 * The one-line progress indicator of a long CLI run on a terminal: "replaying migration 12/170 …".
 * It is drawn on stderr from the steps the work already reports (watchdog.ts progress()),
 * synchronously, because wasm and native SQLite block the thread between two steps. The CLI
 * turns it on only for a terminal, without --json, outside CI and the Action (see cli.ts).
 */
export interface ProgressStep {
  doing: string;
  migration?: string;
  /** The migration's 1-based position in the chain, and the chain's length. */
  n?: number;
  of?: number;
}

/** A quick run says nothing: the line appears only after this long (ms since the process started). */
const DEFAULT_AFTER_MS = 1000;

let enabled = false;
let afterMs = DEFAULT_AFTER_MS;
let shown = false;
let last: { migration?: string; n?: number; of?: number } = {};

export function enableProgressLine(after = DEFAULT_AFTER_MS): void {
  enabled = true;
  afterMs = after;
}

export function drawProgress(step: ProgressStep): void {
  if (!enabled) return;
  // SQLite reports each statement of a migration without its position: keep the one it had.
  if (step.n !== undefined || step.migration !== last.migration)
    last = { migration: step.migration, n: step.n, of: step.of };
  if (performance.now() < afterMs) return;
  const count = step.migration && last.n !== undefined ? ` ${last.n}/${last.of}` : '';
  const what = step.migration ? `${step.doing} migration${count} ${step.migration}` : step.doing;
  const width = Math.max(20, (process.stderr.columns || 80) - 1);
  const text = printable(`prisma-drift-gate: ${what}`);
  write(`\r\x1b[K${text.length > width ? text.slice(0, width - 1) + '…' : text}`);
  shown = true;
}

/**
 * The short run that reports a timeout (bin/supervise.js) starts where the killed run's line
 * may still stand: its first output erases it too.
 */
export function takeOverProgressLine(): void {
  shown = true;
}

/** Before any other output: the report starts on a clean line. */
export function clearProgressLine(): void {
  if (!shown) return;
  shown = false;
  write('\r\x1b[K');
}

function write(s: string): void {
  try {
    fs.writeSync(2, s);
  } catch {
    // A closed terminal: the indicator is not worth failing for.
  }
}
