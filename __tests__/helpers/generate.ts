import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { ROOT } from './fixtures';

/**
 * bench/generate.js writes the engine's own SQL per table (not committed: generated here). It
 * runs in its own process on the built lib/, as the bench runs it; a second call reuses the
 * folder.
 */
export function generateHistory(root: string, provider: string, n: number): string {
  const script = `require(${JSON.stringify(path.join(ROOT, 'bench', 'generate.js'))})
    .generate(${JSON.stringify(root)}, ${JSON.stringify(provider)}, ${n}).then((d) => console.log(d))`;
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 240_000 }).trim();
}
