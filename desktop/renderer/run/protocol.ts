/**
 * The messages between the page and the run worker, and their checks. Each side validates what
 * it receives (`toWorker` / `fromWorker`): a malformed message is dropped, never acted on.
 * The live physics world never crosses: only plain snapshots in the replay's frame format.
 */
import { z } from "zod";

const finite = z.number().finite();
const coordinate = z.union([finite, z.nan()]);
const locale = z.enum(["fr", "en"]);
const runId = z.number().int().nonnegative();

export const PoseSchema = z.object({
  x: coordinate,
  y: coordinate,
  z: coordinate,
  q: z.tuple([finite, finite, finite, finite]).nullable(),
});

/** What the robot was doing at a frame (the replay's robot frame, format 2). */
export const RobotFrameSchema = z.object({
  power: z.tuple([finite, finite]),
  wheels: z.tuple([finite, finite]),
  jaw: finite,
  held: z.number().int().nonnegative(),
  seen: z.object({
    distance: finite.optional(),
    line: z.object({ left: z.boolean(), center: z.boolean(), right: z.boolean() }).optional(),
    color: z.string().optional(),
    heading: finite.optional(),
  }),
});

/** A snapshot in the replay's frame format. */
export const FrameSchema = z.object({
  tick: z.number().int().nonnegative(),
  poses: z.array(PoseSchema).max(1000),
  robot: RobotFrameSchema.optional(),
});

export const CompiledProgramSchema = z.object({
  format: z.literal("robotyc-program/1"),
  fileName: z.string(),
  code: z.string(),
  lines: z.unknown(),
});

export const ToWorkerSchema = z.discriminatedUnion("type", [
  /** The scene of a challenge and seed, before any run (the arena at rest). */
  z.object({
    type: z.literal("prepare"),
    requestId: runId,
    challengeId: z.string().min(1).max(100),
    seed: z.number().int(),
    locale,
  }),
  z.object({
    type: z.literal("start"),
    runId,
    challengeId: z.string().min(1).max(100),
    seed: z.number().int(),
    locale,
    program: CompiledProgramSchema,
    /** The pupil's program as written (TypeScript, or the Blocks workspace), kept in the replay. */
    source: z.string().max(2_000_000),
    language: z.enum(["typescript", "blocks"]),
    /** Simulated seconds per wall second (0.25..8). */
    pace: z.number().min(0.25).max(8),
    /** Start paused (step by step from the first tick). */
    paused: z.boolean(),
    /** Shared control words (stop, pause, step, pace), when the page is cross-origin isolated. */
    control: z.unknown().optional(),
  }),
  /** Check and decode a replay (an opened file, or the last run's). */
  z.object({ type: z.literal("decode"), requestId: runId, replay: z.unknown(), locale }),
  z.object({ type: z.literal("pause"), runId }),
  z.object({ type: z.literal("resume"), runId }),
  z.object({ type: z.literal("step"), runId, ticks: z.number().int().min(1).max(12_000) }),
  z.object({ type: z.literal("pace"), runId, pace: z.number().min(0.25).max(8) }),
  z.object({ type: z.literal("stop"), runId }),
  /** Where to send the live frames (`{runId, frame}`): the render worker's port. */
  z.object({
    type: z.literal("view"),
    port: z.custom<MessagePort>(
      (value) => typeof MessagePort === "function" && value instanceof MessagePort,
    ),
  }),
]);

export const ScoreLineSchema = z.object({
  points: finite,
  reason: z.object({ fr: z.string(), en: z.string() }),
});

export const ChallengeInfoSchema = z.object({
  id: z.string(),
  title: z.object({ fr: z.string(), en: z.string() }),
  instructions: z.object({ fr: z.string(), en: z.string() }),
  timeLimit: finite,
  maxScore: finite,
  level: z.number().int().optional(),
});

export const SceneSchema = z.object({
  challenge: ChallengeInfoSchema,
  seed: z.number().int(),
  /** The placed arena (checked, defaults filled). */
  arena: z.record(z.string(), z.unknown()),
  bodies: z.array(z.object({ id: z.string(), catalogueId: z.string() })),
  bins: z.record(
    z.string(),
    z.object({ label: z.object({ fr: z.string(), en: z.string() }), kinds: z.array(z.string()) }),
  ),
  zones: z.record(z.string(), z.object({ fr: z.string(), en: z.string() })),
  frame: FrameSchema,
});

/** The breakdown as `robotyc run` prints it (« +10 bouteille en plastique → bac jaune »). */
export const LinesSchema = z.object({ fr: z.array(z.string()), en: z.array(z.string()) });

/** Why a program failed: it did not compile, or it failed while running (line when known). */
export const RunErrorSchema = z.object({
  message: z.string(),
  line: z.number().int().optional(),
  stage: z.enum(["compile", "run"]),
});

export const ResultSchema = z.object({
  challenge: z.string(),
  seed: z.number().int(),
  // "watchdog": the sandbox's last-resort wall stopped a runaway built-in (runtime/sandbox/watchdog.ts).
  outcome: z.enum(["finished", "timeout", "error", "watchdog"]),
  score: finite,
  maxScore: finite,
  simTime: finite,
  breakdown: z.array(ScoreLineSchema),
  lines: LinesSchema,
  trace: z.object({ hash: z.string(), stateHash: z.string() }).optional(),
  error: RunErrorSchema.optional(),
  /** The run's replay; its `frameLines` keep the line running at each frame. */
  replay: z.unknown().optional(),
});

export const FromWorkerSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("ready"),
    challenges: z.array(ChallengeInfoSchema),
    /** Whether the worker shares memory with the page (the controls then act at once). */
    isolated: z.boolean(),
  }),
  z.object({ type: z.literal("scene"), requestId: runId, scene: SceneSchema }),
  z.object({
    type: z.literal("replay"),
    requestId: runId,
    scene: SceneSchema,
    frames: z.array(FrameSchema),
    tickRate: finite,
    /** The trace hash recomputed from the frames (equal to the recorded run's). */
    hash: z.string(),
    /** The program's line running at each frame, when the replay keeps it. */
    frameLines: z.array(z.number().int().nonnegative()).nullable(),
    program: z
      .object({ source: z.string(), language: z.enum(["typescript", "blocks"]) })
      .nullable(),
    result: z
      .object({
        score: finite,
        maxScore: finite,
        breakdown: z.array(ScoreLineSchema),
        lines: LinesSchema,
        prints: z.array(z.string()),
        error: RunErrorSchema.optional(),
      })
      .nullable(),
    outcome: z.string(),
    simTime: finite,
  }),
  z.object({
    type: z.literal("frame"),
    runId,
    time: finite,
    /** Absent when the frame went straight to the render worker. */
    frame: FrameSchema.optional(),
    /** The program's line running (its last robot.* or wait() call); 0 before the first. */
    line: z.number().int().nonnegative(),
  }),
  z.object({ type: z.literal("print"), runId, time: finite, text: z.string() }),
  /** The score if the run ended now (no time bonus), when it changed. */
  z.object({ type: z.literal("score"), runId, time: finite, score: finite }),
  z.object({ type: z.literal("result"), runId, result: ResultSchema }),
  /** The run was stopped (« Arrêter », a new run, « Réinitialiser ») at `time`. */
  z.object({
    type: z.literal("stopped"),
    runId,
    time: finite,
    /** When the run had stopped, ms since the epoch (`timeOrigin + now()`, comparable across threads). */
    at: finite,
    /** When the world last moved (its last frame), the same clock. */
    lastFrameAt: finite,
  }),
  z.object({
    type: z.literal("failed"),
    runId: runId.optional(),
    requestId: runId.optional(),
    message: z.string(),
  }),
]);

export type ToWorker = z.infer<typeof ToWorkerSchema>;
export type FromWorker = z.infer<typeof FromWorkerSchema>;
export type RunFrame = z.infer<typeof FrameSchema>;
export type RunScene = z.infer<typeof SceneSchema>;
export type RunResult = z.infer<typeof ResultSchema>;
export type ChallengeInfo = z.infer<typeof ChallengeInfoSchema>;

/** A message the worker may act on, or null (dropped). */
export function toWorker(data: unknown): ToWorker | null {
  const parsed = ToWorkerSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}

/** A message the page may act on, or null (dropped). */
export function fromWorker(data: unknown): FromWorker | null {
  const parsed = FromWorkerSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}
