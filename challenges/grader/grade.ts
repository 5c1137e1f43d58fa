/**
 * Grading a folder of pupil programs on a challenge: every program on every seed, in parallel
 * worker threads. One broken program never stops the others: its failures are in its row.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Locale } from "../../runtime/engine.ts";
import { failed, gradeJobs, type GradeJob, type GradeJobResult } from "./job.ts";
import { mean, type GradeRow } from "./output.ts";
import { SIMULATION_HEAP_MB, tuneSimulationHost } from "./host.ts";
import { closeCompiler } from "../../runtime/node.ts";
import { runPool } from "./pool.ts";
import { jobWatchdogMs } from "./watchdog.ts";
import { resolveChallenge } from "../pack/files.node.ts";

export interface GradeOptions {
  folder: string;
  challenge: string;
  seeds: number[];
  jobs: number;
  locale: Locale;
  /** Called each time a run ends (done of total). */
  onProgress?: (done: number, total: number) => void;
  /** Wall milliseconds one run may take (see watchdog.ts); from the challenge by default. */
  jobTimeoutMs?: number;
}

export interface GradeReport {
  rows: GradeRow[];
  /** Every run, in order (program by program, seed by seed), for the benchmark. */
  runs: (GradeJobResult & { program: string; seed: number })[];
}

/** The programs of a folder: its `.ts` and `.js` files, by name. */
export function programsIn(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|js)$/.test(e.name) && !e.name.endsWith(".d.ts"))
    .map((e) => e.name)
    .sort();
}

const WORKER = new URL("./worker.ts", import.meta.url);

/** A program's row: its score on each seed (in the order of its runs), their mean, its errors. */
export function gradeRow(
  program: string,
  runs: readonly (GradeJobResult & { seed: number })[],
): GradeRow {
  return {
    program,
    scores: runs.map((r) => r.score),
    mean: mean(runs.map((r) => r.score)),
    errors: runs.flatMap((r) =>
      r.error
        ? [
            {
              seed: r.seed,
              message: r.error.message,
              ...(r.error.line !== undefined ? { line: r.error.line } : {}),
            },
          ]
        : [],
    ),
  };
}

export async function gradeFolder(options: GradeOptions): Promise<GradeReport> {
  tuneSimulationHost();
  const programs = programsIn(options.folder);
  // Compiled here, once a program, while the workers boot.
  // The compiler's worker is closed once every program is compiled (it is not needed after).
  const jobs = gradeJobs(
    programs.map((name) => join(options.folder, name)),
    options.challenge,
    options.seeds,
    options.locale,
  ).finally(closeCompiler);
  const results = await runPool<GradeJob, GradeJobResult>(
    WORKER,
    jobs,
    options.jobs,
    (_job, error) => failed(error, options.locale),
    {
      heapMb: SIMULATION_HEAP_MB,
      jobTimeoutMs:
        options.jobTimeoutMs ??
        jobWatchdogMs(resolveChallenge(options.challenge).challenge.timeLimit),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    },
  );
  const runs = results.map((r, n) => ({
    ...r,
    program: programs[Math.floor(n / options.seeds.length)]!,
    seed: options.seeds[n % options.seeds.length]!,
  }));
  const rows = programs.map((program, p) =>
    gradeRow(program, runs.slice(p * options.seeds.length, (p + 1) * options.seeds.length)),
  );
  return { rows, runs };
}
