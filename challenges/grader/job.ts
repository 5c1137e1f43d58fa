/** One grading job (a program on a seed) and its result: plain data, posted to and from workers. */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import {
  format,
  systemErrorReason,
  type CompileResult,
  type Locale,
  type Localized,
} from "../../runtime/engine.ts";
import type { Challenge } from "../format/schema.ts";
import { resolveChallenge } from "../pack/files.node.ts";
import type { ScoreLine } from "../scoring/score.ts";
import { compileIsolated } from "../../runtime/node.ts";
import { compileCached } from "../compile-cache.node.ts";
import { runChallenge } from "../run.node.ts";
import { SIMULATION_HEAP_MB } from "./host.ts";
import { jobWatchdogMessage } from "./watchdog.ts";

export interface GradeJob {
  programPath: string;
  /** The program compiled by the pool's owner (once for all its seeds): workers never compile. */
  compiled: CompileResult;
  /** A pack id or a challenge file path. */
  challenge: string;
  seed: number;
  locale: Locale;
  /** Record a replay of the run (a teacher opening a pupil's run); off when grading. */
  record?: boolean;
}

export interface GradeJobResult {
  score: number;
  maxScore?: number;
  outcome: "finished" | "timeout" | "error" | "watchdog";
  simTime: number;
  /** The simulator's final-state hash, for fairness checks. */
  stateHash?: string;
  /** The simulator's trace hash (every frame, the events, the outcome). */
  traceHash?: string;
  /** Wall milliseconds the run took, for the benchmark. */
  wallMs: number;
  error?: { message: string; line?: number };
  /** How the score was made, line by line, in every language. */
  breakdown?: ScoreLine[];
  /** The run's replay, when the job asked for one. */
  replay?: unknown;
}

const challenges = new Map<string, Challenge>();

/** Runs one job; never throws (a failure is the job's result). */
export async function runGradeJob(job: GradeJob): Promise<GradeJobResult> {
  const start = performance.now();
  try {
    let challenge = challenges.get(job.challenge);
    if (!challenge) {
      challenge = resolveChallenge(job.challenge).challenge;
      challenges.set(job.challenge, challenge);
    }
    const result = await runChallenge({
      source: job.compiled,
      challenge,
      seed: job.seed,
      locale: job.locale,
      ...(job.record ? { record: true } : {}),
    });
    return {
      score: result.score,
      maxScore: result.maxScore,
      outcome: result.outcome,
      simTime: result.simTime,
      ...(result.trace ? { stateHash: result.trace.stateHash, traceHash: result.trace.hash } : {}),
      wallMs: performance.now() - start,
      ...(result.error
        ? { error: { message: result.error.message, line: result.error.line } }
        : {}),
      breakdown: result.breakdown,
      ...(result.replay !== undefined ? { replay: result.replay } : {}),
    };
  } catch (error) {
    return failed(error, job.locale, performance.now() - start);
  }
}

const MESSAGES = {
  unreadable: {
    fr: "Impossible de lire le fichier « {file} » : {detail}",
    en: 'Cannot read the file "{file}": {detail}',
  },
  memory: {
    fr: "La simulation de ce programme a manqué de mémoire et a été arrêtée (limite : {mb} Mo). Les autres programmes sont notés normalement.",
    en: "The simulation of this program ran out of memory and was stopped (limit: {mb} MB). The other programs are graded as usual.",
  },
} satisfies Record<string, Localized>;

/** A program that could not be compiled for a reason of its own (unreadable, compiler failure). */
export const compileFailure = (message: string): CompileResult => ({
  ok: false,
  diagnostics: [{ line: 1, column: 1, message, code: "ROBOTYC_GRADE", severity: "error" }],
});

/**
 * A program compiled; a failure of the compiler itself is a diagnostic, like a pupil's mistake.
 * Through the compile cache (compile-cache.node.ts): a class graded again, or a program handed in
 * twice, is not compiled again.
 */
export async function compileSource(
  source: string | Uint8Array,
  locale: Locale,
  fileName: string,
): Promise<CompileResult> {
  try {
    // In a worker thread with a heap cap and a watchdog, kept for the next program: a program that
    // makes TypeScript run away fails alone (its worker is replaced), and the grading goes on.
    return await compileCached(source, locale, fileName, isolated);
  } catch (error) {
    // The compiler reports bad programs as diagnostics; this is for its own failures.
    return compileFailure(messageOf(error, locale));
  }
}

const isolated = (source: string | Uint8Array, locale: Locale, fileName?: string) =>
  compileIsolated(source, { locale, fileName });

/** A program file compiled; a file that cannot be read is a diagnostic. */
async function compileFile(programPath: string, locale: Locale): Promise<CompileResult> {
  const file = basename(programPath);
  let source: Uint8Array;
  try {
    source = readFileSync(programPath);
  } catch (error) {
    const reason = systemErrorReason(error);
    const detail = reason
      ? format(reason, locale)
      : error instanceof Error
        ? error.message
        : String(error);
    return compileFailure(format(MESSAGES.unreadable, locale, { file, detail }));
  }
  return compileSource(source, locale, file);
}

/**
 * The jobs of some programs on some seeds, each ready as soon as its program is compiled: each
 * program read and compiled once, here, one after the other (so the workers that run them never
 * load the compiler, and the first programs run while the next ones compile). In program order,
 * seed by seed. An unreadable file fails its own jobs only. Never rejects.
 */
export function gradeJobsAsReady(
  programPaths: readonly string[],
  challenge: string,
  seeds: readonly number[],
  locale: Locale,
): Promise<GradeJob>[] {
  const jobs: Promise<GradeJob>[] = [];
  for (const programPath of programPaths) {
    // compileIsolated compiles one program at a time, in the order asked.
    const compiled = compileFile(programPath, locale);
    for (const seed of seeds) {
      jobs.push(compiled.then((c) => ({ programPath, compiled: c, challenge, seed, locale })));
    }
  }
  return jobs;
}

/** What a failure says to the teacher: our own localized errors, a worker out of memory, others. */
function messageOf(error: unknown, locale: Locale): string {
  if (error && typeof error === "object" && "code" in error) {
    if (error.code === "ERR_JOB_WATCHDOG" && "timeoutMs" in error) {
      return jobWatchdogMessage(Number(error.timeoutMs), locale);
    }
    if (error.code === "ERR_WORKER_OUT_OF_MEMORY") {
      return format(MESSAGES.memory, locale, { mb: String(SIMULATION_HEAP_MB) });
    }
  }
  if (
    error &&
    typeof error === "object" &&
    "localized" in error &&
    typeof error.localized === "function"
  ) {
    return String(error.localized(locale));
  }
  return error instanceof Error ? error.message : String(error);
}

export function failed(error: unknown, locale: Locale, wallMs = 0): GradeJobResult {
  const watchdog = error instanceof Error && "code" in error && error.code === "ERR_JOB_WATCHDOG";
  return {
    score: 0,
    outcome: watchdog ? "watchdog" : "error",
    simTime: 0,
    wallMs,
    error: { message: messageOf(error, locale) },
  };
}
