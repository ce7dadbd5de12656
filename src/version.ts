/**
 * This package's version, read from package.json. A require of JSON, not a file read: ncc inlines
 * it into dist/index.js, so the Action's bundle carries the version it was built from, and lib/version.js
 * finds ../package.json, the package's own. The lint rules against require() aim at project modules (imports
 * hidden from the cycle check); this is data.
 */
// eslint-disable-next-line no-restricted-syntax, @typescript-eslint/no-require-imports
export const VERSION = (require('../package.json') as { version: string }).version;

/**
 * How the PR comment and the fixes tell people to run the CLI. Pinned to this version, so the suggestion and the
 * Action (or CLI) that made it agree. It works with nothing installed (npx fetches that version) and with the
 * package as a devDependency of the same version (npx then runs the local one, without asking the registry).
 */
export const CLI_COMMAND = `npx prisma-drift-gate@${VERSION}`;
