import { describe, expect, it } from "vitest";
import { failed } from "./job.ts";
import { runPool } from "./pool.ts";
import { jobWatchdogMs } from "./watchdog.ts";

const worker = new URL("./fixtures/test-worker.ts", import.meta.url);

describe("worker pool", () => {
  it("runs TypeScript workers and keeps the job order", async () => {
    const jobs = [1, 2, 3, 4, 5].map((value) => ({ value }));
    const progress: string[] = [];
    const results = await runPool(worker, jobs, 2, () => ({ doubled: -1 }), {
      onProgress: (done, total) => progress.push(`${done}/${total}`),
    });
    expect(results).toEqual([2, 4, 6, 8, 10].map((doubled) => ({ doubled })));
    expect(progress).toEqual(["1/5", "2/5", "3/5", "4/5", "5/5"]);
  });

  it("a job given as a promise runs as soon as it is ready, before the later ones are", async () => {
    // The second job is made only once the first one's result is in: a pool that waited for every
    // job before running any would never finish.
    let second!: (job: { value: number }) => void;
    const jobs = [
      Promise.resolve({ value: 1 }),
      new Promise<{ value: number }>((r) => (second = r)),
    ];
    const results = await runPool(worker, jobs, 2, () => ({ doubled: -1 }), {
      onProgress: (done) => {
        if (done === 1) second({ value: 21 });
      },
    });
    expect(results).toEqual([{ doubled: 2 }, { doubled: 42 }]);
  });

  it("a job with the key of an earlier one is not run again and gets its result", async () => {
    const jobs = [1, 2, 1, 3, 2, 1].map((value) => ({ value, count: true as const }));
    const progress: string[] = [];
    const results = await runPool(worker, jobs, 1, () => ({ doubled: -1, ran: -1 }), {
      sameResult: (job) => String(job.value),
      onProgress: (done, total) => progress.push(`${done}/${total}`),
    });
    // One worker: `ran` numbers the jobs it ran, and only three of the six reached it.
    expect(results).toEqual([
      { doubled: 2, ran: 1 },
      { doubled: 4, ran: 2 },
      { doubled: 2, ran: 1 },
      { doubled: 6, ran: 3 },
      { doubled: 4, ran: 2 },
      { doubled: 2, ran: 1 },
    ]);
    expect(progress).toHaveLength(6);
    expect(progress.at(-1)).toBe("6/6");
  });

  it("a worker that dies fails only its own job; a fresh worker takes the rest", async () => {
    const jobs = [
      { value: 1 },
      { value: 2, die: "exit" as const },
      { value: 3 },
      { value: 4, die: "throw" as const },
      { value: 5 },
    ];
    const crashes: string[] = [];
    const results = await runPool(worker, jobs, 2, (job, error) => {
      crashes.push(`${job.value}: ${error.message}`);
      return { doubled: -1 };
    });
    expect(results.map((r) => r.doubled)).toEqual([2, -1, 6, -1, 10]);
    expect(crashes.sort()).toEqual(["2: worker exited with code 3", "4: worker broke"]);
  });

  it("a worker past its heap limit fails its job with a clear message, the others run", async () => {
    const jobs = [{ value: 1 }, { value: 2, die: "memory" as const }, { value: 3 }];
    const results = await runPool(
      worker,
      jobs,
      1,
      (_job, error) => ({ doubled: -1, message: failed(error, "fr").error!.message }),
      { heapMb: 32 },
    );
    expect(results.map((r) => r.doubled)).toEqual([2, -1, 6]);
    expect((results[1] as { message: string }).message).toMatch(/manqué de mémoire.*128 Mo/);
  });

  it("a job past its watchdog is failed with its message; its worker is replaced", async () => {
    const jobs = [{ value: 1 }, { value: 2, die: "hang" as const }, { value: 3 }, { value: 4 }];
    const start = performance.now();
    const results = await runPool(
      worker,
      jobs,
      1,
      (_job, error) => ({ doubled: -1, failure: failed(error, "en") }),
      { jobTimeoutMs: 3000 },
    );
    expect(performance.now() - start).toBeLessThan(30_000);
    expect(results.map((r) => r.doubled)).toEqual([2, -1, 6, 8]);
    const failure = (results[1] as { failure: ReturnType<typeof failed> }).failure;
    expect(failure.outcome).toBe("watchdog");
    expect(failure.error!.message).toBe(
      "This program was stopped for safety: its run was not over after 3 s (an instruction that never hands back control?). Score: 0. The other programs are graded as usual.",
    );
  });

  it("the per-job watchdog sits above the sandbox's own and the run itself", () => {
    // 60 s sandbox watchdog + 160 s simulated at a real-time factor of 2 + 30 s start-up.
    expect(jobWatchdogMs(160)).toBe(60_000 + 80_000 + 30_000);
  });
});
