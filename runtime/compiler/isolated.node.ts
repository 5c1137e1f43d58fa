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
export type CompileAnswer = { id: number; result: CompileResult } | { ready: true };

export interface IsolationLimits {
  /** Wall milliseconds one compile may take, once the worker is ready (its start-up not included). */
  timeoutMs?: number;
  /** The worker's JavaScript heap (MB). */
  heapMb?: number;
}

export const ISOLATION_LIMITS: Required<IsolationLimits> = { timeoutMs: 30_000, heapMb: 512 };

const runaway = {
  fr: "Ton programme est trop compliqué à vérifier : sa vérification a dépassé {seconds} s ou {mb} Mo. Simplifie ses types et ses expressions.",
  en: "Your program is too complicated to check: checking it took more than {seconds} s or {mb} MB. Simplify its types and expressions.",
} satisfies Localized;

const startFailed = {
  fr: "Le vérificateur de programmes n'a pas pu démarrer (l'ordinateur manque peut-être de mémoire). Réessaie.",
  en: "The program checker could not start (the computer may be short of memory). Try again.",
} satisfies Localized;

/**
 * How long a worker may take to start (load TypeScript and its library), wall milliseconds: not
 * the pupil's doing, so not on the compile's watchdog; ~1-2 s idle, far more on a busy machine.
 */
const START_MS = 180_000;

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

let worker: { thread: Worker; heapMb: number; ready: Promise<boolean> } | undefined;

/** A fresh worker, and whether it became ready (loaded the compiler) in time. */
function startWorker(heapMb: number): NonNullable<typeof worker> {
  const thread = compilerWorker(heapMb);
  const ready = new Promise<boolean>((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      thread.off("message", onMessage);
      thread.off("error", onFailure);
      thread.off("exit", onFailure);
      resolve(ok);
    };
    const onMessage = (answer: CompileAnswer) => {
      if ("ready" in answer) done(true);
    };
    const onFailure = () => done(false);
    const timer = setTimeout(onFailure, START_MS);
    thread.on("message", onMessage);
    thread.on("error", onFailure);
    thread.on("exit", onFailure);
  });
  return { thread, heapMb, ready };
}
let nextId = 1;
/** Compiles run one after another: each gets the worker to itself, and its own watchdog. */
let queue: Promise<unknown> = Promise.resolve();

function drop(): void {
  const thread = worker?.thread;
  worker = undefined;
  void thread?.terminate();
}

/**
 * The thread id of the compiler's worker now (started, and not dropped since), if any: one worker
 * serves program after program until one of them blows its limits.
 */
export function compilerThreadId(): number | undefined {
  return worker?.thread.threadId;
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

const failure = (code: string, message: string): CompileResult => ({
  ok: false,
  diagnostics: [{ line: 1, column: 1, message, code, severity: "error" }],
});

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

async function compileOnce(
  source: string | Uint8Array,
  options: CompileOptions,
  timeoutMs: number,
  heapMb: number,
): Promise<CompileResult> {
  const locale = options.locale ?? DEFAULT_LOCALE;
  if (worker && worker.heapMb !== heapMb) drop();
  worker ??= startWorker(heapMb);
  const thread = worker.thread;
  thread.ref();
  if (!(await worker.ready)) {
    drop();
    return failure("ROBOTYC_CHECKER_START", format(startFailed, locale));
  }
  const id = nextId++;
  return new Promise<CompileResult>((resolve) => {
    const tooComplicated = (): CompileResult =>
      failure(
        "ROBOTYC_TOO_COMPLEX",
        format(runaway, locale, { seconds: Math.round(timeoutMs / 1000), mb: heapMb }),
      );
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
      if ("id" in answer && answer.id === id) finish(answer.result, true);
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
