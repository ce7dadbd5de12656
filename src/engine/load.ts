import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type * as EngineModule from '@prisma/schema-engine-wasm/schema_engine_bg';

import { EnginePanic, engineDoing, installPanicRegistry, takePanicMessage } from './panic';

type Bindings = typeof EngineModule;
export type SchemaEngine = EngineModule.SchemaEngine;

/** One wasm instance and its glue. A panic poisons it (the wasm state is left half-written): never reused. */
interface Instance {
  bindings: Bindings;
  poisoned?: EnginePanic;
  /** The engine calls in flight, to reject when the instance traps in a callback no caller awaits. */
  inFlight: Set<{ doing: string; reject: (e: EnginePanic) => void }>;
}

let compiled: Promise<unknown> | undefined;
let current: Promise<Instance> | undefined;
let currentInstance: Instance | undefined;

/** The slice of the WebAssembly global we use (Node's types do not declare it without the DOM lib). */
declare const WebAssembly: {
  compile(bytes: Uint8Array): Promise<unknown>;
  instantiate(module: unknown, imports: Record<string, unknown>): Promise<{ exports: Record<string, unknown> }>;
};

/**
 * The package's entry imports the .wasm as an ES module, which Node cannot do, so we
 * instantiate the wasm-bindgen glue by hand (as @prisma/internals does). Compiled once per
 * process (the 5 MB module is the expensive part); instantiated again only after a panic.
 */
export async function loadEngineBindings(): Promise<Bindings> {
  return (await engineInstance()).bindings;
}

function engineInstance(): Promise<Instance> {
  current ??= (async () => {
    installPanicRegistry();
    compiled ??= WebAssembly.compile(fs.readFileSync(engineFile('schema_engine_bg.wasm')));
    const inst = { inFlight: new Set() } as unknown as Instance;
    const guard = guardCallback((trap) => poison(inst, trap));
    const bindings = loadGlue(guard);
    const instance = await WebAssembly.instantiate(await compiled, {
      './schema_engine_bg.js': guardThen(bindings, guard),
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    inst.bindings = bindings;
    currentInstance = inst;
    return inst;
  })();
  return current;
}

/**
 * A panic aborts the wasm: the glue's panic hook hands over the reason, then the wasm traps. In an async
 * method the trap happens in a callback the engine's executor scheduled (a microtask, a timer, a promise
 * reaction), where nothing awaits it: the caller's promise would never settle and the trap would end the
 * process with a stack trace. The callbacks are guarded, and the calls in flight are rejected instead.
 */
function guardCallback(onTrap: (trap: unknown) => void) {
  return <A extends unknown[]>(callback: (...args: A) => unknown) =>
    (...args: A) => {
      try {
        return callback(...args);
      } catch (trap) {
        onTrap(trap);
        return undefined;
      }
    };
}

type Guard = ReturnType<typeof guardCallback>;

/** The glue's `then` imports hand wasm closures to promises: those run in reactions too. */
function guardThen(bindings: Bindings, guard: Guard): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...bindings };
  for (const [name, fn] of Object.entries(imports)) {
    if (!name.startsWith('__wbg_then_') || typeof fn !== 'function') continue;
    imports[name] = (promise: unknown, ...callbacks: unknown[]) =>
      (fn as (...a: unknown[]) => unknown)(
        promise,
        ...callbacks.map((c) => (typeof c === 'function' ? guard(c as (...a: unknown[]) => unknown) : c)),
      );
  }
  return imports;
}

function poison(inst: Instance, trap: unknown): void {
  if (!inst.poisoned) {
    const panic = takePanicMessage(trap);
    const first = inst.inFlight.values().next().value;
    inst.poisoned = new EnginePanic(first?.doing ?? 'working', panic);
    // The next engine gets a fresh instance of the compiled module.
    if (currentInstance === inst) [current, currentInstance] = [undefined, undefined];
    // The first call in flight (in practice the only one: we run one at a time) and every later call on
    // this instance get the same error.
    for (const call of inst.inFlight) call.reject(call === first ? inst.poisoned : new EnginePanic(call.doing, panic));
    inst.inFlight.clear();
  }
}

/**
 * The glue is an ES module of plain `export function` / `export class` declarations with no
 * imports. Evaluating it as a function body gives the same bindings on every Node version
 * and under Jest, without relying on require(esm).
 */
function loadGlue(guard: Guard): Bindings & { __wbg_set_wasm(exports: Record<string, unknown>): void } {
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
  // The glue's own queueMicrotask and setTimeout are the guarded ones (see guardCallback).
  const queue = (cb: () => void) => queueMicrotask(guard(cb));
  const timer = (cb: () => void, ms: number) => setTimeout(guard(cb), ms);
  return new Function('queueMicrotask', 'setTimeout', `"use strict";\n${body}\nreturn { ${names.join(', ')} };`)(
    queue,
    timer,
  );
}

/** In dist/ the build puts the engine files beside the bundle; elsewhere they are in node_modules. */
function engineFile(name: 'schema_engine_bg.js' | 'schema_engine_bg.wasm'): string {
  const bundled = path.join(__dirname, name);
  if (fs.existsSync(bundled)) return bundled;
  return path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), name);
}

/**
 * A schema engine that talks to the throwaway DB through its driver adapter. Every method returns a
 * promise that settles, with an EnginePanic if the engine panics; `free` after a panic does nothing.
 */
export async function startEngine(factory: SqlMigrationAwareDriverAdapterFactory): Promise<SchemaEngine> {
  const inst = await engineInstance();
  // The engine logs through this callback; its logs are not part of our output.
  const engine = await guarded(inst, 'starting', () =>
    inst.bindings.SchemaEngine.new(
      { datamodels: undefined },
      () => undefined,
      bindMigrationAwareSqlAdapterFactory(factory),
    ),
  );
  const proxy = new Proxy(engine, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      const method = value as (...a: unknown[]) => unknown;
      if (prop === 'free') return () => (inst.poisoned ? undefined : method.call(target));
      return (...args: unknown[]) =>
        guarded(inst, engineDoing(prop), () => (forcedPanic() ? target.debugPanic() : method.apply(target, args)));
    },
  });
  instances.set(proxy, inst);
  return proxy;
}

const instances = new WeakMap<object, Instance>();

let engineCalls = 0;
/**
 * PRISMA_DRIFT_GATE_FORCE_ENGINE_PANIC=<n>: the n-th engine call of the process panics instead (the engine's
 * own debugPanic), as Prisma's FORCE_PANIC_SCHEMA_ENGINE does for its CLI: the tests' way to reach every path.
 */
function forcedPanic(): boolean {
  const n = Number(process.env.PRISMA_DRIFT_GATE_FORCE_ENGINE_PANIC);
  return Number.isInteger(n) && n > 0 && ++engineCalls === n;
}

/** The panic that poisoned this engine's instance, if any: callers that fold a failed diff into an answer ask. */
export const enginePanic = (engine: SchemaEngine): EnginePanic | undefined => instances.get(engine)?.poisoned;

/** Runs one engine call; a panic, in the call or in a callback it scheduled, rejects it with an EnginePanic. */
function guarded<T>(inst: Instance, doing: string, call: () => T | Promise<T>): Promise<T> {
  if (inst.poisoned) return Promise.reject(inst.poisoned);
  return new Promise<T>((resolve, reject) => {
    const entry = { doing, reject };
    inst.inFlight.add(entry);
    const settle = (f: () => void) => () => {
      inst.inFlight.delete(entry);
      f();
    };
    let result: T | Promise<T>;
    try {
      result = call();
    } catch (trap) {
      poison(inst, trap);
      return;
    }
    Promise.resolve(result).then(
      (v) => settle(() => resolve(v))(),
      (e: unknown) => settle(() => reject(e))(),
    );
  });
}
