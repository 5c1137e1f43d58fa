/**
 * The Robot API driver a program gets on the twin: `BoardRobot` itself, over real Johnny-Five, for
 * every call; this driver only lets time pass, which on a real robot the wall clock does. As under
 * `SimRobot` (the lockstep contract of `RobotDriver`), the program runs while time stands still;
 * `advance()` steps the twin until one of the program's timed calls has settled; a sensor read
 * costs `SENSOR_READ_COST` of twin time, so a polling loop without `await` sees the board's
 * samples change (a read returns BoardRobot's latest sample, as on the robot).
 */
import {
  SENSOR_READ_COST,
  type ClassifyResult,
  type ColorReading,
  type LineReading,
  type RobotDriver,
  type RobotPart,
} from "../runtime/engine.ts";
import { DT, type RobotFrame } from "../simulator/index.ts";
import { drain, type Twin } from "./twin.ts";

interface Tracked {
  settled: boolean;
}

export interface TwinDriverOptions {
  /** Seconds after which `advance()` lets no more time pass (the run's limit). */
  timeLimit?: number;
  /** The parts the program may use, within the kit's (a challenge's kit); the kit's by default. */
  parts?: readonly RobotPart[];
}

export class TwinDriver implements RobotDriver {
  readonly parts: ReadonlySet<RobotPart>;
  private debt = 0;
  private readonly pending = new Set<Tracked>();
  private readonly timeLimit: number;
  /** The last reading of each sensor the program read (the replay shows them). */
  readonly seen: RobotFrame["seen"] = {};

  constructor(
    readonly twin: Twin,
    options: TwinDriverOptions = {},
  ) {
    const allowed = options.parts;
    this.parts = allowed
      ? new Set([...twin.robot.parts].filter((part) => allowed.includes(part)))
      : twin.robot.parts;
    this.timeLimit = options.timeLimit ?? Infinity;
  }

  private get robot() {
    return this.twin.robot;
  }

  time(): number {
    return this.robot.time() + this.debt;
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    const entry: Tracked = { settled: false };
    this.pending.add(entry);
    const done = () => {
      entry.settled = true;
    };
    promise.then(done, done);
    return promise;
  }

  /** Sensor reads: the twin steps for every whole tick the reads have cost. */
  private spend(): void {
    this.debt += SENSOR_READ_COST;
    while (this.debt >= DT - 1e-12) {
      this.debt -= DT;
      this.twin.step();
    }
  }

  async advance(): Promise<void> {
    // The reactions of what settled since the last look come first.
    await drain();
    while (this.pending.size > 0 && this.time() < this.timeLimit) {
      if (this.sweep()) return;
      this.twin.step();
      await drain();
    }
    this.sweep();
  }

  /** Forgets the settled calls; whether there were any. */
  private sweep(): boolean {
    let any = false;
    for (const entry of this.pending) {
      if (!entry.settled) continue;
      this.pending.delete(entry);
      any = true;
    }
    return any;
  }

  /** Steps the twin `seconds` more with no program (the settling after a run). */
  async runFor(seconds: number): Promise<void> {
    const ticks = Math.round(seconds / DT);
    for (let i = 0; i < ticks; i++) {
      this.twin.step();
      await drain();
    }
  }

  forward(cm: number): Promise<void> {
    return this.track(this.robot.forward(cm));
  }
  turn(degrees: number): Promise<void> {
    return this.track(this.robot.turn(degrees));
  }
  setSpeed(percent: number): void {
    this.robot.setSpeed(percent);
  }
  setMotors(left: number, right: number): void {
    this.robot.setMotors(left, right);
  }
  stop(): void {
    this.robot.stop();
  }

  distance(): number {
    this.spend();
    return (this.seen.distance = this.robot.distance());
  }
  line(): LineReading {
    this.spend();
    return (this.seen.line = this.robot.line());
  }
  color(): ColorReading {
    this.spend();
    const reading = this.robot.color();
    this.seen.color = reading.name;
    return reading;
  }
  heading(): number {
    this.spend();
    return (this.seen.heading = this.robot.heading());
  }
  /** Raw colour counts (the calibration's white reference). */
  rawColor(): [number, number, number, number] {
    return this.robot.rawColor();
  }

  grab(): Promise<boolean> {
    return this.track(this.robot.grab());
  }
  release(): Promise<void> {
    return this.track(this.robot.release());
  }
  classify(): Promise<ClassifyResult> {
    return this.track(this.robot.classify());
  }
  wait(seconds: number): Promise<void> {
    return this.track(this.robot.wait(seconds));
  }

  /** The robot as the replay shows it. */
  frameState(): RobotFrame {
    const { world, shown } = this.twin;
    const robot = world.robot;
    const held = robot.held ? world.items.indexOf(robot.held) + 1 : 0;
    return {
      power: [robot.power[0] * 100, robot.power[1] * 100],
      wheels: [robot.encoders[0], robot.encoders[1]],
      jaw: shown.jaw,
      held,
      seen: { ...this.seen },
    };
  }

  async dispose(): Promise<void> {
    this.pending.clear();
    await this.robot.dispose();
  }
}
