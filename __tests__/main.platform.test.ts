import { run } from '../src/action/main';

test('on a runner that is not linux-x64 the step fails with one clear line', async () => {
  const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
  const writes: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    writes.push(String(chunk));
    return true;
  });
  Object.defineProperty(process, 'platform', { value: 'darwin' });
  try {
    await run();
  } finally {
    Object.defineProperty(process, 'platform', platform);
    spy.mockRestore();
  }
  expect(process.exitCode).toBe(1);
  process.exitCode = 0;
  expect(writes.join('')).toMatch(
    /^::error::prisma-drift-gate runs on linux-x64 runners \(e\.g\. ubuntu-latest\); this runner is darwin-x64\.$/m,
  );
});
