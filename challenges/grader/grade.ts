/**
 * Grading a folder of pupil programs on a challenge: every program on every seed, in parallel
 * worker threads. One broken program never stops the others: its failures are in its row.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Locale } from "../../runtime/engine.ts";
import { failed, gradeJobsAsReady, type GradeJob, type GradeJobResult } from "./job.ts";
import { mean, type GradeRow } from "./output.ts";
import { SIMULATION_HEAP_MB, tuneSimulationHost } from "./host.ts";
import { closeCompiler } from "../../runtime/node.ts";
import { runPool } from "./pool.ts";
import { jobWatchdogMs } from "./watchdog.ts";
import { warmSharedEngines } from "./warm-up.ts";
import { sameRunKey } from "./graders.ts";
import { checkPlacementSeeds } from "../feasibility.ts";
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
  /**
   * A shared queue (`redis://host:6379`): the jobs go there for `robotyc worker`s on any machine
   * to take, instead of this machine's threads (`jobs` is then theirs to choose).
   */
  queue?: string;
}

export interface GradeReport {
  rows: GradeRow[];
  /** Every run, in order (program by program, seed by seed), for the benchmark. */
  runs: (GradeJobResult & { program: string; seed: number })[];
}

/** An entry of a class folder that is not graded, and why. */
export interface SkippedEntry {
  /** Its path from the class folder, `/` between folders. */
  entry: string;
  reason: "not-a-program" | "unreadable";
}

const PROGRAM_FILE = /\.(ts|js)$/;
/** Folders this deep are not read (a link that loops back stops here too). */
const MAX_DEPTH = 6;

/**
 * The programs of a class folder: its `.ts` and `.js` files, and those of its subfolders (a folder
 * per pupil is common), by path (`alice/robot.ts`); and the entries left out. Hidden entries
 * (`.DS_Store`, `.git`) are left out silently.
 */
export function findPrograms(folder: string): { programs: string[]; skipped: SkippedEntry[] } {
  const programs: string[] = [];
  const skipped: SkippedEntry[] = [];
  const visit = (relative: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(join(folder, relative)).sort();
    } catch {
      skipped.push({ entry: relative, reason: "unreadable" });
      return;
    }
    for (const name of names) {
      if (name.startsWith(".")) continue;
      const entry = relative === "" ? name : `${relative}/${name}`;
      let info;
      try {
        info = statSync(join(folder, entry));
      } catch {
        skipped.push({ entry, reason: "unreadable" });
        continue;
      }
      if (info.isDirectory()) {
        if (depth < MAX_DEPTH) visit(entry, depth + 1);
        else skipped.push({ entry, reason: "unreadable" });
      } else if (info.isFile() && PROGRAM_FILE.test(name) && !name.endsWith(".d.ts")) {
        programs.push(entry);
      } else skipped.push({ entry, reason: "not-a-program" });
    }
  };
  visit("", 0);
  return { programs, skipped };
}

/** The programs of a class folder (see `findPrograms`). */
export function programsIn(folder: string): string[] {
  return findPrograms(folder).programs;
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
  // A challenge whose items cannot be placed on some seed is refused before any run.
  const { challenge, file } = resolveChallenge(options.challenge);
  checkPlacementSeeds(challenge, options.seeds, file);
  const programs = programsIn(options.folder);
  // The engines, compiled and warmed here once while the threads boot, for all of them.
  const shared = options.queue ? undefined : warmSharedEngines();
  // Compiled here, once a program, one after the other: each program's runs start as soon as it
  // is compiled, while the next ones compile (and the workers boot meanwhile).
  const jobs = gradeJobsAsReady(
    programs.map((name) => join(options.folder, name)),
    options.challenge,
    options.seeds,
    options.locale,
  );
  // The compiler's worker is closed once every program is compiled (it is not needed after).
  const compiled = Promise.all(jobs).finally(closeCompiler);
  const results = options.queue
    ? await (
        await import("./queue.ts")
      ).gradeOnQueue(options.queue, await compiled, options.onProgress)
    : await runPool<GradeJob, GradeJobResult>(
        WORKER,
        jobs,
        options.jobs,
        (_job, error) => failed(error, options.locale),
        {
          heapMb: SIMULATION_HEAP_MB,
          jobTimeoutMs: options.jobTimeoutMs ?? jobWatchdogMs(challenge.timeLimit),
          ...(shared ? { shared } : {}),
          sameResult: sameRunKey,
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        },
      );
  await compiled;
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
