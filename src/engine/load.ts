import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
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
 * The package's entry imports the .wasm as an ES module, which Node cannot do, so we
 * instantiate the wasm-bindgen glue by hand (as @prisma/internals does). Loaded once per
 * process: compiling the 5 MB module is the expensive part.
 */
export function loadEngineBindings(): Promise<Bindings> {
  loaded ??= (async () => {
    const bindings = loadGlue();
    const module = await WebAssembly.compile(fs.readFileSync(engineFile('schema_engine_bg.wasm')));
    const instance = await WebAssembly.instantiate(module, { './schema_engine_bg.js': bindings });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return loaded;
}

/**
 * The glue is an ES module of plain `export function` / `export class` declarations with no
 * imports. Evaluating it as a function body gives the same bindings on every Node version
 * and under Jest, without relying on require(esm).
 */
function loadGlue(): Bindings & { __wbg_set_wasm(exports: Record<string, unknown>): void } {
  const source = fs.readFileSync(engineFile('schema_engine_bg.js'), 'utf8');
  const names: string[] = [];
  const body = source.replace(/^export (function|class) ([A-Za-z_$][\w$]*)/gm, (_m, kind: string, name: string) => {
    names.push(name);
    return `${kind} ${name}`;
  });
  if (/^\s*(import|export)\b/m.test(body))
    throw new Error(
      'prisma-drift-gate: unexpected module syntax in schema_engine_bg.js; the engine package changed shape',
    );
  return new Function(`"use strict";\n${body}\nreturn { ${names.join(', ')} };`)();
}

/** In dist/ the build puts the engine files beside the bundle; elsewhere they are in node_modules. */
function engineFile(name: 'schema_engine_bg.js' | 'schema_engine_bg.wasm'): string {
  const bundled = path.join(__dirname, name);
  if (fs.existsSync(bundled)) return bundled;
  return path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), name);
}

/** A schema engine that talks to the throwaway DB through its driver adapter. */
export async function startEngine(factory: SqlMigrationAwareDriverAdapterFactory): Promise<SchemaEngine> {
  const bindings = await loadEngineBindings();
  // The engine logs through this callback; its logs are not part of our output.
  return bindings.SchemaEngine.new(
    { datamodels: undefined },
    () => undefined,
    bindMigrationAwareSqlAdapterFactory(factory),
  );
}
