/**
 * Recording a run and playing it back. Every `frameEvery` ticks the recorder quantizes the pose
 * of the robot and of every item (position to 0.01 cm, rotation quaternion to 1/10,000) and folds
 * it into the trace hash; the replay stores the same integers as zigzag varint deltas (one byte
 * for a body that did not move). Playing a
 * replay back decodes the same integers and recomputes the same trace hash.
 */
import { LocalizedError } from "../../runtime/engine.ts";
import type { FinalState, SimEvent } from "../events.ts";
import { MSG } from "../messages.ts";
import type { Quat, Vec3 } from "../world/shapes.ts";
import type { World } from "../world/world.ts";
import { Hasher, VarintReader, VarintWriter, fromBase64, toBase64 } from "./codec.ts";

export const REPLAY_FORMAT = "robotyc-replay";
/** The replay format version this software writes and reads. */
export const REPLAY_VERSION = 1;
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

/** One decoded frame: the tick and, per body (robot first), the pose in cm and a quaternion. */
export interface ReplayFrame {
  tick: number;
  poses: { x: number; y: number; z: number; q: [number, number, number, number] | null }[];
}

export interface Replay {
  format: typeof REPLAY_FORMAT;
  version: number;
  arenaId: string | null;
  seed: number;
  tickRate: number;
  frameEvery: number;
  bodies: ReplayBody[];
  frameCount: number;
  /** Zigzag varint deltas of the quantized poses, base64. */
  frames: string;
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

function quantizePose(t: Readonly<Vec3>, q: Readonly<Quat>): number[] {
  // Keep the quaternion's sign canonical (w ≥ 0) so equal rotations give equal integers.
  const s = q.w < 0 ? -1 : 1;
  return [
    Math.round(t.x * 100),
    Math.round(t.y * 100),
    Math.round(t.z * 100),
    Math.round(s * q.x * 10000),
    Math.round(s * q.y * 10000),
    Math.round(s * q.z * 10000),
    Math.round(s * q.w * 10000),
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

function hashFrame(hasher: Hasher, tick: number, frame: readonly number[][]): void {
  hasher.int(tick);
  for (const pose of frame) for (const v of pose) hasher.int(v);
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
  private previous: number[][] | null = null;
  /** Which items were asleep at the last frame. */
  private readonly asleep: boolean[] = [];
  private frameCount = 0;

  constructor(
    private readonly world: World,
    record: boolean,
  ) {
    this.writer = record ? new VarintWriter() : null;
    this.capture();
  }

  /** Call after every tick. */
  onTick(): void {
    if (this.world.tick % FRAME_EVERY === 0) this.capture();
  }

  private capture(): void {
    const frame = quantize(this.world, this.previous, this.asleep);
    hashFrame(this.hasher, this.world.tick, frame);
    if (this.writer) {
      this.writer.write(this.world.tick - (this.frameCount === 0 ? 0 : this.lastTick));
      frame.forEach((pose, i) => {
        const before = this.previous?.[i];
        const deltas = pose.map((v, j) => v - (before ? before[j]! : 0));
        // A body that has not moved (most items, most of the time) costs one byte.
        if (deltas.every((d) => d === 0)) this.writer!.write(0);
        else {
          this.writer!.write(1);
          for (const d of deltas) this.writer!.write(d);
        }
      });
    }
    this.previous = frame;
    this.lastTick = this.world.tick;
    this.frameCount++;
  }
  private lastTick = 0;

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
      seed,
      tickRate: Math.round(1 / world.physics.timestep),
      frameEvery: FRAME_EVERY,
      bodies: [
        { id: "robot", catalogueId: "robot" },
        ...world.items.map((item) => ({ id: item.id, catalogueId: item.entry.id })),
      ],
      frameCount: this.frameCount,
      frames: toBase64(this.writer.toBytes()),
      events: [...world.events],
      outcome,
      simTime: world.time(),
      final,
    };
    return { trace, replay };
  }
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
  for (const key of ["bodies", "events"] as const) {
    if (!Array.isArray(r[key])) throw new LocalizedError(MSG.replayInvalid, { detail: key });
  }
  for (const key of ["frames", "outcome"] as const) {
    if (typeof r[key] !== "string") throw new LocalizedError(MSG.replayInvalid, { detail: key });
  }
  for (const key of ["frameCount", "seed", "tickRate", "frameEvery", "simTime"] as const) {
    if (typeof r[key] !== "number") throw new LocalizedError(MSG.replayInvalid, { detail: key });
  }
  return r as Replay;
}

/** Decodes a replay's frames and recomputes its trace hash (identical to the recorded run's). */
export function playReplay(input: unknown): { frames: ReplayFrame[]; hash: string } {
  const replay = loadReplay(input);
  const hasher = new Hasher();
  const frames: ReplayFrame[] = [];
  try {
    const reader = new VarintReader(fromBase64(replay.frames));
    let tick = 0;
    let previous: number[][] | null = null;
    for (let f = 0; f < replay.frameCount; f++) {
      tick += reader.read();
      const frame: number[][] = replay.bodies.map((_, i) => {
        const moved = reader.read();
        if (moved !== 0 && moved !== 1) throw new RangeError("bad frame");
        return Array.from(
          { length: FIELDS },
          (_, j) => (moved ? reader.read() : 0) + (previous ? previous[i]![j]! : 0),
        );
      });
      hashFrame(hasher, tick, frame);
      frames.push({
        tick,
        poses: frame.map((p) =>
          p.every((v) => v === 0)
            ? { x: NaN, y: NaN, z: NaN, q: null }
            : {
                x: p[0]! / 100,
                y: p[1]! / 100,
                z: p[2]! / 100,
                q: [p[3]! / 10000, p[4]! / 10000, p[5]! / 10000, p[6]! / 10000],
              },
        ),
      });
      previous = frame;
    }
    if (!reader.done) throw new RangeError("trailing bytes");
  } catch (error) {
    if (error instanceof LocalizedError) throw error;
    throw new LocalizedError(MSG.replayInvalid, { detail: (error as Error).message });
  }
  return { frames, hash: hashEnding(hasher, replay.events, replay.outcome) };
}
