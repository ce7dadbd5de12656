import * as fs from 'node:fs';
import * as path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type * as EngineModule from '@prisma/schema-engine-wasm/schema_engine_bg';

type Bindings = typeof EngineModule;
export type SchemaEngine = EngineModule.SchemaEngine;

let loaded: Promise<Bindings> | undefined;

/** The slice of the WebAssembly global we use (Node's types do not declare it without the DOM lib). */
declare const WebAssembly: {
  compile(bytes: Uint8Array): Promise<unknown>;
  instantiate(module: unknown, imports: Record<string, unknown>): Promise<{ exports: Record<string, unknown> }>;
};

/**
 * The package's own entry imports the .wasm as an ES module, which Node cannot do, so we
 * instantiate the wasm-bindgen glue by hand (as @prisma/internals does). Loaded once per
 * process: compiling the 5 MB module is the expensive part.
 */
export function loadEngineBindings(): Promise<Bindings> {
  loaded ??= (async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bindings = require('@prisma/schema-engine-wasm/schema_engine_bg') as Bindings & {
      __wbg_set_wasm(exports: Record<string, unknown>): void;
    };
    const wasmPath = engineWasmPath();
    const module = await WebAssembly.compile(fs.readFileSync(wasmPath));
    const instance = await WebAssembly.instantiate(module, { './schema_engine_bg.js': bindings });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return loaded;
}

/** In dist/ the build puts the wasm beside the bundle; elsewhere it is in node_modules. */
function engineWasmPath(): string {
  const bundled = path.join(__dirname, 'schema_engine_bg.wasm');
  if (fs.existsSync(bundled)) return bundled;
  return require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
}

/** A schema engine that talks to the throwaway DB through its driver adapter. */
export async function startEngine(factory: SqlMigrationAwareDriverAdapterFactory): Promise<SchemaEngine> {
  const bindings = await loadEngineBindings();
  // The engine logs through this callback; its logs are not part of our output.
  return bindings.SchemaEngine.new({ datamodels: undefined }, () => undefined, bindMigrationAwareSqlAdapterFactory(factory));
}
