/**
 * Chooses and starts the TF.js backend: `@tensorflow/tfjs-node` when it can be imported (an
 * optional dependency), otherwise WebAssembly, otherwise plain JavaScript (cpu).
 *
 * The wasm backend's Node glue adds process-wide `uncaughtException`/`unhandledRejection`
 * listeners that rethrow, so any stray rejection anywhere in the host would crash it even when
 * the host handles rejections itself. We remove exactly the listeners that appear while the
 * backend starts, which leaves the process's own handling as it was.
 */
import * as tf from "@tensorflow/tfjs-core";

export type BackendName = "tensorflow" | "wasm" | "cpu" | "webgl";
export type BackendChoice = "auto" | BackendName;

export interface BackendOptions {
  backend?: BackendChoice;
  /** Where the tfjs-backend-wasm `.wasm` files are served (browser); found automatically in Node. */
  wasmPaths?: string;
}

const isNode = typeof process !== "undefined" && typeof process.versions?.node === "string";
const PROCESS_EVENTS = ["uncaughtException", "unhandledRejection"] as const;

let starting: Promise<string> | undefined;
let startedWith: BackendChoice | undefined;

async function nodeWasmDir(): Promise<string> {
  const { createRequire } = await import("node:module");
  const { dirname } = await import("node:path");
  const require = createRequire(import.meta.url);
  return dirname(require.resolve("@tensorflow/tfjs-backend-wasm")) + "/";
}

/** Runs `start` and removes process listeners it added (Node only). */
async function withoutNewProcessListeners<T>(start: () => Promise<T>): Promise<T> {
  if (!isNode) return start();
  const before = new Map(
    PROCESS_EVENTS.map((e) => [e, new Set(process.listeners(e as "unhandledRejection"))]),
  );
  try {
    return await start();
  } finally {
    for (const event of PROCESS_EVENTS) {
      for (const listener of process.listeners(event as "unhandledRejection")) {
        if (!before.get(event)!.has(listener))
          process.removeListener(event as "unhandledRejection", listener);
      }
    }
  }
}

async function tryNode(): Promise<boolean> {
  if (!isNode) return false;
  const name = "@tensorflow/tfjs-node";
  try {
    await import(/* @vite-ignore */ name);
    return await tf.setBackend("tensorflow");
  } catch {
    return false;
  }
}

async function tryWasm(wasmPaths?: string): Promise<boolean> {
  try {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    const dir = wasmPaths ?? (isNode ? await nodeWasmDir() : undefined);
    if (dir) wasm.setWasmPaths(dir);
    return await withoutNewProcessListeners(async () => {
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
      ? [tryNode, () => tryWasm(options.wasmPaths), tryCpu]
      : choice === "tensorflow"
        ? [tryNode]
        : choice === "wasm"
          ? [() => tryWasm(options.wasmPaths)]
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
