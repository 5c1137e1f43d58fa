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

export const SensorsSchema = z.object({
  distance: finite.optional(),
  line: z.tuple([z.boolean(), z.boolean(), z.boolean()]).optional(),
  color: z.string().optional(),
  heading: finite.optional(),
});

export const FrameSchema = z.object({
  tick: z.number().int().nonnegative(),
  poses: z.array(PoseSchema).max(1000),
  gripper: finite.optional(),
  sensors: SensorsSchema.optional(),
  /** The pupil's line running at this moment, when known. */
  line: z.number().int().positive().optional(),
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
    /** The pupil's source, stored in the replay. */
    source: z.string().max(1_000_000),
    /** Simulated seconds per wall second (0.25..8). */
    pace: z.number().min(0.25).max(8),
    /** Start paused (step by step from the first tick). */
    paused: z.boolean(),
    /** Shared control words (stop, pause, step, pace), when the page is cross-origin isolated. */
    control: z.unknown().optional(),
  }),
  z.object({ type: z.literal("pause"), runId }),
  z.object({ type: z.literal("resume"), runId }),
  z.object({ type: z.literal("step"), runId, ticks: z.number().int().min(1).max(12_000) }),
  z.object({ type: z.literal("pace"), runId, pace: z.number().min(0.25).max(8) }),
  z.object({ type: z.literal("stop"), runId }),
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

export const ResultSchema = z.object({
  challenge: z.string(),
  seed: z.number().int(),
  outcome: z.enum(["finished", "timeout", "error", "stopped"]),
  score: finite,
  maxScore: finite,
  simTime: finite,
  breakdown: z.array(ScoreLineSchema),
  trace: z.object({ hash: z.string(), stateHash: z.string() }).optional(),
  error: z
    .object({
      message: z.string(),
      line: z.number().int().optional(),
      stage: z.enum(["compile", "run"]),
    })
    .optional(),
  replay: z.unknown().optional(),
});

export const FromWorkerSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ready"), challenges: z.array(ChallengeInfoSchema) }),
  z.object({ type: z.literal("scene"), requestId: runId, scene: SceneSchema }),
  z.object({
    type: z.literal("frame"),
    runId,
    time: finite,
    frame: FrameSchema,
    /** The score as it stands (what the scoring would give if the run ended now). */
    score: finite.optional(),
  }),
  z.object({ type: z.literal("print"), runId, time: finite, text: z.string() }),
  z.object({ type: z.literal("result"), runId, result: ResultSchema }),
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
