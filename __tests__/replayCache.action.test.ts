import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../src/action/main';
import { copyFixture } from './helpers/fixtures';

/** The Action in this process, as a runner would start it for a push, with `cache-dir` set. */
async function runAction(workspace: string, cacheDir: string) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-action-cache-'));
  const vars: Record<string, string> = {
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_OUTPUT: path.join(tmp, 'output'),
    GITHUB_STEP_SUMMARY: path.join(tmp, 'summary'),
    'INPUT_CACHE-DIR': cacheDir,
    INPUT_COMMENT: 'false',
  };
  for (const f of [vars.GITHUB_OUTPUT!, vars.GITHUB_STEP_SUMMARY!]) fs.writeFileSync(f, '');
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    await run();
  } finally {
    spy.mockRestore();
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
  const exitCode = process.exitCode;
  process.exitCode = 0;
  const output = fs.readFileSync(vars.GITHUB_OUTPUT!, 'utf8');
  // name<<delimiter, value, delimiter: the delimiter is random, so compare the values.
  const outputs = Object.fromEntries(
    [...output.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)].map((m) => [m[1], m[3]]),
  );
  return { exitCode, outputs };
}

test('input cache-dir (relative to the workspace): the second run restores the chain and says the same', async () => {
  const workspace = copyFixture('sqlite-seed-drift');
  const cold = await runAction(workspace, '.drift-cache');
  const entries = fs.readdirSync(path.join(workspace, '.drift-cache')).filter((f) => f.endsWith('.replay'));
  expect(entries).toHaveLength(1);
  const entry = path.join(workspace, '.drift-cache', entries[0]!);
  const longAgo = new Date('2020-01-01T00:00:00Z');
  fs.utimesSync(entry, longAgo, longAgo);
  const warm = await runAction(workspace, '.drift-cache');
  // Restored (a restore marks the entry used), and nothing new to save.
  expect(fs.statSync(entry).mtimeMs).toBeGreaterThan(longAgo.getTime());
  expect(fs.readdirSync(path.join(workspace, '.drift-cache'))).toEqual(entries);
  expect(warm.exitCode).toBe(1);
  expect(warm.exitCode).toBe(cold.exitCode);
  expect(Object.keys(warm.outputs)).toEqual(expect.arrayContaining(['drift', 'result', 'migration-sql', 'report']));
  // The suggested folder is named after the clock's second: the one thing two runs may differ in.
  const stable = (o: unknown) => JSON.stringify(o).replace(/\d{14}_drift_fix/g, '<timestamp>_drift_fix');
  expect(stable(warm.outputs)).toBe(stable(cold.outputs));
});
