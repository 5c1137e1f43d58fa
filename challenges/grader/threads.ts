/**
 * Long-lived grading threads, for graders that receive jobs over time (a classroom session, a
 * queue worker): the same worker modules and messages as `runPool`, kept running between jobs so
 * each job does not pay for booting a thread (tsx, the physics engine, the classifier). Jobs run
 * first come, first served. A thread that dies fails only the job it held; a fresh one replaces it.
 */
import type { Worker } from "node:worker_threads";
import { runOnWorker, tsWorker, type PoolOptions } from "./pool.ts";

interface Waiting<J, R> {
  job: J;
  resolve: (result: R) => void;
  reject: (error: Error) => void;
}

export class WorkerThreads<J, R> {
  private readonly slots: { worker: Worker | undefined; busy: boolean }[];
  private readonly waiting: Waiting<J, R>[] = [];
  private nextId = 0;
  private closed = false;

  /** Boots `size` threads at once, so they warm up before the first job arrives. */
  constructor(
    private readonly moduleUrl: URL,
    size: number,
    private readonly onCrash: (job: J, error: Error) => R,
    private readonly options: Omit<PoolOptions, "onProgress"> = {},
  ) {
    this.slots = Array.from({ length: Math.max(1, size) }, () => ({
      worker: tsWorker(moduleUrl, options),
      busy: false,
    }));
  }

  get size(): number {
    return this.slots.length;
  }

  /** Jobs waiting for a free thread (not counting the ones running). */
  get backlog(): number {
    return this.waiting.length;
  }

  run(job: J): Promise<R> {
    if (this.closed) return Promise.reject(new Error("grading threads closed"));
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ job, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.waiting.length === 0) return;
      if (slot.busy) continue;
      const next = this.waiting.shift()!;
      slot.busy = true;
      void this.runOn(slot, next);
    }
  }

  private async runOn(
    slot: { worker: Worker | undefined; busy: boolean },
    { job, resolve, reject }: Waiting<J, R>,
  ): Promise<void> {
    slot.worker ??= tsWorker(this.moduleUrl, this.options);
    const worker = slot.worker;
    const outcome = await runOnWorker<J, R>(worker, this.nextId++, job, this.options.jobTimeoutMs);
    if (outcome.ok) resolve(outcome.result);
    else if (this.closed) reject(new Error("grading threads closed"));
    else {
      resolve(this.onCrash(job, outcome.error));
      slot.worker = undefined;
      await worker.terminate();
    }
    slot.busy = false;
    if (!this.closed) this.pump();
  }

  /** Stops every thread; jobs still waiting or running are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w.reject(new Error("grading threads closed"));
    await Promise.all(this.slots.map((slot) => slot.worker?.terminate()));
  }
}
