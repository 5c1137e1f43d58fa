import { describe, expect, it } from "vitest";
import { runPool } from "./pool.ts";

const worker = new URL("./fixtures/test-worker.ts", import.meta.url);

describe("worker pool", () => {
  it("runs TypeScript workers and keeps the job order", async () => {
    const jobs = [1, 2, 3, 4, 5].map((value) => ({ value }));
    const results = await runPool(worker, jobs, 2, () => ({ doubled: -1 }));
    expect(results).toEqual([2, 4, 6, 8, 10].map((doubled) => ({ doubled })));
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
});
