import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './helpers/fixtures';
import { CLI_COMMAND, VERSION } from '../src/version';

// The release's inputs that no workflow can check before a tag is pushed: the package metadata,
// the changelog entry the release notes come from, and the single repository-name placeholder.

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown> & {
  version: string;
  files: string[];
  repository: { url: string };
};
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { releaseNotes } = require('../scripts/release-notes.js') as {
  releaseNotes: (changelog: string, version: string) => string | null;
};

test('package.json is publishable, with provenance', () => {
  expect(pkg.private).toBeUndefined();
  expect(pkg).toMatchObject({
    license: 'MIT',
    publishConfig: { provenance: true, access: 'public' },
    engines: { node: expect.stringMatching(/^>=20/) },
    bin: { 'prisma-drift-gate': 'bin/prisma-drift-gate.js' },
  });
  for (const key of ['repository', 'homepage', 'bugs', 'keywords']) expect(pkg[key]).toBeTruthy();
  expect(fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
});

test('the comment, the fixes and the README pin the CLI to package.json’s version', () => {
  expect(VERSION).toBe(pkg.version);
  expect(CLI_COMMAND).toBe(`npx prisma-drift-gate@${pkg.version}`);
  const pinned = [...readme.matchAll(/prisma-drift-gate@(\d[\w.-]*)/g)].map((m) => m[1]);
  expect(pinned.length).toBeGreaterThan(0);
  expect(new Set(pinned)).toEqual(new Set([pkg.version]));
});

test('the release notes come from the CHANGELOG entry of the version, and a missing one is refused', () => {
  const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
  expect(changelog).toMatch(/^## \[Unreleased\]$/m);
  const notes = releaseNotes(changelog, '0.1.0');
  expect(notes).toMatch(/^The first version/);
  expect(notes).not.toContain('## [');
  expect(releaseNotes(changelog, '9.9.9')).toBeNull();
  expect(releaseNotes('## [1.0.0]\n\n## [0.9.0]\n- x\n', '1.0.0')).toBeNull();
  const release = fs.readFileSync(path.join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8');
  expect(release).toContain('node scripts/release-notes.js "$GITHUB_REF_NAME" > notes.md');
});

test('the README names the repository through one marked placeholder, as package.json does', () => {
  const uses = [...readme.matchAll(/uses: (\S*prisma-drift-gate\S*)/g)].map((m) => m[1]!);
  expect(uses.length).toBeGreaterThanOrEqual(3);
  for (const u of uses) expect(u).toMatch(/^<owner>\/prisma-drift-gate@v1$/);
  expect(readme.match(/\*\*Placeholder: the repository name\.\*\*/g)).toHaveLength(1);
  expect(pkg.repository.url).toBe('git+https://github.com/<owner>/prisma-drift-gate.git');
});

test('the README documents versioning and compares the tool with the alternatives', () => {
  expect(readme).toMatch(/^## Versioning$/m);
  const compared = readme.split('## Compared with')[1]!.split('\n## ')[0]!;
  for (const name of ['prisma migrate diff', 'atlas-action', 'squawk']) expect(compared).toContain(name);
});
