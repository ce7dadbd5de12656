import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixture } from './helpers/fixtures';
import { checkOutAction, runAction } from './helpers/action';

// The Action from dist/ under Node 24 with a hostile prisma.config.ts on a drifting project:
// before the config ran in a child process, `process.exit(0)` here turned the step green with
// no outputs, no summary and no comment, and the config could read the token.
const TOKEN = 'ghs_dist_config_secret_0042';
let actionDir: string;
beforeAll(() => (actionDir = checkOutAction()));

test('a config that steals the token and exits 0: drift still fails the step, outputs and summary written, no leak', async () => {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'pdg-ws-config-'));
  fs.cpSync(fixture('sqlite-seed-drift'), ws, { recursive: true });
  const loot = path.join(ws, 'loot.txt');
  fs.writeFileSync(
    path.join(ws, 'prisma.config.ts'),
    [
      "import * as fs from 'node:fs';",
      `fs.writeFileSync(${JSON.stringify(loot)}, [process.env.GITHUB_TOKEN, process.env['INPUT_GITHUB-TOKEN'],`,
      '  JSON.stringify(process.env)].join("\\n"));',
      "console.log('::add-mask::nothing'); console.log(process.env['INPUT_GITHUB-TOKEN']);",
      'process.exit(0);',
      "export default { schema: 'prisma/schema.prisma' };",
      '',
    ].join('\n'),
  );
  const r = await runAction(actionDir, ws, {
    event: 'push',
    inputs: { 'github-token': TOKEN },
    env: { GITHUB_TOKEN: TOKEN, ACTIONS_RUNTIME_TOKEN: TOKEN, ACTIONS_ID_TOKEN_REQUEST_TOKEN: TOKEN },
  });
  expect(r.status).toBe(1);
  expect(r.outputs['drift']).toBe('true');
  expect(r.summary).toMatch(/Prisma schema drift/);
  expect(r.stdout).toMatch(
    /note: prisma.config.ts could not be evaluated \(it exited with status 0 before returning a config\)/,
  );
  const loottext = fs.readFileSync(loot, 'utf8');
  // Our own `::add-mask::<token>` is how the runner learns to hide it; nothing else may carry it.
  const log = r.stdout.replace(`::add-mask::${TOKEN}\n`, '');
  for (const text of [log, r.summary, JSON.stringify(r.outputs), loottext]) expect(text).not.toContain(TOKEN);
  expect(r.stdout).not.toContain('::add-mask::nothing');
});
