/**
 * The guest → host call path of a sandbox's context, without quickjs-emscripten's generator
 * machinery.
 *
 * Every call of a host function (`robot.distance()`, `time()`…) reaches the library's
 * `callFunction` callback, which runs the function inside `Scope.withScopeMaybeAsync`: a
 * generator, a scope, a lifetime per argument, a `yield*` per call, all to allow host functions
 * that return promises (the asyncify build). Ours are synchronous (the sync build cannot suspend),
 * and that machinery was most of a call's cost: ~4 µs, against ~0.5 µs for the same call made
 * directly (measured on this machine; a busy program makes 20,000–45,000 calls a run).
 *
 * `directHostCalls` replaces that callback, for one context, with one that does the same steps
 * in the same order without them: the arguments as weak handles (borrowed, never freed here),
 * the function, then its result duplicated for QuickJS (the result handle itself freed), or its
 * error thrown into the guest. The module's own wrapper around the callback (which turns a host
 * exception escaping into a `null` result rather than unwinding the wasm stack) stays in place.
 *
 * It relies on two non-public members of quickjs-emscripten-core 0.32.0 (pinned in
 * package.json): the context's `cToHostCallbacks` object, which the module's callbacks hold by
 * reference, and its `getFunction(id)`. Where they are missing (another version), the library's
 * own path stays, and `directHostCalls` says so: `host-calls.test.ts` fails then, so an upgrade
 * cannot slow every run unnoticed.
 */
import {
  Lifetime,
  WeakLifetime,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSWASMModule,
} from "quickjs-emscripten-core";

/** The C → host callback of a context: returns a `JSValue*` QuickJS takes over, or 0 (undefined). */
type CallFunction = (
  ctx: number,
  thisPtr: number,
  argc: number,
  argv: number,
  fnId: number,
) => number;

type HostFunction = (
  this: QuickJSHandle,
  ...args: QuickJSHandle[]
) => QuickJSHandle | { value: QuickJSHandle } | { error: QuickJSHandle } | void | undefined;

/** The members of a `QuickJSContext` this relies on (see above). */
interface ContextInternals {
  cToHostCallbacks?: { callFunction?: CallFunction };
  getFunction?: (fnId: number) => HostFunction;
  memory?: { copyJSValue?: (ptr: number) => number };
}

/** The low-level calls used here (quickjs-emscripten's FFI for its sync build). */
interface Ffi {
  QTS_ArgvGetJSValueConstPointer(argv: number, index: number): number;
  QTS_DupValuePointer(ctx: number, value: number): number;
  QTS_Throw(ctx: number, error: number): number;
}

/**
 * Makes the host functions of `ctx` (made with `ctx.newFunction`) run without the library's
 * generator machinery. Returns false, changing nothing, if this version of the library does not
 * have the members it relies on.
 */
export function directHostCalls(ctx: QuickJSContext, quickjs: QuickJSWASMModule): boolean {
  const internals = ctx as unknown as ContextInternals;
  const callbacks = internals.cToHostCallbacks;
  const getFunction = internals.getFunction;
  const ffi = quickjs.getFFI() as unknown as Partial<Ffi>;
  if (
    typeof callbacks?.callFunction !== "function" ||
    typeof getFunction !== "function" ||
    typeof ffi.QTS_ArgvGetJSValueConstPointer !== "function" ||
    typeof ffi.QTS_DupValuePointer !== "function" ||
    typeof ffi.QTS_Throw !== "function"
  ) {
    return false;
  }
  const { QTS_ArgvGetJSValueConstPointer, QTS_DupValuePointer, QTS_Throw } = ffi as Ffi;
  const runtime = ctx.runtime;
  const copy = internals.memory?.copyJSValue;
  const borrowed = (ptr: number): QuickJSHandle =>
    new WeakLifetime(ptr, copy, undefined, runtime) as unknown as QuickJSHandle;
  const throwInto = (ctxPtr: number, error: unknown): number => {
    const handle =
      error instanceof Lifetime ? (error as QuickJSHandle) : ctx.newError(error as Error);
    try {
      return QTS_Throw(ctxPtr, handle.value);
    } finally {
      handle.dispose();
    }
  };

  callbacks.callFunction = (ctxPtr, thisPtr, argc, argv, fnId) => {
    // The module hands this context's calls only to this callback (its map is by context).
    const fn = getFunction.call(ctx, fnId);
    const self = borrowed(thisPtr);
    const args = new Array<QuickJSHandle>(argc);
    for (let i = 0; i < argc; i++) args[i] = borrowed(QTS_ArgvGetJSValueConstPointer(argv, i));
    try {
      const result = fn.apply(self, args);
      if (!result) return 0;
      if ("error" in result && result.error) return throwInto(ctxPtr, result.error);
      const handle =
        result instanceof Lifetime
          ? (result as QuickJSHandle)
          : (result as { value: QuickJSHandle }).value;
      try {
        return QTS_DupValuePointer(ctxPtr, handle.value);
      } finally {
        handle.dispose();
      }
    } catch (error) {
      return throwInto(ctxPtr, error);
    } finally {
      // Borrowed for the call only, as the library's own path does.
      self.dispose();
      for (const arg of args) arg.dispose();
    }
  };
  return true;
}
