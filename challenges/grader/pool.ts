/**
 * A pool of worker threads that runs jobs in parallel. A worker is a module: built JavaScript (the
 * `robotyc` command runs from dist/node/, where the build points the grader at its built worker), or a
 * TypeScript source, which boots through tsx's loader (tests, `node --import tsx`). A worker that
 * crashes fails only the job it was running; a fresh worker takes its place.
 * So does a worker whose job outlives its watchdog (`jobTimeoutMs`): one job never holds up the rest.
 */
import { Worker } from "node:worker_threads";

/** Messages between the pool and a worker. */
export type ToWorker<J> = { id: number; job: J };
export type FromWorker<R> = { id: number; result: R };
/**
 * What every worker of a pool with `shared` receives once, before or after its first job is
 * posted: the shared value, or undefined if it could not be made.
 */
export type SharedMessage<S> = { shared: S | undefined };

/** A worker's `workerData` when its pool has a `shared` value: it waits for a `SharedMessage`. */
export interface PoolWorkerData {
  shared: true;
}

export interface PoolOptions {
  /** The JavaScript heap each worker may grow to (MB); past it the worker dies, its job fails. */
  heapMb?: number;
  /** Called each time a job ends (done of total). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Wall milliseconds a job may take; past them its worker is terminated and replaced, and the
   * job fails with a `JobWatchdogError`. No limit by default.
   */
  jobTimeoutMs?: number;
  /**
   * A value every worker needs before its jobs and that the pool's owner makes once for all (the
   * grader's compiled engines, warm-up.ts): posted to each worker as a `SharedMessage` once it
   * resolves (a worker that replaces another gets it at once).
   */
  shared?: Promise<unknown>;
}

/** Options of `runPool` alone. */
export interface RunPoolOptions<J> extends PoolOptions {
  /**
   * What a job's result depends on, when the caller knows it: a job whose key an earlier job
   * already has is not run again, and gets that job's result (a deterministic run gives the same
   * result bit for bit; a class folder often holds the same program twice).
   */
  sameResult?: (job: J) => string;
}

/** A job that took longer than its watchdog: its worker is terminated. */
export class JobWatchdogError extends Error {
  readonly code = "ERR_JOB_WATCHDOG";
  constructor(readonly timeoutMs: number) {
    super(`job stopped by the watchdog after ${timeoutMs} ms`);
    this.name = "JobWatchdogError";
  }
}

/** A worker for a module; a TypeScript one loads through tsx (workers do not inherit --import). */
export function tsWorker(moduleUrl: URL, options: PoolOptions = {}): Worker {
  const settings = {
    ...(options.heapMb ? { resourceLimits: { maxOldGenerationSizeMb: options.heapMb } } : {}),
    ...(options.shared ? { workerData: { shared: true } satisfies PoolWorkerData } : {}),
  };
  let worker: Worker;
  if (!moduleUrl.pathname.endsWith(".ts")) worker = new Worker(moduleUrl, settings);
  else {
    const loader = import.meta.resolve("tsx/esm/api");
    const boot =
      `import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); ` +
      `return import(${JSON.stringify(moduleUrl.href)}); });`;
    worker = new Worker(boot, { eval: true, ...settings });
  }
  options.shared?.then(
    (shared) => worker.postMessage({ shared } satisfies SharedMessage<unknown>),
    () => worker.postMessage({ shared: undefined } satisfies SharedMessage<unknown>),
  );
  return worker;
}

/** What became of one job on one worker: its result, or the error that killed the worker. */
export type JobOutcome<R> = { ok: true; result: R } | { ok: false; error: Error };

/**
 * Posts one job to a worker and waits for its result, or for the worker's death, or, past
 * `timeoutMs`, fails it with a `JobWatchdogError` (the caller then terminates the worker).
 */
export function runOnWorker<J, R>(
  worker: Worker,
  id: number,
  job: J,
  timeoutMs?: number,
): Promise<JobOutcome<R>> {
  return new Promise((resolve) => {
    const watchdog =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => done({ ok: false, error: new JobWatchdogError(timeoutMs) }), timeoutMs);
    const done = (value: JobOutcome<R>) => {
      clearTimeout(watchdog);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      resolve(value);
    };
    const onMessage = (message: FromWorker<R>) => {
      if (message.id === id) done({ ok: true, result: message.result });
    };
    const onError = (error: Error) => done({ ok: false, error });
    const onExit = (code: number) =>
      done({ ok: false, error: new Error(`worker exited with code ${code}`) });
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    worker.postMessage({ id, job } satisfies ToWorker<J>);
  });
}

/**
 * Runs every job on at most `size` workers and returns the results in job order. `onCrash` turns
 * a worker's death (uncaught error, out of memory, exit) into the result of the job it held.
 * While the jobs are still being prepared (a promise of them all, or a promise per job: each one
 * then runs as soon as it is ready, in order), the workers boot meanwhile.
 */
export async function runPool<J, R>(
  moduleUrl: URL,
  pendingJobs: readonly (J | Promise<J>)[] | Promise<readonly J[]>,
  size: number,
  onCrash: (job: J, error: Error) => R,
  options: RunPoolOptions<J> = {},
): Promise<R[]> {
  const booted = Array.from({ length: Math.max(1, size) }, () => tsWorker(moduleUrl, options));
  let jobs: readonly (J | Promise<J>)[];
  try {
    jobs = await pendingJobs;
  } catch (error) {
    await Promise.all(booted.map((w) => w.terminate()));
    throw error;
  }
  const results = new Array<R>(jobs.length);
  let next = 0;
  let finished = 0;
  const lanes = Math.max(1, Math.min(size, jobs.length));
  await Promise.all(booted.splice(lanes).map((w) => w.terminate()));

  /** The result of the first job of each `sameResult` key, once it is in. */
  const byKey = new Map<string, Promise<R>>();
  /** Jobs that take an earlier job's result, until it is in. */
  const copies: Promise<void>[] = [];
  const done = (id: number, result: R) => {
    results[id] = result;
    finished++;
    options.onProgress?.(finished, jobs.length);
  };

  const lane = async (n: number): Promise<void> => {
    let worker: Worker | undefined = booted[n];
    try {
      while (next < jobs.length) {
        const id = next++;
        const job = await jobs[id]!;
        const key = options.sameResult?.(job);
        const earlier = key === undefined ? undefined : byKey.get(key);
        if (earlier) {
          copies.push(earlier.then((result) => done(id, result)));
          continue;
        }
        let settle: ((result: R) => void) | undefined;
        if (key !== undefined) byKey.set(key, new Promise<R>((resolve) => (settle = resolve)));
        worker ??= tsWorker(moduleUrl, options);
        const outcome = await runOnWorker<J, R>(worker, id, job, options.jobTimeoutMs);
        const result = outcome.ok ? outcome.result : onCrash(job, outcome.error);
        done(id, result);
        settle?.(result);
        if (!outcome.ok) {
          await worker.terminate();
          worker = undefined;
        }
      }
    } finally {
      await worker?.terminate();
    }
  };

  await Promise.all(Array.from({ length: lanes }, (_, n) => lane(n)));
  await Promise.all(copies);
  return results;
}
