/**
 * A small deterministic `RobotDriver` for tests and tools that need no physics: a point robot on a
 * straight line facing a wall, with a virtual clock advanced in fixed steps. It logs every call
 * with its time, so two runs can be compared call for call.
 */
import {
  ROBOT_PARTS,
  SENSOR_READ_COST,
  type ClassifyResult,
  type ColorReading,
  type LineReading,
  type RobotDriver,
  type RobotPart,
} from "../api/types.ts";

export interface ScriptedDriverOptions {
  /** Distance from the start to the wall, cm (default 100). */
  wallAt?: number;
  /** Parts of this robot (default: all). */
  parts?: readonly RobotPart[];
  /** Speed at 100 %, cm/s (default 40). */
  maxSpeed?: number;
  /** Turn rate at 100 %, degrees/s (default 180). */
  maxTurnRate?: number;
  /** Virtual time step of `advance()`, s (default 0.01). */
  step?: number;
  /** What `grab()` answers, in turn (then false). */
  grabs?: boolean[];
  /** What `classify()` answers, in turn (then "none"). */
  classifications?: ClassifyResult[];
  /** Colour under the robot (default white). */
  color?: ColorReading;
  /** Positions (cm from start) of dark lines across the track, 1 cm wide. */
  lines?: number[];
}

export interface ScriptedDriver extends RobotDriver {
  /** Every call, with the virtual time it was made at: `0.000 forward(20)`. */
  readonly calls: string[];
  /** Distance travelled from the start, cm. */
  position(): number;
  /** Whether dispose() was called. */
  readonly disposed: boolean;
}

/** How long the robot must be blocked before a motion gives up (the Robot API contract). */
const BLOCKED_GIVE_UP = 1;
const GRAB_TIME = 0.5;
const CLASSIFY_TIME = 0.2;
const EPSILON = 1e-9;

interface Timer {
  /** Microseconds. */
  at: number;
  settle: () => void;
}

interface Motion {
  kind: "forward" | "turn";
  remaining: number;
  blockedFor: number;
  resolve: () => void;
}

export function createScriptedDriver(options: ScriptedDriverOptions = {}): ScriptedDriver {
  const wallAt = options.wallAt ?? 100;
  const maxSpeed = options.maxSpeed ?? 40;
  const maxTurnRate = options.maxTurnRate ?? 180;
  const step = options.step ?? 0.01;
  const grabs = [...(options.grabs ?? [])];
  const classifications = [...(options.classifications ?? [])];
  const parts = new Set<RobotPart>(options.parts ?? ROBOT_PARTS);

  // Time is counted in whole microseconds, so sums of steps never drift.
  let micros = 0;
  const us = (seconds: number) => Math.round(seconds * 1e6);
  let now = 0;
  let x = 0;
  let heading = 0;
  let speed = 50;
  let left = 0;
  let right = 0;
  let motion: Motion | undefined;
  let timers: Timer[] = [];
  let disposed = false;
  let settledCount = 0;
  const calls: string[] = [];

  const log = (call: string) => calls.push(`${now.toFixed(3)} ${call}`);
  const round = (n: number) => Math.round(n * 1000) / 1000;

  const endMotion = () => {
    const ending = motion;
    motion = undefined;
    left = right = 0;
    if (ending) {
      settledCount++;
      ending.resolve();
    }
  };

  /** Lets `dt` seconds pass: motors move the robot, timers fire in time order. */
  const run = (seconds: number) => {
    micros += us(seconds);
    const dt = seconds;
    const forwardPower = (left + right) / 2;
    const turnPower = (left - right) / 2;
    const dx = (forwardPower / 100) * maxSpeed * dt;
    const dHeading = (turnPower / 100) * maxTurnRate * dt;
    const free = wallAt - x;
    const moved = Math.min(dx, free);
    x += moved;
    heading = (((heading + dHeading) % 360) + 360) % 360;
    if (motion) {
      const progress = motion.kind === "forward" ? Math.abs(moved) : Math.abs(dHeading);
      motion.remaining -= progress;
      const blocked = motion.kind === "forward" && Math.abs(moved) < Math.abs(dx) - EPSILON;
      motion.blockedFor = blocked ? motion.blockedFor + dt : 0;
      if (motion.remaining <= EPSILON || motion.blockedFor >= BLOCKED_GIVE_UP - EPSILON)
        endMotion();
    }
    now = micros / 1e6;
    if (timers.length === 0) return;
    const due = timers.filter((t) => t.at <= micros);
    timers = timers.filter((t) => t.at > micros);
    settledCount += due.length;
    for (const timer of due) timer.settle();
  };

  const startMotion = (kind: Motion["kind"], amount: number): Promise<void> => {
    endMotion();
    return new Promise<void>((resolve) => {
      if (Math.abs(amount) < EPSILON) return resolve();
      const power = Math.sign(amount) * speed;
      if (kind === "forward") [left, right] = [power, power];
      else [left, right] = [power, -power];
      motion = { kind, remaining: Math.abs(amount), blockedFor: 0, resolve };
    });
  };

  const after = <T>(seconds: number, value: () => T): Promise<T> =>
    new Promise<T>((resolve) =>
      timers.push({ at: micros + us(seconds), settle: () => resolve(value()) }),
    );

  const read = <T>(call: string, value: () => T): T => {
    run(SENSOR_READ_COST);
    log(call);
    return value();
  };

  return {
    parts,
    calls,
    get disposed() {
      return disposed;
    },
    position: () => x,
    time: () => now,
    forward(cm) {
      log(`forward(${cm})`);
      return startMotion("forward", cm);
    },
    turn(degrees) {
      log(`turn(${degrees})`);
      return startMotion("turn", degrees);
    },
    setSpeed(percent) {
      log(`setSpeed(${percent})`);
      speed = percent;
    },
    setMotors(l, r) {
      log(`setMotors(${l}, ${r})`);
      endMotion();
      [left, right] = [l, r];
    },
    stop() {
      log("stop()");
      endMotion();
    },
    distance: () => read("distance()", () => round(Math.max(2, Math.min(400, wallAt - x)))),
    line: (): LineReading => {
      const onLine = (options.lines ?? []).some((at) => Math.abs(at - x) <= 0.5);
      return read("line()", () => ({ left: false, center: onLine, right: false }));
    },
    color: () =>
      read("color()", () => ({ ...(options.color ?? { name: "white", r: 250, g: 250, b: 250 }) })),
    heading: () => read("heading()", () => Math.round(heading) % 360),
    grab() {
      log("grab()");
      return after(GRAB_TIME, () => grabs.shift() ?? false);
    },
    release() {
      log("release()");
      return after(GRAB_TIME, () => undefined);
    },
    classify() {
      log("classify()");
      return after(CLASSIFY_TIME, () => classifications.shift() ?? { kind: "none", confidence: 0 });
    },
    wait(seconds) {
      log(`wait(${seconds})`);
      return after(seconds, () => undefined);
    },
    async advance() {
      // Step until something settles; nothing pending → return at once.
      const hasPending = () => motion !== undefined || timers.length > 0;
      // At most one virtual second per call, so the host can check its time limit.
      const settledBefore = settledCount;
      for (let i = 0; hasPending() && settledCount === settledBefore && i * step < 1; i++)
        run(step);
    },
    dispose() {
      disposed = true;
    },
  };
}
