/**
 * `SimRobot`: the Robot API driver of the simulated robot, in lockstep with the world. The program
 * runs while the world stands still; timed calls start an operation settled in world time; the host
 * calls `advance()` to step the world until one settles; sensor reads cost SENSOR_READ_COST.
 */
import {
  localize,
  LocalizedError,
  PART_NAMES,
  ROBOT_PARTS,
  SENSOR_READ_COST,
} from "../runtime/engine.ts";
import type {
  ClassifyResult,
  ColorReading,
  LineReading,
  RobotDriver,
  RobotPart,
} from "../runtime/engine.ts";
import type { CameraSource, ClassifyItem } from "./camera.ts";
import type { RunControl } from "./control.ts";
import { MSG } from "./messages.ts";
import type { RobotFrame } from "./replay/replay.ts";
import { Sensors } from "./sensors.ts";
import { DT } from "./world/world.ts";
import type { World } from "./world/world.ts";

/** A motion has been blocked this long (ticks: 1 s) when it gives up. */
const BLOCKED_TICKS = 120;
/** Below these, the robot counts as not moving (cm/s, rad/s). */
const STILL_SPEED = 0.5;
const STILL_TURN = 0.03;
/** Simulated seconds `classify()` takes (taking the picture and running the model). */
export const CLASSIFY_SECONDS = 0.15;
const DEFAULT_SPEED = 50;

export interface SimRobotOptions {
  /** The parts this robot has; all by default. */
  parts?: Iterable<RobotPart>;
  /**
   * The camera's pictures and what names the waste in them (the classifier's image bank and model:
   * `challenges/camera.ts` wires them for a challenge). There is no default: without them,
   * `classify()` fails with a message saying so, never a made-up answer.
   */
  camera?: CameraSource;
  classifyItem?: ClassifyItem;
  /** Simulated seconds after which `advance()` lets no more time pass (the run's limit). */
  timeLimit?: number;
  /** Stop, pause, step and pace from outside (the app); consulted before every tick. */
  runControl?: RunControl;
}

interface Op {
  /** Called after each tick; returns true when the operation has settled (and resolved). */
  poll(): boolean;
  done?: boolean;
}

interface Motion {
  kind: "forward" | "turn";
  goal: number;
  startEncoders: [number, number];
  startYaw: number;
  blockedTicks: number;
  /** Ticks since the motion started. */
  age: number;
  resolve: () => void;
}

export class SimRobot implements RobotDriver {
  readonly parts: ReadonlySet<RobotPart>;
  readonly sensors: Sensors;
  private speedPercent = DEFAULT_SPEED;
  /** Simulated seconds owed by sensor reads, not yet stepped (always below one tick). */
  private debt = 0;
  private ops: Op[] = [];
  private motion: Motion | null = null;
  /** Work done outside the world that an operation waits for (classification). */
  private readonly outside = new Set<Promise<void>>();
  private readonly camera: CameraSource | undefined;
  private readonly classifyItem: ClassifyItem | undefined;
  private readonly timeLimit: number;
  private readonly runControl: RunControl | undefined;
  /** The jaws, for the view: 0 open … 1 closed, moving toward `jawGoal` at the kit's speed. */
  private jaw = 0;
  private jawGoal = 0;
  /** The last reading each sensor gave the program, for the view. */
  private readonly seen: RobotFrame["seen"] = {};

  constructor(
    readonly world: World,
    options: SimRobotOptions = {},
  ) {
    this.parts = new Set(options.parts ?? ROBOT_PARTS);
    this.sensors = new Sensors(world);
    this.camera = options.camera;
    this.classifyItem = options.classifyItem;
    this.timeLimit = options.timeLimit ?? Infinity;
    this.runControl = options.runControl;
  }

  time(): number {
    return this.world.time() + this.debt;
  }

  private need(part: RobotPart, call: string): void {
    if (!this.parts.has(part)) {
      throw new LocalizedError(localize(MSG.missingPart, { part: PART_NAMES[part], call }));
    }
  }

  private finite(call: string, arg: string, value: number): number {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new LocalizedError(MSG.badNumber, { call, arg, value: String(value) });
    }
    return value;
  }

  /** What the robot is doing and last sensed, for the view and the replay (never for physics). */
  frameState(): RobotFrame {
    const robot = this.world.robot;
    const held = robot.held ? this.world.items.indexOf(robot.held) + 1 : 0;
    return {
      power: [robot.power[0] * 100, robot.power[1] * 100],
      wheels: [robot.encoders[0], robot.encoders[1]],
      jaw: held > 0 ? 1 : this.jaw,
      held,
      seen: { ...this.seen },
    };
  }

  /** One tick: the motion controller, the world, then the operations that may settle. */
  private tick(): boolean {
    this.control();
    this.world.step();
    if (this.jaw !== this.jawGoal) {
      const rate = DT / Math.max(DT, this.world.kit.gripper.closeSeconds);
      this.jaw =
        this.jawGoal > this.jaw ? Math.min(1, this.jaw + rate) : Math.max(0, this.jaw - rate);
    }
    let settled = false;
    for (const op of this.ops) {
      if (op.poll()) {
        op.done = true;
        settled = true;
      }
    }
    // A new array only on the rare ticks where something settles.
    if (settled) this.ops = this.ops.filter((op) => !op.done);
    return settled;
  }

  /** Sensor reads: steps the world for every whole tick the reads have cost. */
  private spend(seconds: number): void {
    this.debt += seconds;
    while (this.debt >= DT - 1e-12) {
      this.runControl?.beforeTickSync(this.world.time());
      this.debt -= DT;
      this.tick();
    }
  }

  async advance(): Promise<void> {
    while (this.ops.length > 0 && this.time() < this.timeLimit) {
      const waiting = this.runControl?.beforeTick(this.time());
      if (waiting) await waiting;
      // Work outside the world (a classifier model) finishes before world time moves on.
      if (this.outside.size > 0) await Promise.all(this.outside);
      if (this.tick()) return;
    }
  }

  /** Whether an operation is waiting for time to pass. */
  get busy(): boolean {
    return this.ops.length > 0;
  }

  /** Lets the world run `seconds` more with no program (the settling after a run). */
  async runFor(seconds: number): Promise<void> {
    const ticks = Math.round(seconds / DT);
    for (let i = 0; i < ticks; i++) {
      const waiting = this.runControl?.beforeTick(this.time());
      if (waiting) await waiting;
      if (this.outside.size > 0) await Promise.all(this.outside);
      this.tick();
    }
  }

  // --- motion ---------------------------------------------------------------------------------

  private endMotion(): void {
    const motion = this.motion;
    this.motion = null;
    if (motion) motion.resolve();
  }

  private startMotion(kind: Motion["kind"], goal: number): Promise<void> {
    this.endMotion();
    const robot = this.world.robot;
    return new Promise<void>((resolve) => {
      const motion: Motion = {
        kind,
        goal,
        startEncoders: [robot.encoders[0], robot.encoders[1]],
        startYaw: robot.yaw,
        blockedTicks: 0,
        age: 0,
        resolve,
      };
      this.motion = motion;
      this.ops.push({ poll: () => this.motion !== motion });
    });
  }

  forward(cm: number): Promise<void> {
    this.need("motors", "forward");
    this.finite("forward", "cm", cm);
    if (cm === 0) return Promise.resolve();
    return this.startMotion("forward", cm);
  }

  turn(degrees: number): Promise<void> {
    this.need("motors", "turn");
    this.finite("turn", "degrees", degrees);
    if (degrees === 0) return Promise.resolve();
    return this.startMotion("turn", degrees);
  }

  setSpeed(percent: number): void {
    this.need("motors", "setSpeed");
    this.finite("setSpeed", "percent", percent);
    this.speedPercent = Math.max(1, Math.min(100, percent));
  }

  setMotors(left: number, right: number): void {
    this.need("motors", "setMotors");
    this.finite("setMotors", "left", left);
    this.finite("setMotors", "right", right);
    this.endMotion();
    const robot = this.world.robot;
    robot.target[0] = Math.max(-100, Math.min(100, left)) / 100;
    robot.target[1] = Math.max(-100, Math.min(100, right)) / 100;
  }

  stop(): void {
    this.need("motors", "stop");
    this.endMotion();
    this.world.robot.target[0] = 0;
    this.world.robot.target[1] = 0;
  }

  /** The motion controller: a speed profile that brakes in time, on encoders (forward) or gyro (turn). */
  private control(): void {
    const motion = this.motion;
    if (!motion) return;
    const { robot, kit } = this.world;
    const vmax = (this.speedPercent / 100) * kit.maxWheelSpeed;
    const brake = kit.maxAcceleration * 0.7;
    const dl = robot.encoders[0] - motion.startEncoders[0];
    const dr = robot.encoders[1] - motion.startEncoders[1];
    const { turnRate, along } = robot.motion();
    let remaining: number;
    let measured: number;
    if (motion.kind === "forward") {
      remaining = motion.goal - (dl + dr) / 2;
      measured = along;
    } else {
      // Clockwise degrees still to turn, as wheel arc length.
      const turned = (-(robot.yaw - motion.startYaw) * 180) / Math.PI;
      remaining = (((motion.goal - turned) * Math.PI) / 180) * (kit.wheelbase / 2);
      measured = (-turnRate * kit.wheelbase) / 2;
    }
    const wanted =
      Math.sign(remaining) *
      Math.min(vmax, Math.sqrt(2 * brake * Math.abs(remaining)), 6 * Math.abs(remaining));
    const done =
      motion.kind === "forward"
        ? Math.abs(remaining) < 0.3 && Math.abs(measured) < 1.5
        : Math.abs(remaining) < 0.05 && Math.abs(measured) < 0.6;
    if (done) {
      robot.target[0] = 0;
      robot.target[1] = 0;
      this.endMotion();
      return;
    }
    const u = (wanted + 0.8 * (wanted - measured)) / kit.maxWheelSpeed;
    if (motion.kind === "forward") {
      const steer = 0.05 * (dl - dr);
      robot.target[0] = Math.max(-1, Math.min(1, u - steer));
      robot.target[1] = Math.max(-1, Math.min(1, u + steer));
    } else {
      robot.target[0] = Math.max(-1, Math.min(1, u));
      robot.target[1] = Math.max(-1, Math.min(1, -u));
    }
    // Blocked: still over the last quarter second (less than STILL_SPEED and STILL_TURN), or,
    // pushing and bouncing against something, a tenth of the asked speed over the last second.
    const quarter = robot.progress(BLOCKED_TICKS / 4);
    const still =
      quarter !== null && quarter.moved < STILL_SPEED / 4 && quarter.turned < STILL_TURN / 4;
    const second = motion.age >= BLOCKED_TICKS ? robot.progress(BLOCKED_TICKS) : null;
    const asked = vmax * (BLOCKED_TICKS * DT);
    const bouncing =
      second !== null &&
      (motion.kind === "forward"
        ? second.moved < asked / 10
        : (second.turned * kit.wheelbase) / 2 < asked / 10);
    const airborne = !robot.grounded[0] && !robot.grounded[1];
    motion.age++;
    if (bouncing) motion.blockedTicks = BLOCKED_TICKS;
    else motion.blockedTicks = still || airborne ? motion.blockedTicks + 1 : 0;
    if (motion.blockedTicks >= BLOCKED_TICKS) {
      robot.target[0] = 0;
      robot.target[1] = 0;
      this.endMotion();
    }
  }

  // --- sensors --------------------------------------------------------------------------------

  distance(): number {
    this.need("ultrasonic", "distance");
    this.spend(SENSOR_READ_COST);
    return (this.seen.distance = this.sensors.distance());
  }

  line(): LineReading {
    this.need("lineSensors", "line");
    this.spend(SENSOR_READ_COST);
    return (this.seen.line = this.sensors.line());
  }

  color(): ColorReading {
    this.need("colorSensor", "color");
    this.spend(SENSOR_READ_COST);
    const reading = this.sensors.color();
    this.seen.color = reading.name;
    return reading;
  }

  heading(): number {
    this.need("gyro", "heading");
    this.spend(SENSOR_READ_COST);
    return (this.seen.heading = this.sensors.heading());
  }

  /** The front bumper switch; not part of the Robot API (no kit part for it yet). */
  bumper(): boolean {
    this.spend(SENSOR_READ_COST);
    return this.sensors.bumper();
  }

  /** Encoder distances (cm) of the left and right wheels since the start; not part of the API. */
  encoders(): [number, number] {
    return [this.world.robot.encoders[0], this.world.robot.encoders[1]];
  }

  // --- timed operations -----------------------------------------------------------------------

  /** Settles `ticks` ticks from now (and once `ready()`), resolving with `finish()`. */
  private after<T>(ticks: number, finish: () => T, ready: () => boolean = () => true): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let left = Math.max(1, ticks);
      this.ops.push({
        poll: () => {
          left--;
          if (left > 0 || !ready()) return false;
          try {
            resolve(finish());
          } catch (error) {
            reject(error);
          }
          return true;
        },
      });
    });
  }

  wait(seconds: number): Promise<void> {
    this.finite("wait", "seconds", seconds);
    if (seconds <= 0) return Promise.resolve();
    return this.after(Math.round(seconds / DT), () => undefined);
  }

  grab(): Promise<boolean> {
    this.need("gripper", "grab");
    const robot = this.world.robot;
    if (robot.held) return Promise.resolve(true);
    this.jawGoal = 1;
    return this.after(Math.round(this.world.kit.gripper.closeSeconds / DT), () => {
      if (robot.held) return true;
      const item = robot.itemInJaws();
      if (!item) {
        // Nothing between the jaws: they open again.
        this.jawGoal = 0;
        return false;
      }
      robot.hold(item);
      this.world.emit({ type: "itemGrabbed", time: this.world.time(), itemId: item.id });
      return true;
    });
  }

  release(): Promise<void> {
    this.need("gripper", "release");
    const robot = this.world.robot;
    this.jawGoal = 0;
    if (robot.held) this.jaw = 1;
    return this.after(Math.round(this.world.kit.gripper.closeSeconds / DT), () => {
      const item = robot.letGo();
      if (item) this.world.emit({ type: "itemReleased", time: this.world.time(), itemId: item.id });
    });
  }

  classify(): Promise<ClassifyResult> {
    this.need("camera", "classify");
    const { camera, classifyItem } = this;
    if (!camera || !classifyItem) throw new LocalizedError(MSG.noClassifier, { call: "classify" });
    const robot = this.world.robot;
    const item = robot.held ?? robot.itemInJaws();
    const image = camera.imageOf(item?.entry ?? null, this.world.random);
    let outcome: { value: ClassifyResult } | { error: unknown } | undefined;
    const work: Promise<void> = Promise.resolve()
      .then(() => classifyItem(image))
      .then(
        (value) => void (outcome = { value }),
        (error: unknown) => void (outcome = { error }),
      )
      .finally(() => this.outside.delete(work));
    this.outside.add(work);
    return this.after(
      Math.round(CLASSIFY_SECONDS / DT),
      () => {
        if (outcome && "error" in outcome) throw outcome.error;
        return outcome!.value;
      },
      () => outcome !== undefined,
    );
  }

  dispose(): void {
    this.endMotion();
    this.ops = [];
  }
}
