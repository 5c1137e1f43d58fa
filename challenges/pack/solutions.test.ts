/**
 * Every challenge of the pack is solvable and scored right: its reference solution reaches the
 * maximum score on seeds 1..5. The runs go through the grader's worker pool (2 workers), the same
 * path as `robotyc grade`. Each run's trace and final state are also the golden ones
 * (golden-traces.json): a change that is not meant to change the physics keeps every hash.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { failed, gradeJobsAsReady, type GradeJob, type GradeJobResult } from "../grader/job.ts";
import { runPool } from "../grader/pool.ts";
import { PACK_IDS } from "./data.ts";
import { solutionFile } from "./files.node.ts";

const WORKER = new URL("../grader/worker.ts", import.meta.url);
const SEEDS = [1, 2, 3, 4, 5];

describe("reference solutions", () => {
  it(
    "reach the maximum score on seeds 1..5, for every challenge",
    { timeout: 600_000 },
    async () => {
      // The longest runs first, so the two workers finish together.
      const order = [...PACK_IDS].reverse();
      const jobs: GradeJob[] = [];
      for (const challenge of order) {
        jobs.push(
          ...(await Promise.all(
            gradeJobsAsReady([solutionFile(challenge)], challenge, SEEDS, "en"),
          )),
        );
      }
      const results = await runPool<GradeJob, GradeJobResult>(WORKER, jobs, 2, (job, error) =>
        failed(error, job.locale),
      );
      const report = results.map((r, n) => ({
        run: `${jobs[n]!.challenge} seed ${jobs[n]!.seed}`,
        outcome: r.outcome,
        score: `${r.score}/${r.maxScore}`,
        error: r.error?.message,
      }));
      const expected = results.map((r, n) => ({
        run: `${jobs[n]!.challenge} seed ${jobs[n]!.seed}`,
        outcome: "finished",
        score: `${r.maxScore}/${r.maxScore}`,
        error: undefined,
      }));
      expect(report).toEqual(expected);
      // A physics change moves these: regenerate with `node --import tsx tools/golden/traces.ts`,
      // and say so in the commit.
      const golden = JSON.parse(
        readFileSync(new URL("./golden-traces.json", import.meta.url), "utf8"),
      ) as Record<string, string>;
      const traces = Object.fromEntries(
        results.map((r, n) => [
          `${jobs[n]!.challenge} seed ${jobs[n]!.seed}`,
          `${r.traceHash}/${r.stateHash}`,
        ]),
      );
      expect(traces).toEqual(
        Object.fromEntries(Object.keys(traces).map((key) => [key, golden[key]])),
      );
      expect(results.every((r) => (r.maxScore ?? 0) > 0)).toBe(true);
      expect(fileURLToPath(WORKER)).toMatch(/worker\.ts$/);
    },
  );
});
