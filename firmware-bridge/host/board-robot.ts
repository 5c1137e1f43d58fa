/**
 * `BoardRobot`: the Robot API on a real (or emulated) robot kit, over a `BoardConnection`.
 *
 * Time is the wall clock: `forward(cm)` and `turn(deg)` run the motors for the time the robot's
 * calibration gives, then stop, and settle once the robot has braked to rest. The kit has no gyroscope: `heading()` integrates the turns the
 * robot was told to make (and the estimated turn rate of `setMotors` differences), so it drifts
 * with wheel slip. Sensor reads return the latest sample the board sent. A lost link rejects every
 * pending operation and every later call with the link's localized reason.
 */
import type { KitProfile } from "../../boards/index.ts";
import {
  localize,
  LocalizedError,
  PART_NAMES,
  type ClassifyResult,
  type ColorReading,
  type LineReading,
  type Localized,
  type RobotDriver,
  type RobotPart,
} from "../../runtime/engine.ts";
import { ratesAt, type Calibration } from "./calibration.ts";
import { colorReading } from "./color.ts";
import type { BoardConnection } from "./connection.ts";
import { HOST_MESSAGES } from "./messages.ts";

/**
 * The parts a kit profile gives a robot. No kit has a camera. No kit has a gyroscope either, but
 * a robot with motors reports "gyro" so that heading() works: its heading is dead reckoning from
 * the turns it was told to make (see `BoardRobot.heading`), not a measurement.
 */
export function kitParts(kit: KitProfile): Set<RobotPart> {
  const parts = new Set<RobotPart>();
  if (kit.motors) parts.add("motors");
  if (kit.motors) parts.add("gyro");
  if (kit.ultrasonic) parts.add("ultrasonic");
  if (kit.lineSensors) parts.add("lineSensors");
  if (kit.colorSensor) parts.add("colorSensor");
  if (kit.gripper) parts.add("gripper");
  return parts;
}

/** The error for a call that needs a part the kit does not have. */
export function missingPartError(
  part: RobotPart,
  call: string,
  kitName: Localized,
): LocalizedError {
  const message = localize(HOST_MESSAGES.missingPart, {
    part: PART_NAMES[part],
    kit: kitName,
  });
  return new LocalizedError(message, { call });
}

/** Argument checks shared by BoardRobot and the worker-side driver. */
export function checkFinite(value: unknown, call: string): number {
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new LocalizedError(HOST_MESSAGES.badNumber, { call, value: String(value) });
  return value;
}

export function checkSpeed(percent: unknown): number {
  if (typeof percent !== "number" || !(percent >= 1 && percent <= 100))
    throw new LocalizedError(HOST_MESSAGES.badSpeed, { value: String(percent) });
  return percent;
}

export function checkPower(value: unknown): number {
  if (typeof value !== "number" || !(value >= -100 && value <= 100))
    throw new LocalizedError(HOST_MESSAGES.badPower, { value: String(value) });
  return value;
}

interface Operation {
  promise: Promise<void>;
  settled: boolean;
  finish(): void;
  fail(error: Error): void;
  timer: ReturnType<typeof setTimeout> | null;
}

interface Motion {
  op: Operation;
  /** Heading change the whole motion makes, and its duration: for a cancelled turn. */
  degrees: number;
  seconds: number;
  started: number;
  /** Stops the motors at the end of the drive time; the motion then settles once at rest. */
  brake: ReturnType<typeof setTimeout> | null;
}

export interface BoardRobotOptions {
  calibration: Calibration;
  /** Robot API distance when the sensor hears no echo. */
  maxDistanceCm?: number;
}

export class BoardRobot implements RobotDriver {
  readonly parts: ReadonlySet<RobotPart>;
  private readonly start = performance.now();
  private speed = 50;
  private pending = new Set<Operation>();
  private motion: Motion | null = null;
  private headingDeg = 0;
  /** setMotors' powers and since when, to integrate the heading. */
  private manual: { left: number; right: number; since: number } | null = null;
  private failure: LocalizedError | null = null;
  private disposed = false;
  private readonly onLost = (reason: LocalizedError) => this.fail(reason);

  constructor(
    readonly connection: BoardConnection,
    private readonly options: BoardRobotOptions,
  ) {
    this.parts = kitParts(connection.kit);
    connection.on("lost", this.onLost);
    if (connection.state === "lost" && connection.lostReason) this.failure = connection.lostReason;
  }

  time(): number {
    return (performance.now() - this.start) / 1000;
  }

  // ---- checks ----

  private usable(): void {
    if (this.disposed) throw new LocalizedError(HOST_MESSAGES.disposed);
    if (this.failure) throw this.failure;
    if (this.connection.state !== "ready" || !this.connection.hardware)
      throw this.connection.lostReason ?? new LocalizedError(HOST_MESSAGES.notConnected);
  }

  private need(part: RobotPart, call: string): void {
    this.usable();
    if (!this.parts.has(part)) throw missingPartError(part, call, this.connection.kit.name);
    const reason = this.connection.hardware!.unavailable.get(part);
    if (reason) throw reason;
  }

  // ---- operations ----

  private operation(seconds: number, onDone: () => void = () => {}): Operation {
    let finish!: () => void;
    let fail!: (error: Error) => void;
    const promise = new Promise<void>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    // A pupil may start a motion without awaiting it: its failure must not crash the host.
    promise.catch(() => {});
    const op: Operation = {
      promise,
      settled: false,
      timer: null,
      finish: () => {
        if (op.settled) return;
        op.settled = true;
        if (op.timer) clearTimeout(op.timer);
        this.pending.delete(op);
        finish();
      },
      fail: (error) => {
        if (op.settled) return;
        op.settled = true;
        if (op.timer) clearTimeout(op.timer);
        this.pending.delete(op);
        fail(error);
      },
    };
    op.timer = setTimeout(() => {
      if (op.settled) return;
      try {
        onDone();
        op.finish();
      } catch (error) {
        op.fail(error as Error);
      }
    }, seconds * 1000);
    this.pending.add(op);
    return op;
  }

  private drive(left: number, right: number): void {
    const hw = this.connection.hardware!;
    hw.left?.set(left);
    hw.right?.set(right);
  }

  /** Ends the running motion (or setMotors drive), keeping the heading it reached. */
  private endMotion(): void {
    this.integrateManual();
    this.manual = null;
    const motion = this.motion;
    if (!motion) return;
    this.motion = null;
    if (motion.brake) clearTimeout(motion.brake);
    const elapsed = Math.min(motion.seconds, (performance.now() - motion.started) / 1000);
    if (!motion.op.settled) {
      this.headingDeg += motion.seconds > 0 ? (motion.degrees * elapsed) / motion.seconds : 0;
      motion.op.finish();
    }
  }

  /**
   * Seconds the robot takes to come to rest once its motors are off: twice its speed over the
   * kit's acceleration (the power falls in v/a, the wheels follow about as long again: on the
   * twin at 50 %, 4° of a turn were still to come after v/a, under 1° after twice that). A
   * timed motion settles only then, so the next one starts from rest, as the calibration
   * measured it; without this wait a turn right after a drive spent its short calibrated time
   * reversing a wheel that still rolled forward.
   */
  private restSeconds(): number {
    const { cmPerSecond } = ratesAt(this.options.calibration, this.speed);
    return (2 * cmPerSecond) / this.connection.kit.geometry.maxAcceleration;
  }

  private startMotion(
    left: number,
    right: number,
    seconds: number,
    degrees: number,
  ): Promise<void> {
    this.endMotion();
    const motion: Motion = {
      op: null as unknown as Operation,
      degrees,
      seconds,
      started: performance.now(),
      brake: null,
    };
    const rest = seconds > 0 ? this.restSeconds() : 0;
    motion.op = this.operation(seconds + rest, () => {
      if (this.motion === motion) {
        this.motion = null;
        this.headingDeg += degrees;
      }
    });
    this.motion = motion;
    if (seconds > 0) {
      this.drive(left, right);
      motion.brake = setTimeout(() => {
        motion.brake = null;
        if (this.motion === motion && this.connection.state === "ready") this.drive(0, 0);
      }, seconds * 1000);
    }
    return motion.op.promise;
  }

  /**
   * How long to drive the motors to cover `amount` (cm, or degrees) at `rate` per second. A
   * motion long enough to reach full speed loses at the start what it coasts at the end, and
   * takes amount / rate, as the calibration measured; a short one never reaches full speed
   * (the kit's `maxAcceleration`, `acceleration` here in the same unit per s²): accelerating
   * for T then braking covers acceleration · T², so T = √(amount / acceleration).
   */
  private driveSeconds(amount: number, rate: number, acceleration: number): number {
    if (amount >= (rate * rate) / acceleration) return amount / rate;
    return Math.sqrt(amount / acceleration);
  }

  forward(cm: number): Promise<void> {
    this.need("motors", "forward");
    checkFinite(cm, "forward");
    const { cmPerSecond } = ratesAt(this.options.calibration, this.speed);
    const sign = Math.sign(cm);
    const acceleration = this.connection.kit.geometry.maxAcceleration;
    const seconds = this.driveSeconds(Math.abs(cm), cmPerSecond, acceleration);
    return this.startMotion(sign * this.speed, sign * this.speed, seconds, 0);
  }

  turn(degrees: number): Promise<void> {
    this.need("motors", "turn");
    checkFinite(degrees, "turn");
    const { degreesPerSecond } = ratesAt(this.options.calibration, this.speed);
    const sign = Math.sign(degrees);
    // Each wheel's rim accelerates at maxAcceleration; on the spot, that turns the robot at
    // maxAcceleration / (wheelbase / 2) rad/s².
    const { maxAcceleration, wheelbase } = this.connection.kit.geometry;
    const acceleration = ((maxAcceleration / (wheelbase / 2)) * 180) / Math.PI;
    const seconds = this.driveSeconds(Math.abs(degrees), degreesPerSecond, acceleration);
    return this.startMotion(sign * this.speed, -sign * this.speed, seconds, degrees);
  }

  setSpeed(percent: number): void {
    this.usable();
    this.speed = checkSpeed(percent);
  }

  setMotors(left: number, right: number): void {
    this.need("motors", "setMotors");
    checkPower(left);
    checkPower(right);
    this.endMotion();
    this.drive(left, right);
    this.manual = { left, right, since: performance.now() };
  }

  stop(): void {
    this.need("motors", "stop");
    this.endMotion();
    this.drive(0, 0);
  }

  /** Heading change of a setMotors drive: the turn rate scales with the power difference. */
  private integrateManual(): void {
    const m = this.manual;
    if (!m) return;
    const now = performance.now();
    const { degreesPerSecond } = ratesAt(this.options.calibration, 1);
    // Spinning on the spot at ±p is p * (°/s at 1 %); in general the rate follows (left-right)/2.
    this.headingDeg += (((m.left - m.right) / 2) * degreesPerSecond * (now - m.since)) / 1000;
    m.since = now;
  }

  // ---- sensors ----

  distance(): number {
    this.need("ultrasonic", "distance");
    const cm = this.connection.samples.distanceCm;
    const max = this.options.maxDistanceCm ?? 400;
    if (!Number.isFinite(cm) || cm <= 0 || cm > max) return max;
    return Math.max(2, Math.round(cm * 10) / 10);
  }

  line(): LineReading {
    this.need("lineSensors", "line");
    const ls = this.connection.kit.lineSensors!;
    const [l, c, r] = this.connection.samples.line;
    const dark = (raw: number) => {
      const high = ls.mode === "analog" ? raw >= ls.threshold : raw === 1;
      return ls.darkIsHigh ? high : !high;
    };
    return { left: dark(l), center: dark(c), right: dark(r) };
  }

  color(): ColorReading {
    this.need("colorSensor", "color");
    return colorReading(this.connection.samples.rgbc, this.options.calibration.white);
  }

  /** Raw TCS34725 counts (calibration of the white reference). */
  rawColor(): [number, number, number, number] {
    this.need("colorSensor", "color");
    return [...this.connection.samples.rgbc];
  }

  heading(): number {
    this.usable();
    this.integrateManual();
    let h = this.headingDeg;
    const motion = this.motion;
    if (motion && motion.seconds > 0) {
      const elapsed = Math.min(motion.seconds, (performance.now() - motion.started) / 1000);
      h += (motion.degrees * elapsed) / motion.seconds;
    }
    return ((h % 360) + 360) % 360;
  }

  // ---- gripper, camera, time ----

  /**
   * Closes the jaws. Whether something is held is read from the ultrasonic sensor: an object
   * between the jaws is closer than the gripper's hold point. Without an ultrasonic sensor the
   * kit cannot tell, and grab() reports true.
   */
  async grab(): Promise<boolean> {
    this.need("gripper", "grab");
    const kit = this.connection.kit;
    this.connection.hardware!.gripper!.to(kit.gripper!.closedDegrees);
    await this.operation(kit.geometry.gripper.closeSeconds).promise;
    if (!this.parts.has("ultrasonic") || this.connection.hardware?.unavailable.has("ultrasonic"))
      return true;
    const reach =
      kit.geometry.gripper.holdPoint.x -
      kit.geometry.ultrasonic.x +
      kit.geometry.gripper.openWidth / 2;
    return this.distance() <= reach;
  }

  async release(): Promise<void> {
    this.need("gripper", "release");
    const kit = this.connection.kit;
    this.connection.hardware!.gripper!.to(kit.gripper!.openDegrees);
    await this.operation(kit.geometry.gripper.closeSeconds).promise;
  }

  async classify(): Promise<ClassifyResult> {
    this.need("camera", "classify");
    throw new Error("unreachable: no kit has a camera");
  }

  wait(seconds: number): Promise<void> {
    this.usable();
    checkFinite(seconds, "wait");
    return this.operation(Math.max(0, seconds)).promise;
  }

  async advance(): Promise<void> {
    if (this.pending.size === 0) return;
    const settled = [...this.pending].map((op) =>
      op.promise.then(
        () => undefined,
        () => undefined,
      ),
    );
    await Promise.race(settled);
  }

  /** The link was lost: every pending operation fails with its reason. */
  private fail(reason: LocalizedError): void {
    this.failure = reason;
    this.motion = null;
    this.manual = null;
    for (const op of [...this.pending]) op.fail(reason);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.connection.off("lost", this.onLost);
    this.motion = null;
    this.manual = null;
    for (const op of [...this.pending]) op.finish();
    if (this.connection.state === "ready" && this.connection.hardware) this.drive(0, 0);
    this.disposed = true;
  }
}
