/**
 * The compiler where a runaway cannot take the host down (Node): a worker thread with a capped
 * heap and a watchdog. `compile` itself refuses what would make TypeScript run away that it can
 * see before checking (guards.ts); this is the wall for the rest (type-level bombs that take
 * gigabytes, checks that never end). Past the heap cap or the watchdog, the worker is dropped,
 * the program gets « ton programme est trop compliqué à vérifier… », and the next compile gets
 * a fresh worker.
 *
 * The limits sit far above an honest program: TypeScript takes ~150 MB and, in a fresh worker,
 * ~1-2 s for the first program (loading itself and the library), ~0.1 s for the next ones.
 */
import { Worker } from "node:worker_threads";
import { DEFAULT_LOCALE, format, type Localized } from "../i18n.ts";
import type { CompileOptions, CompileResult } from "./program.ts";

/** Messages to and from the compiler's worker (compile-worker.node.ts). */
export interface CompileRequest {
  id: number;
  source: string | Uint8Array;
  options: CompileOptions;
}
export interface CompileAnswer {
  id: number;
  result: CompileResult;
}

export interface IsolationLimits {
  /** Wall milliseconds one compile may take, the worker's start-up included. */
  timeoutMs?: number;
  /** The worker's JavaScript heap (MB). */
  heapMb?: number;
}

export const ISOLATION_LIMITS: Required<IsolationLimits> = { timeoutMs: 30_000, heapMb: 512 };

const runaway = {
  fr: "Ton programme est trop compliqué à vérifier : sa vérification a dépassé {seconds} s ou {mb} Mo. Simplifie ses types et ses expressions.",
  en: "Your program is too complicated to check: checking it took more than {seconds} s or {mb} MB. Simplify its types and expressions.",
} satisfies Localized;

const WORKER = new URL("./compile-worker.node.ts", import.meta.url);

/** A worker for a module: TypeScript sources boot through tsx (workers do not inherit --import). */
function compilerWorker(heapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapMb };
  if (!WORKER.pathname.endsWith(".ts")) return new Worker(WORKER, { resourceLimits });
  const loader = import.meta.resolve("tsx/esm/api");
  const boot =
    `import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); ` +
    `return import(${JSON.stringify(WORKER.href)}); });`;
  return new Worker(boot, { eval: true, resourceLimits });
}

let worker: { thread: Worker; heapMb: number } | undefined;
let nextId = 1;
/** Compiles run one after another: each gets the worker to itself, and its own watchdog. */
let queue: Promise<unknown> = Promise.resolve();

function drop(): void {
  const thread = worker?.thread;
  worker = undefined;
  void thread?.terminate();
}

/**
 * Ends the compiler's worker once the compiles asked so far are done (its ~150 MB are freed; the
 * next compile starts a new one). For a process that compiles first, then runs for long.
 */
export async function closeCompiler(): Promise<void> {
  await queue;
  const thread = worker?.thread;
  worker = undefined;
  await thread?.terminate();
}

/** `compile`, in a worker thread with a heap cap and a watchdog. Never throws. */
export function compileIsolated(
  source: string | Uint8Array,
  options: CompileOptions = {},
  limits: IsolationLimits = {},
): Promise<CompileResult> {
  const { timeoutMs, heapMb } = { ...ISOLATION_LIMITS, ...limits };
  const turn = queue.then(() => compileOnce(source, options, timeoutMs, heapMb));
  queue = turn.catch(() => undefined);
  return turn;
}

function compileOnce(
  source: string | Uint8Array,
  options: CompileOptions,
  timeoutMs: number,
  heapMb: number,
): Promise<CompileResult> {
  const locale = options.locale ?? DEFAULT_LOCALE;
  if (worker && worker.heapMb !== heapMb) drop();
  worker ??= { thread: compilerWorker(heapMb), heapMb };
  const thread = worker.thread;
  thread.ref();
  const id = nextId++;
  return new Promise<CompileResult>((resolve) => {
    const tooComplicated = (): CompileResult => ({
      ok: false,
      diagnostics: [
        {
          line: 1,
          column: 1,
          message: format(runaway, locale, { seconds: Math.round(timeoutMs / 1000), mb: heapMb }),
          code: "ROBOTYC_TOO_COMPLEX",
          severity: "error",
        },
      ],
    });
    const finish = (result: CompileResult, healthy: boolean) => {
      clearTimeout(watchdog);
      thread.off("message", onMessage);
      thread.off("error", onFailure);
      thread.off("exit", onFailure);
      if (healthy) thread.unref();
      else drop();
      resolve(result);
    };
    const onMessage = (answer: CompileAnswer) => {
      if (answer.id === id) finish(answer.result, true);
    };
    // Out of memory (ERR_WORKER_OUT_OF_MEMORY), a crash, an exit: the program broke the checker.
    const onFailure = () => finish(tooComplicated(), false);
    const watchdog = setTimeout(() => finish(tooComplicated(), false), timeoutMs);
    thread.on("message", onMessage);
    thread.on("error", onFailure);
    thread.on("exit", onFailure);
    thread.postMessage({ id, source, options } satisfies CompileRequest);
  });
}
