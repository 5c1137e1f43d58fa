/**
 * Recording a run and playing it back. Every `frameEvery` ticks the recorder quantizes the pose
 * of the robot and of every item (position to 0.01 cm, rotation quaternion to 1/10,000) and folds
 * it into the trace hash; the replay stores the same integers as zigzag varint deltas (one byte
 * for a body that did not move). Playing a replay back decodes the same integers and recomputes
 * the same trace hash.
 *
 * Since format 2 a replay stands alone: it embeds the arena, and per frame what the robot was
 * doing and what its sensors last told the program (`RobotFrame`, not part of the trace hash);
 * the challenge runner adds the challenge, the program and its result. A live run hands the view
 * the very frames a replay of it decodes to (`onFrame`), so live and replayed views are one.
 */
import { LocalizedError } from "../../runtime/engine.ts";
import {
  COLOR_NAMES,
  type ColorName,
  type LineReading,
  type Localized,
} from "../../runtime/engine.ts";
import type { Arena } from "../arena/schema.ts";
import type { FinalState, SimEvent } from "../events.ts";
import { MSG } from "../messages.ts";
import type { Quat, Vec3 } from "../world/shapes.ts";
import type { World } from "../world/world.ts";
import { Hasher, VarintReader, VarintWriter, fromBase64, toBase64 } from "./codec.ts";

export const REPLAY_FORMAT = "robotyc-replay";
/** The replay format version this software writes; it reads every version up to it. */
export const REPLAY_VERSION = 2;
/** Ticks between two recorded frames (1/20 s). */
export const FRAME_EVERY = 6;
/** Integers per body per frame: x, y, z, qx, qy, qz, qw. */
const FIELDS = 7;
/** A body that has left the simulation (fell far off the table) is recorded as all zeros. */
const GONE = [0, 0, 0, 0, 0, 0, 0];

export interface ReplayBody {
  id: string;
  /** "robot", or the item's catalogue id. */
  catalogueId: string;
}

/** What the robot was doing at a frame, and the last value each sensor gave the program. */
export interface RobotFrame {
  /** Motor power, -100..100 % (left, right). */
  power: [number, number];
  /** How far each wheel has rolled since the start, cm (turns the wheels in the view). */
  wheels: [number, number];
  /** The gripper's jaws: 0 open … 1 closed. */
  jaw: number;
  /** The held body's index in `poses` (items start at 1); 0 when nothing is held. */
  held: number;
  /** The last reading of each sensor the program has read (absent until first read). */
  seen: { distance?: number; line?: LineReading; color?: ColorName; heading?: number };
}

/** One decoded frame: the tick and, per body (robot first), the pose in cm and a quaternion. */
export interface ReplayFrame {
  tick: number;
  poses: { x: number; y: number; z: number; q: [number, number, number, number] | null }[];
  /** Absent in frames of a format 1 replay. */
  robot?: RobotFrame;
}

/** What a challenge run adds to its replay (challenges/ fills it in). */
export interface ReplayRun {
  challenge: { id: string; version: string } | null;
  /** The pupil program that ran: its source, as written (TypeScript, or Blocks JSON). */
  program: { source: string; language: "typescript" | "blocks" } | null;
  result: {
    score: number;
    maxScore: number;
    breakdown: { points: number; reason: Localized }[];
    prints: string[];
    error?: { message: string; line?: number; stage: "compile" | "run" };
  } | null;
}

export interface Replay extends Partial<ReplayRun> {
  format: typeof REPLAY_FORMAT;
  version: number;
  arenaId: string | null;
  /** The arena as it was built (format 2; null in a migrated format 1 replay). */
  arena: Arena | null;
  seed: number;
  tickRate: number;
  frameEvery: number;
  bodies: ReplayBody[];
  frameCount: number;
  /** Zigzag varint deltas of the quantized poses, base64. */
  frames: string;
  /** Zigzag varint deltas of the quantized robot frames, base64 (format 2; "" when absent). */
  robotFrames: string;
  /**
   * The program's line running at each frame (its last robot.* or wait() call; 0 before the
   * first), zigzag varint deltas, base64 (see `encodeFrameLines`). Optional in format 2: a
   * replay written without it plays the same, without the running line.
   */
  frameLines?: string;
  events: SimEvent[];
  outcome: string;
  simTime: number;
  final: FinalState;
}

export interface Trace {
  /** Hash of every recorded frame, the events and the outcome: a replay reproduces it. */
  hash: string;
  /** Hash of the exact (unquantized) final state of every body: the strictest determinism check. */
  stateHash: string;
  ticks: number;
  frames: number;
  events: number;
}

/** Rounds to an integer, never -0 (a decoded delta is always +0: live and replayed frames agree). */
const int = (value: number) => Math.round(value) + 0;

function quantizePose(t: Readonly<Vec3>, q: Readonly<Quat>): number[] {
  // Keep the quaternion's sign canonical (w ≥ 0) so equal rotations give equal integers.
  const s = q.w < 0 ? -1 : 1;
  return [
    int(t.x * 100),
    int(t.y * 100),
    int(t.z * 100),
    int(s * q.x * 10000),
    int(s * q.y * 10000),
    int(s * q.z * 10000),
    int(s * q.w * 10000),
  ];
}

/**
 * The quantized poses of the robot and every item. An item asleep now and at the last frame has
 * not moved: a body sleeps only after 2 s at rest, so it cannot have woken, moved and slept again
 * within a frame (1/20 s). Its last pose is kept rather than read again from the physics.
 */
function quantize(
  world: World,
  previous: readonly number[][] | null,
  asleep: boolean[],
): number[][] {
  const frame = [quantizePose(world.robot.translation, world.robot.rotation)];
  world.items.forEach((item, i) => {
    if (item.removed) {
      asleep[i] = false;
      frame.push(GONE);
      return;
    }
    const sleeping = item.body.isSleeping();
    const kept = sleeping && asleep[i] ? previous?.[i + 1] : undefined;
    asleep[i] = sleeping;
    frame.push(kept ?? quantizePose(item.body.translation(), item.body.rotation()));
  });
  return frame;
}

/** Integers per robot frame (see `quantizeRobot`). */
const ROBOT_FIELDS = 11;
const SEEN_DISTANCE = 1;
const SEEN_LINE = 2;
const SEEN_COLOR = 4;
const SEEN_HEADING = 8;

/** A robot frame as integers: power to 0.01 %, wheels to 0.01 cm, jaw to 1/100, readings rounded. */
function quantizeRobot(frame: RobotFrame): number[] {
  const { seen } = frame;
  const mask =
    (seen.distance !== undefined ? SEEN_DISTANCE : 0) |
    (seen.line ? SEEN_LINE : 0) |
    (seen.color ? SEEN_COLOR : 0) |
    (seen.heading !== undefined ? SEEN_HEADING : 0);
  const line = seen.line
    ? (seen.line.left ? 1 : 0) | (seen.line.center ? 2 : 0) | (seen.line.right ? 4 : 0)
    : 0;
  return [
    int(frame.power[0] * 100),
    int(frame.power[1] * 100),
    int(frame.wheels[0] * 100),
    int(frame.wheels[1] * 100),
    int(frame.jaw * 100),
    frame.held,
    mask,
    int((seen.distance ?? 0) * 10),
    line,
    seen.color ? COLOR_NAMES.indexOf(seen.color) : 0,
    int((seen.heading ?? 0) * 10),
  ];
}

function robotFrameOf(q: readonly number[]): RobotFrame {
  const mask = q[6]!;
  const seen: RobotFrame["seen"] = {};
  if (mask & SEEN_DISTANCE) seen.distance = q[7]! / 10;
  if (mask & SEEN_LINE) {
    seen.line = { left: (q[8]! & 1) !== 0, center: (q[8]! & 2) !== 0, right: (q[8]! & 4) !== 0 };
  }
  if (mask & SEEN_COLOR) seen.color = COLOR_NAMES[q[9]!] ?? "grey";
  if (mask & SEEN_HEADING) seen.heading = q[10]! / 10;
  return {
    power: [q[0]! / 100, q[1]! / 100],
    wheels: [q[2]! / 100, q[3]! / 100],
    jaw: q[4]! / 100,
    held: q[5]!,
    seen,
  };
}

/** The robot frame before anything has moved. */
export const IDLE_ROBOT: RobotFrame = { power: [0, 0], wheels: [0, 0], jaw: 0, held: 0, seen: {} };

/** Decoded poses from the quantized integers (the same function live and in playback). */
function posesOf(frame: readonly number[][]): ReplayFrame["poses"] {
  return frame.map((p) =>
    p.every((v) => v === 0)
      ? { x: NaN, y: NaN, z: NaN, q: null }
      : {
          x: p[0]! / 100,
          y: p[1]! / 100,
          z: p[2]! / 100,
          q: [p[3]! / 10000, p[4]! / 10000, p[5]! / 10000, p[6]! / 10000],
        },
  );
}

/** Writes a frame of integer rows as deltas from the previous one; an unchanged row costs a byte. */
function writeDeltas(
  writer: VarintWriter,
  rows: readonly (readonly number[])[],
  previous: readonly (readonly number[])[] | null,
): void {
  rows.forEach((row, i) => {
    const before = previous?.[i];
    const deltas = row.map((v, j) => v - (before ? before[j]! : 0));
    if (deltas.every((d) => d === 0)) writer.write(0);
    else {
      writer.write(1);
      for (const d of deltas) writer.write(d);
    }
  });
}

function readDeltas(
  reader: VarintReader,
  count: number,
  fields: number,
  previous: readonly (readonly number[])[] | null,
): number[][] {
  return Array.from({ length: count }, (_, i) => {
    const moved = reader.read();
    if (moved !== 0 && moved !== 1) throw new RangeError("bad frame");
    return Array.from(
      { length: fields },
      (_, j) => (moved ? reader.read() : 0) + (previous ? previous[i]![j]! : 0),
    );
  });
}

function hashFrame(hasher: Hasher, tick: number, frame: readonly number[][]): void {
  hasher.int(tick);
  // Indexed loops: the iterators of for…of were allocated here, once a frame per value.
  for (let i = 0; i < frame.length; i++) {
    const pose = frame[i]!;
    for (let j = 0; j < pose.length; j++) hasher.int(pose[j]!);
  }
}

function hashEnding(hasher: Hasher, events: readonly SimEvent[], outcome: string): string {
  for (const event of events) hasher.string(JSON.stringify(event));
  hasher.string(outcome);
  return hasher.hex();
}

/** Watches a world tick by tick: folds frames into the trace hash, and stores them if asked. */
export class Recorder {
  private readonly hasher = new Hasher();
  private readonly writer: VarintWriter | null;
  private readonly robotWriter: VarintWriter | null;
  private previous: number[][] | null = null;
  /** Which items were asleep at the last frame. */
  private readonly asleep: boolean[] = [];
  private previousRobot: number[][] | null = null;
  private frameCount = 0;
  private lastTick = 0;
  /** What the robot is doing (set once the robot exists; idle before). */
  robotState: (() => RobotFrame) | null = null;

  constructor(
    private readonly world: World,
    record: boolean,
    /** Called with every frame, decoded exactly as a replay of this run decodes it. */
    private readonly onFrame: ((frame: ReplayFrame) => void) | null = null,
  ) {
    this.writer = record ? new VarintWriter() : null;
    this.robotWriter = record ? new VarintWriter() : null;
    this.capture();
  }

  /** Call after every tick. */
  onTick(): void {
    if (this.world.tick % FRAME_EVERY === 0) this.capture();
  }

  private capture(): void {
    const frame = quantize(this.world, this.previous, this.asleep);
    const tick = this.world.tick;
    hashFrame(this.hasher, tick, frame);
    const needRobot = this.robotWriter !== null || this.onFrame !== null;
    const robot = needRobot ? [quantizeRobot(this.robotState?.() ?? IDLE_ROBOT)] : null;
    if (this.writer) {
      this.writer.write(tick - (this.frameCount === 0 ? 0 : this.lastTick));
      writeDeltas(this.writer, frame, this.previous);
      writeDeltas(this.robotWriter!, robot!, this.previousRobot);
    }
    this.onFrame?.({ tick, poses: posesOf(frame), robot: robotFrameOf(robot![0]!) });
    this.previous = frame;
    this.previousRobot = robot;
    this.lastTick = tick;
    this.frameCount++;
  }

  /** Ends the recording: the trace, and the replay when recording. */
  finish(outcome: string, seed: number, final: FinalState): { trace: Trace; replay?: Replay } {
    const { world } = this;
    // The last frame, if the run did not end on a frame tick.
    if (world.tick % FRAME_EVERY !== 0) this.capture();
    const hash = hashEnding(this.hasher, world.events, outcome);
    const state = new Hasher();
    for (const body of [world.robot.body, ...world.items.map((i) => (i.removed ? null : i.body))]) {
      if (!body) {
        state.int(0);
        continue;
      }
      const t = body.translation();
      const q = body.rotation();
      for (const v of [t.x, t.y, t.z, q.x, q.y, q.z, q.w]) state.float(v);
    }
    const trace: Trace = {
      hash,
      stateHash: state.hex(),
      ticks: world.tick,
      frames: this.frameCount,
      events: world.events.length,
    };
    if (!this.writer) return { trace };
    const replay: Replay = {
      format: REPLAY_FORMAT,
      version: REPLAY_VERSION,
      arenaId: world.options.arena.id ?? null,
      arena: world.options.arena,
      seed,
      tickRate: Math.round(1 / world.physics.timestep),
      frameEvery: FRAME_EVERY,
      bodies: [
        { id: "robot", catalogueId: "robot" },
        ...world.items.map((item) => ({ id: item.id, catalogueId: item.entry.id })),
      ],
      frameCount: this.frameCount,
      frames: toBase64(this.writer.toBytes()),
      robotFrames: toBase64(this.robotWriter!.toBytes()),
      events: [...world.events],
      outcome,
      simTime: world.time(),
      final,
    };
    return { trace, replay };
  }
}

/** Format 1 → 2: no arena (only its id) and no robot frames; nothing else changes. */
function migrateV1(replay: Record<string, unknown>): Record<string, unknown> {
  return { ...replay, version: 2, arena: null, robotFrames: "" };
}

/** Checks a replay (a JSON text or value): a newer version or a malformed file gets a clear error. */
export function loadReplay(input: unknown): Replay {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new LocalizedError(MSG.replayInvalid, { detail: (error as Error).message });
    }
  }
  const r = value as Partial<Replay> | null;
  if (typeof r !== "object" || r === null || r.format !== REPLAY_FORMAT) {
    throw new LocalizedError(MSG.replayInvalid, { detail: `format ≠ ${REPLAY_FORMAT}` });
  }
  if (typeof r.version !== "number" || !Number.isInteger(r.version) || r.version < 1) {
    throw new LocalizedError(MSG.replayInvalid, { detail: "version" });
  }
  if (r.version > REPLAY_VERSION) {
    throw new LocalizedError(MSG.replayNewer, { version: r.version, known: REPLAY_VERSION });
  }
  const migrated = (
    r.version === 1 ? migrateV1(r as Record<string, unknown>) : r
  ) as Partial<Replay>;
  return checkReplay(migrated);
}

function checkReplay(r: Partial<Replay>): Replay {
  for (const key of ["bodies", "events"] as const) {
    if (!Array.isArray(r[key])) throw new LocalizedError(MSG.replayInvalid, { detail: key });
  }
  if (r.arena !== null && (typeof r.arena !== "object" || r.arena === undefined)) {
    throw new LocalizedError(MSG.replayInvalid, { detail: "arena" });
  }
  for (const key of ["frames", "robotFrames", "outcome"] as const) {
    if (typeof r[key] !== "string") throw new LocalizedError(MSG.replayInvalid, { detail: key });
  }
  if (r.frameLines !== undefined && typeof r.frameLines !== "string") {
    throw new LocalizedError(MSG.replayInvalid, { detail: "frameLines" });
  }
  for (const key of ["frameCount", "seed", "tickRate", "frameEvery", "simTime"] as const) {
    if (typeof r[key] !== "number") throw new LocalizedError(MSG.replayInvalid, { detail: key });
  }
  return r as Replay;
}

/** The running line at each frame, as a replay stores it (`Replay.frameLines`). */
export function encodeFrameLines(lines: readonly number[]): string {
  const writer = new VarintWriter();
  let previous = 0;
  for (const line of lines) {
    writer.write(line - previous);
    previous = line;
  }
  return toBase64(writer.toBytes());
}

/** One line per frame, each a line number ≥ 0 (0: no call yet), or a clear error. */
function decodeFrameLines(text: string, frameCount: number): number[] {
  try {
    const reader = new VarintReader(fromBase64(text));
    const lines: number[] = [];
    let line = 0;
    for (let f = 0; f < frameCount; f++) {
      line += reader.read();
      if (!Number.isSafeInteger(line) || line < 0) throw new RangeError("line");
      lines.push(line);
    }
    if (!reader.done) throw new RangeError("trailing bytes");
    return lines;
  } catch (error) {
    throw new LocalizedError(MSG.replayInvalid, {
      detail: `frameLines: ${(error as Error).message}`,
    });
  }
}

/** Decodes a replay's frames and recomputes its trace hash (identical to the recorded run's). */
export function playReplay(input: unknown): {
  replay: Replay;
  frames: ReplayFrame[];
  hash: string;
  /** The running line at each frame, when the replay has them. */
  lines: number[] | null;
} {
  const replay = loadReplay(input);
  const hasher = new Hasher();
  const frames: ReplayFrame[] = [];
  try {
    const reader = new VarintReader(fromBase64(replay.frames));
    const robotReader = replay.robotFrames
      ? new VarintReader(fromBase64(replay.robotFrames))
      : null;
    let tick = 0;
    let previous: number[][] | null = null;
    let previousRobot: number[][] | null = null;
    for (let f = 0; f < replay.frameCount; f++) {
      tick += reader.read();
      const frame = readDeltas(reader, replay.bodies.length, FIELDS, previous);
      hashFrame(hasher, tick, frame);
      const decoded: ReplayFrame = { tick, poses: posesOf(frame) };
      if (robotReader) {
        const robot = readDeltas(robotReader, 1, ROBOT_FIELDS, previousRobot);
        decoded.robot = robotFrameOf(robot[0]!);
        previousRobot = robot;
      }
      frames.push(decoded);
      previous = frame;
    }
    if (!reader.done || (robotReader && !robotReader.done)) throw new RangeError("trailing bytes");
  } catch (error) {
    if (error instanceof LocalizedError) throw error;
    throw new LocalizedError(MSG.replayInvalid, { detail: (error as Error).message });
  }
  const lines =
    replay.frameLines !== undefined ? decodeFrameLines(replay.frameLines, replay.frameCount) : null;
  return { replay, frames, hash: hashEnding(hasher, replay.events, replay.outcome), lines };
}
