import { fail, ok, type Result } from '../problem';
import type { ReviewFinding } from './types';

/** The conditions that can fail a check: drift, the data-loss warnings, any unsilenced review finding. */
export type FailCondition = 'drift' | 'data-loss' | 'review';
const CONDITIONS: FailCondition[] = ['drift', 'data-loss', 'review'];

/** `--fail-on` / the `fail-on` input: a comma-separated list; empty means nothing fails the check. */
export function parseFailOn(raw: string, source: string): Result<FailCondition[]> {
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = items.find((i) => !CONDITIONS.includes(i as FailCondition));
  if (bad)
    return fail(`${source}: unknown condition "${bad}"; expected a comma-separated list of drift, data-loss, review.`);
  return ok([...new Set(items as FailCondition[])]);
}

/** Which of the listed conditions hold. */
export function failedConditions(
  listed: FailCondition[],
  report: { drift: boolean | null; warnings: unknown[]; review: ReviewFinding[] },
): FailCondition[] {
  const holds: Record<FailCondition, boolean> = {
    drift: report.drift === true,
    'data-loss': report.warnings.length > 0,
    review: report.review.some((f) => !f.silenced),
  };
  return listed.filter((c) => holds[c]);
}
