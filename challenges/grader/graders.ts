/**
 * Graders that take jobs one at a time, as they arrive (a classroom session, a queue worker):
 * long-lived threads running the same worker module as `gradeFolder`, so a job's result is the
 * same here as in `robotyc grade`. A job's key names what its result depends on, so equal jobs
 * can share one result (idempotence).
 */
import { createHash } from "node:crypto";
import type { CompileResult, Locale } from "../../runtime/engine.ts";
import { SIMULATION_HEAP_MB, tuneSimulationHost } from "./host.ts";
import { compileFailure, failed, type GradeJob, type GradeJobResult } from "./job.ts";
import type { CompileJob } from "./compile-worker.ts";
import { WorkerThreads } from "./threads.ts";
import { jobWatchdogMs } from "./watchdog.ts";

/** The longest time limit a challenge file may set (format/schema.ts), simulated seconds. */
const MAX_TIME_LIMIT = 600;

/** Something that grades one job at a time: local threads, or a queue shared by many machines. */
export interface Grader {
  run(job: GradeJob): Promise<GradeJobResult>;
  close(): Promise<void>;
}

const GRADE_WORKER = new URL("./worker.ts", import.meta.url);
const COMPILE_WORKER = new URL("./compile-worker.ts", import.meta.url);

/** `threads` long-lived grading threads on this machine. */
export function localGrader(threads: number): Grader {
  tuneSimulationHost();
  const pool = new WorkerThreads<GradeJob, GradeJobResult>(
    GRADE_WORKER,
    threads,
    (job, error) => failed(error, job.locale),
    // Jobs come from any challenge: the watchdog of the longest time limit a challenge may have.
    { heapMb: SIMULATION_HEAP_MB, jobTimeoutMs: jobWatchdogMs(MAX_TIME_LIMIT) },
  );
  return { run: (job) => pool.run(job), close: () => pool.close() };
}

/** A thread that compiles pupil sources (the TypeScript compiler stays off the caller's thread). */
export interface Compiler {
  compile(source: string, locale: Locale, fileName: string): Promise<CompileResult>;
  close(): Promise<void>;
}

export function compilerThread(): Compiler {
  const pool = new WorkerThreads<CompileJob, CompileResult>(COMPILE_WORKER, 1, (job, error) =>
    compileFailure(failed(error, job.locale).error!.message),
  );
  return {
    compile: (source, locale, fileName) => pool.run({ source, locale, fileName }),
    close: () => pool.close(),
  };
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The hash of a compiled program (its code, line table, file name and diagnostics). */
export function programHash(compiled: CompileResult): string {
  return sha256(JSON.stringify(compiled)).slice(0, 32);
}

/**
 * What a job's result depends on within one grading (one challenge): the program as it runs, the
 * seed and the language. The program's file name is left out: a run never reads it (an unreadable
 * file's diagnostic, which names it, is kept). Two pupils who hand in the same program get one run.
 */
export function sameRunKey(job: GradeJob): string {
  const { compiled } = job;
  const runs = compiled.ok
    ? { ...compiled, program: { ...compiled.program, fileName: "" } }
    : compiled;
  return `${jobKey({ ...job, compiled: runs }, job.challenge)}-${job.record === true}`;
}

/**
 * What a job's result depends on: the program, the challenge's version, the seed and the
 * language of its messages. Two jobs with one key have one result, bit for bit.
 */
export function jobKey(
  job: Pick<GradeJob, "compiled" | "seed" | "locale">,
  challengeHash: string,
): string {
  return `${programHash(job.compiled)}-${challengeHash}-${job.seed}-${job.locale}`;
}
