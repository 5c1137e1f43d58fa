/**
 * QuickJS instances for pupil programs: each run gets a fresh WebAssembly instance of the sync
 * QuickJS build whose `WebAssembly.Memory` has a fixed `maximum`. That is the memory wall:
 * QuickJS's own limit lets some allocations through, but the wasm memory cannot grow past its
 * maximum, so a memory bomb fails inside the sandbox and the instance is thrown away after the run.
 *
 * The compiled `WebAssembly.Module` is shared. In Node it is read from the variant package on first
 * use; in a browser or worker, call `setQuickJSWasmModule` first (e.g. with
 * `WebAssembly.compileStreaming(fetch(url))`, `url` from a bundler's asset import of
 * `@jitl/quickjs-wasmfile-release-sync/wasm`); without it, the variant locates its file itself.
 */
import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  type QuickJSWASMModule,
} from "quickjs-emscripten-core";
import variant from "@jitl/quickjs-wasmfile-release-sync";

const PAGE = 65536;
/** QuickJS's build starts with 16 MB of memory (its stack and static data live there). */
export const QUICKJS_BASE_MEMORY = 16 * 1024 * 1024;

let wasmModule: Promise<WebAssembly.Module | undefined> | undefined;

/** Provides the compiled QuickJS wasm (needed in browsers/workers; optional in Node). */
export function setQuickJSWasmModule(
  module: WebAssembly.Module | Promise<WebAssembly.Module>,
): void {
  wasmModule = Promise.resolve(module);
  prepared = undefined;
}

async function nodeWasmModule(): Promise<WebAssembly.Module | undefined> {
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions
    ?.node;
  if (!node) return undefined;
  // Module names in variables: bundlers for the browser leave this Node-only path alone.
  const moduleName = "node:module";
  const fsName = "node:fs/promises";
  const { createRequire } = (await import(/* @vite-ignore */ moduleName)) as {
    createRequire(from: string): { resolve(id: string): string };
  };
  const { readFile } = (await import(/* @vite-ignore */ fsName)) as {
    readFile(path: string): Promise<Uint8Array<ArrayBuffer>>;
  };
  const path = createRequire(import.meta.url).resolve("@jitl/quickjs-wasmfile-release-sync/wasm");
  return WebAssembly.compile(await readFile(path));
}

function loadWasmModule(): Promise<WebAssembly.Module | undefined> {
  wasmModule ??= nodeWasmModule();
  return wasmModule;
}

/**
 * The compiled QuickJS wasm this thread's instances use, to hand to other threads
 * (`setQuickJSWasmModule` there): undefined where the variant locates its file itself.
 */
export function quickJSWasmModule(): Promise<WebAssembly.Module | undefined> {
  return loadWasmModule();
}

export interface QuickJSInstance {
  quickjs: QuickJSWASMModule;
  memory: WebAssembly.Memory;
  /** Whether QuickJS's allocator ever asked for more memory than the instance has. */
  wallHit(): boolean;
}

/** Whether QuickJS's allocator asked a memory to grow, since the instance that has it began. */
const wallHits = new WeakMap<WebAssembly.Memory, { hit: boolean }>();

/** A wasm memory that refuses to grow past its size, and says when it was asked to. */
function newMemory(pages: number): WebAssembly.Memory {
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const wall = { hit: false };
  wallHits.set(memory, wall);
  const grow = memory.grow.bind(memory);
  Object.defineProperty(memory, "grow", {
    value: (delta: number) => {
      wall.hit = true;
      return grow(delta);
    },
  });
  return memory;
}

/**
 * The memory of the last instance whose run is over (`releaseQuickJSInstance`), for the next
 * instance of the same size. Each run used to get a memory of its own: 32 MB that V8 counts as
 * external memory, so the dropped ones made it collect the whole heap about once a run (a run of
 * a program that stops at once: ~40 ms of CPU, half of it the collector; ~20 ms with one memory
 * a thread).
 */
let spare: WebAssembly.Memory | undefined;

/**
 * Hands an instance's memory back once its run is over and nothing will call into it again
 * (the sandbox does, when a run ends normally; a run stopped by the watchdog never gives it
 * back). The next instance gets it back to zeros (`zeroed`): exactly a fresh memory, so a run
 * starts from the same bytes either way.
 */
export function releaseQuickJSInstance(instance: QuickJSInstance): void {
  spare = instance.memory;
}

/** Bytes of a memory checked at a time from its top, for `zeroed` (the system's page size). */
const SCAN = 4096;

/**
 * A used memory back to zeros, as it was new. Only up to its highest non-zero byte: QuickJS
 * fills its memory from the bottom up (static data, its stack, then its heap as it grows), and
 * the pages above what a run reached were never touched, so they cost no physical memory (a
 * read of one maps nothing) and filling them would (a busy run's host peaked ~40 MB higher).
 */
function zeroed(memory: WebAssembly.Memory): WebAssembly.Memory {
  const words = new Int32Array(memory.buffer);
  const step = SCAN / 4;
  let top = words.length;
  scan: while (top > 0) {
    for (let i = top - step; i < top; i++) if (words[i] !== 0) break scan;
    top -= step;
  }
  words.fill(0, 0, top);
  return memory;
}

function takeMemory(pages: number): WebAssembly.Memory {
  const memory = spare;
  spare = undefined;
  if (memory?.buffer.byteLength !== pages * PAGE) return newMemory(pages);
  wallHits.get(memory)!.hit = false;
  return zeroed(memory);
}

/**
 * A fresh QuickJS instance whose memory can never exceed `maxBytes` (rounded up to 64 kB pages).
 * The memory has its full size from the start and never grows: growing a `WebAssembly.Memory`
 * detaches its buffer, and quickjs-emscripten keeps typed-array views of that buffer across
 * calls that allocate (`newPromise`, `executePendingJobs`), which then fail with "detached
 * ArrayBuffer" or read garbage. Pages no program has touched cost no physical memory.
 * QuickJS's allocator still asks to grow when it is full: that request, always refused, is how
 * the host knows the program hit the wall.
 */
export async function newQuickJSInstance(maxBytes: number): Promise<QuickJSInstance> {
  const maximum = Math.max(QUICKJS_BASE_MEMORY / PAGE, Math.ceil(maxBytes / PAGE));
  const memory = takeMemory(maximum);
  const wall = wallHits.get(memory)!;
  const module = await loadWasmModule();
  const quickjs = await newQuickJSWASMModuleFromVariant(
    newVariant(
      variant,
      module ? { wasmModule: module, wasmMemory: memory } : { wasmMemory: memory },
    ),
  );
  return { quickjs, memory, wallHit: () => wall.hit };
}

let prepareAfterRuns = true;

/**
 * Whether a run that ends prepares the next run's instance (yes by default). A process that makes
 * one run and exits (`robotyc run`) says no: that instance would cost its instantiation and its
 * memory, for no run.
 */
export function prepareAfterEachRun(on: boolean): void {
  prepareAfterRuns = on;
}

/** Prepares the next run's instance, once the current work is done, unless turned off. */
export function prepareAfterRun(maxBytes: number): void {
  if (prepareAfterRuns) setTimeout(() => prepareQuickJSInstance(maxBytes), 0);
}

/** One instance prepared ahead, so starting a run does not wait for instantiation. */
let prepared: { maxBytes: number; instance: Promise<QuickJSInstance> } | undefined;

/**
 * Prepares the instance the next run will take (runs call it when they end; an app may call it
 * at load time so even the first run starts at once).
 */
export function prepareQuickJSInstance(maxBytes: number): void {
  if (prepared?.maxBytes === maxBytes) return;
  const instance = newQuickJSInstance(maxBytes);
  // A failure shows when the prepared instance is taken, not as an unhandled rejection.
  instance.catch(() => undefined);
  prepared = { maxBytes, instance };
}

/** Takes the prepared instance if it fits, or makes one. Each instance serves one run only. */
export async function takeQuickJSInstance(maxBytes: number): Promise<QuickJSInstance> {
  const ready = prepared?.maxBytes === maxBytes ? prepared.instance : undefined;
  if (ready) {
    prepared = undefined;
    try {
      return await ready;
    } catch {
      // Made before something changed (e.g. the wasm given): make a new one below.
    }
  }
  return newQuickJSInstance(maxBytes);
}
