/**
 * One run of a pupil program on a challenge: compile, build the arena for the seed, run the
 * simulation, score. The same function serves `robotyc run`, the grader's workers and the app,
 * so a program, a seed and a challenge get the same score everywhere.
 */
import {
  atPosition,
  LocalizedError,
  type CompiledProgram,
  type CompileResult,
  type Locale,
  type Localized,
  type RunLimits,
} from "../runtime/engine.ts";
import {
  encodeFrameLines,
  Hasher,
  loadArena,
  runSimulation,
  type Replay,
  type ReplayFrame,
  type ReplayRun,
  type RunControl,
  type Arena,
  type SimulationResult,
  type World,
} from "../simulator/index.ts";
import { lazyCamera, type ChallengeCamera } from "./camera.ts";
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
  /**
   * Where the program's print() goes; nowhere by default. A sink that is full returns a promise:
   * the run waits for it at the program's next pause.
   */
  print?: (text: string) => unknown;
  /** Record a replay of the run (it then embeds the challenge, the program and the result). */
  record?: boolean;
  /** Sandbox limits; the runtime's defaults otherwise (the same for every pupil). */
  limits?: RunLimits;
  /** What the replay keeps as the program (the source as written, e.g. Blocks JSON); by default the source given. */
  program?: { source: string; language: "typescript" | "blocks" };
  /**
   * The camera of a robot that has one: the app hands in where the classifier's files are
   * (`challengeCamera`); Node's entry gives the shipped classifier by default.
   */
  camera?: () => Promise<ChallengeCamera>;
  /** Simulated seconds per wall second, 0.25..8 (the app); as fast as possible by default. */
  pace?: number;
  /** Pause, resume, step, pace and stop while the run goes. */
  control?: RunControl;
  /** Stops the run at once; `runChallenge` then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Every frame of the run (1/20 s), exactly as its replay decodes it. */
  onFrame?: (frame: ReplayFrame) => void;
  /** The pupil's line of each robot.* and wait() call: which line is running (the app). */
  onCall?: (line: number | undefined) => void;
  /**
   * The score if the run ended now (no time bonus: that needs the program finished), every half
   * simulated second when it changed: the app's live score. Reads the world, never changes it.
   */
  onScore?: (score: number) => void;
}

/** Ticks between two live scores (half a simulated second at 120 ticks a second). */
const LIVE_SCORE_TICKS = 60;

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
  /** `message` names the position once (« Ligne 4, colonne 7 : … »); `line`, `column` for tools. */
  error?: { message: string; line?: number; column?: number; stage: "compile" | "run" };
  /** With `record`: the run's replay, standing alone (arena, challenge, program, result). */
  replay?: Replay;
}

const noCamera: Localized = {
  fr: "Le défi « {id} » utilise la caméra du robot, mais aucun classifieur n'a été fourni pour la faire marcher.",
  en: 'The challenge "{id}" uses the robot\'s camera, but no classifier was given to run it.',
};

/** Prints a replay keeps, at most (the console shows them beside the replay). */
const REPLAY_PRINTS = 1000;

/**
 * A short fingerprint of a challenge's content: two files with the same id but other rules,
 * items or arena get different versions (replays and grading results name it).
 */
export function challengeVersion(challenge: Challenge): string {
  const hasher = new Hasher();
  hasher.string(JSON.stringify(challenge));
  return hasher.hex();
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

/** The program ready to run, or the result of a run that cannot start: it does not compile. */
export async function compiledForRun(
  options: ChallengeRunOptions,
): Promise<{ program: CompiledProgram } | { failed: ChallengeRunResult }> {
  const { challenge, seed, locale } = options;
  const compiled = isCompiled(options.source)
    ? options.source
    : await compileProgram(options.source, locale, options.fileName);
  if (compiled.ok) return { program: compiled.program };
  const first = compiled.diagnostics.find((d) => d.severity === "error") ?? compiled.diagnostics[0];
  return {
    failed: {
      challenge: challenge.id,
      seed,
      outcome: "error",
      score: 0,
      maxScore: challengeMaxScore(challenge, seed),
      simTime: 0,
      breakdown: [],
      error: {
        message: first ? atPosition(first.message, locale, first.line, first.column) : "?",
        line: first?.line,
        ...(first ? { column: first.column } : {}),
        stage: "compile",
      },
    },
  };
}

/** Where a run's prints go: to `options.print`, and kept for the replay when recording. */
export function runPrints(options: ChallengeRunOptions): {
  print: ((text: string) => unknown) | undefined;
  prints: string[];
} {
  const prints: string[] = [];
  const print =
    options.record && options.print
      ? (text: string) => {
          if (prints.length < REPLAY_PRINTS) prints.push(text);
          return options.print!(text);
        }
      : options.record
        ? (text: string) => void (prints.length < REPLAY_PRINTS && prints.push(text))
        : options.print;
  return { print, prints };
}

/**
 * A finished run scored by the challenge's rules, its replay completed with the challenge, the
 * program and the result: the same for every way of running a challenge (the arena, the twin).
 */
export function scoredRun(
  options: ChallengeRunOptions,
  arena: Arena,
  result: SimulationResult,
  prints: string[],
  /** The program's line running at each recorded frame, kept in the replay. */
  frameLines?: readonly number[],
): ChallengeRunResult {
  const { challenge, seed } = options;
  const facts = runFacts(result.outcome, result.simTime, result.events, result.final);
  const scored = score(
    challenge.scoring,
    challenge.sorting,
    facts,
    scoringLabels(challenge, arena),
  );
  const error = result.error
    ? {
        message: result.error.message,
        line: result.error.line,
        ...(result.error.column ? { column: result.error.column } : {}),
        stage: "run" as const,
      }
    : undefined;
  let replay: Replay | undefined;
  if (result.replay) {
    const given = options.source;
    const source =
      options.program ??
      (typeof given === "string" || given instanceof Uint8Array
        ? {
            source: typeof given === "string" ? given : new TextDecoder().decode(given),
            language: "typescript" as const,
          }
        : null);
    const run: ReplayRun = {
      challenge: { id: challenge.id, version: challengeVersion(challenge) },
      program: source,
      result: {
        score: scored.score,
        maxScore: scored.maxScore,
        breakdown: scored.breakdown.map((line) => ({ points: line.points, reason: line.reason })),
        prints,
        ...(error ? { error } : {}),
      },
    };
    replay = { ...result.replay, ...run };
    if (frameLines?.length === replay.frameCount) {
      replay.frameLines = encodeFrameLines(frameLines);
    }
  }
  return {
    challenge: challenge.id,
    seed,
    outcome: result.outcome,
    score: scored.score,
    maxScore: scored.maxScore,
    simTime: result.simTime,
    breakdown: scored.breakdown,
    trace: { hash: result.trace.hash, stateHash: result.trace.stateHash },
    ...(error ? { error } : {}),
    ...(replay ? { replay } : {}),
  };
}

export async function runChallenge(options: ChallengeRunOptions): Promise<ChallengeRunResult> {
  const { challenge, seed, locale } = options;
  const ready = await compiledForRun(options);
  if ("failed" in ready) return ready.failed;
  const arena = loadArena(runArena(challenge, seed));
  const parts = challenge.kit.parts;
  let camera: ReturnType<typeof lazyCamera> | undefined;
  if (!parts || parts.includes("camera")) {
    if (!options.camera) throw new LocalizedError(noCamera, { id: challenge.id });
    // Loaded on the program's first classify(): a run that never classifies never loads it.
    camera = lazyCamera(options.camera);
  }
  const { print, prints } = runPrints(options);
  const onScore = options.onScore;
  let ticks = 0;
  let lastScore = NaN;
  const liveScore = (world: World) => {
    if (!onScore || ++ticks % LIVE_SCORE_TICKS !== 0) return;
    const facts = runFacts("timeout", world.time(), world.events, world.final());
    const now = score(challenge.scoring, challenge.sorting, facts, liveLabels).score;
    if (now !== lastScore) onScore((lastScore = now));
  };
  const liveLabels = scoringLabels(challenge, arena);
  // A recorded run keeps which line was running at each frame (the replay's timeline shows it).
  const frameLines: number[] = [];
  let line = 0;
  const onCall = options.record
    ? (at: number | undefined) => {
        line = at ?? 0;
        options.onCall?.(at);
      }
    : options.onCall;
  const onFrame = options.record
    ? (frame: ReplayFrame) => {
        frameLines.push(line);
        options.onFrame?.(frame);
      }
    : options.onFrame;
  // The simulator's own runner: the same seeding of the sandbox as in the app.
  const result = await runSimulation({
    program: ready.program,
    arena,
    seed,
    maxTime: challenge.timeLimit,
    locale,
    record: options.record === true,
    ...(print ? { print } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(parts ? { parts } : {}),
    ...(camera ?? {}),
    ...(options.pace !== undefined ? { pace: options.pace } : {}),
    ...(options.control ? { control: options.control } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(onFrame ? { onFrame } : {}),
    ...(onCall ? { onCall } : {}),
    ...(onScore ? { onTick: liveScore } : {}),
  });
  return scoredRun(options, arena, result, prints, options.record ? frameLines : undefined);
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
            ...(result.error.column !== undefined ? { column: result.error.column } : {}),
          },
        }
      : {}),
  };
}
