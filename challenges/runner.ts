/**
 * One run of a pupil program on a challenge: compile, build the arena for the seed, run the
 * simulation, score. The same function serves `robotyc run`, the grader's workers and the app,
 * so a program, a seed and a challenge get the same score everywhere.
 */
import type { CompileResult, Locale, RunLimits } from "../runtime/engine.ts";
import { loadArena, runSimulation } from "../simulator/index.ts";
import { challengeCamera } from "./camera.ts";
import type { Challenge } from "./format/schema.ts";
import { challengeMaxScore, runArena, runFacts, scoringLabels } from "./setup.ts";
import { score, type Outcome, type ScoreLine } from "./scoring/score.ts";

export interface ChallengeRunOptions {
  /** The program's source, or what `compileProgram` made of it (the grader compiles once). */
  source: string | Uint8Array | CompileResult;
  /** The name shown in messages when `source` is compiled here; default `program.ts`. */
  fileName?: string;
  challenge: Challenge;
  seed: number;
  locale: Locale;
  /** Where the program's print() goes; nowhere by default. */
  print?: (text: string) => void;
  /** Record a replay of the run. */
  record?: boolean;
  /** Sandbox limits; the runtime's defaults otherwise (the same for every pupil). */
  limits?: RunLimits;
}

export interface ChallengeRunResult {
  challenge: string;
  seed: number;
  outcome: Outcome;
  score: number;
  maxScore: number;
  simTime: number;
  breakdown: ScoreLine[];
  /** The simulator's trace hashes (absent when the program did not compile). */
  trace?: { hash: string; stateHash: string };
  /** Why the program failed: it did not compile, or it failed while running. */
  error?: { message: string; line?: number; stage: "compile" | "run" };
  replay?: unknown;
}

/**
 * Compiles a pupil program. The compiler (TypeScript) is loaded on the first call only: a process
 * that runs compiled programs (a grading worker) never loads it. The grader compiles each program
 * once, for all its seeds, and hands the result to `runChallenge`.
 */
export async function compileProgram(
  source: string | Uint8Array,
  locale: Locale,
  fileName?: string,
): Promise<CompileResult> {
  const { compile } = await import("../runtime/index.ts");
  return compile(source, { locale, fileName });
}

const isCompiled = (source: ChallengeRunOptions["source"]): source is CompileResult =>
  typeof source === "object" && !(source instanceof Uint8Array);

export async function runChallenge(options: ChallengeRunOptions): Promise<ChallengeRunResult> {
  const { challenge, seed, locale } = options;
  const compiledProgram = isCompiled(options.source)
    ? options.source
    : await compileProgram(options.source, locale, options.fileName);
  if (!compiledProgram.ok) {
    const first =
      compiledProgram.diagnostics.find((d) => d.severity === "error") ??
      compiledProgram.diagnostics[0];
    return {
      challenge: challenge.id,
      seed,
      outcome: "error",
      score: 0,
      maxScore: challengeMaxScore(challenge, seed),
      simTime: 0,
      breakdown: [],
      error: { message: first?.message ?? "compile error", line: first?.line, stage: "compile" },
    };
  }
  const arena = loadArena(runArena(challenge, seed));
  const parts = challenge.kit.parts;
  const camera = !parts || parts.includes("camera") ? await challengeCamera() : undefined;
  // The simulator's own runner: the same seeding of the sandbox as in the app.
  const result = await runSimulation({
    program: compiledProgram.program,
    arena,
    seed,
    maxTime: challenge.timeLimit,
    locale,
    record: options.record === true,
    ...(options.print ? { print: options.print } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(parts ? { parts } : {}),
    ...(camera ?? {}),
  });
  const facts = runFacts(result.outcome, result.simTime, result.events, result.final);
  const scored = score(
    challenge.scoring,
    challenge.sorting,
    facts,
    scoringLabels(challenge, arena),
  );
  return {
    challenge: challenge.id,
    seed,
    outcome: result.outcome,
    score: scored.score,
    maxScore: scored.maxScore,
    simTime: result.simTime,
    breakdown: scored.breakdown,
    trace: { hash: result.trace.hash, stateHash: result.trace.stateHash },
    ...(result.error
      ? { error: { message: result.error.message, line: result.error.line, stage: "run" as const } }
      : {}),
    ...(result.replay !== undefined ? { replay: result.replay } : {}),
  };
}

/** The result as `robotyc run --json` prints it. */
export function resultJson(result: ChallengeRunResult, locale: Locale): Record<string, unknown> {
  return {
    challenge: result.challenge,
    seed: result.seed,
    outcome: result.outcome,
    score: result.score,
    maxScore: result.maxScore,
    simTime: Math.round(result.simTime * 1000) / 1000,
    breakdown: result.breakdown.map((line) => ({
      points: line.points,
      reason: line.reason[locale],
    })),
    ...(result.error
      ? {
          error: {
            message: result.error.message,
            ...(result.error.line !== undefined ? { line: result.error.line } : {}),
          },
        }
      : {}),
  };
}
