/** Loads rapier's deterministic build once per thread (its wasm is inlined: no path to set). */
import RAPIER from "@dimforge/rapier3d-deterministic-compat";

export type Rapier = typeof RAPIER;

/**
 * The import through which rapier's engine reads the clock: wasm-bindgen's glue calls
 * `performance.now()` for it. The engine reads it ~36 times a step, only to fill its own profiling
 * counters (`World.timingStep()` and the like), and its timers run even with its profiler off:
 * ~4 % of a busy run, clock reads that decide nothing.
 */
const CLOCK_IMPORT = /^__wbg_now_[0-9a-f]+$/;

/**
 * A stopped clock for rapier's counters: a plain function, so each of those reads is a bare call
 * out of the engine. The physics never reads the counters (the golden trace hashes, checked by
 * challenges/pack/solutions.test.ts and test/simulator/golden-traces.test.ts, are the same with
 * either clock); rapier's profiler timings read 0 here.
 */
const stoppedClock = (): number => 0;

let ready: Promise<Rapier> | undefined;
/** The engine's compiled wasm, handed over by another thread (`useRapierModule`). */
let given: WebAssembly.Module | undefined;
/** The engine's compiled wasm as this thread compiled it (`rapierModule`). */
let compiled: WebAssembly.Module | undefined;

/**
 * Makes this thread's engine an instance of a module another thread compiled (`rapierModule()`
 * there, posted here): V8 compiles a module's functions once for all the threads that share it,
 * so the functions that thread's runs already called are compiled here too. Call before
 * `loadRapier`.
 */
export function useRapierModule(module: WebAssembly.Module): void {
  given = module;
}

/** The compiled engine of this thread, to share with others (once `loadRapier` has resolved). */
export function rapierModule(): WebAssembly.Module | undefined {
  return given ?? compiled;
}

/** Whether the engine of this thread reads the stopped clock (it does once `loadRapier` has found its import). */
let clockStopped = false;

export function engineClockStopped(): boolean {
  return clockStopped;
}

export function loadRapier(): Promise<Rapier> {
  ready ??= init();
  return ready;
}

/**
 * The web fetch classes rapier's glue tests its argument against (`instanceof Request`,
 * `instanceof Response`) before it instantiates the wasm it carries inline. In Node they are lazy
 * globals: the first read of either loads Node's whole fetch implementation (~20 ms of CPU at
 * every start of `robotyc run` and of each grading thread, for a test that is always false).
 */
const FETCH_CLASSES = ["Request", "Response"] as const;

/**
 * Hides the fetch classes that are still lazy getters (Node's, never read yet) behind `undefined`
 * until the returned function puts them back as they were, still unread. Classes already loaded,
 * and a browser's own, are left alone.
 */
function hideLazyFetchClasses(): () => void {
  const hidden: [string, PropertyDescriptor][] = [];
  for (const name of FETCH_CLASSES) {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, name);
    if (!descriptor?.get || !descriptor.configurable) continue;
    hidden.push([name, descriptor]);
    Object.defineProperty(globalThis, name, {
      value: undefined,
      configurable: true,
      writable: true,
      enumerable: descriptor.enumerable ?? false,
    });
  }
  return () => {
    for (const [name, descriptor] of hidden.splice(0)) {
      Object.defineProperty(globalThis, name, descriptor);
    }
  };
}

/**
 * `RAPIER.init()`, with the clock import replaced while rapier's glue hands its imports to
 * `WebAssembly.instantiate` (once, during this call; other modules' instantiations pass as they
 * are). If a later rapier names the import otherwise, the engine simply keeps the real clock.
 *
 * Node's lazy fetch classes are hidden from the start of the call to that instantiation: two
 * turns of the microtask queue, in which the glue's tests are the only reads.
 */
async function init(): Promise<Rapier> {
  const instantiate = WebAssembly.instantiate;
  const restoreFetch = hideLazyFetchClasses();
  const patched = function (this: unknown, ...args: Parameters<typeof instantiate>) {
    restoreFetch();
    const imports = args[1];
    for (const module of Object.values(imports ?? {})) {
      for (const name of Object.keys(module)) {
        if (CLOCK_IMPORT.test(name)) {
          module[name] = stoppedClock;
          clockStopped = true;
        }
      }
    }
    if (given && !(args[0] instanceof WebAssembly.Module)) {
      // rapier's glue takes an instance back as it takes `{ instance, module }`.
      return instantiate.call(this, given, imports) as never;
    }
    const instantiated = instantiate.apply(this, args) as unknown as Promise<
      WebAssembly.WebAssemblyInstantiatedSource | WebAssembly.Instance
    >;
    return instantiated.then((result) => {
      if (!(result instanceof WebAssembly.Instance)) compiled = result.module;
      return result;
    }) as never;
  } as typeof instantiate;
  WebAssembly.instantiate = patched;
  try {
    await RAPIER.init();
  } finally {
    restoreFetch();
    if (WebAssembly.instantiate === patched) WebAssembly.instantiate = instantiate;
  }
  return RAPIER;
}
