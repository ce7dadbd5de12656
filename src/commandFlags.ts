/**
 * Which command each option belongs to; shared by the CLI's flags and the Action's inputs
 * (they have the same names), so `deploy --drift` or `command: resolve` with `dry-run: true`
 * is a one-line error instead of being silently ignored.
 */
export const FLAGS_OF: Record<string, string[]> = {
  check: ['write', 'base', 'shadow-database-url', 'shadow-schema-mode', 'fail-on', 'review-all', 'cache-dir'],
  deploy: ['database-url', 'dry-run', 'allow-edited', 'lock-timeout'],
  status: ['database-url', 'drift'],
  resolve: ['database-url', 'applied', 'rolled-back', 'lock-timeout'],
};

/** The first option given (not undefined, not false) that belongs to another command. */
export function misplacedFlag(command: string, values: Record<string, unknown>): string | undefined {
  const mine = new Set(FLAGS_OF[command]);
  const all = new Set(Object.values(FLAGS_OF).flat());
  return [...all].find((flag) => !mine.has(flag) && values[flag] !== undefined && values[flag] !== false);
}

/** `--lock-timeout` / input `lock-timeout-seconds`: seconds, a positive number; undefined when not given. */
export function parseLockTimeout(raw: string | undefined, name: string): number | string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw.trim());
  if (!Number.isFinite(n) || n <= 0 || n > 86_400)
    return `${name}: expected a number of seconds between 0 and 86400, got "${raw}".`;
  return n;
}
