import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gradeJobsAsReady } from "./job.ts";

const dir = mkdtempSync(join(tmpdir(), "robotyc-jobs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("grading jobs", () => {
  it("compiles each program once for all its seeds, in the caller's process", async () => {
    const file = join(dir, "alice.ts");
    writeFileSync(file, "await robot.forward(10);\n");
    const jobs = await Promise.all(gradeJobsAsReady([file], "trieur-1-zone", [1, 2, 3], "fr"));
    expect(jobs.map((j) => j.seed)).toEqual([1, 2, 3]);
    expect(jobs[0]!.compiled.ok).toBe(true);
    expect(jobs[1]!.compiled).toBe(jobs[0]!.compiled);
  });

  it("a file that cannot be read fails its own jobs, with a message naming it", async () => {
    const good = join(dir, "bob.ts");
    writeFileSync(good, "await robot.forward(10);\n");
    const jobs = await Promise.all(
      gradeJobsAsReady([join(dir, "gone.ts"), good], "trieur-1-zone", [1], "fr"),
    );
    const [gone, bob] = jobs.map((j) => j.compiled);
    expect(gone!.ok).toBe(false);
    expect(gone!.diagnostics[0]!.message).toMatch(/^Impossible de lire le fichier « gone\.ts » :/);
    expect(bob!.ok).toBe(true);
  });
});
