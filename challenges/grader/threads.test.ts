import { describe, expect, it } from "vitest";
import { WorkerThreads } from "./threads.ts";

const worker = new URL("./fixtures/test-worker.ts", import.meta.url);
type Job = { value: number; die?: "exit" | "throw" };

describe("long-lived grading threads", () => {
  it("run jobs that arrive over time on the same threads; a dying thread fails only its job", async () => {
    const crashes: string[] = [];
    const threads = new WorkerThreads<Job, { doubled: number }>(worker, 2, (job, error) => {
      crashes.push(`${job.value}: ${error.message}`);
      return { doubled: -1 };
    });
    try {
      expect(threads.size).toBe(2);
      const first = await Promise.all([1, 2, 3].map((value) => threads.run({ value })));
      expect(first.map((r) => r.doubled)).toEqual([2, 4, 6]);
      // Later jobs, some of which kill their thread.
      const later = await Promise.all([
        threads.run({ value: 4, die: "exit" }),
        threads.run({ value: 5 }),
        threads.run({ value: 6, die: "throw" }),
        threads.run({ value: 7 }),
        threads.run({ value: 8 }),
      ]);
      expect(later.map((r) => r.doubled)).toEqual([-1, 10, -1, 14, 16]);
      expect(crashes.sort()).toEqual(["4: worker exited with code 3", "6: worker broke"]);
      expect(threads.backlog).toBe(0);
    } finally {
      await threads.close();
    }
    await expect(threads.run({ value: 1 })).rejects.toThrow(/closed/);
  });
});
