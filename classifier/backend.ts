/**
 * Chooses and starts the TF.js backend: `@tensorflow/tfjs-node` when it can be imported (an
 * optional dependency, Node only), otherwise WebAssembly, otherwise plain JavaScript (cpu).
 * What only Node needs (finding the wasm files, taming the wasm glue's process handlers) is
 * passed in by `classifier/node.ts`.
 */
import * as tf from "@tensorflow/tfjs-core";

export type BackendName = "tensorflow" | "wasm" | "cpu" | "webgl";
export type BackendChoice = "auto" | BackendName;

export interface BackendOptions {
  backend?: BackendChoice;
  /** Where the tfjs-backend-wasm `.wasm` files are served (browser); `classifier/node.ts` finds them in Node. */
  wasmPaths?: string;
  /**
   * Wraps the backend's start-up (Node: removes the process-wide handlers the wasm glue adds).
   * Set by `classifier/node.ts`.
   */
  guardStart?: <T>(start: () => Promise<T>) => Promise<T>;
  /** Whether to try `@tensorflow/tfjs-node` first (Node only). */
  tryNative?: boolean;
}

let starting: Promise<string> | undefined;
let startedWith: BackendChoice | undefined;

async function tryNode(options: BackendOptions): Promise<boolean> {
  if (!options.tryNative) return false;
  const name = "@tensorflow/tfjs-node";
  try {
    await import(/* @vite-ignore */ name);
    return await tf.setBackend("tensorflow");
  } catch {
    return false;
  }
}

async function tryWasm(options: BackendOptions): Promise<boolean> {
  const guard = options.guardStart ?? ((start) => start());
  try {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    if (options.wasmPaths) wasm.setWasmPaths(options.wasmPaths);
    // One thread, everywhere: a cross-origin isolated page (the app shares memory with its run
    // worker) would otherwise get the threaded build, whose sums may be ordered differently —
    // and a classification must be the same on every machine. (Node has no threads here anyway.)
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    return await guard(async () => {
      const ok = await tf.setBackend("wasm");
      await tf.ready();
      return ok;
    });
  } catch {
    return false;
  }
}

async function tryCpu(): Promise<boolean> {
  await import("@tensorflow/tfjs-backend-cpu");
  return tf.setBackend("cpu");
}

async function tryWebgl(): Promise<boolean> {
  const name = "@tensorflow/tfjs-backend-webgl";
  try {
    await import(/* @vite-ignore */ name);
    return await tf.setBackend("webgl");
  } catch {
    return false;
  }
}

async function start(options: BackendOptions): Promise<string> {
  const choice = options.backend ?? "auto";
  const order: (() => Promise<boolean>)[] =
    choice === "auto"
      ? [() => tryNode(options), () => tryWasm(options), tryCpu]
      : choice === "tensorflow"
        ? [() => tryNode(options)]
        : choice === "wasm"
          ? [() => tryWasm(options)]
          : choice === "webgl"
            ? [tryWebgl]
            : [tryCpu];
  for (const attempt of order) {
    if (await attempt()) return tf.getBackend();
  }
  throw new Error(`TF.js backend "${choice}" could not start`);
}

/**
 * Starts the backend once per process (later calls get the same one, unless they ask for a
 * different backend by name). Returns the backend's name.
 */
export function initBackend(options: BackendOptions = {}): Promise<string> {
  const choice = options.backend ?? "auto";
  if (!starting || (choice !== "auto" && choice !== startedWith && choice !== tf.getBackend())) {
    startedWith = choice;
    starting = start(options);
    starting.catch(() => (starting = undefined));
  }
  return starting;
}
