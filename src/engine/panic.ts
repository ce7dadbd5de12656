import { printable } from '../printable';

/**
 * The engine's version, as a user reports it: our pin in package.json (the engine package does not export its
 * own). Data, required as version.ts requires it, so that ncc inlines it into the Action's bundle.
 */
// eslint-disable-next-line no-restricted-syntax, @typescript-eslint/no-require-imports
const PACKAGE = require('../../package.json') as { dependencies: Record<string, string> };
const ENGINE_VERSION = PACKAGE.dependencies['@prisma/schema-engine-wasm'];

/** What each engine method is doing, in the words of the message. */
const DOING: Record<string, string> = {
  diff: 'diffing the schema with the database',
  introspect: 'introspecting the database',
  diagnoseMigrationHistory: 'reading the migration history',
  applyMigrations: 'applying migrations',
  devDiagnostic: 'diagnosing the migration history',
  evaluateDataLoss: 'evaluating data loss',
  schemaPush: 'pushing the schema',
  dbExecute: 'executing a script',
  debugPanic: 'running its debugPanic test hook',
};

export const engineDoing = (method: string): string => DOING[method] ?? `running ${method}`;

/**
 * A panic in the wasm schema engine: a bug in Prisma's engine (or in what we hand it), never an
 * answer about the user's project. The instance that panicked is discarded, not reused.
 */
export class EnginePanic extends Error {
  override readonly name = 'EnginePanic';
  constructor(
    readonly doing: string,
    readonly panic: string,
  ) {
    super(
      `the Prisma schema engine (@prisma/schema-engine-wasm ${ENGINE_VERSION}) panicked while ${doing}: ` +
        `${panic}. This is a bug in the engine, not in your project: report it to Prisma ` +
        `(https://github.com/prisma/prisma/issues) with this line and the engine version`,
    );
  }
}

/** The panic hook's last message: the glue hands it to `PRISMA_WASM_PANIC_REGISTRY` before the wasm traps. */
let lastPanic: string | undefined;

/**
 * The glue calls `global.PRISMA_WASM_PANIC_REGISTRY.set_message` from the engine's panic hook; without the
 * global that call itself throws a TypeError and the reason is lost. @prisma/internals installs the same
 * registry for the CLI's engine.
 */
export function installPanicRegistry(): void {
  (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
    set_message(message: string) {
      lastPanic = message;
    },
  };
}

/** The panic's reason on one printable line (the hook's, else the trap's own), and forgets it. */
export function takePanicMessage(trap: unknown): string {
  const raw = lastPanic ?? (trap instanceof Error ? `${trap.name}: ${trap.message}` : String(trap));
  lastPanic = undefined;
  return printable(raw.replace(/\s*\n\s*/g, ' ').trim()).replace(/\.+$/, '');
}
